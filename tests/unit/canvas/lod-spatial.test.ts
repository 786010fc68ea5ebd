import { describe, expect, it } from 'vitest';
import { GridIndex, type Box } from '../../../src/canvas/lod/spatial';

const card = (id: string, x: number, y: number, width = 150, height = 76): Box => ({ id, x, y, width, height });

/** The same answers by scanning every box: what the index must agree with. */
function scanHit(boxes: Box[], x: number, y: number): string | null {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i];
    if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) return b.id;
  }
  return null;
}

describe('grid spatial index of cards', () => {
  it('finds the card under a point, the later one when two overlap, and nothing on empty canvas', () => {
    const index = new GridIndex(100);
    index.sync([card('a', 0, 0), card('b', 100, 30), card('c', -500, -400)]);
    expect(index.hit(10, 10)).toBe('a');
    expect(index.hit(120, 50)).toBe('b'); // a and b overlap here: b is drawn later, on top
    expect(index.hit(260, 100)).toBeNull(); // b's right edge is x = 250
    expect(index.hit(-450, -350)).toBe('c');
    expect(index.hit(5000, 5000)).toBeNull();
  });

  it('a rectangle finds everyone whose card overlaps it, across cells', () => {
    const index = new GridIndex(64);
    const boxes = [card('a', 0, 0), card('b', 400, 0), card('c', 0, 400), card('d', 1000, 1000)];
    index.sync(boxes);
    expect(index.query({ minX: -10, minY: -10, maxX: 420, maxY: 20 })).toEqual(['a', 'b']);
    expect(index.query({ minX: 140, minY: 70, maxX: 160, maxY: 80 })).toEqual(['a']); // touches a's corner only
    expect(index.query({ minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 })).toEqual(['a', 'b', 'c', 'd']);
    expect(index.query({ minX: 600, minY: 600, maxX: 900, maxY: 900 })).toEqual([]);
  });

  it('follows people who move, appear and go away', () => {
    const index = new GridIndex(100);
    index.sync([card('a', 0, 0), card('b', 300, 300)]);
    expect(index.hit(10, 10)).toBe('a');
    index.sync([card('a', 1000, 1000), card('b', 300, 300), card('n', 600, 0)]);
    expect(index.hit(10, 10)).toBeNull();
    expect(index.hit(1010, 1010)).toBe('a');
    expect(index.hit(610, 10)).toBe('n');
    expect(index.query({ minX: 0, minY: 0, maxX: 100, maxY: 100 })).toEqual([]);
    index.sync([card('a', 1000, 1000)]);
    expect(index.size).toBe(1);
    expect(index.hit(310, 310)).toBeNull();
    expect(index.hit(610, 10)).toBeNull();
    // A wider card is found where it now reaches.
    index.sync([card('a', 1000, 1000, 400)]);
    expect(index.hit(1390, 1010)).toBe('a');
  });

  it('agrees with a scan of every card on a random map, including far-off coordinates', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const boxes: Box[] = [];
    for (let i = 0; i < 2000; i++) boxes.push(card(`p${i}`, random() * 20000 - 10000, random() * 20000 - 10000, 100 + random() * 200));
    boxes.push(card('far', 1e12, -1e12));
    const index = new GridIndex();
    index.sync(boxes);
    for (let i = 0; i < 2000; i++) {
      const x = random() * 20000 - 10000;
      const y = random() * 20000 - 10000;
      expect(index.hit(x, y)).toBe(scanHit(boxes, x, y));
    }
    expect(index.hit(1e12 + 5, -1e12 + 5)).toBe('far');
    const rect = { minX: -2000, minY: -1000, maxX: 3000, maxY: 2500 };
    const inside = boxes.filter((b) => b.x <= rect.maxX && b.x + b.width >= rect.minX && b.y <= rect.maxY && b.y + b.height >= rect.minY).map((b) => b.id);
    expect(index.query(rect)).toEqual(inside);
  });
});
