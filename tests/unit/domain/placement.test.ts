import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, nodeWidth } from '../../../src/domain/defaults';
import { freeSpotNear } from '../../../src/domain/placement';

const W = nodeWidth(3);
const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x < b.x + W && a.x + W > b.x && a.y < b.y + NODE_HEIGHT && a.y + NODE_HEIGHT > b.y;

describe('freeSpotNear', () => {
  it('centres the card on the point when the place is free', () => {
    expect(freeSpotNear([], { x: 500, y: 300 })).toEqual({ x: Math.round(500 - W / 2), y: Math.round(300 - NODE_HEIGHT / 2) });
  });

  it('ten cards placed one after another never overlap each other, and stay near the centre', () => {
    const placed: { x: number; y: number; influence: number }[] = [];
    for (let i = 0; i < 10; i++) placed.push({ ...freeSpotNear(placed, { x: 0, y: 0 }), influence: 3 });
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j])).toBe(false);
    for (const p of placed) expect(Math.hypot(p.x + W / 2, p.y + NODE_HEIGHT / 2)).toBeLessThan(3 * W);
  });

  it('steps around a wide card already in the middle', () => {
    const wide = { x: -150, y: -40, influence: 5 };
    const spot = freeSpotNear([wide], { x: 0, y: 0 });
    expect(spot.x + W <= wide.x || spot.x >= wide.x + nodeWidth(5) || spot.y + NODE_HEIGHT <= wide.y || spot.y >= wide.y + NODE_HEIGHT).toBe(true);
  });
});
