/**
 * The power/interest grid as a board of content-sized cells. Equal cells sized for the busiest one
 * left most of the grid empty and, fitted to the screen, shrank people to thumbnails; here each
 * interest column and influence row is as wide or tall as its people need (as compact name chips),
 * then the whole board is stretched to the canvas's shape so it fills it. The top row of each
 * quadrant keeps a band for the quadrant's label, so people never sit on it.
 *
 * Pure: the canvas adapter draws the board and turns chip centres into node corners.
 */
import { displayName } from './describe';
import type { Id, MapDocument, Stakeholder } from './types';
import { GRID_CELLS, HIGH_SCORE, QUADRANTS, SCORE_MAX, SCORE_MIN, type Box, type Point, type Quadrant, type Scores } from './views';

export interface BoardOptions {
  chipWidth: number;
  chipHeight: number;
  gap: number;
  /** Space around a cell's chips. */
  pad: number;
  /** Height kept free at the top of each quadrant's top row for its label. */
  band: number;
  /** At most this many chips in one column of a cell before it opens another column. */
  perColumn: number;
}

export const BOARD_OPTIONS: BoardOptions = { chipWidth: 168, chipHeight: 30, gap: 6, pad: 12, band: 66, perColumn: 5 };

export interface Board {
  /** Column edges left to right: xs[i] is where interest i + 1 starts; xs[5] is the right edge. */
  xs: number[];
  /** Row edges top to bottom: ys[0] is the top of influence 5; ys[5] is the bottom edge. */
  ys: number[];
  options: BoardOptions;
}

const clamp = (n: number) => (Number.isFinite(n) ? Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(n))) : 3);
const colOf = (interest: number) => clamp(interest) - SCORE_MIN;
const rowOf = (influence: number) => SCORE_MAX - clamp(influence);
/** Rows that start a quadrant (influence 5 and the top "low" row) carry the label band. */
const BAND_ROWS = new Set([0, SCORE_MAX - HIGH_SCORE + 1]);

function cellPeople(doc: Pick<MapDocument, 'stakeholders'>): Map<string, Stakeholder[]> {
  const cells = new Map<string, Stakeholder[]>();
  for (const s of Object.values(doc.stakeholders)) {
    const key = `${rowOf(s.influence)}:${colOf(s.interest)}`;
    const list = cells.get(key);
    if (list) list.push(s);
    else cells.set(key, [s]);
  }
  for (const list of cells.values()) list.sort((a, b) => displayName(a).localeCompare(displayName(b)) || a.id.localeCompare(b.id));
  return cells;
}

