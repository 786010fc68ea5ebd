/**
 * The analysis at whole-company sizes (20,000 and 50,000 people, generated organisations: an org
 * chart plus about four influence or trust ties per person), in Node on one core:
 *   npx vitest bench --run --project unit bench/analysis-whole-company.bench.ts
 * Same-run baseline: graphology's Louvain alone on the same informal network (one library routine
 * the analysis runs), so the ratios vitest prints hold on a loaded machine.
 * - full analysis on one core (nothing remembered);
 * - the two cores of the worker (worker-api.ts), each timed alone in CPU ms: the helper's two
 *   thirds of the sampled sources, and the analysis worker's part (everything but the paths, then
 *   its third). The analysis in the worker takes about the longer of the two;
 * - writing every person's explanations, which the analysis did up front before they were
 *   written on first read (explanations.ts).
 * Also prints the time of each phase of one analysis (CPU ms) and the betweenness sample.
 */
import louvain from 'graphology-communities-louvain';
import { bench, describe } from 'vitest';
import { analyse, analysePhases, clearAnalysisCache, distanceIndex, rememberPathMeasures } from '../src/analysis/analyse';
import { generateOrganisation } from '../src/analysis/generate';
import { toAnalysisInput } from '../src/analysis/input';
import { clusteringNetwork } from '../src/analysis/projections';
import { combinePathMeasures, partialPathMeasures, sampledSources } from '../src/analysis/shortest-paths';
import { estimateSentence } from '../src/analysis/format';
import { seededRandom } from '../src/analysis/rng';

const SIZES = (process.env.BENCH_SIZES ?? '20000,50000').split(',').map(Number);
const once = { iterations: 1, warmupIterations: 0, warmupTime: 0, time: 0 };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

for (const size of SIZES) {
  const input = toAnalysisInput(generateOrganisation(size, 7));
  const g = distanceIndex(input);
  const sources = sampledSources(g);
  const count = sources ? sources.length : g.n;
  const split = Math.round((count * 2) / 3);
  const label = size.toLocaleString('en-US');

  describe(`${label} people, ${input.ties.length.toLocaleString('en-US')} ties: analysis`, () => {
    bench('baseline: graphology Louvain alone (clusters)', () => void louvain.detailed(clusteringNetwork(input), { getEdgeWeight: 'weight', rng: seededRandom(1) }), once);
    bench(
      'full analysis, one core (nothing remembered)',
      () => {
        clearAnalysisCache();
        const { result, phases } = analysePhases(input, cpu);
        console.log(`${label}: phases (CPU ms) ${phases.map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ')}`);
        if (result.estimate) console.log(`${label}: ${estimateSentence(result.estimate)}`);
      },
      once,
    );
    bench(
      "the worker's two cores, each timed alone (CPU ms printed)",
      () => {
        clearAnalysisCache();
        let t = cpu();
        const theirs = partialPathMeasures(g, 0, split, sources);
        const helper = cpu() - t;
        t = cpu();
        const mine = partialPathMeasures(g, split, count, sources);
        const ours = cpu() - t;
        rememberPathMeasures(g, combinePathMeasures(g.n, [theirs, mine], sources));
        t = cpu();
        analyse(input); // paths remembered: only what does not need them
        const rest = cpu() - t;
        console.log(`${label}: helper core ${Math.round(helper)} ms; analysis core ${Math.round(rest + ours)} ms (rest of the analysis ${Math.round(rest)} + its third of the sources ${Math.round(ours)})`);
      },
      once,
    );
    bench(
      'writing every explanation up front (what the analysis did before)',
      () => {
        const result = analyse(input); // paths remembered from the bench above
        const t = cpu();
        for (const p of input.people) void result.explanations[p.id];
        console.log(`${label}: every explanation written ${Math.round(cpu() - t)} ms`);
      },
      once,
    );
  });
}
