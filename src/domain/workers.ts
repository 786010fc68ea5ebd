/**
 * The one way to run work in a Web Worker: `startWorker` on the page, `serveWorker` in the worker.
 *
 * - The caller passes the factory, `() => new Worker(new URL('./x.ts', import.meta.url), { type:
 *   'module' })`, because Vite finds and bundles a worker only from that literal expression.
 * - Where no worker can run (no `Worker`, as in jsdom and Node; the factory returned null or
 *   threw) the same handlers run on this thread instead, still asynchronously, so callers behave
 *   the same either way. A worker that fails to load or crashes does the same for the calls it
 *   held and every later one, unless the caller asked to be told (`onFailure: 'reject'`).
 *   Without `inProcess` handlers, calls that cannot go to a worker reject with WorkerFailedError.
 * - One request/response protocol: every call has an id; a reply is `done`, `error` (name and
 *   message; the page rejects with an Error carrying both) or `progress`. `call` returns a job that can
 *   be cancelled (its answer is dropped; the promise rejects with WorkerCancelledError), and
 *   `latestOnly` keeps only the newest of a series of calls (newest answer wins).
 *
 * Pure TypeScript with no imports, in domain/ so that every layer that starts a worker
 * (analysis, io, layout, storage, canvas, ui) can use it.
 */

/** What a handler gets besides its argument. */
export interface CallContext {
  /** Tells the page how far the work has come (`onProgress`). */
  progress(value: unknown): void;
  /** Objects to transfer (not copy) with the reply, e.g. an ImageBitmap. Ignored in-process. */
  transfer(objects: Transferable[]): void;
}

/** A worker's methods: each takes one argument (use an object for more) and may be async. */
export type Handlers = Record<string, (arg: never, context: CallContext) => unknown>;

export type WorkerRequest = { id: number; method: string; arg: unknown };
export type WorkerReply = { id: number; type: 'done'; value: unknown } | { id: number; type: 'error'; name: string; message: string } | { id: number; type: 'progress'; value: unknown };

export class WorkerCancelledError extends Error {
  constructor(reason = 'Cancelled') {
    super(reason);
    this.name = 'WorkerCancelledError';
  }
}

/** The worker could not start or died (only with `onFailure: 'reject'`). */
export class WorkerFailedError extends Error {
  constructor() {
    super('The worker could not run.');
    this.name = 'WorkerFailedError';
  }
}

export function isCancelled(error: unknown): error is WorkerCancelledError {
  return error instanceof WorkerCancelledError;
}

export interface WorkerCall<T> {
  promise: Promise<T>;
  /** Drops the answer: the promise rejects with WorkerCancelledError (or `reason`). No-op once settled. */
  cancel(reason?: Error): void;
}

type Arg<H extends Handlers, K extends keyof H> = Parameters<H[K]>[0];
type Result<H extends Handlers, K extends keyof H> = Awaited<ReturnType<H[K]>>;

export interface CallOptions {
  onProgress?: (value: unknown) => void;
  /**
   * What to post to a real worker in place of `arg`: a form made for the trip, with the buffers to
   * transfer (a transferred buffer costs nothing; a copied one of a megabyte took 12 ms of the page
   * on a slow machine). `arg` itself is kept, whole, for running the call on this thread.
   */
  post?: () => { arg: unknown; transfer: Transferable[] };
}

type Column = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * Copies of `columns`, each with a buffer of its own, and those buffers added to `transfer`: for
 * a `post` whose caller keeps the originals.
 */
export function copiedForTransfer<T extends Record<string, Column>>(columns: T, transfer: ArrayBuffer[]): T {
  const out = {} as Record<string, Column>;
  for (const [name, column] of Object.entries(columns)) {
    const copy = column.slice();
    transfer.push(copy.buffer);
    out[name] = copy;
  }
  return out as T;
}

export interface WorkerHandle<H extends Handlers> {
  call<K extends keyof H & string>(method: K, arg: Arg<H, K>, options?: CallOptions): WorkerCall<Result<H, K>>;
  /** True while calls go to a real worker (false: on this thread). */
  readonly offThread: boolean;
  /** Stops the worker; calls still waiting reject with WorkerCancelledError. */
  terminate(): void;
}

export interface StartWorkerOptions<H extends Handlers> {
  /** The same handlers for this thread (imported by the caller; a function to load them late). */
  inProcess?: H | (() => H | Promise<H>);
  /**
   * What happens when the worker fails to load or crashes: 'in-process' (default) runs its
   * calls here instead; 'reject' rejects them with WorkerFailedError (the caller has its own
   * fallback), and so are later calls.
   */
  onFailure?: 'in-process' | 'reject';
}

interface Pending {
  method: string;
  arg: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (value: unknown) => void;
}

