import { vi } from 'vitest';

/**
 * jsdom has no 2D canvas. This context accepts every drawing call (so a new call in the
 * renderer cannot break unrelated tests) and counts how often each was made, which is
 * what the level-of-detail tests assert on.
 */
export type DrawCounts = Record<string, number>;

export function countingContext(counts: DrawCounts): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = {};
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key !== 'string') return undefined;
      return () => {
        counts[key] = (counts[key] ?? 0) + 1;
        return undefined;
      };
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/** Installs the counting context on every canvas; returns the undo. */
export function installCountingCanvas(counts: DrawCounts): () => void {
  const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => countingContext(counts));
  return () => spy.mockRestore();
}

export function resetCounts(counts: DrawCounts): void {
  for (const key of Object.keys(counts)) counts[key] = 0;
}

/** jsdom lays nothing out: every element reports this client size (the canvas layers size themselves from it). Returns the undo. */
export function fakeClientSize(width: number, height: number): () => void {
  const undo: (() => void)[] = [];
  for (const [prop, value] of [['clientWidth', width], ['clientHeight', height]] as const) {
    const before = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
    undo.push(() => before && Object.defineProperty(HTMLElement.prototype, prop, before));
  }
  return () => undo.forEach((u) => u());
}

/**
 * React Flow sizes its view (hence what it culls) from its renderer's offset size, which the
 * component setup makes 100 x 100 (style size). This makes it the given size, for a test that
 * points at places in a larger pane (a mark far from the origin). Every card in view costs
 * jsdom tens of milliseconds to draw, so card-level tests keep the small view. Returns the undo.
 */
export function fakeFlowViewSize(width: number, height: number): () => void {
  const undo: (() => void)[] = [];
  for (const [prop, value] of [['offsetWidth', width], ['offsetHeight', height]] as const) {
    const before = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop)!;
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('react-flow__renderer') ? value : before.get!.call(this);
      },
    });
    undo.push(() => Object.defineProperty(HTMLElement.prototype, prop, before));
  }
  return () => undo.forEach((u) => u());
}
