/**
 * Full-analysis benchmark at 500 / 2,000 / 5,000 people (about five ties per person).
 *   npx vitest bench --run bench/analysis.bench.ts
 * Also writes /tmp/influence-map-bench-<size>.json (the informal network as an edge list with
 * distances, plus our betweenness) for scripts/reference/igraph_betweenness.py to time igraph on
 * the same graph and check it agrees.
 */
import { writeFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { analyse, clearAnalysisCache, distanceIndex } from '../src/analysis/analyse';
import { generateOrganisation } from '../src/analysis/generate';
import { toAnalysisInput } from '../src/analysis/input';
import { partialPathMeasures, pathMeasures } from '../src/analysis/shortest-paths';

const SIZES = [500, 2000, 5000];
const SEED = 7;

for (const size of SIZES) {
  const doc = generateOrganisation(size, SEED);
  const input = toAnalysisInput(doc);
  const g = distanceIndex(input);
  const options = { iterations: size >= 5000 ? 2 : 5, warmupIterations: 1, time: 0 };

  const edges: [number, number, number][] = [];
  for (let u = 0; u < g.n; u++) for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) edges.push([u, g.outTarget[k], g.outLength[k]]);
  const ours = pathMeasures(g);
  writeFileSync(
    `/tmp/influence-map-bench-${size}.json`,
    JSON.stringify({ n: g.n, ties: input.ties.length, edges, betweenness: [...ours.betweenness], betweenness_unweighted: [...ours.betweennessUnweighted] }),
  );

  describe(`${size} people, ${input.ties.length} ties, ${g.outTarget.length} informal arcs`, () => {
    bench(
      'full analysis, one core (no cache)',
      () => {
        clearAnalysisCache();
        analyse(input);
      },
      options,
    );
    bench('full analysis after an edit that keeps the network shape (cached paths)', () => void analyse(input), options);
    bench('shortest-path measures only (weighted + unweighted betweenness, closeness)', () => void pathMeasures(g), options);
    bench('half of the sources (what each of two workers does)', () => void partialPathMeasures(g, 0, Math.floor(g.n / 2)), options);
    bench('toAnalysisInput (main thread, before posting to the worker)', () => void toAnalysisInput(doc), options);
  });
}
