/**
 * What the analysis worker answers (worker.ts serves it; client.ts runs the same handlers on the
 * page where there is no worker). Inside the worker, a large map splits its shortest-path work
 * with one helper worker (paths-worker.ts).
 */
import { startWorker, type CallContext, type WorkerHandle } from '../domain/workers';
import { analyse, analyseWith } from './analyse';
import type { IndexedGraph } from './indexed-graph';
import { introductionPaths } from './paths';
import { whatIf } from './what-if';
import type { PathsWorkerApi } from './paths-worker';
import { combinePathMeasures, partialPathMeasures, sampledSources, type PathMeasures } from './shortest-paths';
import { fromPosted, isPackedInput, isPostedInput, unpackInput, type PackedInput, type PostedInput } from './packed-input';
import { packedBuffers, packResult, type PackedResult } from './transfer';
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

/**
 * The helper's share of the sampled sources. This worker meanwhile computes the rest of the
 * analysis (about a third of the work at 20,000-50,000 people: projections, clusters, PageRank,
 * structural holes), then its own share, so both cores finish at about the same time.
 */
const HELPER_SHARE = 2 / 3;

/** Shortest-path measures on two cores: the helper's share posted now, ours after the rest of the analysis. */
async function pathsOnTwoCores(remote: WorkerHandle<PathsWorkerApi>, g: IndexedGraph): Promise<PathMeasures> {
  const sources = sampledSources(g);
  const count = sources ? sources.length : g.n;
  const split = Math.round(count * HELPER_SHARE);
  const theirs = remote.call('partial', { g, from: 0, to: split, sources }); // posted now, runs while we work
  // Let analyseWith() compute everything that does not need the paths before our share.
  await Promise.resolve();
  const mine = partialPathMeasures(g, split, count, sources);
  try {
    return combinePathMeasures(g.n, [await theirs.promise, mine], sources);
  } catch {
    helper?.terminate();
    helper = null; // fall back to one core from now on
    return combinePathMeasures(g.n, [partialPathMeasures(g, 0, split, sources), mine], sources);
  }
}

async function analyseWithHelper(input: AnalysisInput): Promise<AnalysisResult> {
  const remote = input.people.length >= PARALLEL_FROM_PEOPLE ? pathsHelper() : null;
  return remote ? analyseWith(input, (g) => pathsOnTwoCores(remote, g)) : analyse(input);
}

export const analysisApi = {
  // Packed: the result crosses to the page as columns (see transfer.ts).
  // analyse() handles ids such as "__proto__" itself (safe-ids.ts); the shortest paths use indices.
  // The page sends the map in columns (packed-input.ts); other callers may send the object form.
  // Its columns are handed over to the page, not copied.
  analyse: async (input: AnalysisInput | PackedInput | PostedInput, context?: CallContext): Promise<PackedResult> => {
    const columns = isPostedInput(input) ? fromPosted(input) : input;
    const packed = packResult(await analyseWithHelper(isPackedInput(columns) ? unpackInput(columns) : columns));
    context?.transfer(packedBuffers(packed));
    return packed;
  },
  introductionPaths: ({ input, fromId, toId }: { input: AnalysisInput; fromId: string; toId: string }) => introductionPaths(input, fromId, toId),
  whatIf: ({ input, removedIds }: { input: AnalysisInput; removedIds: string[] }) => whatIf(input, removedIds),
};

export type AnalysisWorkerApi = typeof analysisApi;
