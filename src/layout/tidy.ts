/**
 * Arrange -> Tidy selection: the selected cards in neat rows, evenly spaced, in their reading
 * order (top to bottom, then left to right), starting where the selection's top-left was. A
 * selection wider than tall becomes one row (up to eight people), a taller one a column, and a
 * larger one a grid with the selection's proportions.
 */
import type { LayoutCard, Positions } from './types';
import { topLeft } from './types';
import { maxOf } from '../domain/extent';
import { emptyRecord } from '../domain/records';

export const TIDY_GAP_X = 40;
export const TIDY_GAP_Y = 40;

export function tidyLayout(cards: LayoutCard[]): Positions {
  if (cards.length < 2) return {};
  const origin = topLeft(cards);
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const c of cards) {
    maxX = Math.max(maxX, c.x + c.width);
    maxY = Math.max(maxY, c.y + c.height);
  }
  const spanX = maxX - origin.x;
  const spanY = maxY - origin.y;
  const cellW = maxOf(cards, (c) => c.width) + TIDY_GAP_X;
  const cellH = maxOf(cards, (c) => c.height) + TIDY_GAP_Y;
  const n = cards.length;
  let columns: number;
  if (n <= 8 && spanX >= spanY) columns = n;
  else if (n <= 8) columns = 1;
  else {
    // Keep the selection's shape: columns / rows in cell units follow spanX / spanY.
    const aspect = Math.max(0.2, Math.min(5, spanX / cellW / Math.max(1e-6, spanY / cellH)));
    columns = Math.max(1, Math.min(n, Math.round(Math.sqrt(n * aspect))));
  }
  // Reading order: rows of the current picture (cards whose centres are within half a card
  // height share a row), then left to right.
  const sorted = [...cards].sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2));
  const rows: LayoutCard[][] = [];
  for (const c of sorted) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(c.y - last[0].y) < c.height / 2) last.push(c);
    else rows.push([c]);
  }
  const ordered = rows.flatMap((r) => r.sort((a, b) => a.x - b.x));
  const out: Positions = emptyRecord();
  ordered.forEach((c, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    out[c.id] = { x: Math.round(origin.x + col * cellW + (cellW - TIDY_GAP_X - c.width) / 2), y: Math.round(origin.y + row * cellH) };
  });
  return out;
}
