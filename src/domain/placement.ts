/**
 * Where a new card goes when the user did not point at a spot (the N key, the palette's button):
 * the free place nearest the middle of the view, so repeated presses lay cards out side by side
 * instead of stacking them on each other or on people already there.
 */
import { NODE_HEIGHT, nodeWidth } from './defaults';
import type { Position } from './operations';
import type { Stakeholder } from './types';

/** Room kept around a card, so a new one does not touch its neighbours either. */
const GAP = 24;
/** How far out the search goes, in card steps, before giving up and using the centre. */
const MAX_RINGS = 40;

interface Size {
  width: number;
  height: number;
}

/**
 * The top-left corner for a card of `size` whose middle is as near `centre` as possible without
 * overlapping any of `people` (cards of their own widths, NODE_HEIGHT tall). Candidate spots are
 * tried ring by ring on a grid of half a card, nearest first.
 */
export function freeSpotNear(people: Iterable<Pick<Stakeholder, 'x' | 'y' | 'influence'>>, centre: Position, size: Size = { width: nodeWidth(3), height: NODE_HEIGHT }): Position {
  const stepX = Math.round((size.width + GAP) / 2);
  const stepY = Math.round((size.height + GAP) / 2);
  const reachX = (MAX_RINGS + 2) * stepX + size.width;
  const reachY = (MAX_RINGS + 2) * stepY + size.height;
  // Only cards that could be in the way: the search area is bounded.
  const boxes: { x: number; y: number; r: number; b: number }[] = [];
  for (const p of people) {
    if (Math.abs(p.x - centre.x) > reachX + 400 || Math.abs(p.y - centre.y) > reachY + 200) continue;
    boxes.push({ x: p.x - GAP, y: p.y - GAP, r: p.x + nodeWidth(p.influence) + GAP, b: p.y + NODE_HEIGHT + GAP });
  }
  const origin = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const free = (x: number, y: number) => {
    const r = x + size.width;
    const b = y + size.height;
    for (const box of boxes) if (x < box.r && r > box.x && y < box.b && b > box.y) return false;
    return true;
  };
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    let best: Position | null = null;
    let bestDistance = Infinity;
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = origin.x + i * stepX;
        const y = origin.y + j * stepY;
        // Nearest by on-screen distance within the ring; ties go to the right, then down.
        const distance = (i * stepX) ** 2 + (j * stepY) ** 2;
        if (distance < bestDistance && free(x, y)) {
          best = { x, y };
          bestDistance = distance;
        }
      }
    }
    if (best) return best;
  }
  return origin;
}
