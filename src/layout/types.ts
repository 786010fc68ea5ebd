/**
 * What the layouts work on: cards with a size and a position, and the ties between them. Plain
 * data (structured-cloneable), so it can be posted to the layout worker. No React, no store.
 */
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Id, MapDocument, TieMeaning } from '../domain/types';
import { tieMeaning } from '../domain/tie-kinds';
import type { CallContext } from '../domain/workers';
import { hasEntry } from '../domain/records';
import { emptyRecord } from '../domain/records';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutCard {
  id: Id;
  width: number;
  height: number;
  /** Current top-left corner (flow coordinates, like Stakeholder.x/y). */
  x: number;
  y: number;
}

export interface LayoutTie {
  source: Id;
  target: Id;
  /** What the tie counts as: a built-in kind, or `shown` (a map's own kind that is shown only). */
  kind: TieMeaning;
  strength: number;
}

export interface LayoutInput {
  cards: LayoutCard[];
  ties: LayoutTie[];
}

export type Positions = Record<Id, Point>;

export type LayoutKind = 'org-chart' | 'network';
export type LayoutEngine = 'elk' | 'tree' | 'compact' | 'forceatlas2';

/** What the layout worker answers (worker.ts); client.ts runs cheap stand-ins where there is none. */
export type LayoutWorkerApi = {
  /** Loads elkjs ahead of time (the Arrange menu opened). */
  warmUp: (arg: null) => unknown;
  orgChart: (arg: { input: LayoutInput }) => Promise<LayoutAnswer> | LayoutAnswer;
  /** Reports progress (0 to 1) as it goes. */
  network: (arg: { input: LayoutInput; budgetMs?: number }, context: CallContext) => LayoutAnswer;
};

export interface LayoutAnswer {
  positions: Positions;
  engine: LayoutEngine;
}

export function layoutInputFromDoc(doc: MapDocument, only?: ReadonlySet<Id>): LayoutInput {
  const cards: LayoutCard[] = [];
  for (const s of Object.values(doc.stakeholders)) {
    if (only && !only.has(s.id)) continue;
    cards.push({ id: s.id, width: nodeWidth(s.influence), height: NODE_HEIGHT, x: s.x, y: s.y });
  }
  const ties: LayoutTie[] = [];
  for (const t of Object.values(doc.ties)) {
    if (t.source === t.target || !hasEntry(doc.stakeholders, t.source) || !hasEntry(doc.stakeholders, t.target)) continue;
    if (only && (!only.has(t.source) || !only.has(t.target))) continue;
    // A map's own kind lays out as what it counts as (a reporting line joins the org chart).
    ties.push({ source: t.source, target: t.target, kind: tieMeaning(doc.map.settings, t.kind), strength: t.strength });
  }
  return { cards, ties };
}

/** Rounds to whole flow units, so stored positions stay tidy. */
export function roundPositions(positions: Positions): Positions {
  const out: Positions = emptyRecord();
  for (const [id, p] of Object.entries(positions)) out[id] = { x: Math.round(p.x), y: Math.round(p.y) };
  return out;
}

/** Where the top-left of a set of cards is; layouts keep the map roughly where it was. */
export function topLeft(cards: Pick<LayoutCard, 'x' | 'y'>[]): Point {
  if (!cards.length) return { x: 0, y: 0 };
  let x = Infinity;
  let y = Infinity;
  for (const c of cards) {
    x = Math.min(x, c.x);
    y = Math.min(y, c.y);
  }
  return { x, y };
}

/** Moves positions so their bounding box starts at `origin`. */
export function translateTo(positions: Positions, origin: Point): Positions {
  const all = Object.values(positions);
  if (!all.length) return positions;
  const from = topLeft(all);
  const out: Positions = emptyRecord();
  for (const [id, p] of Object.entries(positions)) out[id] = { x: p.x - from.x + origin.x, y: p.y - from.y + origin.y };
  return out;
}
