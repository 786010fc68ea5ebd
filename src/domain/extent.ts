/**
 * Largest and smallest of a list, by loop. `Math.max(...xs)` passes every element as an argument
 * and throws "Maximum call stack size exceeded" somewhere past 100,000 elements, which a big
 * import reaches; spreading user-sized arrays into calls is banned by ESLint for that reason.
 */

/** The largest `value(item)` (or item), or `empty` for an empty list. */
export function maxOf<T>(items: ArrayLike<T>, value: (item: T) => number, empty = -Infinity): number {
  if (items.length === 0) return empty;
  let best = -Infinity;
  for (let i = 0; i < items.length; i++) {
    const v = value(items[i]);
    if (v > best || Number.isNaN(v)) best = v;
  }
  return best;
}

/** The smallest `value(item)` (or item), or `empty` for an empty list. */
export function minOf<T>(items: ArrayLike<T>, value: (item: T) => number, empty = Infinity): number {
  if (items.length === 0) return empty;
  let best = Infinity;
  for (let i = 0; i < items.length; i++) {
    const v = value(items[i]);
    if (v < best || Number.isNaN(v)) best = v;
  }
  return best;
}

export const identity = (n: number): number => n;

/** Appends every item of `items` to `target` (instead of `target.push(...items)`). */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
