/**
 * Compact org chart for whole companies (pure, O(people)).
 *
 * A tidy tree puts every leaf on one row, so a 50,000-person company is a line 40,000 cards wide.
 * Here, as org-chart tools do:
 * - a manager's reports who manage nobody are stacked in columns (`LEAF_STACK` cards tall, or
 *   taller for a team so large that its columns would be far wider than tall) straight under
 *   the manager;
 * - a manager's sub-teams (reports who manage someone, each a box holding its whole subtree) and
 *   that stack are packed left to right in rows ("shelves") under the manager, wrapping at a
 *   width chosen so the manager's box comes out near `ASPECT` (wide:tall);
 * - the top-level trees (departments) are packed the same way, side by side, and people with
 *   neither a manager nor reports go in a grid below.
 * Because every box is kept near the same aspect ratio, so is the whole chart, at any size.
 * Every report's box lies entirely below their manager's card, and boxes never overlap.
 *
 * Managers come from reports-to ties (first tie wins, cycles broken), as in the layered layout.
 */
import { managersFrom } from './org-chart';
import type { LayoutInput, Positions } from './types';
import { topLeft } from './types';
import { emptyRecord } from '../domain/records';

/** Gap between neighbouring boxes on a row. */
export const COMPACT_GAP_X = 30;
/** Gap between a manager's card and the row of boxes under it, and between rows. */
export const COMPACT_GAP_Y = 50;
/** Gap between stacked leaf cards. */
export const STACK_GAP = 14;
/** A column of leaf reports holds at most this many cards. */
export const LEAF_STACK = 8;
/**
 * From this many people on, Arrange -> Org chart uses this layout instead of ELK's layered one
 * (which takes seconds past a few thousand people and comes out as a long, thin line).
 */
export const COMPACT_MIN_PEOPLE = 1000;
/** Width : height each subtree's box aims for. */
export const ASPECT = 1.6;

interface Box {
  w: number;
  h: number;
}

/**
 * Shelf packing in order: items left to right, a new row when the next would pass `limit`.
 * Returns each item's top-left (relative) and the packed size.
 */
function pack(items: Box[], gapX: number, gapY: number, aspect: number): { xs: Float64Array; ys: Float64Array; w: number; h: number } {
  const xs = new Float64Array(items.length);
  const ys = new Float64Array(items.length);
  if (!items.length) return { xs, ys, w: 0, h: 0 };
  let area = 0;
  let widest = 0;
  let oneRow = 0;
  for (const b of items) {
    area += (b.w + gapX) * (b.h + gapY);
    widest = Math.max(widest, b.w);
    oneRow += b.w + gapX;
  }
  oneRow -= gapX;
  const limit = Math.min(oneRow, Math.max(widest, Math.sqrt(area * aspect)));
  let x = 0;
  let y = 0;
  let rowH = 0;
  let w = 0;
  for (let i = 0; i < items.length; i++) {
    const b = items[i];
    if (x > 0 && x + b.w > limit + 0.5) {
      y += rowH + gapY;
      x = 0;
      rowH = 0;
    }
    xs[i] = x;
    ys[i] = y;
    w = Math.max(w, x + b.w);
    rowH = Math.max(rowH, b.h);
    x += b.w + gapX;
  }
  return { xs, ys, w, h: y + rowH };
}

export interface CompactOptions {
  aspect?: number;
  leafStack?: number;
}

