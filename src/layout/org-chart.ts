/**
 * Arrange -> Org chart: layered, top-down by reports-to ties (a tie runs from a person to their
 * manager). Pure: the ELK graph is planned here and ELK itself is passed in, so the worker can
 * load elkjs lazily and the unit tests can run it directly.
 *
 * To keep wide organisations readable and ELK fast, a manager's reports who have no reports of
 * their own (four or more of them) are stacked in a small grid under the manager and given to
 * ELK as ONE block; after layout the block is unpacked. A 1,000-person org of six reports per
 * manager becomes about 170 ELK nodes instead of 1,000. People with neither a manager nor
 * reports go into a grid below the chart. A person with two managers keeps the first one;
 * a reporting cycle is broken so the chart is always a forest.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { gridLayout, layoutForest } from '../io/tree-layout';
import type { LayoutInput, Point, Positions } from './types';
import { topLeft } from './types';
import { maxOf } from '../domain/extent';
import { emptyRecord } from '../domain/records';

/** Horizontal gap between cards, and between layers. */
export const ORG_GAP_X = 30;
export const ORG_GAP_Y = 60;
const BLOCK_ROW_GAP = 24;
/** A manager with at least this many reports that manage nobody gets them stacked in a block. */
export const MIN_BLOCK = 4;
/** Above this many ELK nodes the cheaper settings are used. */
export const LARGE_ELK_GRAPH = 250;

export interface OrgBlock {
  id: string;
  members: string[];
  columns: number;
  cellWidth: number;
  cardHeight: number;
}

export interface OrgChartPlan {
  graph: ElkNode;
  /** ELK node id -> block it stands for. */
  blocks: Record<string, OrgBlock>;
  /** People outside every reporting line: placed in a grid below. */
  singles: string[];
  /** Manager of each person, cycles removed (for the fallback layout). */
  managerOf: Record<string, string>;
  origin: Point;
}

/** Manager of each person from the reports-to ties: first tie wins, self-loops and cycles dropped. */
export function managersFrom(input: LayoutInput): Map<string, string> {
  const known = new Set(input.cards.map((c) => c.id));
  const manager = new Map<string, string>();
  for (const t of input.ties) {
    if (t.kind !== 'reports-to' || t.source === t.target || !known.has(t.source) || !known.has(t.target)) continue;
    if (!manager.has(t.source)) manager.set(t.source, t.target);
  }
  const state = new Map<string, 1 | 2>();
  for (const c of input.cards) {
    const path: string[] = [];
    let v: string | undefined = c.id;
    while (v !== undefined && !state.has(v)) {
      state.set(v, 1);
      path.push(v);
      v = manager.get(v);
    }
    if (v !== undefined && state.get(v) === 1) manager.delete(v);
    for (const p of path) state.set(p, 2);
  }
  return manager;
}

/**
 * ELK settings. Measured on a 475-node chart: `considerModelOrder` made ELK 20x slower (6 s), so
 * it is not used; on large graphs one crossing-minimisation sweep and no greedy switch halve the
 * time again.
 */
export function elkOptions(elkNodeCount: number): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.spacing.nodeNode': String(ORG_GAP_X),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(ORG_GAP_Y),
    'elk.spacing.componentComponent': '80',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.edgeRouting': 'POLYLINE',
  };
  if (elkNodeCount > LARGE_ELK_GRAPH) {
    // Cheaper: one sweep of crossing minimisation, no greedy switch, simplest cycle breaking.
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
    options['elk.layered.cycleBreaking.strategy'] = 'DEPTH_FIRST';
    options['elk.layered.compaction.postCompaction.strategy'] = 'NONE';
  }
  return options;
}

export function blockColumns(count: number): number {
  return Math.max(1, Math.min(4, Math.ceil(Math.sqrt(count / 2))));
}

