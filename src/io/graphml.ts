/**
 * GraphML (yEd, Gephi, NetworkX, igraph, Cytoscape).
 *
 * Export: a directed graph; node attributes label (the name), title, department, seniority (level
 * name), influence, interest, stance, tags (";"-separated), notes, email, cadence_days,
 * next_follow_up, and x / y (top-left corner, as NetworkX and Gephi read them); edge attributes
 * kind, strength (1-3), weight (= strength, for tools that only know weights), mutual (boolean)
 * and note. Graph data: name, creator, the level names (JSON list) and the leadership level.
 *
 * Import: keys are matched by attr.name; yEd's node graphics give the label and position; nested
 * graphs (yEd groups) are flattened; hyperedges are not supported. See graph-import.ts for how
 * attributes become fields.
 */
import type { MapDocument } from '../domain/types';
import { CREATOR, EDGE_ATTRS, NODE_ATTRS, positionOf } from './graph-attributes';
import type { AttrType } from './graph-attributes';
import { graphToDocument } from './graph-import';
import type { RawEdge, RawGraph, RawNode } from './graph-import';
import { escapeXmlAttr, plural, toNumber } from './text';
import { attr, children, child, findDeep, parseXml, textOf } from './xml';
import type { XmlElement, XmlEvents, XmlHandOver, XmlParse } from './xml';
import { emptyRecord } from '../domain/records';

