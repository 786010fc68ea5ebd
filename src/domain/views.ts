/**
 * Pure layouts for the alternative views of a map. Every position returned here is the CENTRE of
 * a person's node in the view's own coordinates; the canvas adapter turns centres into top-left
 * corners using the node's size. Nothing here changes the document: the power/interest grid maps
 * a dropped position back to scores with `scoresAt`, and the caller applies them.
 */
import { connectionAdjacency, CONNECTING_KINDS } from './balance';
import { displayName } from './describe';
import type { Id, MapDocument, Stakeholder, TieKindId } from './types';
import { tieMeaning } from './tie-kinds';
import { emptyRecord, hasEntry } from './records';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---------------------------------------------------------------------------------------------
// (a) Power / interest grid (Mendelow)
//
// The plotting area is a 5 x 5 grid of equal cells: Interest 1-5 from left to right, Influence 1-5
// from bottom to top. A score of 4 or 5 counts as "high"; 1-3 as "low", so a person with the default
// middling scores (3, 3) starts in "monitor" until the user says otherwise. The quadrant lines fall
// on cell boundaries (between 3 and 4), which is why the high quadrants are two cells wide.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const GRID_CELLS = SCORE_MAX - SCORE_MIN + 1;
/** Scores at or above this count as high influence / high interest. */
export const HIGH_SCORE = 4;

export type QuadrantId = 'manage-closely' | 'keep-satisfied' | 'keep-informed' | 'monitor';

export interface Quadrant {
  id: QuadrantId;
  label: string;
  description: string;
  influence: 'high' | 'low';
  interest: 'high' | 'low';
}

export const QUADRANTS: readonly Quadrant[] = [
  { id: 'keep-satisfied', label: 'Keep satisfied', description: 'High influence, low interest: keep them content without overloading them.', influence: 'high', interest: 'low' },
  { id: 'manage-closely', label: 'Manage closely', description: 'High influence, high interest: engage them fully and often.', influence: 'high', interest: 'high' },
  { id: 'monitor', label: 'Monitor', description: 'Low influence, low interest: keep an eye on them, with minimal effort.', influence: 'low', interest: 'low' },
  { id: 'keep-informed', label: 'Keep informed', description: 'Low influence, high interest: keep them informed; they can be useful allies.', influence: 'low', interest: 'high' },
];

export interface Scores {
  influence: number;
  interest: number;
}

function clampScore(n: number): number {
  if (!Number.isFinite(n)) return 3;
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(n)));
}

export function quadrantOf(scores: Scores): Quadrant {
  const hi = clampScore(scores.influence) >= HIGH_SCORE;
  const hx = clampScore(scores.interest) >= HIGH_SCORE;
  return QUADRANTS.find((q) => (q.influence === 'high') === hi && (q.interest === 'high') === hx)!;
}

/** The rectangle of one score cell (interest column, influence row) inside `box`. */
export function cellRect(scores: Scores, box: Box): Box {
  const w = box.width / GRID_CELLS;
  const h = box.height / GRID_CELLS;
  const col = clampScore(scores.interest) - SCORE_MIN;
  const row = SCORE_MAX - clampScore(scores.influence);
  return { x: box.x + col * w, y: box.y + row * h, width: w, height: h };
}

/** The four quadrants with the rectangles they cover in `box`, for drawing the background. */
export function gridQuadrants(box: Box): (Quadrant & { rect: Box })[] {
  const w = box.width / GRID_CELLS;
  const h = box.height / GRID_CELLS;
  const lowCols = HIGH_SCORE - SCORE_MIN; // interest columns counted as low
  const highRows = SCORE_MAX - HIGH_SCORE + 1; // influence rows counted as high (from the top)
  return QUADRANTS.map((q) => {
    const x = q.interest === 'low' ? box.x : box.x + lowCols * w;
    const width = (q.interest === 'low' ? lowCols : GRID_CELLS - lowCols) * w;
    const y = q.influence === 'high' ? box.y : box.y + highRows * h;
    const height = (q.influence === 'high' ? highRows : GRID_CELLS - highRows) * h;
    return { ...q, rect: { x, y, width, height } };
  });
}

export interface Slot {
  index: number;
  count: number;
}

/**
 * Where a person sits in the grid: the centre of their score cell, or, when `slot.count` people
 * share the cell, the centre of their part of a small sub-grid, so nobody overlaps and every point
 * stays strictly inside the cell (so `scoresAt` gives the scores back).
 */
export function gridPosition(s: Pick<Stakeholder, 'influence' | 'interest'>, box: Box, slot: Slot = { index: 0, count: 1 }): Point {
  const cell = cellRect(s, box);
  const count = Math.max(1, Math.floor(slot.count));
  const index = Math.min(Math.max(0, Math.floor(slot.index)), count - 1);
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const col = index % cols;
  const row = Math.floor(index / cols);
  return { x: cell.x + ((col + 0.5) * cell.width) / cols, y: cell.y + ((row + 0.5) * cell.height) / rows };
}

