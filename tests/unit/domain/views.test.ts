import { describe, expect, it } from 'vitest';
import {
  cellRect,
  egoRings,
  gridLayout,
  gridPosition,
  gridQuadrants,
  neighbourhood,
  neighbourhoodDistances,
  quadrantOf,
  QUADRANTS,
  scoresAt,
  tiesWithin,
} from '../../../src/domain/views';
import type { Box, Point } from '../../../src/domain/views';
import { mapOf, person, tie } from './helpers';

const box: Box = { x: 40, y: 30, width: 900, height: 600 };

describe('power / interest grid', () => {
  it('labels the four Mendelow quadrants', () => {
    expect(QUADRANTS.map((q) => q.label).sort()).toEqual(['Keep informed', 'Keep satisfied', 'Manage closely', 'Monitor']);
    expect(quadrantOf({ influence: 5, interest: 5 }).id).toBe('manage-closely');
    expect(quadrantOf({ influence: 4, interest: 2 }).id).toBe('keep-satisfied');
    expect(quadrantOf({ influence: 1, interest: 4 }).id).toBe('keep-informed');
    expect(quadrantOf({ influence: 3, interest: 3 }).id).toBe('monitor');
  });

  it('puts high influence at the top and high interest on the right', () => {
    const top = gridPosition({ influence: 5, interest: 3 }, box);
    const bottom = gridPosition({ influence: 1, interest: 3 }, box);
    const left = gridPosition({ influence: 3, interest: 1 }, box);
    const right = gridPosition({ influence: 3, interest: 5 }, box);
    expect(top.y).toBeLessThan(bottom.y);
    expect(left.x).toBeLessThan(right.x);
    expect(gridPosition({ influence: 5, interest: 1 }, box)).toEqual({ x: 40 + 90, y: 30 + 60 });
  });

  it('round-trips: gridPosition then scoresAt gives the same scores, shared cells included', () => {
    for (let influence = 1; influence <= 5; influence++) {
      for (let interest = 1; interest <= 5; interest++) {
        for (const count of [1, 2, 3, 5, 9, 13]) {
          for (let index = 0; index < count; index++) {
            const p = gridPosition({ influence, interest }, box, { index, count });
            expect(scoresAt(p, box)).toEqual({ influence, interest });
          }
        }
      }
    }
  });

  it('spreads people who share a cell so that none overlap', () => {
    const people = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, { influence: 4, interest: 5 }));
    const layout = gridLayout(mapOf([...people, person('z', { influence: 1, interest: 1 })]), box);
    const pts = people.map((p) => layout[p.id]);
    const keys = new Set(pts.map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(5);
    const cell = cellRect({ influence: 4, interest: 5 }, box);
    for (const p of pts) {
      expect(p.x).toBeGreaterThan(cell.x);
      expect(p.x).toBeLessThan(cell.x + cell.width);
      expect(p.y).toBeGreaterThan(cell.y);
      expect(p.y).toBeLessThan(cell.y + cell.height);
    }
    // Alone in a cell: the cell's centre.
    expect(layout.z).toEqual({ x: cell.width / 2 + box.x, y: box.y + 4 * cell.height + cell.height / 2 });
  });

  it('turns a drop point into new scores, clamping outside the grid', () => {
    expect(scoresAt({ x: 40 + 900 - 1, y: 31 }, box)).toEqual({ influence: 5, interest: 5 });
    expect(scoresAt({ x: 40 + 360 + 5, y: 30 + 240 + 5 }, box)).toEqual({ influence: 3, interest: 3 });
    expect(scoresAt({ x: -1000, y: 5000 }, box)).toEqual({ influence: 1, interest: 1 });
    expect(scoresAt({ x: 5000, y: -1000 }, box)).toEqual({ influence: 5, interest: 5 });
  });

  it('gives the quadrants rectangles that tile the box', () => {
    const quads = gridQuadrants(box);
    const area = quads.reduce((sum, q) => sum + q.rect.width * q.rect.height, 0);
    expect(area).toBeCloseTo(box.width * box.height);
    const manage = quads.find((q) => q.id === 'manage-closely')!;
    expect(manage.rect).toEqual({ x: 40 + 540, y: 30, width: 360, height: 240 });
    // Every cell centre lies in the quadrant quadrantOf names.
    for (let influence = 1; influence <= 5; influence++) {
      for (let interest = 1; interest <= 5; interest++) {
        const p = gridPosition({ influence, interest }, box);
        const inside = quads.filter((q) => p.x > q.rect.x && p.x < q.rect.x + q.rect.width && p.y > q.rect.y && p.y < q.rect.y + q.rect.height);
        expect(inside.map((q) => q.id)).toEqual([quadrantOf({ influence, interest }).id]);
      }
    }
  });
});

