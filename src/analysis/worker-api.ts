/**
 * What the analysis worker answers (worker.ts serves it; client.ts runs the same handlers on the
 * page where there is no worker). Inside the worker, a large map splits its shortest-path work
 * with one helper worker (paths-worker.ts).
 */
import { startWorker, type WorkerHandle } from '../domain/workers';
import { analyse, distanceIndex, hasCachedPathMeasures, rememberPathMeasures } from './analyse';
import { introductionPaths } from './paths';
import { whatIf } from './what-if';
import type { PathsWorkerApi } from './paths-worker';
import { combinePathMeasures, partialPathMeasures, sampledSources } from './shortest-paths';
import { packResult, type PackedResult } from './transfer';
import type { AnalysisInput, AnalysisResult } from './types';

/** Below this size a second worker's start-up and copying cost more than they save. */
const PARALLEL_FROM_PEOPLE = 400;

let helper: WorkerHandle<PathsWorkerApi> | null | undefined;

/** The helper worker, only inside the analysis worker and with two cores or more. */
function pathsHelper(): WorkerHandle<PathsWorkerApi> | null {
  if (helper !== undefined) return helper;
  // Only from inside the analysis worker (no document there); on the page the analysis is the fallback.
  const inWorker = typeof document === 'undefined';
  const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1;
  helper = inWorker && cores >= 2 ? startWorker<PathsWorkerApi>(() => new Worker(new URL('./paths-worker.ts', import.meta.url), { type: 'module' }), { onFailure: 'reject' }) : null;
  if (helper && !helper.offThread) helper = null;
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
      const theirs = remote.call('partial', { g, from: half, to: count, sources }); // posted now, runs while we work on our half
      try {
        const mine = partialPathMeasures(g, 0, half, sources);
        rememberPathMeasures(g, combinePathMeasures(g.n, [mine, await theirs.promise], sources));
      } catch {
        helper?.terminate();
        helper = null; // fall back to one core from now on; analyse() recomputes what is missing
      }
    }
  }
  return analyse(input);
}

export const analysisApi = {
  // Packed: the result crosses to the page as columns (see transfer.ts).
  // analyse() handles ids such as "__proto__" itself (safe-ids.ts); the shortest paths use indices.
  analyse: async (input: AnalysisInput): Promise<PackedResult> => packResult(await analyseWithHelper(input)),
  introductionPaths: ({ input, fromId, toId }: { input: AnalysisInput; fromId: string; toId: string }) => introductionPaths(input, fromId, toId),
  whatIf: ({ input, removedIds }: { input: AnalysisInput; removedIds: string[] }) => whatIf(input, removedIds),
};

export type AnalysisWorkerApi = typeof analysisApi;