function cellShape(n: number, o: BoardOptions): { cols: number; rows: number } {
  const cols = Math.max(1, Math.ceil(n / o.perColumn));
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

const edges = (sizes: number[]) => sizes.reduce<number[]>((acc, s) => [...acc, acc[acc.length - 1] + s], [0]);

/** The board for these people, stretched to `aspect` (width / height of the canvas). */
export function gridBoard(doc: Pick<MapDocument, 'stakeholders'>, aspect: number, options: BoardOptions = BOARD_OPTIONS): Board {
  const o = options;
  const colW = new Array<number>(GRID_CELLS).fill(o.chipWidth * 0.75 + 2 * o.pad);
  const rowH = new Array<number>(GRID_CELLS).fill(o.chipHeight + 2 * o.pad);
  for (const [key, list] of cellPeople(doc)) {
    const [r, c] = key.split(':').map(Number);
    const { cols, rows } = cellShape(list.length, o);
    colW[c] = Math.max(colW[c], cols * o.chipWidth + (cols - 1) * o.gap + 2 * o.pad);
    rowH[r] = Math.max(rowH[r], rows * o.chipHeight + (rows - 1) * o.gap + 2 * o.pad);
  }
  for (const r of BAND_ROWS) rowH[r] += o.band;
  const width = colW.reduce((a, b) => a + b, 0);
  const height = rowH.reduce((a, b) => a + b, 0);
  const target = Number.isFinite(aspect) && aspect > 0 ? aspect : 1.4;
  // Stretch, never shrink: extra room is shared out evenly so the board takes the canvas's shape.
  if (width / height < target) {
    const extra = (target * height - width) / GRID_CELLS;
    for (let i = 0; i < GRID_CELLS; i++) colW[i] += extra;
  } else {
    const extra = (width / target - height) / GRID_CELLS;
    for (let i = 0; i < GRID_CELLS; i++) rowH[i] += extra;
  }
  return { xs: edges(colW), ys: edges(rowH), options: o };
}

export function boardBox(board: Board): Box {
  return { x: 0, y: 0, width: board.xs[GRID_CELLS], height: board.ys[GRID_CELLS] };
}

/** One cell's rectangle, and the part of it chips may use (below the label band). */
export function boardCell(board: Board, scores: Scores): { rect: Box; content: Box } {
  const c = colOf(scores.interest);
  const r = rowOf(scores.influence);
  const rect = { x: board.xs[c], y: board.ys[r], width: board.xs[c + 1] - board.xs[c], height: board.ys[r + 1] - board.ys[r] };
  const top = BAND_ROWS.has(r) ? board.options.band : 0;
  const p = board.options.pad;
  return { rect, content: { x: rect.x + p, y: rect.y + top + p, width: rect.width - 2 * p, height: rect.height - top - 2 * p } };
}

/** Chip centres: each cell's people in name order, in columns of at most `perColumn`, top left first. */
export function boardLayout(doc: Pick<MapDocument, 'stakeholders'>, board: Board): Record<Id, Point> {
  const o = board.options;
  const out: Record<Id, Point> = {};
  for (const list of cellPeople(doc).values()) {
    const { content } = boardCell(board, list[0]);
    const { cols, rows } = cellShape(list.length, o);
    const blockW = cols * o.chipWidth + (cols - 1) * o.gap;
    const left = content.x + Math.max(0, (content.width - blockW) / 2);
    list.forEach((s, i) => {
      const col = Math.floor(i / rows);
      const row = i % rows;
      out[s.id] = { x: left + col * (o.chipWidth + o.gap) + o.chipWidth / 2, y: content.y + row * (o.chipHeight + o.gap) + o.chipHeight / 2 };
    });
  }
  return out;
}

/** The scores of the cell under a point (a dropped chip); points outside are clamped. */
export function boardScoresAt(board: Board, p: Point): Scores {
  const find = (edgesList: number[], v: number) => {
    for (let i = 0; i < GRID_CELLS; i++) if (v < edgesList[i + 1]) return i;
    return GRID_CELLS - 1;
  };
  return { interest: SCORE_MIN + find(board.xs, p.x), influence: SCORE_MAX - find(board.ys, p.y) };
}

/** The four quadrants over the board (high = 4 and 5), for the backdrop and its labels. */
export function boardQuadrants(board: Board): (Quadrant & { rect: Box })[] {
  const splitX = board.xs[HIGH_SCORE - SCORE_MIN];
  const splitY = board.ys[SCORE_MAX - HIGH_SCORE + 1];
  const right = board.xs[GRID_CELLS];
  const bottom = board.ys[GRID_CELLS];
  return QUADRANTS.map((q) => {
    const x = q.interest === 'low' ? 0 : splitX;
    const y = q.influence === 'high' ? 0 : splitY;
    return { ...q, rect: { x, y, width: (q.interest === 'low' ? splitX : right) - x, height: (q.influence === 'high' ? splitY : bottom) - y } };
  });
}

/** Where a quadrant's label band is: its top row's band, across the quadrant. */
export function labelBand(board: Board, quadrant: { rect: Box }): Box {
  return { x: quadrant.rect.x, y: quadrant.rect.y, width: quadrant.rect.width, height: board.options.band };
}
