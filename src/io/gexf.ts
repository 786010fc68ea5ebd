/**
 * GEXF (Gephi, NetworkX, graphology-gexf), written as GEXF 1.2draft, which all of them read.
 *
 * Export: node label (the name), node attributes (title, department, seniority, influence,
 * interest, stance, tags, notes, email, cadence_days, next_follow_up), viz:position and
 * viz:size / viz:color (the card's stance colour). Gephi's y axis points up and its positions
 * are node centres, so viz:position holds the card centre with y negated; import undoes that for
 * every GEXF file. Edges carry weight (= strength) and attributes kind, strength, mutual, note.
 * meta: creator "Influence Map", the map name as description, and the level names in keywords.
 *
 * Import: GEXF 1.1-1.3; attvalues by "for" or "id"; edge type directed/undirected/mutual;
 * dynamic spells are ignored. See graph-import.ts for how attributes become fields.
 */
import { nodeWidth } from '../domain/defaults';
import type { MapDocument } from '../domain/types';
import { CREATOR, EDGE_ATTRS, NODE_ATTRS } from './graph-attributes';
import type { AttrType } from './graph-attributes';
import { NODE_HEIGHT, graphToDocument } from './graph-import';
import type { RawEdge, RawNode } from './graph-import';
import type { GraphImportResult } from './graphml';
import { PALETTE } from './palette';
import { escapeXmlAttr, toNumber } from './text';
import { attr, child, children, parseXml, textOf } from './xml';
import type { XmlElement, XmlEvents, XmlHandOver, XmlParse } from './xml';
import { emptyRecord } from '../domain/records';

