/**
 * Arrange -> Network: force-directed (ForceAtlas2 in LinLog mode, which pulls tight groups
 * together and pushes clusters apart), then scaled to card sizes and de-overlapped. Pure and
 * synchronous; the worker runs it. Time-boxed: iterations run in batches until the iteration
 * target or the time budget is reached, whichever comes first, so it always finishes.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutInput, Positions } from './types';
import { topLeft } from './types';
import { identity, maxOf, minOf } from '../domain/extent';
import { emptyRecord } from '../domain/records';

export interface NetworkOptions {
  /** Stop iterating after this many milliseconds (default 1,500). */
  budgetMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Called between batches with 0..1. */
  onProgress?: (fraction: number) => void;
}

/** Tie weights for the layout: tension pushes people no closer, reports-to counts a little. */
function weightOf(kind: string, strength: number): number {
  if (kind === 'tension') return 0.1;
  if (kind === 'reports-to') return 1;
  return strength;
}

export function iterationsFor(n: number): number {
  if (n <= 100) return 500;
  if (n <= 500) return 300;
  if (n <= 2000) return 150;
  return 80;
}

export function networkLayout(input: LayoutInput, options: NetworkOptions = {}): Positions {
  const now = options.now ?? (() => performance.now());
  const budget = options.budgetMs ?? 1500;
  const start = now();
  const n = input.cards.length;
  if (n === 0) return {};
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  // Start from a circle in input order (deterministic), shuffled slightly so no two coincide.
  const radius = Math.max(10, Math.sqrt(n) * 10);
  // graphology keeps neighbours in plain objects keyed by node: person ids such as "constructor"
  // would look connected already, so its nodes are keyed by position in the input instead.
  const keyOf = new Map<string, string>();
  input.cards.forEach((c, i) => {
    const a = (2 * Math.PI * i) / n;
    keyOf.set(c.id, String(i));
    graph.addNode(String(i), { x: radius * Math.cos(a) + (i % 7) * 0.01, y: radius * Math.sin(a) + (i % 5) * 0.01, size: c.width / 100 });
  });
  for (const t of input.ties) {
    const source = keyOf.get(t.source);
    const target = keyOf.get(t.target);
    if (source === undefined || target === undefined || source === target) continue;
    const w = weightOf(t.kind, t.strength);
    if (graph.hasEdge(source, target)) graph.updateEdgeAttribute(source, target, 'weight', (old: number | undefined) => (old ?? 0) + w);
    else graph.addEdge(source, target, { weight: w });
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    linLogMode: true,
    outboundAttractionDistribution: true,
    gravity: 0.5,
    scalingRatio: 10,
    barnesHutOptimize: n > 300,
  };
  const target = iterationsFor(n);
  const batch = n > 1000 ? 10 : 25;
  let done = 0;
  while (done < target) {
    forceAtlas2.assign(graph, { iterations: Math.min(batch, target - done), settings, getEdgeWeight: 'weight' });
    done += batch;
    options.onProgress?.(Math.min(1, done / target));
    if (now() - start > budget) break;
  }
  const raw: Record<string, { x: number; y: number }> = emptyRecord();
  graph.forEachNode((key, attr) => {
    raw[input.cards[Number(key)].id] = { x: Number.isFinite(attr.x) ? attr.x : 0, y: Number.isFinite(attr.y) ? attr.y : 0 };
  });
  return fitToCards(input, raw);
}

/**
 * Scales raw layout coordinates so neighbours sit about two card widths apart, then removes
 * overlaps, and moves the result to where the map was.
 */
export function fitToCards(input: LayoutInput, raw: Record<string, { x: number; y: number }>): Positions {
  const cards = input.cards;
  // Typical distance between tied people in the raw layout.
  const lengths: number[] = [];
  for (const t of input.ties) {
    const a = raw[t.source];
    const b = raw[t.target];
    if (a && b) lengths.push(Math.hypot(a.x - b.x, a.y - b.y));
  }
  lengths.sort((a, b) => a - b);
  const avgWidth = cards.reduce((s, c) => s + c.width, 0) / cards.length;
  let scale: number;
  if (lengths.length && lengths[Math.floor(lengths.length / 2)] > 1e-6) {
    scale = (avgWidth * 1.6) / lengths[Math.floor(lengths.length / 2)];
  } else {
    // No ties: spread to a roughly square area with room for every card.
    const xs = Object.values(raw).map((p) => p.x);
    const ys = Object.values(raw).map((p) => p.y);
    const span = Math.max(1e-6, maxOf(xs, identity) - minOf(xs, identity), maxOf(ys, identity) - minOf(ys, identity));
    scale = (Math.sqrt(cards.length) * avgWidth * 1.5) / span;
  }
  const centres: Record<string, { x: number; y: number }> = emptyRecord();
  for (const c of cards) {
    const p = raw[c.id] ?? { x: 0, y: 0 };
    centres[c.id] = { x: p.x * scale, y: p.y * scale };
  }
  removeOverlaps(cards, centres, 24);
  const out: Positions = emptyRecord();
  for (const c of cards) out[c.id] = { x: centres[c.id].x - c.width / 2, y: centres[c.id].y - c.height / 2 };
  const from = topLeft(Object.values(out));
  const to = topLeft(cards);
  for (const p of Object.values(out)) {
    p.x = Math.round(p.x - from.x + to.x);
    p.y = Math.round(p.y - from.y + to.y);
  }
  return out;
}

/**
 * Pushes overlapping cards apart (centres; cards plus `gap` must not intersect). A uniform grid
 * finds neighbours, so each pass is about O(n). Stops when nothing overlaps or after 80 passes.
 */
export function removeOverlaps(cards: { id: string; width: number; height: number }[], centres: Record<string, { x: number; y: number }>, gap: number, maxPasses = 80): number {
  if (cards.length < 2) return 0;
  const cellW = maxOf(cards, (c) => c.width) + gap;
  const cellH = maxOf(cards, (c) => c.height) + gap;
  let pass = 0;
  for (; pass < maxPasses; pass++) {
    const grid = new Map<string, number[]>();
    cards.forEach((c, i) => {
      const p = centres[c.id];
      const key = `${Math.floor(p.x / cellW)},${Math.floor(p.y / cellH)}`;
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    });
    let moved = false;
    cards.forEach((a, i) => {
      const pa = centres[a.id];
      const gx = Math.floor(pa.x / cellW);
      const gy = Math.floor(pa.y / cellH);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
            if (j <= i) continue;
            const b = cards[j];
            const pb = centres[b.id];
            const ox = (a.width + b.width) / 2 + gap - Math.abs(pa.x - pb.x);
            const oy = (a.height + b.height) / 2 + gap - Math.abs(pa.y - pb.y);
            if (ox <= 0 || oy <= 0) continue;
            moved = true;
            // Separate along the axis that needs the smaller push; split it between the two.
            if (ox / (a.width + b.width) < oy / (a.height + b.height)) {
              const s = (pa.x < pb.x || (pa.x === pb.x && i < j) ? -1 : 1) * (ox / 2 + 0.5);
              pa.x += s;
              pb.x -= s;
            } else {
              const s = (pa.y < pb.y || (pa.y === pb.y && i < j) ? -1 : 1) * (oy / 2 + 0.5);
              pa.y += s;
              pb.y -= s;
            }
          }
        }
      }
    });
    if (!moved) break;
  }
  return pass;
}
