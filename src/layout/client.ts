/**
 * Runs a layout off the main thread, with a deadline and a way to cancel.
 *
 * Each run gets its own worker, which is terminated when the run ends, is cancelled or misses
 * its deadline, so a runaway ELK run can never keep a core busy. An org chart that misses the
 * deadline (or whose worker cannot start) falls back to the tidy-tree layout, which takes a few
 * milliseconds; a network layout that misses it fails with a message. Where there is no Worker
 * (unit and component tests) the cheap layouts run in-process, still asynchronously.
 */
import { startWorker, WorkerFailedError, type WorkerHandle } from '../domain/workers';
import { networkLayout } from './network';
import { COMPACT_MIN_PEOPLE, compactOrgChart } from './compact-org';
import { treeOrgChart } from './org-chart';
import type { LayoutAnswer, LayoutEngine, LayoutInput, LayoutKind, LayoutWorkerApi, Positions } from './types';

export class LayoutCancelledError extends Error {
  constructor() {
    super('The layout was cancelled.');
    this.name = 'LayoutCancelledError';
  }
}

export interface LayoutOutcome {
  positions: Positions;
  engine: LayoutEngine;
  /** Something to tell the user (a fallback was used), or null. */
  note: string | null;
  ms: number;
}

export interface LayoutJob {
  promise: Promise<LayoutOutcome>;
  cancel(): void;
}

export interface LayoutRunOptions {
  /** Default: 3,000 ms for an org chart, 8,000 ms for a network. */
  deadlineMs?: number;
  onProgress?: (fraction: number) => void;
  /** Override worker creation (tests); return null to run in-process. */
  createWorker?: () => Worker | null;
}

/** The org chart without ELK: the compact layout for large charts, a tidy tree for small ones. */
function fallbackOrgChart(input: LayoutInput): LayoutAnswer {
  return input.cards.length >= COMPACT_MIN_PEOPLE ? { positions: compactOrgChart(input), engine: 'compact' } : { positions: treeOrgChart(input), engine: 'tree' };
}

const layoutWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

/** On this thread, where there is no worker: the cheap layouts (tidy tree, a short ForceAtlas2). */
const inProcess: LayoutWorkerApi = {
  warmUp: () => null,
  orgChart: ({ input }) => fallbackOrgChart(input),
  network: ({ input }, context) => ({ positions: networkLayout(input, { budgetMs: 400, onProgress: (f) => context.progress(f) }), engine: 'forceatlas2' }),
};

function startLayoutWorker(createWorker: () => Worker | null): WorkerHandle<LayoutWorkerApi> {
  return startWorker<LayoutWorkerApi>(createWorker, { inProcess, onFailure: 'reject' });
}

/** A worker started ahead of time (the Arrange menu was opened) with elkjs loading in it. */
let warm: WorkerHandle<LayoutWorkerApi> | null = null;

/**
 * Starts a worker and loads elkjs in it, so the next layout does not wait for the 1.5 MB
 * script. Called when the Arrange menu opens; harmless to call again.
 */
export function prepareLayoutWorker(createWorker: () => Worker | null = layoutWorker): void {
  if (warm) return;
  warm = startLayoutWorker(createWorker);
  if (!warm.offThread) return;
  warm.call('warmUp', null).promise.catch(() => undefined);
}

function takeWorker(createWorker?: () => Worker | null): WorkerHandle<LayoutWorkerApi> {
  if (createWorker) return startLayoutWorker(createWorker);
  const w = warm;
  warm = null;
  return w ?? startLayoutWorker(layoutWorker);
}

export function networkBudget(people: number): number {
  return people > 1000 ? 2500 : 1500;
}

export function startLayout(kind: LayoutKind, input: LayoutInput, options: LayoutRunOptions = {}): LayoutJob {
  const started = performance.now();
  const deadline = options.deadlineMs ?? (kind === 'org-chart' ? 3000 : 8000);
  // One worker per run, stopped when the run ends: a runaway ELK run never keeps a core busy.
  const worker = takeWorker(options.createWorker);
  const offThread = worker.offThread;
  const call = kind === 'org-chart' ? worker.call('orgChart', { input }) : worker.call('network', { input, budgetMs: networkBudget(input.cards.length) }, { onProgress: (f) => options.onProgress?.(f as number) });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timedOut = false;
  if (offThread) {
    timer = setTimeout(() => {
      timedOut = true;
      call.cancel();
    }, deadline);
  }
  const outcome = (answer: LayoutAnswer, note: string | null = null): LayoutOutcome => ({ ...answer, note, ms: Math.round(performance.now() - started) });
  const fallback = (why: string): LayoutOutcome => {
    if (kind === 'org-chart') return outcome(fallbackOrgChart(input), why);
    throw new Error(why);
  };
  let cancelled = false;
  const promise = call.promise
    .then(
      (answer) => outcome(answer),
      (error: unknown) => {
        if (cancelled) throw new LayoutCancelledError();
        if (timedOut)
          return fallback(kind === 'org-chart' ? `The layered layout took longer than ${deadline / 1000} s, so a simpler tree layout was used.` : `The network layout took longer than ${deadline / 1000} s and was stopped.`);
        if (error instanceof WorkerFailedError) return fallback(kind === 'org-chart' ? 'The layered layout could not start; a simpler tree layout was used.' : 'The network layout could not start.');
        if (!offThread) throw error;
        const message = error instanceof Error ? error.message : String(error);
        return fallback(kind === 'org-chart' ? `The layered layout failed (${message}); a simpler tree layout was used.` : `The network layout failed: ${message}`);
      },
    )
    .finally(() => {
      if (timer !== null) clearTimeout(timer);
      worker.terminate();
    });

  return {
    promise,
    cancel() {
      cancelled = true;
      call.cancel(new LayoutCancelledError());
    },
  };
}

export function isLayoutCancelled(error: unknown): error is LayoutCancelledError {
  return error instanceof LayoutCancelledError;
}
