/**
 * Runs a layout off the main thread, with a deadline and a way to cancel.
 *
 * Each run gets its own worker, which is terminated when the run ends, is cancelled or misses
 * its deadline, so a runaway ELK run can never keep a core busy. An org chart that misses the
 * deadline (or whose worker cannot start) falls back to the tidy-tree layout, which takes a few
 * milliseconds; a network layout that misses it fails with a message. Where there is no Worker
 * (unit and component tests) the cheap layouts run in-process, still asynchronously.
 */
import { networkLayout } from './network';
import { COMPACT_MIN_PEOPLE, compactOrgChart } from './compact-org';
import { treeOrgChart } from './org-chart';
import type { LayoutEngine, LayoutKind, LayoutReply, LayoutRequest } from './protocol';
import type { LayoutInput, Positions } from './types';

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

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

let nextId = 1;
/** A worker started ahead of time (the Arrange menu was opened) with elkjs loading in it. */
let warm: Worker | null = null;

/**
 * Starts a worker and loads elkjs in it, so the next layout does not wait for the 1.5 MB
 * script. Called when the Arrange menu opens; harmless to call again.
 */
export function prepareLayoutWorker(createWorker: () => Worker | null = defaultWorker): void {
  if (warm) return;
  warm = createWorker();
  warm?.postMessage({ id: 0, kind: 'warm-up', input: { cards: [], ties: [] } } satisfies LayoutRequest);
}

function takeWorker(createWorker?: () => Worker | null): Worker | null {
  if (createWorker) return createWorker();
  const w = warm;
  warm = null;
  return w ?? defaultWorker();
}

/** The org chart without ELK: the compact layout for large charts, a tidy tree for small ones. */
function fallbackOrgChart(input: LayoutInput): [Positions, LayoutEngine] {
  return input.cards.length >= COMPACT_MIN_PEOPLE ? [compactOrgChart(input), 'compact'] : [treeOrgChart(input), 'tree'];
}

export function networkBudget(people: number): number {
  return people > 1000 ? 2500 : 1500;
}

export function startLayout(kind: LayoutKind, input: LayoutInput, options: LayoutRunOptions = {}): LayoutJob {
  const started = performance.now();
  const deadline = options.deadlineMs ?? (kind === 'org-chart' ? 3000 : 8000);
  let settle: ((outcome: LayoutOutcome) => void) | null = null;
  let fail: ((error: unknown) => void) | null = null;
  let worker: Worker | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let finished = false;

  const promise = new Promise<LayoutOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const end = () => {
    finished = true;
    if (timer !== null) clearTimeout(timer);
    worker?.terminate();
    worker = null;
  };
  const done = (positions: Positions, engine: LayoutEngine, note: string | null = null) => {
    if (finished) return;
    end();
    settle!({ positions, engine, note, ms: Math.round(performance.now() - started) });
  };
  const error = (e: unknown) => {
    if (finished) return;
    end();
    fail!(e);
  };
  const fallback = (why: string) => {
    if (kind === 'org-chart') {
      const [positions, engine] = fallbackOrgChart(input);
      done(positions, engine, why);
    }
    else error(new Error(why));
  };

  const inProcess = () => {
    setTimeout(() => {
      if (finished) return;
      try {
        if (kind === 'org-chart') {
          const [positions, engine] = fallbackOrgChart(input);
          done(positions, engine);
        }
        else done(networkLayout(input, { budgetMs: 400 }), 'forceatlas2');
      } catch (e) {
        error(e);
      }
    }, 0);
  };

  worker = takeWorker(options.createWorker);
  if (!worker) inProcess();
  else {
    const id = nextId++;
    worker.addEventListener('message', (event: MessageEvent<LayoutReply>) => {
      const message = event.data;
      if (!message || message.id !== id) return;
      if (message.type === 'progress') options.onProgress?.(message.fraction);
      else if (message.type === 'done') done(message.positions, message.engine);
      else fallback(kind === 'org-chart' ? `The layered layout failed (${message.error}); a simpler tree layout was used.` : `The network layout failed: ${message.error}`);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fallback(kind === 'org-chart' ? 'The layered layout could not start; a simpler tree layout was used.' : 'The network layout could not start.');
    });
    const request: LayoutRequest = { id, kind, input, budgetMs: kind === 'network' ? networkBudget(input.cards.length) : undefined };
    worker.postMessage(request);
    timer = setTimeout(
      () => fallback(kind === 'org-chart' ? `The layered layout took longer than ${deadline / 1000} s, so a simpler tree layout was used.` : `The network layout took longer than ${deadline / 1000} s and was stopped.`),
      deadline,
    );
  }

  return {
    promise,
    cancel() {
      error(new LayoutCancelledError());
    },
  };
}

export function isLayoutCancelled(error: unknown): error is LayoutCancelledError {
  return error instanceof LayoutCancelledError;
}
