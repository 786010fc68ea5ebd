/**
 * A grid spatial index of people's cards in flow coordinates, so the zoomed-out canvas can find
 * the person under the pointer, or everyone in a box, without a DOM node per person and without
 * scanning every person on each pointer move. Each card is filed in every grid cell it overlaps.
 *
 * `sync` takes the current list of boxes (the order is the drawing order: later is on top) and
 * re-files only the boxes that moved, changed size, appeared or went away.
 */

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Entry {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Drawing order: the highest one under a point is on top. */
  order: number;
  /** Keys of the cells the entry is filed in. */
  cells: number[];
  seen: number;
}

export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Cell keys are packed into one number; far-off coordinates share the edge cells (still correct, only slower). */
const SPAN = 1 << 15;
const clampCell = (c: number) => (c < -SPAN ? -SPAN : c >= SPAN ? SPAN - 1 : c);
const keyOf = (cx: number, cy: number) => (cx + SPAN) * (2 * SPAN) + (cy + SPAN);

export class GridIndex {
  private readonly cell: number;
  private readonly entries = new Map<string, Entry>();
  private readonly grid = new Map<number, Set<string>>();
  private generation = 0;

  constructor(cellSize = 256) {
    this.cell = cellSize;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Brings the index up to date with these boxes (anyone not listed is removed). */
  sync(boxes: Iterable<Box>): void {
    const generation = ++this.generation;
    let order = 0;
    for (const b of boxes) this.put(b, order++, generation);
    if (this.entries.size > order) {
      for (const [id, e] of this.entries) if (e.seen !== generation) this.remove(id, e);
    }
  }

  /** The topmost person whose card contains the point, or null. */
  hit(x: number, y: number): string | null {
    const bucket = this.grid.get(keyOf(clampCell(Math.floor(x / this.cell)), clampCell(Math.floor(y / this.cell))));
    if (!bucket) return null;
    let best: string | null = null;
    let bestOrder = -1;
    for (const id of bucket) {
      const e = this.entries.get(id)!;
      if (e.order > bestOrder && x >= e.x && x <= e.x + e.w && y >= e.y && y <= e.y + e.h) {
        best = id;
        bestOrder = e.order;
      }
    }
    return best;
  }

  /** Everyone whose card overlaps the rectangle, in drawing order. */
  query(rect: Rect): string[] {
    const found = new Set<string>();
    const x0 = clampCell(Math.floor(rect.minX / this.cell));
    const x1 = clampCell(Math.floor(rect.maxX / this.cell));
    const y0 = clampCell(Math.floor(rect.minY / this.cell));
    const y1 = clampCell(Math.floor(rect.maxY / this.cell));
    const overlaps = (id: string) => {
      const e = this.entries.get(id)!;
      return e.x <= rect.maxX && e.x + e.w >= rect.minX && e.y <= rect.maxY && e.y + e.h >= rect.minY;
    };
    // A box wider than the map (a zoomed-out box selection) covers more cells than are filled:
    // then every card is checked once instead of every empty cell.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.grid.size) {
      for (const id of this.entries.keys()) if (overlaps(id)) found.add(id);
    } else {
      for (let cx = x0; cx <= x1; cx++) {
        for (let cy = y0; cy <= y1; cy++) {
          const bucket = this.grid.get(keyOf(cx, cy));
          if (bucket) for (const id of bucket) if (!found.has(id) && overlaps(id)) found.add(id);
        }
      }
    }
    return [...found].sort((a, b) => this.entries.get(a)!.order - this.entries.get(b)!.order);
  }

  private put(b: Box, order: number, generation: number) {
    const e = this.entries.get(b.id);
    if (e && e.x === b.x && e.y === b.y && e.w === b.width && e.h === b.height) {
      e.order = order;
      e.seen = generation;
      return;
    }
    if (e) this.unfile(b.id, e);
    const entry: Entry = { x: b.x, y: b.y, w: b.width, h: b.height, order, cells: [], seen: generation };
    const x0 = clampCell(Math.floor(b.x / this.cell));
    const x1 = clampCell(Math.floor((b.x + b.width) / this.cell));
    const y0 = clampCell(Math.floor(b.y / this.cell));
    const y1 = clampCell(Math.floor((b.y + b.height) / this.cell));
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = keyOf(cx, cy);
        let bucket = this.grid.get(key);
        if (!bucket) this.grid.set(key, (bucket = new Set()));
        bucket.add(b.id);
        entry.cells.push(key);
      }
    }
    this.entries.set(b.id, entry);
  }

  private unfile(id: string, e: Entry) {
    for (const key of e.cells) {
      const bucket = this.grid.get(key);
      if (!bucket) continue;
      bucket.delete(id);
      if (bucket.size === 0) this.grid.delete(key);
    }
  }

  private remove(id: string, e: Entry) {
    this.unfile(id, e);
    this.entries.delete(id);
  }
}
