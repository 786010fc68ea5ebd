/**
 * The one way long work on the page gives way between its slices: the page handles input and
 * paints, then the work goes on at once.
 *
 * Not `setTimeout(0)`: a timeout set from a timeout is held back at least 4 ms from the fifth on
 * (the HTML nesting clamp), so the 150 slices of opening a 50,000-person map spent 0.6 s waiting
 * with nothing to do. `scheduler.yield()` (Chromium) resumes ahead of other queued work; where
 * there is none, `setImmediate` (Node, the unit tests) or a message to self are not clamped.
 */
type Yielding = { scheduler?: { yield?: () => Promise<void> } };

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function viaMessage(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

export function nextTask(): Promise<void> {
  const scheduler = (globalThis as Yielding).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') return viaMessage();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Calls `then` after the next frame has been painted, in a task of its own; at once where no
 * frame will be (no requestAnimationFrame, or a hidden page, which paints none). Returns a cancel.
 */
export function onNextFrame(then: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.hidden) {
    then();
    return () => undefined;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** onNextFrame as a promise. */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => onNextFrame(resolve));
}

/**
 * Sliced work: a generator that yields between slices and returns its result. The same steps run
 * in one go (`runSteps`) where a caller needs the answer now, or with a turn for the page between
 * slices (`runStepsWithPauses`) when a whole company's records are being worked through.
 */
export type Steps<T> = Generator<void, T>;

/** Runs the steps to their end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps with `pause()` between slices; once `stopped()` says so after a pause, gives up
 * and resolves to null (the steps are not run further).
 */
export async function runStepsWithPauses<T>(steps: Steps<T>, pause: () => Promise<void>, stopped: () => boolean = () => false): Promise<T | null> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
    if (stopped()) return null;
  }
}