export function exportGraphml(doc: MapDocument): string {
  const e = escapeXmlAttr;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  const key = (id: string, target: string, name: string, type: AttrType) => out.push(`  <key id="${id}" for="${target}" attr.name="${name}" attr.type="${type}"/>`);
  key('g_name', 'graph', 'name', 'string');
  key('g_creator', 'graph', 'creator', 'string');
  key('g_levels', 'graph', 'levels', 'string');
  key('g_leadership', 'graph', 'leadership_level', 'int');
  for (const a of NODE_ATTRS) key(`n_${a.name}`, 'node', a.name, a.type);
  key('n_x', 'node', 'x', 'double');
  key('n_y', 'node', 'y', 'double');
  for (const a of EDGE_ATTRS) key(`e_${a.name}`, 'edge', a.name, a.type);
  key('e_weight', 'edge', 'weight', 'double');
  out.push('  <graph id="G" edgedefault="directed">');
  const settings = doc.map.settings;
  out.push(`    <data key="g_name">${e(doc.map.name)}</data>`);
  out.push(`    <data key="g_creator">${CREATOR}</data>`);
  out.push(`    <data key="g_levels">${e(JSON.stringify(settings.levels))}</data>`);
  out.push(`    <data key="g_leadership">${settings.leadershipLevel}</data>`);
  for (const s of Object.values(doc.stakeholders)) {
    const parts = [`    <node id="${e(s.id)}">`];
    for (const a of NODE_ATTRS) {
      const v = a.value(s, settings);
      if (v !== null && v !== '') parts.push(`<data key="n_${a.name}">${e(String(v))}</data>`);
    }
    const pos = positionOf(s);
    parts.push(`<data key="n_x">${pos.x}</data><data key="n_y">${pos.y}</data></node>`);
    out.push(parts.join(''));
  }
  for (const t of Object.values(doc.ties)) {
    const parts = [`    <edge id="${e(t.id)}" source="${e(t.source)}" target="${e(t.target)}">`];
    for (const a of EDGE_ATTRS) {
      const v = a.value(t, settings);
      if (v !== null && v !== '') parts.push(`<data key="e_${a.name}">${e(String(v))}</data>`);
    }
    parts.push(`<data key="e_weight">${t.strength}</data></edge>`);
    out.push(parts.join(''));
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return `${out.join('\n')}\n`;
}

interface KeyDef {
  name: string;
  target: string;
  graphics: boolean;
  fallback: string | null;
}

export type GraphImportResult = { ok: true; doc: MapDocument; problems: string[]; skipped: number } | { ok: false; error: string };

export function importGraphml(text: string, options: { mapName?: string; now?: number } = {}): GraphImportResult {
  const collector = new GraphmlCollector();
  return collector.result(parseXml(text, { handOver: collector.handOver }), options);
}

/** A <data> element as read: its key, its text, and for yEd's graphics the first Geometry and label inside it. */
interface DataRead {
  key: string;
  text: string;
  /** x and y of the first <Geometry> inside, when there is one. */
  geometry: [string | null, string | null] | null;
  /** Text of the first <NodeLabel> inside, else of the first <EdgeLabel>; null when neither is there. */
  label: string | null;
}

interface NodeRead {
  id: string;
  data: DataRead[];
  /** Graphs nested in the node (yEd groups), flattened into the map. */
  graphs: GraphRead[];
}

interface EdgeRead {
  id: string | null;
  source: string;
  target: string;
  directed: string | null;
  data: DataRead[];
}

interface GraphRead {
  nodes: NodeRead[];
  edges: EdgeRead[];
  hyperedges: number;
}

const newGraph = (): GraphRead => ({ nodes: [], edges: [], hyperedges: 0 });

/** findDeep looks this far below a <data> element for yEd's Geometry and labels. */
const GRAPHICS_DEPTH = 21;

/**
 * The streaming builder for GraphML, the same design as GEXF's (gexf.ts): pass `handOver` to the
 * XmlReader and each top-level <node>, <edge> and <hyperedge> of a graph, with everything inside
 * it (data, yEd graphics, nested graphs), is read into small records from the reader's events; no
 * XML objects are made for them. The keys and the graph's own data stay in the tree. A document
 * read without `handOver` gives the same map.
 */
export class GraphmlCollector {
  /** By the <graph> element they were read in (only the first graph is imported). */
  private readonly graphs = new Map<XmlElement, GraphRead>();
  /** What each open element is, by depth below the handed-over element (set by index: deeper entries are stale). */
  private readonly open: ({ node: NodeRead } | { edge: EdgeRead } | { graph: GraphRead } | { data: DataRead; depth: number } | null)[] = [];
  /** The <data> being read and the depth it sits at, or null. */
  private data: { read: DataRead; depth: number; nodeLabel: string | null; edgeLabel: string | null; labelAt: number } | null = null;

  private readonly events: XmlEvents = {
    open: (name, attributes, count, depth, ancestors) => {
      const value = (attr: string): string | null => {
        let found: string | null = null;
        for (let k = 0; k < count; k += 2) if (attributes[k] === attr) found = attributes[k + 1];
        return found;
      };
      const open = this.open;
      const data = this.data;
      if (data) {
        // Inside a <data>: only yEd's graphics are looked at.
        if (depth - data.depth <= GRAPHICS_DEPTH) {
          if (name === 'Geometry' && !data.read.geometry) data.read.geometry = [value('x'), value('y')];
        }
        open[depth] = null;
        return;
      }
      let graph: GraphRead | null = null;
      if (depth === 0) {
        const element = ancestors[1];
        graph = this.graphs.get(element) ?? null;
        if (!graph) this.graphs.set(element, (graph = newGraph()));
      } else {
        const parent = open[depth - 1];
        if (parent && 'graph' in parent) graph = parent.graph;
        else if (parent && ('node' in parent || 'edge' in parent) && name === 'data') {
          const read: DataRead = { key: value('key') ?? '', text: '', geometry: null, label: null };
          ('node' in parent ? parent.node : parent.edge).data.push(read);
          this.data = { read, depth, nodeLabel: null, edgeLabel: null, labelAt: -1 };
          open[depth] = { data: read, depth };
          return;
        } else if (parent && 'node' in parent && name === 'graph') {
          const inner = newGraph();
          parent.node.graphs.push(inner);
          open[depth] = { graph: inner };
          return;
        }
      }
      if (graph && name === 'node') {
        const node: NodeRead = { id: value('id') ?? '', data: [], graphs: [] };
        graph.nodes.push(node);
        open[depth] = { node };
      } else if (graph && name === 'edge') {
        const edge: EdgeRead = { id: value('id'), source: value('source') ?? '', target: value('target') ?? '', directed: value('directed'), data: [] };
        graph.edges.push(edge);
        open[depth] = { edge };
      } else {
        if (graph && name === 'hyperedge') graph.hyperedges++;
        open[depth] = null;
      }
    },
    close: (name, depth, text) => {
      const data = this.data;
      if (!data) return;
      if (depth === data.depth) {
        data.read.text = text;
        data.read.label = data.nodeLabel ?? data.edgeLabel;
        this.data = null;
      } else if (depth - data.depth <= GRAPHICS_DEPTH) {
        if (name === 'NodeLabel' && data.nodeLabel === null) data.nodeLabel = text;
        else if (name === 'EdgeLabel' && data.edgeLabel === null) data.edgeLabel = text;
      }
    },
  };

  readonly handOver: Record<string, XmlHandOver> = {
    node: { within: ['graphml', 'graph'], events: this.events },
    edge: { within: ['graphml', 'graph'], events: this.events },
    hyperedge: { within: ['graphml', 'graph'], events: this.events },
  };

  /** The map in the document read (with or without `handOver`). */
  result(parsed: XmlParse, options: { mapName?: string; now?: number } = {}): GraphImportResult {
    return graphmlFromXml(parsed, options, this.graphs);
  }
}

/** A graph left in the tree (read without handOver), as the collector reads it. */
function graphFromTree(g: XmlElement): GraphRead {
  const dataOf = (element: XmlElement): DataRead[] =>
    children(element, 'data').map((d) => {
      const geometry = findDeep(d, 'Geometry');
      const nodeLabel = findDeep(d, 'NodeLabel') ?? findDeep(d, 'EdgeLabel');
      return { key: attr(d, 'key') ?? '', text: textOf(d), geometry: geometry ? [attr(geometry, 'x'), attr(geometry, 'y')] : null, label: nodeLabel ? textOf(nodeLabel) : null };
    });
  return {
    nodes: children(g, 'node').map((n) => ({ id: attr(n, 'id') ?? '', data: dataOf(n), graphs: children(n, 'graph').map(graphFromTree) })),
    edges: children(g, 'edge').map((ed) => ({ id: attr(ed, 'id'), source: attr(ed, 'source') ?? '', target: attr(ed, 'target') ?? '', directed: attr(ed, 'directed'), data: dataOf(ed) })),
    hyperedges: children(g, 'hyperedge').length,
  };
}

/** Graphs read into the tree and handed over, put together (tree first: a document is read one way or the other). */
function joinGraphs(a: GraphRead, b: GraphRead | undefined): GraphRead {
  if (!b) return a;
  return { nodes: [...a.nodes, ...b.nodes], edges: [...a.edges, ...b.edges], hyperedges: a.hyperedges + b.hyperedges };
}

/** The map in a GraphML document however it was read (whole or in chunks, see XmlReader; nodes in the tree or handed over). */
export function graphmlFromXml(parsed: XmlParse, options: { mapName?: string; now?: number } = {}, streamed: ReadonlyMap<XmlElement, GraphRead> = new Map()): GraphImportResult {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (parsed.rootName !== 'graphml') return { ok: false, error: `This XML file is not GraphML (its root element is <${parsed.rootName}>).` };
  const root = parsed.root;
  const problems: string[] = [...parsed.notes];
  const keys = new Map<string, KeyDef>();
  for (const k of children(root, 'key')) {
    const id = attr(k, 'id');
    if (!id) continue;
    const def = child(k, 'default');
    keys.set(id, {
      name: attr(k, 'attr.name') ?? id,
      target: attr(k, 'for') ?? 'all',
      graphics: (attr(k, 'yfiles.type') ?? '').endsWith('graphics'),
      fallback: def ? textOf(def) : null,
    });
  }
  const graph = child(root, 'graph');
  if (!graph) return { ok: false, error: 'The GraphML file has no <graph> element.' };
  const directedByDefault = attr(graph, 'edgedefault') !== 'undirected';

  const graphData = readData(dataOfTree(graph), keys, 'graph');
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  let hyperedges = 0;
  // Nested graphs (yEd groups) are flattened at any depth; the XML reader already refuses
  // elements nested more than 500 deep, with the line, so nothing is left out without a word.
  const visit = (g: GraphRead) => {
    for (const n of g.nodes) {
      const data = readData(n.data, keys, 'node');
      nodes.push({ id: n.id, label: data.label, attrs: data.attrs, x: data.x, y: data.y });
      for (const inner of n.graphs) visit(inner);
    }
    for (const ed of g.edges) {
      const data = readData(ed.data, keys, 'edge');
      const weight = toNumber(data.attrs.weight ?? data.attrs.Weight);
      edges.push({ id: ed.id, source: ed.source, target: ed.target, directed: ed.directed === null ? directedByDefault : ed.directed === 'true', weight, label: data.label, attrs: data.attrs });
    }
    hyperedges += g.hyperedges;
  };
  visit(joinGraphs(graphFromTree(graph), streamed.get(graph)));
  if (hyperedges) problems.push(`${plural(hyperedges, 'hyperedge')} (edges joining more than two nodes) cannot be shown; left out.`);
  const ours = graphData.attrs.creator === CREATOR;
  let levels: string[] | null = null;
  if (graphData.attrs.levels) {
    try {
      const list: unknown = JSON.parse(graphData.attrs.levels);
      if (Array.isArray(list) && list.length && list.every((l) => typeof l === 'string')) levels = list;
    } catch {
      problems.push('The level names in the file could not be read; the standard levels were used.');
    }
  }
  const raw: RawGraph = {
    nodes,
    edges,
    ours,
    name: graphData.attrs.name ?? null,
    levels,
    leadershipLevel: toNumber(graphData.attrs.leadership_level ?? ''),
    problems,
  };
  const result = graphToDocument(raw, options);
  return { ok: true, ...result };
}

function dataOfTree(element: XmlElement): DataRead[] {
  return children(element, 'data').map((d) => ({ key: attr(d, 'key') ?? '', text: textOf(d), geometry: null, label: null }));
}

function readData(data: readonly DataRead[], keys: Map<string, KeyDef>, target: string): { attrs: Record<string, string>; label: string | null; x: number | null; y: number | null } {
  const attrs: Record<string, string> = emptyRecord();
  let label: string | null = null;
  let x: number | null = null;
  let y: number | null = null;
  const seen = new Set<string>();
  for (const d of data) {
    const keyId = d.key;
    const key = keys.get(keyId);
    seen.add(keyId);
    if (key?.graphics) {
      if (d.geometry) {
        x = toNumber(d.geometry[0]);
        y = toNumber(d.geometry[1]);
      }
      if (d.label !== null && d.label.trim()) label = d.label;
      continue;
    }
    const name = key?.name ?? keyId;
    if (name) attrs[name] = d.text;
  }
  for (const [id, key] of keys) {
    if (seen.has(id) || key.fallback === null || key.graphics) continue;
    if (key.target === target || key.target === 'all') attrs[key.name] ??= key.fallback;
  }
  if (attrs.label !== undefined && attrs.name === undefined) {
    label ??= attrs.label;
  }
  return { attrs, label, x, y };
}
