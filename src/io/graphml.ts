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
import type { XmlElement, XmlParse } from './xml';
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
  return graphmlFromXml(parseXml(text), options);
}

/** The map in a GraphML document however it was read (whole or in chunks, see XmlReader). */
export function graphmlFromXml(parsed: XmlParse, options: { mapName?: string; now?: number } = {}): GraphImportResult {
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

  const graphData = readData(graph, keys, 'graph');
  const nodes: RawNode[] = [];
  const edges: RawEdge[] = [];
  let hyperedges = 0;
  // Nested graphs (yEd groups) are flattened at any depth; the XML reader already refuses
  // elements nested more than 500 deep, with the line, so nothing is left out without a word.
  const visit = (g: XmlElement) => {
    for (const n of children(g, 'node')) {
      const id = attr(n, 'id') ?? '';
      const data = readData(n, keys, 'node');
      nodes.push({ id, label: data.label, attrs: data.attrs, x: data.x, y: data.y });
      for (const inner of children(n, 'graph')) visit(inner);
    }
    for (const ed of children(g, 'edge')) {
      const source = attr(ed, 'source') ?? '';
      const target = attr(ed, 'target') ?? '';
      const id = attr(ed, 'id');
      const data = readData(ed, keys, 'edge');
      const directedAttr = attr(ed, 'directed');
      const weight = toNumber(data.attrs.weight ?? data.attrs.Weight);
      edges.push({ id, source, target, directed: directedAttr === null ? directedByDefault : directedAttr === 'true', weight, label: data.label, attrs: data.attrs });
    }
    hyperedges += children(g, 'hyperedge').length;
  };
  visit(graph);
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

function readData(element: XmlElement, keys: Map<string, KeyDef>, target: string): { attrs: Record<string, string>; label: string | null; x: number | null; y: number | null } {
  const attrs: Record<string, string> = emptyRecord();
  let label: string | null = null;
  let x: number | null = null;
  let y: number | null = null;
  const seen = new Set<string>();
  for (const d of children(element, 'data')) {
    const keyId = attr(d, 'key') ?? '';
    const key = keys.get(keyId);
    seen.add(keyId);
    if (key?.graphics) {
      const geometry = findDeep(d, 'Geometry');
      if (geometry) {
        x = toNumber(attr(geometry, 'x'));
        y = toNumber(attr(geometry, 'y'));
      }
      const nodeLabel = findDeep(d, 'NodeLabel') ?? findDeep(d, 'EdgeLabel');
      if (nodeLabel && textOf(nodeLabel).trim()) label = textOf(nodeLabel);
      continue;
    }
    const name = key?.name ?? keyId;
    if (name) attrs[name] = textOf(d);
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
