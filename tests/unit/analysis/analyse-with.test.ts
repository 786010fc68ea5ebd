/**
 * analyseWith(): the worker's way to analyse a big map, with the shortest paths computed by a
 * helper worker while the rest of the analysis runs. It must give what analyse() gives.
 */
import { describe, expect, it } from 'vitest';
import { analyse, analyseWith, clearAnalysisCache } from '../../../src/analysis/analyse';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { combinePathMeasures, partialPathMeasures, pathMeasures } from '../../../src/analysis/shortest-paths';
import { input, person, tie } from './helpers';

describe('analyseWith', () => {
  const map = toAnalysisInput(generateOrganisation(600, 5));

  it('gives the same result as analyse(), paths computed in two parts meanwhile', async () => {
    clearAnalysisCache();
    const expected = analyse(map);
    clearAnalysisCache();
    const calls: string[] = [];
    const result = await analyseWith(map, async (g) => {
      calls.push('posted');
      const theirs = partialPathMeasures(g, 0, 400);
      await Promise.resolve();
      calls.push('ours');
      return combinePathMeasures(g.n, [theirs, partialPathMeasures(g, 400, g.n)]);
    });
    expect(calls).toEqual(['posted', 'ours']);
    const { explanations: _a, stats: s1, ...rest } = result;
    const { explanations: _b, stats: s2, ...same } = expected;
    expect({ ...s1, durationMs: 0 }).toEqual({ ...s2, durationMs: 0 });
    for (let i = 0; i < map.people.length; i++) {
      const { betweenness, betweennessUnweighted, closeness, keyPersonRisk, ...others } = result.people[i];
      const e = expected.people[i];
      const { betweenness: _b, betweennessUnweighted: _u, closeness: _c, keyPersonRisk: _k, ...expectedOthers } = e;
      expect(others).toEqual(expectedOthers);
      // Two parts add up in another order: the last bits may differ.
      expect(betweenness).toBeCloseTo(e.betweenness, 12);
      expect(betweennessUnweighted).toBeCloseTo(e.betweennessUnweighted, 12);
      expect(closeness).toBeCloseTo(e.closeness, 12);
      expect(keyPersonRisk).toBeCloseTo(e.keyPersonRisk, 12);
    }
    expect(rest.topBrokerIds).toEqual(same.topBrokerIds);
    expect(rest.clusters).toEqual(same.clusters);
    expect(rest.advisors).toEqual(same.advisors);
    const id = map.people[7].id;
    expect(result.explanations[id]).toEqual(expected.explanations[id]);
  });

  it('does not ask for paths it remembers (an edit that keeps the network, e.g. a rename)', async () => {
    clearAnalysisCache();
    await analyseWith(map, async (g) => pathMeasures(g));
    let asked = 0;
    const renamed = { ...map, people: map.people.map((p, i) => (i === 0 ? { ...p, name: 'Renamed' } : p)) };
    const result = await analyseWith(renamed, async (g) => {
      asked++;
      return pathMeasures(g);
    });
    expect(asked).toBe(0);
    expect(result.explanations[map.people[0].id].degree).toContain('Renamed');
  });

  it('handles ids that name Object.prototype members, like analyse()', async () => {
    clearAnalysisCache();
    const odd = input([person('__proto__', { name: 'Proto' }), person('constructor', { name: 'Ctor' }), person('x')], [tie('__proto__', 'constructor', 'trust'), tie('constructor', 'x', 'trust')]);
    const result = await analyseWith(odd, async (g) => pathMeasures(g));
    expect(result.people.map((p) => p.id)).toEqual(['__proto__', 'constructor', 'x']);
    expect(result.explanations[odd.people[1].id].betweenness).toMatch(/lies on/);
  });
});
