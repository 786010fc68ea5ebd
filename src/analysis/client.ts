/**
 * Main-thread access to the analysis: debounced, newest-wins, disposable. Runs in the Web Worker
 * when there is one; where `Worker` is undefined (unit tests, old environments) it runs in-process,
 * still asynchronously, so callers behave the same either way.
 *
 * A run that is superseded by a newer `run()` before its result arrives rejects with an
 * AnalysisCancelledError: callers can ignore it (`isAnalysisCancelled(error)`).
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import { analyse } from './analyse';
import { introductionPaths } from './paths';
import { whatIf, type WhatIfResult } from './what-if';
import { unpackResult } from './transfer';
import type { AnalysisInput, AnalysisResult, IntroductionResult } from './types';
import type { AnalysisWorkerApi } from './worker';

export class AnalysisCancelledError extends Error {
  constructor(reason = 'Superseded by a newer analysis') {
    super(reason);
    this.name = 'AnalysisCancelledError';
  }
}

export function isAnalysisCancelled(error: unknown): error is AnalysisCancelledError {
  return error instanceof AnalysisCancelledError;
}

export interface AnalysisClient {
  /** Debounced analysis of the newest input. */
  run(input: AnalysisInput): Promise<AnalysisResult>;
  /** Introduction paths (not debounced: a user asked for them). */
  paths(input: AnalysisInput, fromId: string, toId: string): Promise<IntroductionResult>;
  /** "What if these people leave?" on the given map (not debounced: a user asked). */
  whatIf(input: AnalysisInput, removedIds: string[]): Promise<WhatIfResult>;
  /** True while a run is waiting or computing: drives the quiet "updating" indicator. */
  readonly busy: boolean;
  dispose(): void;
}

export interface AnalysisClientOptions {
  /** Quiet time after the last edit before analysing; default 150 ms. */
  debounceMs?: number;
  /** Override worker creation (tests); return null to run in-process. */
  createWorker?: () => Worker | null;
}

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/** In-process stand-in with the worker's interface; yields first so callers never block. */
const inProcess = {
  async analyse(input: AnalysisInput): Promise<AnalysisResult> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return analyse(input);
  },
  async introductionPaths(input: AnalysisInput, fromId: string, toId: string): Promise<IntroductionResult> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return introductionPaths(input, fromId, toId);
  },
  async whatIf(input: AnalysisInput, removedIds: string[]): Promise<WhatIfResult> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return whatIf(input, removedIds);
  },
};

interface Pending {
  input: AnalysisInput;
  resolve: (r: AnalysisResult) => void;
  reject: (e: unknown) => void;
}

export function createAnalysisClient(options: AnalysisClientOptions = {}): AnalysisClient {
  const debounceMs = options.debounceMs ?? 150;
  const worker = (options.createWorker ?? defaultWorker)();
  const remote: Remote<AnalysisWorkerApi> | null = worker ? wrap<AnalysisWorkerApi>(worker) : null;
  const engine = remote ?? inProcess;
  const analyseOnce = remote ? async (input: AnalysisInput) => unpackResult(await remote.analyse(input)) : inProcess.analyse;

  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiting: Pending | null = null;
  let generation = 0;
  let inFlight = 0;

  const start = () => {
    timer = null;
    const job = waiting;
    waiting = null;
    if (!job) return;
    const mine = ++generation;
    inFlight++;
    analyseOnce(job.input).then(
      (result) => {
        inFlight--;
        // A newer run started (or is waiting) meanwhile: this result is stale.
        if (disposed || mine !== generation || waiting) job.reject(new AnalysisCancelledError());
        else job.resolve(result);
      },
      (error) => {
        inFlight--;
        job.reject(disposed || mine !== generation ? new AnalysisCancelledError() : error);
      },
    );
  };

  return {
    run(input) {
      if (disposed) return Promise.reject(new AnalysisCancelledError('The analysis client was disposed'));
      return new Promise<AnalysisResult>((resolve, reject) => {
        waiting?.reject(new AnalysisCancelledError());
        waiting = { input, resolve, reject };
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(start, debounceMs);
      });
    },
    paths(input, fromId, toId) {
      if (disposed) return Promise.reject(new AnalysisCancelledError('The analysis client was disposed'));
      return Promise.resolve(engine.introductionPaths(input, fromId, toId));
    },
    whatIf(input, removedIds) {
      if (disposed) return Promise.reject(new AnalysisCancelledError('The analysis client was disposed'));
      return Promise.resolve(engine.whatIf(input, removedIds));
    },
    get busy() {
      return !disposed && (waiting !== null || inFlight > 0);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      waiting?.reject(new AnalysisCancelledError('The analysis client was disposed'));
      waiting = null;
      generation++;
      remote?.[releaseProxy]();
      worker?.terminate();
    },
  };
}