/** Positions (top-left corners) for every card; the chart starts where the cards' top-left was. */
export function compactOrgChart(input: LayoutInput, options: CompactOptions = {}): Positions {
  const aspect = options.aspect ?? ASPECT;
  const leafStack = Math.max(1, Math.floor(options.leafStack ?? LEAF_STACK));
  const n = input.cards.length;
  const index = new Map<string, number>();
  input.cards.forEach((c, i) => index.set(c.id, i));
  const width = new Float64Array(n);
  const height = new Float64Array(n);
  input.cards.forEach((c, i) => {
    width[i] = Math.max(1, c.width);
    height[i] = Math.max(1, c.height);
  });
  const managerOf = managersFrom(input);
  const parent = new Int32Array(n).fill(-1);
  const kids: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const m = managerOf.get(input.cards[i].id);
    if (m === undefined) continue;
    parent[i] = index.get(m)!;
    kids[parent[i]].push(i);
  }

  // Per node: its box size, and where its card and each report's box sit inside it (relative).
  const boxW = new Float64Array(n);
  const boxH = new Float64Array(n);
  const cardX = new Float64Array(n);
  const relX = new Float64Array(n);
  const relY = new Float64Array(n);

  // Post-order without recursion.
  const order: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (parent[i] < 0) stack.push(i);
  while (stack.length) {
    const v = stack.pop()!;
    order.push(v);
    for (const c of kids[v]) stack.push(c);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    const list = kids[v];
    if (!list.length) {
      boxW[v] = width[v];
      boxH[v] = height[v];
      continue;
    }
    const leaves: number[] = [];
    const teams: number[] = [];
    for (const c of list) (kids[c].length ? teams : leaves).push(c);
    const items: Box[] = [];
    let cellW = 0;
    let cellH = 0;
    let perColumn = 0;
    if (leaves.length) {
      for (const l of leaves) {
        cellW = Math.max(cellW, width[l]);
        cellH = Math.max(cellH, height[l]);
      }
      // Columns of `leafStack` cards, or taller when a flat team (a store's 300 staff under one
      // manager) would otherwise make a row far wider than `aspect`.
      const square = Math.ceil(Math.sqrt((leaves.length * (cellW + COMPACT_GAP_X)) / (aspect * (cellH + STACK_GAP))));
      const columns = Math.ceil(leaves.length / Math.max(leafStack, square));
      perColumn = Math.ceil(leaves.length / columns);
      items.push({ w: columns * cellW + (columns - 1) * COMPACT_GAP_X, h: perColumn * (cellH + STACK_GAP) - STACK_GAP });
    }
    for (const t of teams) items.push({ w: boxW[t], h: boxH[t] });
    const packed = pack(items, COMPACT_GAP_X, COMPACT_GAP_Y, aspect);
    const w = Math.max(width[v], packed.w);
    const offX = (w - packed.w) / 2;
    const offY = height[v] + COMPACT_GAP_Y;
    boxW[v] = w;
    boxH[v] = offY + packed.h;
    cardX[v] = (w - width[v]) / 2;
    let item = 0;
    if (leaves.length) {
      const x0 = offX + packed.xs[0];
      const y0 = offY + packed.ys[0];
      leaves.forEach((l, i) => {
        const col = Math.floor(i / perColumn);
        const row = i % perColumn;
        relX[l] = x0 + col * (cellW + COMPACT_GAP_X) + (cellW - width[l]) / 2;
        relY[l] = y0 + row * (cellH + STACK_GAP);
      });
      item = 1;
    }
    for (const t of teams) {
      relX[t] = offX + packed.xs[item];
      relY[t] = offY + packed.ys[item];
      item++;
    }
  }

  // Trees side by side (packed like a manager's teams); singles in a grid below.
  const trees: number[] = [];
  const singles: number[] = [];
  for (let i = 0; i < n; i++) if (parent[i] < 0) (kids[i].length ? trees : singles).push(i);
  const forest = pack(trees.map((t) => ({ w: boxW[t], h: boxH[t] })), COMPACT_GAP_X * 3, COMPACT_GAP_Y * 2, aspect);
  // Absolute box corners, top-down; a leaf's corner is its card's corner.
  const absX = new Float64Array(n);
  const absY = new Float64Array(n);
  trees.forEach((t, i) => {
    absX[t] = forest.xs[i];
    absY[t] = forest.ys[i];
  });
  for (const v of order) {
    if (parent[v] >= 0) {
      absX[v] = absX[parent[v]] + relX[v];
      absY[v] = absY[parent[v]] + relY[v];
    }
  }
  const origin = topLeft(input.cards);
  const out: Positions = emptyRecord();
  for (const v of order) {
    const x = kids[v].length ? absX[v] + cardX[v] : absX[v];
    out[input.cards[v].id] = { x: Math.round(origin.x + x), y: Math.round(origin.y + absY[v]) };
  }
  if (singles.length) {
    let widest = 1;
    let tallest = 1;
    for (const s of singles) {
      widest = Math.max(widest, width[s]);
      tallest = Math.max(tallest, height[s]);
    }
    const top = trees.length ? forest.h + COMPACT_GAP_Y * 2 : 0;
    // As wide as the chart, or a block near the aspect ratio when there is no chart.
    const fit = trees.length ? forest.w : Math.sqrt(singles.length * (widest + COMPACT_GAP_X) * (tallest + STACK_GAP) * aspect);
    const columns = Math.max(1, Math.floor((fit + COMPACT_GAP_X) / (widest + COMPACT_GAP_X)));
    singles.forEach((s, i) => {
      const col = i % columns;
      const row = Math.floor(i / columns);
      out[input.cards[s].id] = {
        x: Math.round(origin.x + col * (widest + COMPACT_GAP_X) + (widest - width[s]) / 2),
        y: Math.round(origin.y + top + row * (tallest + STACK_GAP)),
      };
    });
  }
  return out;
}
