import { describe, expect, it } from 'vitest';
import { iterationsFor, networkLayout, removeOverlaps } from '../../../src/layout/network';
import type { LayoutInput, LayoutTie } from '../../../src/layout/types';
import { card, overlaps } from './helpers';

/** Two dense groups joined by one tie. */
function twoClusters(size: number): LayoutInput {
  const cards = Array.from({ length: size * 2 }, (_, i) => card(`n${i}`, i * 10, 0));
  const ties: LayoutTie[] = [];
  for (const offset of [0, size]) {
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) ties.push({ source: `n${offset + i}`, target: `n${offset + j}`, kind: 'trust', strength: 3 });
  }
  ties.push({ source: 'n0', target: `n${size}`, kind: 'influence', strength: 1 });
  return { cards, ties };
}

const centre = (positions: Record<string, { x: number; y: number }>, ids: string[]) => ({
  x: ids.reduce((s, id) => s + positions[id].x, 0) / ids.length,
  y: ids.reduce((s, id) => s + positions[id].y, 0) / ids.length,
});

describe('network layout', () => {
  it('places every card without overlaps and pulls clusters apart', () => {
    const input = twoClusters(8);
    const positions = networkLayout(input, { budgetMs: 5000 });
    expect(Object.keys(positions)).toHaveLength(16);
    expect(overlaps(input, positions)).toEqual([]);
    const a = input.cards.slice(0, 8).map((c) => c.id);
    const b = input.cards.slice(8).map((c) => c.id);
    const ca = centre(positions, a);
    const cb = centre(positions, b);
    const between = Math.hypot(ca.x - cb.x, ca.y - cb.y);
    const spread = Math.max(...a.map((id) => Math.hypot(positions[id].x - ca.x, positions[id].y - ca.y)));
    expect(between).toBeGreaterThan(spread);
  });

  it('is deterministic and finite, also for people without ties', () => {
    const input: LayoutInput = { cards: [card('a'), card('b'), card('c')], ties: [] };
    const one = networkLayout(input);
    expect(networkLayout(input)).toEqual(one);
    for (const p of Object.values(one)) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect(overlaps(input, one)).toEqual([]);
  });

  it('stops when its time budget is spent', () => {
    let t = 0;
    const input = twoClusters(30);
    let calls = 0;
    networkLayout(input, { budgetMs: 10, now: () => (t += 20), onProgress: () => calls++ });
    expect(calls).toBe(1);
    expect(iterationsFor(5000)).toBeLessThan(iterationsFor(50));
  });

  it('removeOverlaps separates cards stacked on one point', () => {
    const cards = Array.from({ length: 30 }, (_, i) => card(`c${i}`));
    const centres = Object.fromEntries(cards.map((c) => [c.id, { x: 0, y: 0 }]));
    removeOverlaps(cards, centres, 10, 500);
    const positions = Object.fromEntries(cards.map((c) => [c.id, { x: centres[c.id].x - c.width / 2, y: centres[c.id].y - c.height / 2 }]));
    expect(overlaps({ cards, ties: [] }, positions)).toEqual([]);
  });
});
