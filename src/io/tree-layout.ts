/**
 * Pure layouts for imported maps: a tidy layered tree for org charts, and a grid or circle for
 * files that carry no positions. Positions are top-left corners in flow coordinates, like
 * Stakeholder.x/y.
 *
 * The tree layout is the classic contour method (Reingold-Tilford without threads): each subtree
 * keeps its left and right extent per depth; siblings are pushed right just far enough that no
 * two cards at the same depth overlap; a parent is centred over its first and last child; trees
 * of a forest sit side by side the same way. People with no manager and no reports go into a grid
 * below the trees so they do not stretch the top row. O(nodes x depth).
 */
import { identity, maxOf, minOf } from '../domain/extent';

export interface LayoutNode {
  id: string;
  width: number;
  height?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface TreeLayoutOptions {
  /** Card height used for the row pitch (default 90). */
  nodeHeight?: number;
  /** Gap between neighbouring cards on one row (default 30). */
  siblingGap?: number;
  /** Extra gap between separate trees (default 80). */
  treeGap?: number;
  /** Vertical gap between rows (default 70). */
  levelGap?: number;
  origin?: Point;
}

interface Contour {
  left: number[];
  right: number[];
}

/**
 * Lays out a forest top-down. `parentOf` maps a node to its parent (manager); links to unknown
 * nodes are ignored and any cycle left in the data is broken so the layout always finishes.
 * Returns the position of every node and its depth (0 for roots).
 */
export function layoutForest(nodes: LayoutNode[], parentOf: ReadonlyMap<string, string>, options: TreeLayoutOptions = {}): { positions: Map<string, Point>; depth: Map<string, number> } {
  const nodeHeight = options.nodeHeight ?? 90;
  const gap = options.siblingGap ?? 30;
  const treeGap = options.treeGap ?? 80;
  const levelGap = options.levelGap ?? 70;
  const origin = options.origin ?? { x: 0, y: 0 };
  const width = new Map(nodes.map((n) => [n.id, Math.max(1, n.width)]));

  // Children in input order; parents only when they are known nodes.
  const children = new Map<string, string[]>();
  const parent = new Map<string, string>();
  for (const n of nodes) {
    const p = parentOf.get(n.id);
    if (p !== undefined && p !== n.id && width.has(p)) parent.set(n.id, p);
  }
  // Break any cycle: walk up from each node; a node met twice on one walk loses its parent link.
  const state = new Map<string, 1 | 2>();
  for (const n of nodes) {
    const path: string[] = [];
    let v: string | undefined = n.id;
    while (v !== undefined && !state.has(v)) {
      state.set(v, 1);
      path.push(v);
      v = parent.get(v);
    }
    if (v !== undefined && state.get(v) === 1) parent.delete(v);
    for (const p of path) state.set(p, 2);
  }
  for (const n of nodes) {
    const p = parent.get(n.id);
    if (p === undefined) continue;
    const list = children.get(p);
    if (list) list.push(n.id);
    else children.set(p, [n.id]);
  }
  const roots = nodes.filter((n) => !parent.has(n.id)).map((n) => n.id);
  const trees = roots.filter((r) => children.has(r));
  const singles = roots.filter((r) => !children.has(r));

  // Post-order without recursion (deep chains are fine).
  const rel = new Map<string, number>();
  const contour = new Map<string, Contour>();
  const order: string[] = [];
  const stack = [...trees];
  while (stack.length) {
    const v = stack.pop()!;
    order.push(v);
    for (const c of children.get(v) ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    const w = width.get(v)!;
    const kids = children.get(v) ?? [];
    if (kids.length === 0) {
      contour.set(v, { left: [-w / 2], right: [w / 2] });
      continue;
    }
    const { offsets, merged } = packSiblings(kids.map((k) => contour.get(k)!), gap);
    for (const k of kids) contour.delete(k);
    const centre = (offsets[0] + offsets[offsets.length - 1]) / 2;
    kids.forEach((k, j) => rel.set(k, offsets[j] - centre));
    const left = merged.left.map((x) => x - centre);
    const right = merged.right.map((x) => x - centre);
    left.unshift(-w / 2);
    right.unshift(w / 2);
    contour.set(v, { left, right });
  }

  const positions = new Map<string, Point>();
  const depth = new Map<string, number>();
  const pitch = nodeHeight + levelGap;
  let maxDepth = -1;
  let forestRight = origin.x;
  if (trees.length) {
    const { offsets, merged } = packSiblings(trees.map((t) => contour.get(t)!), treeGap);
    const shift = origin.x - minOf(merged.left, identity);
    forestRight = maxOf(merged.right, identity) + shift;
    // Top-down: absolute centre = parent's centre + offset.
    const centreX = new Map<string, number>();
    const queue: string[] = [];
    trees.forEach((t, i) => {
      centreX.set(t, offsets[i] + shift);
      depth.set(t, 0);
      queue.push(t);
    });
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      const d = depth.get(v)!;
      maxDepth = Math.max(maxDepth, d);
      positions.set(v, { x: centreX.get(v)! - width.get(v)! / 2, y: origin.y + d * pitch });
      for (const c of children.get(v) ?? []) {
        centreX.set(c, centreX.get(v)! + rel.get(c)!);
        depth.set(c, d + 1);
        queue.push(c);
      }
    }
  }
  if (singles.length) {
    const top = origin.y + (maxDepth + 1) * pitch + (trees.length ? levelGap : 0);
    const grid = gridLayout(singles.map((id) => ({ id, width: width.get(id)! })), {
      origin: { x: origin.x, y: top },
      columns: trees.length ? Math.max(1, Math.floor((forestRight - origin.x + gap) / (maxWidth(singles, width) + gap))) : undefined,
      gap,
      nodeHeight,
      rowGap: levelGap / 2,
    });
    for (const [id, p] of grid) {
      positions.set(id, p);
      depth.set(id, 0);
    }
  }
  return { positions, depth };
}

function maxWidth(ids: string[], width: Map<string, number>): number {
  let m = 1;
  for (const id of ids) m = Math.max(m, width.get(id)!);
  return m;
}

/** Places contours left to right, each as far left as the ones before it allow. */
function packSiblings(items: Contour[], gap: number): { offsets: number[]; merged: Contour } {
  const first = items[0];
  const left = first.left.slice();
  const right = first.right.slice();
  const offsets = [0];
  for (let i = 1; i < items.length; i++) {
    const c = items[i];
    const common = Math.min(right.length, c.left.length);
    let shift = -Infinity;
    for (let d = 0; d < common; d++) shift = Math.max(shift, right[d] - c.left[d] + gap);
    offsets.push(shift);
    for (let d = 0; d < c.right.length; d++) {
      if (d < right.length) right[d] = c.right[d] + shift;
      else {
        right.push(c.right[d] + shift);
        left.push(c.left[d] + shift);
      }
    }
  }
  return { offsets, merged: { left, right } };
}

export interface GridOptions {
  origin?: Point;
  columns?: number;
  gap?: number;
  nodeHeight?: number;
  rowGap?: number;
}

/** Rows of cards, roughly square overall; each column is as wide as its widest card. */
export function gridLayout(nodes: LayoutNode[], options: GridOptions = {}): Map<string, Point> {
  const origin = options.origin ?? { x: 0, y: 0 };
  const gap = options.gap ?? 30;
  const nodeHeight = options.nodeHeight ?? 90;
  const rowGap = options.rowGap ?? 40;
  const columns = Math.max(1, Math.floor(options.columns ?? Math.ceil(Math.sqrt(nodes.length * 1.6))));
  const colWidth: number[] = [];
  nodes.forEach((n, i) => {
    const c = i % columns;
    colWidth[c] = Math.max(colWidth[c] ?? 0, n.width);
  });
  const colX: number[] = [];
  let x = origin.x;
  for (let c = 0; c < colWidth.length; c++) {
    colX.push(x);
    x += colWidth[c] + gap;
  }
  const out = new Map<string, Point>();
  nodes.forEach((n, i) => {
    const c = i % columns;
    const r = Math.floor(i / columns);
    out.set(n.id, { x: colX[c] + (colWidth[c] - n.width) / 2, y: origin.y + r * (nodeHeight + rowGap) });
  });
  return out;
}

/** Cards evenly around a circle big enough that neighbours do not touch. */
export function circleLayout(nodes: LayoutNode[], options: { origin?: Point; nodeHeight?: number; gap?: number } = {}): Map<string, Point> {
  const origin = options.origin ?? { x: 0, y: 0 };
  const nodeHeight = options.nodeHeight ?? 90;
  const gap = options.gap ?? 40;
  const out = new Map<string, Point>();
  if (nodes.length === 0) return out;
  if (nodes.length === 1) {
    out.set(nodes[0].id, { ...origin });
    return out;
  }
  const widest = maxOf(nodes, (n) => n.width);
  // Chord between neighbours must exceed the card's diagonal plus a gap.
  const chord = Math.hypot(widest, nodeHeight) + gap;
  const radius = Math.max(chord / (2 * Math.sin(Math.PI / nodes.length)), chord);
  nodes.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    out.set(n.id, {
      x: Math.round(origin.x + radius + radius * Math.cos(angle) - n.width / 2 + widest / 2),
      y: Math.round(origin.y + radius + radius * Math.sin(angle)),
    });
  });
  return out;
}

/** Circle for small maps, grid for larger ones. */
export function autoLayout(nodes: LayoutNode[], options: { origin?: Point } = {}): Map<string, Point> {
  return nodes.length <= 24 ? circleLayout(nodes, options) : gridLayout(nodes, options);
}
