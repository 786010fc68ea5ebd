import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCancelled, latestOnly, serveWorker, startWorker, WorkerFailedError, type CallContext, type WorkerReply, type WorkerRequest } from '../../../src/domain/workers';

/** A worker stand-in on this thread: messages cross by structured clone, a tick later, like a real one. */
class FakeWorker extends EventTarget {
  static last: FakeWorker | null = null;
  terminated = false;
  posted: WorkerRequest[] = [];
  transfers: Transferable[][] = [];
  private inside = new EventTarget();
  constructor(handlers: Parameters<typeof serveWorker>[0]) {
    super();
    FakeWorker.last = this;
    serveWorker(handlers, {
      addEventListener: (type, listener) => this.inside.addEventListener(type, listener as unknown as EventListener),
      postMessage: (message: WorkerReply) => {
        const data = structuredClone(message);
        setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data })), 0);
      },
    });
  }
  postMessage(message: WorkerRequest, transfer: Transferable[] = []) {
    this.posted.push(message);
    this.transfers.push(transfer);
    const data = structuredClone(message);
    setTimeout(() => !this.terminated && this.inside.dispatchEvent(new MessageEvent('message', { data })), 0);
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.dispatchEvent(new Event('error'));
  }
}

const handlers = {
  double: (n: number) => n * 2,
  slow: async (n: number) => {
    await new Promise((r) => setTimeout(r, 20));
    return n;
  },
  fail: (message: string) => {
    throw Object.assign(new Error(message), { name: 'QuotaExceededError' });
  },
  count: (to: number, context: CallContext) => {
    for (let i = 1; i <= to; i++) context.progress(i);
    return 'done';
  },
};

const fakeFactory = () => new FakeWorker(handlers) as unknown as Worker;

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.last = null;
});

describe('startWorker without Worker (jsdom, Node, old browsers)', () => {
  it('runs the in-process handlers, asynchronously', async () => {
    const worker = startWorker<typeof handlers>(fakeFactory, { inProcess: handlers });
    expect(worker.offThread).toBe(false);
    let settled = false;
    const call = worker.call('double', 21);
    void call.promise.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false); // never inside the caller's frame
    expect(await call.promise).toBe(42);
    expect(FakeWorker.last).toBeNull(); // the factory was never called
  });

  it('reports progress and passes errors through unchanged', async () => {
    const worker = startWorker<typeof handlers>(null, { inProcess: handlers });
    const seen: unknown[] = [];
    expect(await worker.call('count', 3, { onProgress: (v) => seen.push(v) }).promise).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
    await expect(worker.call('fail', 'no room').promise).rejects.toThrow('no room');
  });

  it('without in-process handlers, rejects with WorkerFailedError', async () => {
    const worker = startWorker<typeof handlers>(fakeFactory);
    await expect(worker.call('double', 1).promise).rejects.toBeInstanceOf(WorkerFailedError);
  });

  it('a factory that returns null or throws means in-process', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    expect(await startWorker<typeof handlers>(() => null, { inProcess: handlers }).call('double', 2).promise).toBe(4);
    const throwing = startWorker<typeof handlers>(() => { throw new Error('CSP'); }, { inProcess: handlers });
    expect(throwing.offThread).toBe(false);
    expect(await throwing.call('double', 3).promise).toBe(6);
  });
});

describe('startWorker with a worker', () => {
  it('matches replies to calls by id, whatever order they come back in', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory, { inProcess: handlers });
    expect(worker.offThread).toBe(true);
    const slow = worker.call('slow', 7);
    const fast = worker.call('double', 5);
    expect(await fast.promise).toBe(10);
    expect(await slow.promise).toBe(7);
    expect(FakeWorker.last!.posted.map((r) => r.id)).toEqual([1, 2]);
  });

  it('an error crosses back with its name and message', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory);
    const error = await worker.call('fail', 'no room').promise.catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('no room');
    expect(error.name).toBe('QuotaExceededError');
  });

  it('progress messages reach onProgress before the answer', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory);
    const seen: unknown[] = [];
    expect(await worker.call('count', 2, { onProgress: (v) => seen.push(v) }).promise).toBe('done');
    expect(seen).toEqual([1, 2]);
  });

  it('cancel drops the answer: the promise rejects as cancelled (or with the given reason)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory);
    const call = worker.call('slow', 1);
    call.cancel();
    await expect(call.promise).rejects.toSatisfy(isCancelled);
    const other = worker.call('slow', 2);
    other.cancel(new RangeError('mine'));
    await expect(other.promise).rejects.toBeInstanceOf(RangeError);
    expect(await worker.call('double', 4).promise).toBe(8); // the worker keeps serving
  });

  it('terminate stops the worker and rejects what was waiting', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory);
    const call = worker.call('slow', 1);
    worker.terminate();
    expect(FakeWorker.last!.terminated).toBe(true);
    await expect(call.promise).rejects.toSatisfy(isCancelled);
    await expect(worker.call('double', 1).promise).rejects.toSatisfy(isCancelled);
  });

  it('posts what `post` makes for the trip, with its buffers to transfer; a crash then runs the call on the original arg', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory, { inProcess: handlers });
    const buffer = new ArrayBuffer(8);
    const sent = worker.call('double', 4, { post: () => ({ arg: 21, transfer: [buffer] }) });
    expect(FakeWorker.last!.posted[0].arg).toBe(21);
    expect(FakeWorker.last!.transfers[0]).toEqual([buffer]);
    expect(await sent.promise).toBe(42);
    const crashed = worker.call('double', 4, { post: () => ({ arg: 21, transfer: [] }) });
    FakeWorker.last!.crash();
    expect(await crashed.promise).toBe(8);
  });

  it('a crash runs the waiting calls and later ones in-process (default)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory, { inProcess: handlers });
    const call = worker.call('double', 8);
    FakeWorker.last!.crash();
    expect(worker.offThread).toBe(false);
    expect(FakeWorker.last!.terminated).toBe(true);
    expect(await call.promise).toBe(16);
    expect(await worker.call('double', 9).promise).toBe(18);
  });

  it("a crash with onFailure 'reject' rejects with WorkerFailedError, now and later", async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory, { inProcess: handlers, onFailure: 'reject' });
    const call = worker.call('double', 8);
    FakeWorker.last!.crash();
    await expect(call.promise).rejects.toBeInstanceOf(WorkerFailedError);
    await expect(worker.call('double', 9).promise).rejects.toBeInstanceOf(WorkerFailedError);
  });

  it('loads in-process handlers lazily, only when they are needed', async () => {
    const load = vi.fn(async () => handlers);
    const worker = startWorker<typeof handlers>(null, { inProcess: load });
    expect(load).not.toHaveBeenCalled();
    expect(await worker.call('double', 1).promise).toBe(2);
    expect(await worker.call('double', 2).promise).toBe(4);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('latestOnly (newest answer wins)', () => {
  it('a newer call cancels the one before, even when the older answer would arrive first', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = startWorker<typeof handlers>(fakeFactory);
    const slow = latestOnly((n: number) => worker.call('slow', n));
    const first = slow(1);
    const second = slow(2);
    await expect(first).rejects.toSatisfy(isCancelled);
    expect(await second).toBe(2);
  });

  it('cancel() drops the newest call', async () => {
    const worker = startWorker<typeof handlers>(null, { inProcess: handlers });
    const double = latestOnly((n: number) => worker.call('double', n));
    const call = double(1);
    double.cancel();
    await expect(call).rejects.toSatisfy(isCancelled);
    expect(await double(5)).toBe(10);
  });
});
