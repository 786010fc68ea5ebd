/**
 * Betweenness on large maps is estimated from sampled sources (shortest-paths.ts). Checked here
 * against exact values on a generated 10,000-person map (2,481 sampled sources). Criterion: the
 * estimate's top 20 and the exact top 20 share at least 14 people (measured: 14; the exact
 * top 20 all lie within 19% of each other, 0.00375 to 0.00304, so their order is the noisy part), every one of
 * the exact top 5 is in the estimate's top 20 (measured at places 2, 18, 5, 1, 8), and the top
 * broker's estimate is within the stated 95% error (measured 4.6% off, stated ±20.7%).
 * The exact top 20 is a fixture, because exact betweenness at 10,000 people takes
 * minutes; remake it with WRITE_FIXTURES=1 (it is then computed here, all sources).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distanceIndex } from '../../../src/analysis/analyse';
import { estimateSentence } from '../../../src/analysis/format';
import { generateOrganisation } from '../../../src/analysis/generate';
import { toAnalysisInput } from '../../../src/analysis/input';
import { EXACT_WORK_BUDGET, combinePathMeasures, partialPathMeasures, pathMeasures, sampledSources } from '../../../src/analysis/shortest-paths';

const FIXTURE = resolve(__dirname, '../../fixtures/analysis/betweenness-10000-top20.json');
const SIZE = 10000;
const SEED = 7;

function top20(values: Float64Array): number[] {
  return Array.from(values.keys())
    .sort((a, b) => values[b] - values[a])
    .slice(0, 20);
}

describe('betweenness estimated from sampled sources', () => {
  const g = distanceIndex(toAnalysisInput(generateOrganisation(SIZE, SEED)));

  it('is exact when the map fits the budget, sampled (seeded, stable) when it does not', () => {
    const small = distanceIndex(toAnalysisInput(generateOrganisation(500, SEED)));
    expect(sampledSources(small)).toBeNull();
    const sources = sampledSources(g)!;
    expect(sources.length).toBe(Math.floor(EXACT_WORK_BUDGET / (g.n + g.outStart[g.n])));
    expect(new Set(sources).size).toBe(sources.length);
    expect(sampledSources(g)).toEqual(sources);
  });

  it(`finds at least 14 of the exact top 20 brokers on a ${SIZE.toLocaleString('en-US')}-person map`, () => {
    if (process.env.WRITE_FIXTURES || !existsSync(FIXTURE)) {
      if (!process.env.WRITE_FIXTURES) throw new Error(`Missing ${FIXTURE}: run with WRITE_FIXTURES=1 to compute it (minutes).`);
      const exact = combinePathMeasures(g.n, [partialPathMeasures(g)]);
      const top = top20(exact.betweenness);
      writeFileSync(FIXTURE, `${JSON.stringify({ size: SIZE, seed: SEED, top20: top, values: top.map((i) => exact.betweenness[i]) }, null, 1)}\n`);
    }
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { top20: number[]; values: number[] };
    const estimate = pathMeasures(g);
    expect(estimate.sample).toBeDefined();
    const mine = top20(estimate.betweenness);
    const common = mine.filter((i) => fixture.top20.includes(i)).length;
    expect(common).toBeGreaterThanOrEqual(14);
    for (const i of fixture.top20.slice(0, 5)) expect(mine).toContain(i);
    // The estimate of the top broker is within the stated error of the exact value.
    const best = fixture.top20[0];
    expect(Math.abs(estimate.betweenness[best] - fixture.values[0]) / fixture.values[0]).toBeLessThanOrEqual(estimate.sample!.relativeError);
    expect(estimateSentence(estimate.sample!)).toMatch(/^Betweenness estimated from 2,481 of 10,000 people .*±\d+% \(95% interval\)\.$/);
  }, 1_800_000);
});