const round2 = (n: number) => Math.round(n * 100) / 100;

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function exportGexf(doc: MapDocument, now: Date = new Date()): string {
  const e = escapeXmlAttr;
  const settings = doc.map.settings;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">');
  out.push(`  <meta lastmodifieddate="${now.toISOString().slice(0, 10)}">`);
  out.push(`    <creator>${CREATOR}</creator>`);
  out.push(`    <description>${e(doc.map.name)}</description>`);
  out.push(`    <keywords>${e(JSON.stringify({ levels: settings.levels, leadershipLevel: settings.leadershipLevel }))}</keywords>`);
  out.push('  </meta>');
  out.push('  <graph defaultedgetype="directed" mode="static">');
  const gexfType = (t: AttrType) => (t === 'int' ? 'integer' : t);
  const nodeAttrs = NODE_ATTRS.filter((a) => a.name !== 'label');
  out.push('    <attributes class="node">');
  for (const a of nodeAttrs) out.push(`      <attribute id="${a.name}" title="${a.name}" type="${gexfType(a.type)}"/>`);
  out.push('    </attributes>');
  out.push('    <attributes class="edge">');
  for (const a of EDGE_ATTRS) out.push(`      <attribute id="${a.name}" title="${a.name}" type="${gexfType(a.type)}"/>`);
  out.push('    </attributes>');
  out.push('    <nodes>');
  for (const s of Object.values(doc.stakeholders)) {
    const parts = [`      <node id="${e(s.id)}" label="${e(s.name)}"><attvalues>`];
    for (const a of nodeAttrs) {
      const v = a.value(s, settings);
      if (v !== null && v !== '') parts.push(`<attvalue for="${a.name}" value="${e(String(v))}"/>`);
    }
    const w = nodeWidth(s.influence);
    const [r, g, b] = hexToRgb(PALETTE.light.stance[s.stance]);
    parts.push('</attvalues>');
    parts.push(`<viz:size value="${round2(w / 10)}"/>`);
    parts.push(`<viz:position x="${round2(s.x + w / 2)}" y="${round2(-(s.y + NODE_HEIGHT / 2))}" z="0.0"/>`);
    parts.push(`<viz:color r="${r}" g="${g}" b="${b}"/></node>`);
    out.push(parts.join(''));
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  for (const t of Object.values(doc.ties)) {
    const parts = [`      <edge id="${e(t.id)}" source="${e(t.source)}" target="${e(t.target)}" weight="${t.strength}"><attvalues>`];
    for (const a of EDGE_ATTRS) {
      const v = a.value(t, settings);
      if (v !== null && v !== '') parts.push(`<attvalue for="${a.name}" value="${e(String(v))}"/>`);
    }
    parts.push('</attvalues></edge>');
    out.push(parts.join(''));
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return `${out.join('\n')}\n`;
}

interface AttrDef {
  title: string;
  fallback: string | null;
}

export function importGexf(text: string, options: { mapName?: string; now?: number } = {}): GraphImportResult {
  const collector = new GexfCollector();
  return collector.result(parseXml(text, { handOver: collector.handOver }), options);
}

/** What a GEXF <node> says, before the attribute definitions are applied. */
interface NodeRead {
  /** The <graph> it sits in: only the first graph is imported. */
  graph: XmlElement | null;
  id: string;
  label: string | null;
  cx: number | null;
  cy: number | null;
  /** Attribute values as read: for/id, value, for/id, value... */
  values: string[];
}

interface EdgeRead {
  graph: XmlElement | null;
  id: string | null;
  source: string;
  target: string;
  nativeKind: string | null;
  type: string | null;
  weight: number | null;
  label: string | null;
  values: string[];
}

function valuesOf(element: XmlElement): string[] {
  const values: string[] = [];
  const box = child(element, 'attvalues');
  for (const v of box ? children(box, 'attvalue') : []) values.push(attr(v, 'for') ?? attr(v, 'id') ?? '', attr(v, 'value') ?? '');
  return values;
}

function readNode(n: XmlElement, graph: XmlElement | null): NodeRead {
  const position = child(n, 'position');
  return {
    graph,
    id: attr(n, 'id') ?? '',
    label: attr(n, 'label'),
    cx: position ? toNumber(attr(position, 'x')) : null,
    cy: position ? toNumber(attr(position, 'y')) : null,
    values: valuesOf(n),
  };
}

function readEdge(ed: XmlElement, graph: XmlElement | null): EdgeRead {
  return {
    graph,
    id: attr(ed, 'id'),
    source: attr(ed, 'source') ?? '',
    target: attr(ed, 'target') ?? '',
    nativeKind: attr(ed, 'kind'),
    type: attr(ed, 'type'),
    weight: toNumber(attr(ed, 'weight')),
    label: attr(ed, 'label'),
    values: valuesOf(ed),
  };
}

/**
 * The streaming builder for GEXF: pass `handOver` to the XmlReader and each <node> and <edge> is
 * read into a small record from the reader's events (no XML objects are made for them), so a
 * 50,000-person file is never held as an XML tree; `result` then builds the map from the rest of
 * the document (meta, attribute definitions) and those records. A document read without
 * `handOver` (its nodes still in the tree) gives the same result.
 */
export class GexfCollector {
  private readonly nodes: NodeRead[] = [];
  private readonly edges: EdgeRead[] = [];
  private node: NodeRead | null = null;
  private edge: EdgeRead | null = null;
  /** The <attvalues> read (the first one directly inside the node or edge); -1 before it, 1 after it closed. */
  private box = -1;
  private position = false;

  private readonly events: XmlEvents = {
    open: (name, attributes, count, depth, ancestors) => {
      if (depth === 0) {
        const graph = ancestors[1] ?? null;
        this.box = -1;
        this.position = false;
        if (name === 'node') {
          this.node = { graph, id: '', label: null, cx: null, cy: null, values: [] };
          this.edge = null;
        } else {
          this.edge = { graph, id: null, source: '', target: '', nativeKind: null, type: null, weight: null, label: null, values: [] };
          this.node = null;
        }
        readAttributes(attributes, count, this.node ?? this.edge!);
        return;
      }
      const values = (this.node ?? this.edge)?.values;
      if (!values) return;
      if (depth === 1 && name === 'attvalues' && this.box === -1) this.box = 0;
      else if (depth === 2 && name === 'attvalue' && this.box === 0) {
        let key: string | null = null;
        let id: string | null = null;
        let value = '';
        for (let k = 0; k < count; k += 2) {
          const a = attributes[k];
          if (a === 'for') key = attributes[k + 1];
          else if (a === 'id') id = attributes[k + 1];
          else if (a === 'value') value = attributes[k + 1];
        }
        values.push(key ?? id ?? '', value);
      } else if (depth === 1 && name === 'position' && this.node && !this.position) {
        this.position = true;
        let x: string | null = null;
        let y: string | null = null;
        for (let k = 0; k < count; k += 2) {
          if (attributes[k] === 'x') x = attributes[k + 1];
          else if (attributes[k] === 'y') y = attributes[k + 1];
        }
        this.node.cx = toNumber(x);
        this.node.cy = toNumber(y);
      }
    },
    close: (name, depth) => {
      if (depth === 1 && name === 'attvalues' && this.box === 0) this.box = 1;
      if (depth !== 0) return;
      if (this.node) this.nodes.push(this.node);
      else if (this.edge) this.edges.push(this.edge);
      this.node = null;
      this.edge = null;
    },
  };

  readonly handOver: Record<string, XmlHandOver> = {
    node: { within: ['gexf', 'graph', 'nodes'], events: this.events },
    edge: { within: ['gexf', 'graph', 'edges'], events: this.events },
  };

  /** The map in the document read (with or without `handOver`). */
  result(parsed: XmlParse, options: { mapName?: string; now?: number } = {}): GraphImportResult {
    return gexfFromXml(parsed, options, { nodes: this.nodes, edges: this.edges });
  }
}

/** A <node>'s or <edge>'s own attributes, as readNode and readEdge read them from an element. */
function readAttributes(attributes: readonly string[], count: number, read: NodeRead | EdgeRead): void {
  // A later attribute with the same prefix-free name wins, as in an element object.
  const edge = 'source' in read ? read : null;
  for (let k = 0; k < count; k += 2) {
    const value = attributes[k + 1];
    switch (attributes[k]) {
      case 'id':
        read.id = value;
        break;
      case 'label':
        read.label = value;
        break;
      case 'source':
        if (edge) edge.source = value;
        break;
      case 'target':
        if (edge) edge.target = value;
        break;
      case 'kind':
        if (edge) edge.nativeKind = value;
        break;
      case 'type':
        if (edge) edge.type = value;
        break;
      case 'weight':
        if (edge) edge.weight = toNumber(value);
        break;
    }
  }
}

/** The map in a GEXF document however it was read (whole or in chunks, see XmlReader). */
export function gexfFromXml(parsed: XmlParse, options: { mapName?: string; now?: number } = {}, streamed: { nodes: NodeRead[]; edges: EdgeRead[] } = { nodes: [], edges: [] }): GraphImportResult {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (parsed.rootName !== 'gexf') return { ok: false, error: `This XML file is not GEXF (its root element is <${parsed.rootName}>).` };
  const root = parsed.root;
  const graph = child(root, 'graph');
  if (!graph) return { ok: false, error: 'The GEXF file has no <graph> element.' };
  const problems: string[] = [...parsed.notes];
  const meta = child(root, 'meta');
  const creator = meta ? textOf(child(meta, 'creator') ?? {}) : '';
  const ours = creator === CREATOR;
  let levels: string[] | null = null;
  let leadershipLevel: number | null = null;
  if (ours && meta) {
    try {
      const info: unknown = JSON.parse(textOf(child(meta, 'keywords') ?? {}) || '{}');
      if (info && typeof info === 'object') {
        const l = (info as { levels?: unknown }).levels;
        if (Array.isArray(l) && l.length && l.every((x) => typeof x === 'string')) levels = l;
        const lead = (info as { leadershipLevel?: unknown }).leadershipLevel;
        if (typeof lead === 'number') leadershipLevel = lead;
      }
    } catch {
      problems.push('The level names in the file could not be read; the standard levels were used.');
    }
  }
  const defs = { node: new Map<string, AttrDef>(), edge: new Map<string, AttrDef>() };
  for (const group of children(graph, 'attributes')) {
    const cls = attr(group, 'class') === 'edge' ? 'edge' : 'node';
    for (const a of children(group, 'attribute')) {
      const id = attr(a, 'id');
      if (id === null) continue;
      const def = child(a, 'default');
      defs[cls].set(id, { title: attr(a, 'title') ?? id, fallback: def ? textOf(def) : null });
    }
  }
  const readValues = (values: string[], cls: 'node' | 'edge') => {
    const attrs: Record<string, string> = emptyRecord();
    for (let i = 0; i < values.length; i += 2) {
      const id = values[i];
      const title = defs[cls].get(id)?.title ?? id;
      if (title) attrs[title] = values[i + 1];
    }
    for (const def of defs[cls].values()) if (def.fallback !== null) attrs[def.title] ??= def.fallback;
    return attrs;
  };

  // Nodes and edges left in the tree (read whole) and handed over (streamed), of the first graph.
  const nodeReads = children(graph, 'nodes').flatMap((box) => children(box, 'node').map((n) => readNode(n, graph)));
  for (const n of streamed.nodes) if (n.graph === graph) nodeReads.push(n);
  const edgeReads = children(graph, 'edges').flatMap((box) => children(box, 'edge').map((ed) => readEdge(ed, graph)));
  for (const ed of streamed.edges) if (ed.graph === graph) edgeReads.push(ed);

  const nodes: RawNode[] = [];
  for (const n of nodeReads) {
    const { id, cx, cy } = n;
    const attrs = readValues(n.values, 'node');
    const influence = toNumber(attrs.influence ?? '') ?? 3;
    const w = nodeWidth(influence);
    nodes.push({
      id,
      label: n.label,
      attrs,
      x: cx === null || cy === null ? null : round2(cx - w / 2),
      y: cx === null || cy === null ? null : round2(-cy - NODE_HEIGHT / 2),
    });
  }
  const defaultType = attr(graph, 'defaultedgetype') ?? 'undirected';
  const edges: RawEdge[] = [];
  for (const ed of edgeReads) {
    const { id, source, target } = ed;
    const attrs = readValues(ed.values, 'edge');
    if (ed.nativeKind && attrs.kind === undefined) attrs.kind = ed.nativeKind;
    const type = ed.type ?? defaultType;
    edges.push({
      id,
      source,
      target,
      directed: type === 'directed',
      weight: ed.weight,
      label: ed.label,
      attrs,
    });
  }
  const description = meta ? textOf(child(meta, 'description') ?? {}) : '';
  const result = graphToDocument({ nodes, edges, ours, name: ours && description ? description : null, levels, leadershipLevel, problems }, options);
  return { ok: true, ...result };
}