/** Positions for everyone, spreading people who share a cell (ordered by name, then id). */
export function gridLayout(doc: Pick<MapDocument, 'stakeholders'>, box: Box): Record<Id, Point> {
  const cells = new Map<string, Stakeholder[]>();
  for (const s of Object.values(doc.stakeholders)) {
    const key = `${clampScore(s.influence)}:${clampScore(s.interest)}`;
    const list = cells.get(key) ?? [];
    list.push(s);
    cells.set(key, list);
  }
  const out: Record<Id, Point> = emptyRecord();
  for (const list of cells.values()) {
    list.sort((a, b) => displayName(a).localeCompare(displayName(b)) || a.id.localeCompare(b.id));
    list.forEach((s, index) => {
      out[s.id] = gridPosition(s, box, { index, count: list.length });
    });
  }
  return out;
}

/** The scores for a point in the grid (the inverse of gridPosition); points outside are clamped. */
export function scoresAt(position: Point, box: Box): Scores {
  const w = box.width / GRID_CELLS;
  const h = box.height / GRID_CELLS;
  const col = Math.floor((position.x - box.x) / w);
  const row = Math.floor((position.y - box.y) / h);
  return {
    interest: clampScore(SCORE_MIN + Math.min(GRID_CELLS - 1, Math.max(0, col))),
    influence: clampScore(SCORE_MAX - Math.min(GRID_CELLS - 1, Math.max(0, row))),
  };
}

// ---------------------------------------------------------------------------------------------
// (b) Me at the centre

export interface EgoOptions {
  center?: Point;
  /** Distance between rings (default 220). */
  ringGap?: number;
  /** Minimum arc length between neighbours on a ring; rings grow to keep it (default 170). */
  minSpacing?: number;
  /**
   * People not drawn (collapsed teams): not placed on a ring, and a ring left with nobody is not
   * drawn, but routes through them still count for everyone else's distance, so "No path to you"
   * stays true of the network.
   */
  hidden?: ReadonlySet<Id>;
}

export interface EgoRing {
  /** Hops from Me; null for the outer ring of people with no path to Me. */
  distance: number | null;
  radius: number;
  /** Ids in angular order, strongest ties first. */
  ids: Id[];
}

export interface EgoLayout {
  meId: Id | null;
  positions: Record<Id, Point>;
  rings: EgoRing[];
  /** Hops from Me for everyone (null when unreachable). */
  distance: Record<Id, number | null>;
  /** Strength of the strongest tie into the previous ring (or to Me); 0 when unreachable. */
  strength: Record<Id, number>;
}

/**
 * Rings by undirected hop distance from Me over influence, trust and reports-to (never tension).
 * Within a ring people are ordered by the strength of their strongest tie towards Me's side (then
 * by name) and drawn slightly inside the ring line when strong, outside when weak, so strong ties
 * sit closest. People with no path to Me go on an outer ring. An unknown `meId` puts everyone on
 * that outer ring.
 */
