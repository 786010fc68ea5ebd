/**
 * Key-person risk and what-if on a generated map of 2,000 people (about five ties per person).
 *   npx vitest bench --run --project unit bench/what-if.bench.ts
 * Key-person risk is computed inside the shortest-path pass (dominator trees over the fewest-hop
 * search), so its cost is the difference between this pass and the same pass before it was added
 * (see the notes for the figures measured).
 */
import { bench, describe } from 'vitest';
import { analyse, distanceIndex } from '../src/analysis/analyse';
import { generateOrganisation } from '../src/analysis/generate';
import { toAnalysisInput } from '../src/analysis/input';
import { pathMeasures } from '../src/analysis/shortest-paths';
import { whatIf } from '../src/analysis/what-if';

const SIZE = Number(process.env.WHATIF_BENCH_SIZE ?? 2000);
const input = toAnalysisInput(generateOrganisation(SIZE, 7));
const g = distanceIndex(input);
const result = analyse(input);
const top = result.topBrokerIds[0];
const options = { iterations: 5, warmupIterations: 1, time: 0 };

describe(`${SIZE} people, ${input.ties.length} ties`, () => {
  bench('shortest-path pass incl. key-person risk', () => void pathMeasures(g), options);
  bench('what-if: the top broker leaves', () => void whatIf(input, [top]), options);
  bench('what-if: the top three brokers leave', () => void whatIf(input, result.topBrokerIds.slice(0, 3)), options);
});
