import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { introductionPaths } from '../../../src/analysis/paths';
import { packResult } from '../../../src/analysis/transfer';
import { input, nonFiniteNumbers, person, tie } from './helpers';

function checkSane(result: ReturnType<typeof analyse>) {
  expect(nonFiniteNumbers({ ...result, stats: { ...result.stats, durationMs: 0 } })).toEqual([]);
  expect(JSON.stringify(result)).not.toContain('NaN');
  for (const lines of Object.values(result.explanations)) {
    for (const line of Object.values(lines)) {
      expect(line).not.toMatch(/NaN|undefined|Infinity|null/);
      expect(line.length).toBeGreaterThan(10);
    }
  }
  // Must survive the trip to and from the worker (the sentences are written on the page, not sent).
  const { explanations: _written, ...sent } = result;
  expect(structuredClone(sent)).toEqual(sent);
  expect(() => structuredClone(packResult(result))).not.toThrow();
}

describe('odd maps give sensible results, never NaN or an exception', () => {
  it('empty map', () => {
    const r = analyse(input([]));
    checkSane(r);
    expect(r.people).toEqual([]);
    expect(r.clusters).toEqual([]);
    expect(r.messages[0]).toMatch(/empty/);
    expect(r.stats.components).toBe(0);
  });

  it('one person', () => {
    const r = analyse(input([person('a', { seniority: 0 })]));
    checkSane(r);
    const [m] = r.people;
    expect(m).toMatchObject({ degree: 0, betweenness: 0, closeness: 0, pagerank: 1, constraint: null, effectiveSize: null, cluster: null, isSeniorLeader: true });
    expect(r.messages.join(' ')).toMatch(/Only one person/);
    expect(r.explanations.a.constraint).toMatch(/does not apply/);
    expect(r.explanations.a.hiddenInfluence).toMatch(/at least two/);
  });

  it('two people with one tie', () => {
    const r = analyse(input([person('a'), person('b')], [tie('a', 'b', 'influence', 3)]));
    checkSane(r);
    expect(r.people[0]).toMatchObject({ outDegree: 1, inDegree: 0, betweenness: 0, closeness: 1, reach: 1 });
    expect(r.people[1]).toMatchObject({ inDegree: 1, closeness: 0, reach: 0 });
    expect(r.people[0].pagerank).toBeGreaterThan(r.people[1].pagerank);
    expect(r.clusters).toHaveLength(1);
  });

  it('two people with only tension: no informal ties, no clusters, no path', () => {
    const doc = input([person('a'), person('b')], [tie('a', 'b', 'tension', 3, true)]);
    const r = analyse(doc);
    checkSane(r);
    expect(r.people.every((m) => m.degree === 0)).toBe(true);
    expect(r.messages.join(' ')).toMatch(/No influence or trust ties/);
    const paths = introductionPaths(doc, 'a', 'b');
    expect(paths.paths).toEqual([]);
    expect(paths.message).toMatch(/No route to B/);
  });

  it('disconnected map with an isolated person', () => {
    const r = analyse(
      input(
        [person('a'), person('b'), person('c'), person('d'), person('z')],
        [tie('a', 'b', 'trust', 2, true), tie('c', 'd', 'influence', 1)],
      ),
    );
    checkSane(r);
    expect(r.stats.components).toBe(3);
    expect(r.messages.join(' ')).toMatch(/3 separate groups \(counting 1 person with no such ties\)/);
    expect(r.people[4]).toMatchObject({ degree: 0, cluster: null, constraint: null, reach: 0 });
  });

  it('leaderless map says so', () => {
    const r = analyse(input([person('a'), person('b')], [tie('a', 'b', 'influence')]));
    expect(r.seniorLeaderIds).toEqual([]);
    expect(r.advisors).toEqual([]);
    expect(r.messages.join(' ')).toMatch(/No senior leaders: nobody is at or above the leadership level \(Senior leader\)/);
  });

  it('leaders without advisors says so', () => {
    const r = analyse(input([person('a', { seniority: 0 }), person('b')], [tie('b', 'a', 'reports-to')]));
    expect(r.messages.join(' ')).toMatch(/Nobody advises a senior leader yet/);
  });

  it('a reports-to cycle and a leadership level beyond the levels do not break anything', () => {
    const r = analyse(
      input([person('a', { seniority: 9 }), person('b')], [tie('a', 'b', 'reports-to'), tie('b', 'a', 'reports-to'), tie('a', 'b', 'influence')], { leadershipLevel: 12, levels: [] }),
    );
    checkSane(r);
    expect(r.people.every((m) => m.isSeniorLeader)).toBe(true);
  });

  it('ties naming unknown people are ignored by the analysis', () => {
    const r = analyse(input([person('a')], [tie('a', 'ghost', 'influence'), tie('a', 'a', 'trust')]));
    checkSane(r);
    expect(r.people[0].degree).toBe(0);
  });
});
