import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/analysis/rng';
import { compactOrgChart } from '../../../src/layout/compact-org';
import { managersFrom } from '../../../src/layout/org-chart';
import type { LayoutCard, LayoutInput, LayoutTie, Positions } from '../../../src/layout/types';
import { card, orgTree } from './helpers';

/**
 * A company as generateOrganisation builds its hierarchy (breadth first, 6 departments under the
 * chief executive, spans of control 3 to 8, card widths by seniority), made directly as layout
 * input so 50,000 people take milliseconds to generate.
 */
function company(n: number, seed: number): LayoutInput {
  const random = seededRandom(seed);
  const cards: LayoutCard[] = [];
  const ties: LayoutTie[] = [];
  const hasReports = new Uint8Array(n);
  const manager = new Int32Array(n).fill(-1);
  let next = 1;
  for (let m = 0; m < n && next < n; m++) {
    const span = m === 0 ? 6 : 3 + Math.floor(random() * 6);
    for (let k = 0; k < span && next < n; k++, next++) {
      manager[next] = m;
      hasReports[m] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    cards.push(card(`g-${i}`, (i % 200) * 260, Math.floor(i / 200) * 140, i === 0 ? 222 : hasReports[i] ? 186 : 150));
    if (manager[i] >= 0) ties.push({ source: `g-${i}`, target: `g-${manager[i]}`, kind: 'reports-to', strength: 2 });
    // Informal ties the layout must ignore.
    if (i > 1) ties.push({ source: `g-${i}`, target: `g-${Math.floor(random() * i)}`, kind: 'influence', strength: 2 });
  }
  return { cards, ties };
}

/** Overlapping card pairs, found through a grid of buckets (the chart has up to 50,000 cards). */
function overlapCount(input: LayoutInput, positions: Positions): number {
  const cell = 400;
  const buckets = new Map<string, number[]>();
  const boxes = input.cards.map((c) => ({ x: positions[c.id].x, y: positions[c.id].y, w: c.width, h: c.height }));
  boxes.forEach((b, i) => {
    for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++) {
      for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) {
        const key = `${gx},${gy}`;
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
    }
  });
  const seen = new Set<string>();
  for (const list of buckets.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = boxes[list[i]];
        const b = boxes[list[j]];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) seen.add(`${Math.min(list[i], list[j])}-${Math.max(list[i], list[j])}`);
      }
    }
  }
  return seen.size;
}

function extent(input: LayoutInput, positions: Positions) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const c of input.cards) {
    const p = positions[c.id];
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + c.width);
    maxY = Math.max(maxY, p.y + c.height);
  }
  return { width: maxX - minX, height: maxY - minY, minX, minY };
}

function check(input: LayoutInput) {
  const positions = compactOrgChart(input);
  expect(Object.keys(positions)).toHaveLength(input.cards.length);
  expect(overlapCount(input, positions)).toBe(0);
  const { width, height } = extent(input, positions);
  const ratio = width / height;
  expect(ratio).toBeGreaterThan(1 / 3);
  expect(ratio).toBeLessThan(3);
  const height0 = new Map(input.cards.map((c) => [c.id, c.height]));
  let below = 0;
  for (const [person, manager] of managersFrom(input)) {
    // The report's card starts below the manager's card ends.
    if (positions[person].y >= positions[manager].y + height0.get(manager)!) below++;
  }
  return { positions, ratio, below };
}

describe('compactOrgChart', () => {
  for (const size of [100, 1000, 5000, 20000, 50000]) {
    it(`lays out a generated company of ${size.toLocaleString('en-US')} with no overlaps, a bounded aspect ratio and every report below their manager`, () => {
      const input = company(size, 3);
      const { below } = check(input);
      expect(below).toBe(size - 1);
    }, 120_000);
  }

  /** Shapes HR exports have besides the generator's: a flat team, random reporting lines (-1: no manager). */
  function shaped(n: number, managerOf: (i: number) => number): LayoutInput {
    const cards: LayoutCard[] = [];
    const ties: LayoutTie[] = [];
    for (let i = 0; i < n; i++) {
      cards.push(card(`s-${i}`, 0, 0, 150 + (i % 3) * 18));
      const m = i > 0 ? managerOf(i) : -1;
      if (m >= 0) ties.push({ source: `s-${i}`, target: `s-${m}`, kind: 'reports-to', strength: 2 });
    }
    return { cards, ties };
  }

  for (const size of [100, 5000, 50000]) {
    it(`keeps one manager with ${(size - 1).toLocaleString('en-US')} direct reports compact (leaf columns grow taller instead of the row growing wider)`, () => {
      check(shaped(size, () => 0));
    }, 120_000);

    it(`keeps ${size.toLocaleString('en-US')} people with random reporting lines compact`, () => {
      const random = seededRandom(size);
      // Each person reports to someone earlier: a random recursive tree, with big flat teams near the top.
      check(shaped(size, (i) => Math.floor(random() * i)));
    }, 120_000);

    it(`keeps ${size.toLocaleString('en-US')} people in 40 departments without a common head compact`, () => {
      // Forty separate trees (departments side by side), spans of 2 to 12.
      const random = seededRandom(size + 1);
      // Person i is in department i mod 40 and reports to someone earlier in it.
      check(shaped(size, (i) => (i < 40 ? -1 : i - 40 * (1 + Math.floor(random() * Math.min(11, Math.floor(i / 40)))))));
    }, 120_000);
  }

  for (const fan of [2, 5, 12, 40]) {
    it(`keeps a tree of 3,000 people with ${fan} reports per manager compact`, () => {
      check(orgTree(3000, fan));
    });
  }

  it('stacks leaf reports in columns under their manager', () => {
    const input = orgTree(7, 6); // p0 manages p1..p6, none of them manages anyone
    const positions = compactOrgChart(input);
    const xs = new Set([1, 2, 3, 4, 5, 6].map((i) => positions[`p${i}`].x + input.cards[i].width / 2));
    expect(xs.size).toBe(1); // one column, centred on a common line
    const ys = [1, 2, 3, 4, 5, 6].map((i) => positions[`p${i}`].y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('puts people outside every reporting line in a grid below the chart and starts where the map was', () => {
    const input = orgTree(20, 4);
    input.cards.push(card('loner1', 500, 500), card('loner2', 500, 500));
    for (const c of input.cards) {
      c.x += 1000;
      c.y += 2000;
    }
    const positions = compactOrgChart(input);
    const chartBottom = Math.max(...input.cards.filter((c) => !c.id.startsWith('loner')).map((c) => positions[c.id].y + c.height));
    expect(positions.loner1.y).toBeGreaterThan(chartBottom);
    expect(overlapCount(input, positions)).toBe(0);
    const { minX, minY } = extent(input, positions);
    expect(minX).toBe(Math.min(...input.cards.map((c) => c.x)));
    expect(minY).toBe(Math.min(...input.cards.map((c) => c.y)));
  });

  it('survives reporting cycles and ties to unknown people', () => {
    const input: LayoutInput = {
      cards: [card('a'), card('b'), card('c')],
      ties: [
        { source: 'a', target: 'b', kind: 'reports-to', strength: 2 },
        { source: 'b', target: 'a', kind: 'reports-to', strength: 2 },
        { source: 'c', target: 'nobody', kind: 'reports-to', strength: 2 },
      ],
    };
    const positions = compactOrgChart(input);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c']);
    expect(overlapCount(input, positions)).toBe(0);
  });
});