export function planOrgChart(input: LayoutInput): OrgChartPlan {
  const manager = managersFrom(input);
  const cards = new Map(input.cards.map((c) => [c.id, c]));
  const reports = new Map<string, string[]>();
  for (const c of input.cards) {
    const m = manager.get(c.id);
    if (m === undefined) continue;
    const list = reports.get(m);
    if (list) list.push(c.id);
    else reports.set(m, [c.id]);
  }
  const inChart = (id: string) => manager.has(id) || reports.has(id);
  const singles = input.cards.filter((c) => !inChart(c.id)).map((c) => c.id);

  const children: ElkNode[] = [];
  const edges: ElkExtendedEdge[] = [];
  const blocks: Record<string, OrgBlock> = {};
  const blocked = new Set<string>();
  for (const [m, list] of reports) {
    const leaves = list.filter((id) => !reports.has(id));
    if (leaves.length < MIN_BLOCK) continue;
    const columns = blockColumns(leaves.length);
    const cellWidth = maxOf(leaves, (id) => cards.get(id)!.width);
    const cardHeight = maxOf(leaves, (id) => cards.get(id)!.height);
    const id = `block:${m}`;
    blocks[id] = { id, members: leaves, columns, cellWidth, cardHeight };
    // The block joins the graph where its first member would have, so model order is kept.
    for (const l of leaves) blocked.add(l);
  }
  const emittedBlocks = new Set<string>();
  for (const c of input.cards) {
    if (!inChart(c.id)) continue;
    if (blocked.has(c.id)) {
      const id = `block:${manager.get(c.id)}`;
      if (emittedBlocks.has(id)) continue;
      emittedBlocks.add(id);
      const b = blocks[id];
      const rows = Math.ceil(b.members.length / b.columns);
      children.push({ id, width: b.columns * b.cellWidth + (b.columns - 1) * ORG_GAP_X, height: rows * (b.cardHeight + BLOCK_ROW_GAP) - BLOCK_ROW_GAP });
      edges.push({ id: `e:${id}`, sources: [manager.get(c.id)!], targets: [id] });
      continue;
    }
    children.push({ id: c.id, width: c.width, height: c.height });
    const m = manager.get(c.id);
    if (m !== undefined) edges.push({ id: `e:${c.id}`, sources: [m], targets: [c.id] });
  }
  return {
    graph: { id: 'root', layoutOptions: elkOptions(children.length), children, edges },
    blocks,
    singles,
    managerOf: Object.fromEntries(manager),
    origin: topLeft(input.cards),
  };
}

/** Turns ELK's answer into card positions (blocks unpacked, singles in a grid below). */
export function positionsFromElk(plan: OrgChartPlan, result: ElkNode, input: LayoutInput): Positions {
  const out: Positions = emptyRecord();
  const cards = new Map(input.cards.map((c) => [c.id, c]));
  let right = 0;
  let bottom = 0;
  for (const node of result.children ?? []) {
    const x = node.x ?? 0;
    const y = node.y ?? 0;
    right = Math.max(right, x + (node.width ?? 0));
    bottom = Math.max(bottom, y + (node.height ?? 0));
    const block = plan.blocks[node.id];
    if (!block) {
      out[node.id] = { x, y };
      continue;
    }
    block.members.forEach((id, i) => {
      const col = i % block.columns;
      const row = Math.floor(i / block.columns);
      const w = cards.get(id)!.width;
      out[id] = { x: x + col * (block.cellWidth + ORG_GAP_X) + (block.cellWidth - w) / 2, y: y + row * (block.cardHeight + BLOCK_ROW_GAP) };
    });
  }
  // ELK pads the graph; start the chart at 0,0 so it lands where the map was.
  const corner = topLeft(Object.values(out));
  for (const p of Object.values(out)) {
    p.x -= corner.x;
    p.y -= corner.y;
  }
  const hasChart = Object.keys(out).length > 0;
  placeSingles(plan, input, out, hasChart ? right - corner.x : 0, hasChart ? bottom - corner.y + ORG_GAP_Y * 1.5 : 0);
  return shift(out, plan.origin);
}

function placeSingles(plan: OrgChartPlan, input: LayoutInput, out: Positions, chartWidth: number, top: number): void {
  if (!plan.singles.length) return;
  const cards = new Map(input.cards.map((c) => [c.id, c]));
  const nodes = plan.singles.map((id) => ({ id, width: cards.get(id)!.width }));
  const widest = maxOf(nodes, (n) => n.width);
  const columns = chartWidth > 0 ? Math.max(1, Math.floor((chartWidth + ORG_GAP_X) / (widest + ORG_GAP_X))) : undefined;
  const grid = gridLayout(nodes, { origin: { x: 0, y: top }, columns, gap: ORG_GAP_X, nodeHeight: maxOf(plan.singles, (id) => cards.get(id)!.height), rowGap: BLOCK_ROW_GAP });
  for (const [id, p] of grid) out[id] = p;
}

function shift(positions: Positions, origin: Point): Positions {
  const out: Positions = emptyRecord();
  for (const [id, p] of Object.entries(positions)) out[id] = { x: Math.round(p.x + origin.x), y: Math.round(p.y + origin.y) };
  return out;
}

/** The layout without ELK (its fallback when ELK is too slow or cannot load): a tidy tree. */
export function treeOrgChart(input: LayoutInput): Positions {
  const manager = managersFrom(input);
  const height = Math.max(76, maxOf(input.cards, (c) => c.height));
  const { positions } = layoutForest(input.cards.map((c) => ({ id: c.id, width: c.width })), manager, { nodeHeight: height, siblingGap: ORG_GAP_X, levelGap: ORG_GAP_Y });
  return shift(Object.fromEntries(positions), topLeft(input.cards));
}

/** The part of elkjs the layout needs (an ELK instance, or a fake in tests). */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function layoutOrgChart(input: LayoutInput, elk: ElkLike): Promise<Positions> {
  const plan = planOrgChart(input);
  if (!plan.graph.children?.length) return positionsFromElk(plan, { id: 'root', children: [] }, input);
  const result = await elk.layout(plan.graph);
  return positionsFromElk(plan, result, input);
}