describe('Me at the centre', () => {
  const doc = mapOf(
    [person('me'), person('weak'), person('strong'), person('mid'), person('far'), person('foe'), person('alone')],
    [
      tie('1', 'me', 'weak', 'influence', { strength: 1 }),
      tie('2', 'strong', 'me', 'trust', { strength: 3 }),
      tie('3', 'me', 'mid', 'reports-to', { strength: 2 }),
      tie('4', 'mid', 'far', 'influence', { strength: 1 }),
      tie('5', 'strong', 'far', 'trust', { strength: 3 }),
      tie('6', 'me', 'foe', 'tension', { strength: 3 }),
    ],
    'me',
  );
  const radius = (p: Point) => Math.hypot(p.x - 500, p.y - 400);

  it('puts Me in the middle and others in rings by hops, tension excluded', () => {
    const layout = egoRings(doc, 'me', { center: { x: 500, y: 400 } });
    expect(layout.positions.me).toEqual({ x: 500, y: 400 });
    expect(layout.rings.map((r) => [r.distance, r.ids])).toEqual([
      [1, ['strong', 'mid', 'weak']],
      [2, ['far']],
      [null, ['alone', 'foe']],
    ]);
    expect(layout.distance).toMatchObject({ me: 0, strong: 1, far: 2, foe: null, alone: null });
    // "far" is reached by a weak tie from mid and a strong one from strong: the strongest counts.
    expect(layout.strength.far).toBe(3);
    const radii = layout.rings.map((r) => r.radius);
    expect([...radii].sort((a, b) => a - b)).toEqual(radii);
  });

  it('draws the strongest ties closest within a ring', () => {
    const layout = egoRings(doc, 'me', { center: { x: 500, y: 400 } });
    const [s, m, w] = ['strong', 'mid', 'weak'].map((id) => radius(layout.positions[id]));
    expect(s).toBeLessThan(m);
    expect(m).toBeLessThan(w);
    expect(w).toBeLessThan(radius(layout.positions.far));
    for (const id of ['alone', 'foe']) expect(radius(layout.positions[id])).toBeCloseTo(layout.rings[2].radius);
  });

  it('grows a crowded ring so neighbours keep their spacing', () => {
    const many = Array.from({ length: 40 }, (_, i) => person(`p${String(i).padStart(2, '0')}`));
    const d = mapOf([person('me'), ...many], many.map((p) => tie(`t-${p.id}`, 'me', p.id, 'trust')), 'me');
    const layout = egoRings(d, 'me', { ringGap: 200, minSpacing: 150 });
    const ring = layout.rings[0];
    expect(ring.ids).toHaveLength(40);
    expect((2 * Math.PI * ring.radius) / 40).toBeGreaterThanOrEqual(150 - 1e-9);
  });

  it('leaves hidden people (collapsed teams) unplaced, keeps routes through them, drops rings left empty', () => {
    const layout = egoRings(doc, 'me', { center: { x: 500, y: 400 }, hidden: new Set(['far', 'mid', 'alone']) });
    expect(layout.rings.map((r) => [r.distance, r.ids])).toEqual([
      [1, ['strong', 'weak']],
      [null, ['foe']],
    ]);
    expect(Object.keys(layout.positions).sort()).toEqual(['foe', 'me', 'strong', 'weak']);
    // Distances are the network's: someone hidden is still counted as reached.
    expect(layout.distance).toMatchObject({ far: 2, mid: 1, alone: null });
    expect(egoRings(doc, 'me', { hidden: new Set(['me']) }).positions.me).toBeUndefined();
  });

  it('puts everyone on the outer ring when Me is unknown', () => {
    const layout = egoRings(doc, 'ghost');
    expect(layout.meId).toBeNull();
    expect(layout.rings).toHaveLength(1);
    expect(layout.rings[0].distance).toBeNull();
    expect(layout.rings[0].ids).toHaveLength(7);
    expect(Object.keys(layout.positions)).toHaveLength(7);
  });
});

describe('focus neighbourhood', () => {
  // a -> b -> c (influence), c <-> d (mutual trust), e reports to a, a and f in tension.
  const doc = mapOf(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => person(id)),
    [
      tie('ab', 'a', 'b', 'influence'),
      tie('bc', 'b', 'c', 'influence'),
      tie('cd', 'c', 'd', 'trust', { mutual: true }),
      tie('ea', 'e', 'a', 'reports-to'),
      tie('af', 'a', 'f', 'tension'),
    ],
  );
  const sorted = (s: Set<string>) => [...s].sort();

  it('follows one-way ties outwards', () => {
    expect(sorted(neighbourhood(doc, 'a', 1, 'out'))).toEqual(['a', 'b', 'f']);
    expect(sorted(neighbourhood(doc, 'a', 2, 'out'))).toEqual(['a', 'b', 'c', 'f']);
    expect(sorted(neighbourhood(doc, 'a', 3, 'out'))).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('follows one-way ties inwards, and mutual ties both ways', () => {
    expect(sorted(neighbourhood(doc, 'a', 3, 'in'))).toEqual(['a', 'e', 'f']);
    expect(sorted(neighbourhood(doc, 'd', 1, 'in'))).toEqual(['c', 'd']);
    expect(sorted(neighbourhood(doc, 'd', 3, 'in'))).toEqual(['a', 'b', 'c', 'd']);
    expect(sorted(neighbourhood(doc, 'd', 3, 'out'))).toEqual(['c', 'd']);
  });

  it('ignores direction with "both"', () => {
    expect(sorted(neighbourhood(doc, 'a', 1, 'both'))).toEqual(['a', 'b', 'e', 'f']);
    expect(sorted(neighbourhood(doc, 'a', 2, 'both'))).toEqual(['a', 'b', 'c', 'e', 'f']);
    expect(sorted(neighbourhood(doc, 'g', 3, 'both'))).toEqual(['g']);
    const dist = neighbourhoodDistances(doc, 'a', 3, 'both');
    expect(Object.fromEntries(dist)).toEqual({ a: 0, b: 1, e: 1, f: 1, c: 2, d: 3 });
  });

  it('can leave out tie kinds, and is empty for an unknown person', () => {
    expect(sorted(neighbourhood(doc, 'a', 1, 'both', ['influence', 'trust', 'reports-to']))).toEqual(['a', 'b', 'e']);
    expect(neighbourhood(doc, 'nobody', 2, 'both').size).toBe(0);
  });

  it('keeps the ties among the people in focus', () => {
    expect(sorted(tiesWithin(doc, neighbourhood(doc, 'a', 1, 'out')))).toEqual(['ab', 'af']);
  });
});
