/**
 * The analysis Web Worker. Created by client.ts with
 *   new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
 * and driven through comlink. Large maps split the shortest-path work with one helper worker.
 */
import { expose, wrap, type Remote } from 'comlink';
import { analyse, distanceIndex, hasCachedPathMeasures, rememberPathMeasures } from './analyse';
import { introductionPaths } from './paths';
import { whatIf } from './what-if';
import type { PathsWorkerApi } from './paths-worker';
import { combinePathMeasures, partialPathMeasures, sampledSources } from './shortest-paths';
import { fromSafeIds, needsSafeIds, toSafeInput } from './safe-ids';
import { packResult, type PackedResult } from './transfer';
import type { AnalysisInput, AnalysisResult } from './types';

/** Below this size a second worker's start-up and copying cost more than they save. */
const PARALLEL_FROM_PEOPLE = 400;

let helper: Remote<PathsWorkerApi> | null | undefined;
/** Rejects when the helper fails to load or crashes, so a broken helper can never hang a run. */
let helperFailed: Promise<never> = new Promise(() => {});

function pathsHelper(): Remote<PathsWorkerApi> | null {
  if (helper !== undefined) return helper;
  helper = null;
  try {
    const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1;
    if (typeof Worker !== 'undefined' && cores >= 2) {
      const worker = new Worker(new URL('./paths-worker.ts', import.meta.url), { type: 'module' });
      helperFailed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', () => reject(new Error('paths helper failed')));
      });
      helperFailed.catch(() => undefined);
      helper = wrap<PathsWorkerApi>(worker);
    }
  } catch {
    helper = null;
  }
  return helper;
}

/** Precomputes the expensive shortest-path part on two cores, then runs the ordinary analysis. */
async function analyseWithHelper(input: AnalysisInput): Promise<AnalysisResult> {
  const remote = input.people.length >= PARALLEL_FROM_PEOPLE ? pathsHelper() : null;
  if (remote) {
    const g = distanceIndex(input);
    if (!hasCachedPathMeasures(g)) {
      const sources = sampledSources(g);
      const count = sources ? sources.length : g.n;
      const half = Math.floor(count / 2);
      try {
        const theirs = remote.partial(g, half, count, sources); // posted now, runs while we work on our half
        const mine = partialPathMeasures(g, 0, half, sources);
        rememberPathMeasures(g, combinePathMeasures(g.n, [mine, await Promise.race([theirs, helperFailed])], sources));
      } catch {
        helper = null; // fall back to one core from now on; analyse() recomputes what is missing
      }
    }
  }
  return analyse(input);
}

const api = {
  // Packed: the result crosses to the page as columns (see transfer.ts).
  analyse: async (input: AnalysisInput): Promise<PackedResult> =>
    packResult(needsSafeIds(input) ? fromSafeIds(await analyseWithHelper(toSafeInput(input))) : await analyseWithHelper(input)),
  introductionPaths,
  whatIf,
};

export type AnalysisWorkerApi = typeof api;

expose(api);
