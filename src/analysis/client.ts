/**
 * Main-thread access to the analysis: debounced, newest answer wins, disposable. Runs in the Web
 * Worker (worker.ts) through domain/workers.ts, which runs the same handlers on this thread where
 * there is no worker (unit tests, old environments), still asynchronously.
 *
 * A call superseded by a newer one of the same kind before its answer arrives rejects with an
 * AnalysisCancelledError: callers ignore it (`isAnalysisCancelled(error)`).
 */
import { isCancelled, latestOnly, startWorker, WorkerCancelledError } from '../domain/workers';
import { isPackedInput, postedForTransfer, type PackedInput } from './packed-input';
import { unpackResult } from './transfer';
import type { WhatIfResult } from './what-if';
import type { AnalysisInput, AnalysisResult, IntroductionResult } from './types';
import { analysisApi, type AnalysisWorkerApi } from './worker-api';

export { WorkerCancelledError as AnalysisCancelledError };

export function isAnalysisCancelled(error: unknown): error is WorkerCancelledError {
  return isCancelled(error);
}

export interface AnalysisClient {
  /**
   * Debounced analysis of the newest input; an older run still waiting or computing is cancelled.
   * A large map is best sent packed (packed-input.ts): it posts and lands far faster.
   */
  run(input: AnalysisInput | PackedInput): Promise<AnalysisResult>;
  /** Introduction paths (not debounced: a user asked for them); a newer request cancels an older one. */
  paths(input: AnalysisInput, fromId: string, toId: string): Promise<IntroductionResult>;
  /** "What if these people leave?" on the given map (not debounced); a newer request cancels an older one. */
  whatIf(input: AnalysisInput, removedIds: string[]): Promise<WhatIfResult>;
  /** Drops the run that is waiting or computing (its promise rejects as cancelled). */
  cancel(): void;
  /** True while a run is waiting or computing: drives the quiet "updating" indicator. */
  readonly busy: boolean;
  dispose(): void;
}

export interface AnalysisClientOptions {
  /** Quiet time after the last call to run() before analysing; default 150 ms. */
  debounceMs?: number;
  /** Override worker creation (tests); return null to run in-process. */
  createWorker?: () => Worker | null;
}

const analysisWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

const disposedError = () => new WorkerCancelledError('The analysis client was disposed');

export function createAnalysisClient(options: AnalysisClientOptions = {}): AnalysisClient {
  const debounceMs = options.debounceMs ?? 150;
  const worker = startWorker<AnalysisWorkerApi>(options.createWorker ?? analysisWorker, { inProcess: analysisApi });
  // Columns cross with their texts joined (packed-input.ts, toPosted): one string to copy, not
  // 450,000, and their buffers transferred. On this thread the columns are taken as they are.
  const analyseLatest = latestOnly((input: AnalysisInput | PackedInput) => (isPackedInput(input) ? worker.call('analyse', input, { post: () => postedForTransfer(input) }) : worker.call('analyse', input)));
  const pathsLatest = latestOnly((arg: { input: AnalysisInput; fromId: string; toId: string }) => worker.call('introductionPaths', arg));
  const whatIfLatest = latestOnly((arg: { input: AnalysisInput; removedIds: string[] }) => worker.call('whatIf', arg));

  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The run waiting for the debounce to end. */
  let waiting: { input: AnalysisInput | PackedInput; resolve: (r: AnalysisResult) => void; reject: (e: unknown) => void } | null = null;
  let inFlight = 0;
  /** Counts run() calls: a result unpacked after a newer call is stale. */
  let generation = 0;

  const cancelWaiting = (error: Error) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waiting?.reject(error);
    waiting = null;
  };

  const start = () => {
    timer = null;
    const job = waiting;
    waiting = null;
    if (!job) return;
    inFlight++;
    const asked = generation;
    analyseLatest(job.input)
      .then((packed) => unpackResult(packed, job.input))
      .then(
        (result) => {
          inFlight--;
          // A newer input arrived while the result was being unpacked (in slices): it is stale.
          if (asked !== generation || disposed) job.reject(disposed ? disposedError() : new WorkerCancelledError());
          else job.resolve(result);
        },
        (error: unknown) => {
          inFlight--;
          job.reject(error);
        },
      );
  };

  return {
    run(input) {
      if (disposed) return Promise.reject(disposedError());
      generation++;
      return new Promise<AnalysisResult>((resolve, reject) => {
        // A newer input: whatever is waiting or computing is stale.
        cancelWaiting(new WorkerCancelledError());
        analyseLatest.cancel();
        waiting = { input, resolve, reject };
        timer = setTimeout(start, debounceMs);
      });
    },
    paths(input, fromId, toId) {
      if (disposed) return Promise.reject(disposedError());
      return pathsLatest({ input, fromId, toId });
    },
    whatIf(input, removedIds) {
      if (disposed) return Promise.reject(disposedError());
      return whatIfLatest({ input, removedIds });
    },
    cancel() {
      generation++;
      cancelWaiting(new WorkerCancelledError());
      analyseLatest.cancel();
    },
    get busy() {
      return !disposed && (waiting !== null || inFlight > 0);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelWaiting(disposedError());
      worker.terminate();
    },
  };
}