export function egoRings(doc: MapDocument, meId: Id, options: EgoOptions = {}): EgoLayout {
  const center = options.center ?? { x: 0, y: 0 };
  const gap = options.ringGap ?? 220;
  const minSpacing = options.minSpacing ?? 170;
  const hasMe = hasEntry(doc.stakeholders, meId);

  // Strongest connecting tie per unordered pair.
  const pairStrength = new Map<string, number>();
  const pairKey = (a: Id, b: Id) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const t of Object.values(doc.ties)) {
    if (!(CONNECTING_KINDS as readonly string[]).includes(tieMeaning(doc.map.settings, t.kind))) continue;
    const k = pairKey(t.source, t.target);
    pairStrength.set(k, Math.max(pairStrength.get(k) ?? 0, t.strength));
  }
  const adj = connectionAdjacency(doc);

  const distance: Record<Id, number | null> = emptyRecord();
  const strength: Record<Id, number> = emptyRecord();
  const byDistance = new Map<number, Id[]>();
  if (hasMe) {
    distance[meId] = 0;
    let frontier = [meId];
    for (let d = 1; frontier.length; d++) {
      const next: Id[] = [];
      for (const id of frontier) {
        for (const n of adj.get(id) ?? []) {
          if (n in distance && distance[n] !== d) continue;
          const s = pairStrength.get(pairKey(id, n)) ?? 1;
          if (!(n in distance)) {
            distance[n] = d;
            next.push(n);
          }
          strength[n] = Math.max(strength[n] ?? 0, s);
        }
      }
      if (next.length) byDistance.set(d, next);
      frontier = next;
    }
  }
  const unreachable = Object.keys(doc.stakeholders).filter((id) => !(id in distance));
  for (const id of unreachable) {
    distance[id] = null;
    strength[id] = 0;
  }

  const name = (id: Id) => displayName(doc.stakeholders[id]);
  const order = (a: Id, b: Id) => (strength[b] ?? 0) - (strength[a] ?? 0) || name(a).localeCompare(name(b)) || a.localeCompare(b);

  const positions: Record<Id, Point> = emptyRecord();
  const rings: EgoRing[] = [];
  if (hasMe && !options.hidden?.has(meId)) positions[meId] = { ...center };
  let radius = 0;
  const place = (ids: Id[], d: number | null) => {
    ids.sort(order);
    const needed = (ids.length * minSpacing) / (2 * Math.PI);
    radius = Math.max(radius + gap, needed);
    rings.push({ distance: d, radius, ids });
    // Stagger alternate rings by half a step so spokes do not line up.
    const step = (2 * Math.PI) / ids.length;
    const start = -Math.PI / 2 + (rings.length % 2 === 0 ? step / 2 : 0);
    ids.forEach((id, i) => {
      const st = strength[id] ?? 0;
      // strength 3 sits 15% of a gap inside the ring, strength 1 15% outside; unreachable on the line.
      const offset = d === null ? 0 : (2 - st) * 0.15 * gap;
      const r = radius + offset;
      const angle = start + i * step;
      positions[id] = { x: center.x + r * Math.cos(angle), y: center.y + r * Math.sin(angle) };
    });
  };
  const hidden = options.hidden;
  const drawn = (ids: Id[]) => (hidden?.size ? ids.filter((id) => !hidden.has(id)) : ids);
  const depths = [...byDistance.keys()].sort((a, b) => a - b);
  for (const d of depths) {
    const ids = drawn(byDistance.get(d)!);
    if (ids.length) place(ids, d);
  }
  const outer = drawn(unreachable);
  if (outer.length) place(outer, null);
  return { meId: hasMe ? meId : null, positions, rings, distance, strength };
}

// ---------------------------------------------------------------------------------------------
// (c) Focus

export type FocusSteps = 1 | 2 | 3;
export type FocusDirection = 'in' | 'out' | 'both';

/**
 * Hop distances from `id` following ties: 'out' goes from source to target ("whom they
 * influence / trust / report to"), 'in' from target to source ("who influences / trusts / manages
 * them"), 'both' ignores direction. Mutual ties go both ways. All kinds count unless `kinds` says
 * otherwise (tension is a relationship worth seeing in focus). Includes `id` itself at 0; empty
 * when `id` is not on the map.
 */
export function neighbourhoodDistances(
  doc: MapDocument,
  id: Id,
  steps: FocusSteps | number,
  direction: FocusDirection,
  kinds?: readonly TieKindId[],
): Map<Id, number> {
  const out = new Map<Id, Id[]>();
  const link = (a: Id, b: Id) => {
    const list = out.get(a);
    if (list) list.push(b);
    else out.set(a, [b]);
  };
  for (const t of Object.values(doc.ties)) {
    if (kinds && !kinds.includes(t.kind)) continue;
    if (!hasEntry(doc.stakeholders, t.source) || !hasEntry(doc.stakeholders, t.target)) continue;
    const forward = direction !== 'in' || t.mutual;
    const backward = direction !== 'out' || t.mutual;
    if (forward) link(t.source, t.target);
    if (backward) link(t.target, t.source);
  }
  const dist = new Map<Id, number>();
  if (!hasEntry(doc.stakeholders, id)) return dist;
  dist.set(id, 0);
  let frontier = [id];
  for (let d = 1; d <= steps && frontier.length; d++) {
    const next: Id[] = [];
    for (const a of frontier) {
      for (const b of out.get(a) ?? []) {
        if (dist.has(b)) continue;
        dist.set(b, d);
        next.push(b);
      }
    }
    frontier = next;
  }
  return dist;
}

/** The ids within `steps` of `id` in the given direction, including `id` itself. */
export function neighbourhood(
  doc: MapDocument,
  id: Id,
  steps: FocusSteps | number,
  direction: FocusDirection,
  kinds?: readonly TieKindId[],
): Set<Id> {
  return new Set(neighbourhoodDistances(doc, id, steps, direction, kinds).keys());
}

/** The ties whose two ends are both in `ids` (what stays unfaded in focus mode). */
export function tiesWithin(doc: MapDocument, ids: ReadonlySet<Id>): Set<Id> {
  return new Set(Object.values(doc.ties).filter((t) => ids.has(t.source) && ids.has(t.target)).map((t) => t.id));
}