/** Yields to the event loop, so in-process work never runs inside the caller's frame. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Starts a worker from `create`, or runs `inProcess` on this thread where there are none. */
export function startWorker<H extends Handlers>(create: (() => Worker | null) | null, options: StartWorkerOptions<H> = {}): WorkerHandle<H> {
  const onFailure = options.onFailure ?? 'in-process';
  let worker: Worker | null = null;
  /** The worker started and then failed (not: there was none to start). */
  let failed = false;
  let terminated = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let local: Promise<H> | null = null;

  const handlers = (): Promise<H> => {
    const source = options.inProcess;
    if (!source) return Promise.reject(new WorkerFailedError());
    local ??= Promise.resolve(typeof source === 'function' ? (source as () => H | Promise<H>)() : source);
    return local;
  };

  const runHere = (id: number, p: Pending) => {
    void (async () => {
      await tick();
      if (!pending.has(id)) return;
      const context: CallContext = { progress: (value) => pending.has(id) && p.onProgress?.(value), transfer: () => undefined };
      try {
        const table = await handlers();
        const handler = table[p.method] as ((arg: unknown, context: CallContext) => unknown) | undefined;
        if (!handler) throw new Error(`No handler named ${p.method}`);
        const value = await handler(p.arg, context);
        if (pending.delete(id)) p.resolve(value);
      } catch (error) {
        if (pending.delete(id)) p.reject(error);
      }
    })();
  };

  const fail = () => {
    failed = true;
    worker?.terminate();
    worker = null;
    for (const [id, p] of pending) {
      if (onFailure === 'in-process') runHere(id, p);
      else {
        pending.delete(id);
        p.reject(new WorkerFailedError());
      }
    }
  };

  if (create && typeof Worker !== 'undefined') {
    try {
      worker = create();
    } catch {
      worker = null;
    }
  }
  worker?.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const p = reply && pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'progress') p.onProgress?.(reply.value);
    else {
      pending.delete(reply.id);
      if (reply.type === 'done') p.resolve(reply.value);
      else p.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    }
  });
  worker?.addEventListener('error', (event) => {
    event.preventDefault();
    fail();
  });
  worker?.addEventListener('messageerror', () => fail());

  return {
    call(method, arg, callOptions = {}) {
      const id = nextId++;
      let entry!: Pending;
      const promise = new Promise<never>((resolve, reject) => {
        entry = { method, arg, resolve: resolve as (value: unknown) => void, reject, onProgress: callOptions.onProgress };
      });
      if (terminated) entry.reject(new WorkerCancelledError('The worker was stopped'));
      else if (worker) {
        pending.set(id, entry);
        const trip = callOptions.post?.();
        worker.postMessage({ id, method, arg: trip ? trip.arg : arg } satisfies WorkerRequest, trip?.transfer ?? []);
      } else if (failed && onFailure === 'reject') entry.reject(new WorkerFailedError());
      else {
        pending.set(id, entry);
        runHere(id, entry);
      }
      return {
        promise,
        cancel(reason) {
          if (pending.delete(id)) entry.reject(reason ?? new WorkerCancelledError());
        },
      };
    },
    get offThread() {
      return worker !== null;
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new WorkerCancelledError('The worker was stopped'));
      pending.clear();
    },
  };
}

/**
 * Keeps only the newest of a series of calls: starting one cancels the one before, so an answer
 * that arrives late is never used (newest answer wins).
 */
export function latestOnly<A, T>(start: (arg: A) => WorkerCall<T>): ((arg: A) => Promise<T>) & { cancel(reason?: Error): void } {
  let current: WorkerCall<T> | null = null;
  const run = (arg: A): Promise<T> => {
    current?.cancel();
    const call = start(arg);
    current = call;
    void call.promise.then(
      () => {
        if (current === call) current = null;
      },
      () => {
        if (current === call) current = null;
      },
    );
    return call.promise;
  };
  return Object.assign(run, {
    cancel(reason?: Error) {
      current?.cancel(reason);
      current = null;
    },
  });
}

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

/** In the worker: answers the page's calls with `handlers` (see startWorker). */
export function serveWorker(handlers: Handlers, scope: WorkerScope = self as unknown as WorkerScope): void {
  // `self` is typed as a Window here (the project's lib is the DOM's); in a worker it is the worker's scope.
  scope.addEventListener('message', (event) => {
    const request = event.data;
    if (!request || typeof request.id !== 'number' || typeof request.method !== 'string') return;
    const { id } = request;
    let transfer: Transferable[] = [];
    const context: CallContext = {
      progress: (value) => scope.postMessage({ id, type: 'progress', value }),
      transfer: (objects) => {
        transfer = objects;
      },
    };
    void (async () => {
      try {
        const handler = handlers[request.method] as ((arg: unknown, context: CallContext) => unknown) | undefined;
        if (!handler) throw new Error(`No handler named ${request.method}`);
        const value = await handler(request.arg, context);
        scope.postMessage({ id, type: 'done', value }, transfer);
      } catch (error) {
        const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
        scope.postMessage({ id, type: 'error', name, message });
      }
    })();
  });
}
