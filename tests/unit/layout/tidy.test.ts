import { describe, expect, it } from 'vitest';
import { TIDY_GAP_X, tidyLayout } from '../../../src/layout/tidy';
import { card, overlaps } from './helpers';

describe('tidy selection', () => {
  it('puts a wide selection in one evenly spaced row, in left-to-right order', () => {
    const cards = [card('c', 600, 30), card('a', 0, 0), card('b', 290, -20)];
    const positions = tidyLayout(cards);
    expect(positions.a.y).toBe(positions.b.y);
    expect(positions.b.y).toBe(positions.c.y);
    expect(positions.a.x).toBeLessThan(positions.b.x);
    expect(positions.b.x - positions.a.x).toBe(positions.c.x - positions.b.x);
    expect(positions.b.x - positions.a.x).toBe(150 + TIDY_GAP_X);
    expect(positions.a).toEqual({ x: 0, y: -20 });
  });

  it('puts a tall selection in one column', () => {
    const positions = tidyLayout([card('a', 0, 0), card('b', 20, 300), card('c', -10, 700)]);
    expect(new Set(Object.values(positions).map((p) => p.x)).size).toBe(1);
    expect(positions.a.y).toBeLessThan(positions.b.y);
  });

  it('puts a large selection in a grid without overlaps', () => {
    const cards = Array.from({ length: 30 }, (_, i) => card(`c${i}`, (i * 97) % 1000, (i * 61) % 600, 150 + (i % 3) * 18));
    const positions = tidyLayout(cards);
    expect(Object.keys(positions)).toHaveLength(30);
    expect(overlaps({ cards, ties: [] }, positions, 10)).toEqual([]);
    const rows = new Set(Object.values(positions).map((p) => p.y));
    expect(rows.size).toBeGreaterThan(1);
    expect(rows.size).toBeLessThan(30);
  });

  it('leaves fewer than two cards alone', () => {
    expect(tidyLayout([card('a', 5, 5)])).toEqual({});
  });
});
