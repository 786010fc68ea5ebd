import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { MIN_BLOCK, blockColumns, elkOptions, layoutOrgChart, managersFrom, planOrgChart, treeOrgChart } from '../../../src/layout/org-chart';
import type { ElkLike } from '../../../src/layout/org-chart';
import type { LayoutInput } from '../../../src/layout/types';
import { card, orgTree, overlaps } from './helpers';

const elk = new ELK() as unknown as ElkLike;

describe('org chart layout', () => {
  it('puts every manager above their reports', async () => {
    const input = orgTree(60, 3);
    const positions = await layoutOrgChart(input, elk);
    expect(Object.keys(positions).sort()).toEqual(input.cards.map((c) => c.id).sort());
    for (const t of input.ties) expect(positions[t.target].y).toBeLessThan(positions[t.source].y);
    expect(overlaps(input, positions)).toEqual([]);
  });

  it('stacks four or more reports who manage nobody into one block under their manager', () => {
    const input = orgTree(31, 5);
    const plan = planOrgChart(input);
    const blocks = Object.values(plan.blocks);
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      expect(b.members.length).toBeGreaterThanOrEqual(MIN_BLOCK);
      expect(b.columns).toBe(blockColumns(b.members.length));
    }
    expect(plan.graph.children!.length).toBeLessThan(input.cards.length);
  });

  it('keeps block members apart and under their manager', async () => {
    const cards = [card('boss'), ...Array.from({ length: 9 }, (_, i) => card(`r${i}`))];
    const input: LayoutInput = { cards, ties: cards.slice(1).map((c) => ({ source: c.id, target: 'boss', kind: 'reports-to', strength: 2 })) };
    const positions = await layoutOrgChart(input, elk);
    expect(overlaps(input, positions, 10)).toEqual([]);
    const rows = new Set(cards.slice(1).map((c) => positions[c.id].y));
    expect(rows.size).toBeGreaterThan(1);
    for (const c of cards.slice(1)) expect(positions[c.id].y).toBeGreaterThan(positions.boss.y + 76);
  });

  it('puts people outside every reporting line in a grid below the chart', async () => {
    const input = orgTree(10, 3);
    input.cards.push(card('loner-1', 5000, 5000), card('loner-2', -300, 40));
    const positions = await layoutOrgChart(input, elk);
    const chartBottom = Math.max(...input.cards.filter((c) => !c.id.startsWith('loner')).map((c) => positions[c.id].y));
    expect(positions['loner-1'].y).toBeGreaterThan(chartBottom);
    expect(positions['loner-2'].y).toBe(positions['loner-1'].y);
    expect(overlaps(input, positions)).toEqual([]);
  });

  it('keeps the chart where the map was (top-left corner)', async () => {
    const input = orgTree(8, 2);
    const positions = await layoutOrgChart(input, elk);
    const minX = Math.min(...Object.values(positions).map((p) => p.x));
    const minY = Math.min(...Object.values(positions).map((p) => p.y));
    expect(minX).toBe(Math.min(...input.cards.map((c) => c.x)));
    expect(minY).toBe(Math.min(...input.cards.map((c) => c.y)));
  });

  it('breaks reporting cycles and ignores self-managers and ties of other kinds', () => {
    const input: LayoutInput = {
      cards: [card('a'), card('b'), card('c'), card('d')],
      ties: [
        { source: 'a', target: 'b', kind: 'reports-to', strength: 2 },
        { source: 'b', target: 'a', kind: 'reports-to', strength: 2 },
        { source: 'c', target: 'c', kind: 'reports-to', strength: 2 },
        { source: 'd', target: 'a', kind: 'influence', strength: 2 },
      ],
    };
    const manager = managersFrom(input);
    expect(manager.size).toBe(1);
    const positions = treeOrgChart(input);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('uses cheaper ELK settings on large graphs', () => {
    expect(elkOptions(50)['elk.layered.thoroughness']).toBeUndefined();
    expect(elkOptions(1000)['elk.layered.thoroughness']).toBe('1');
  });

  it('lays out an org chart of 1,000 people without overlaps (timed in npm run bench)', async () => {
    const input = orgTree(1000, 6);
    const positions = await layoutOrgChart(input, elk);
    expect(Object.keys(positions)).toHaveLength(1000);
    expect(overlaps(input, positions)).toEqual([]);
  });

  it('the tree fallback places managers above reports without overlaps', () => {
    const input = orgTree(200, 4);
    const positions = treeOrgChart(input);
    for (const t of input.ties) expect(positions[t.target].y).toBeLessThan(positions[t.source].y);
    expect(overlaps(input, positions)).toEqual([]);
  });
});
