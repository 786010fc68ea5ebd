/**
 * Names for things made from other things: a duplicated person, a duplicated or imported map.
 * One helper, so copies read the same everywhere ("Tom Becker (copy)", "(copy 2)"; "orgchart (2)")
 * and a copy of a copy does not grow a tail ("Tom Becker (copy) (copy)").
 */

const COPY_SUFFIX = /\s+\(copy(?:\s+(\d+))?\)$/i;
const NUMBER_SUFFIX = /\s+\((\d+)\)$/;

/** Case- and space-insensitive, as people compare names. */
const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export interface NameSet {
  has(name: string): boolean;
}

/** A set of names compared as people compare them (case and extra spaces ignored). */
export function nameSet(names: Iterable<string>): NameSet & { add(name: string): void } {
  const keys = new Set<string>();
  for (const n of names) keys.add(key(n));
  return {
    has: (name) => keys.has(key(name)),
    add: (name) => void keys.add(key(name)),
  };
}

/** "Tom Becker" -> "Tom Becker (copy)", then "(copy 2)", "(copy 3)"... whichever is free. */
export function copyName(name: string, taken: NameSet): string {
  const trimmed = name.trim();
  if (!trimmed) return name;
  const base = trimmed.replace(COPY_SUFFIX, '');
  const first = `${base} (copy)`;
  if (!taken.has(first)) return first;
  for (let n = 2; ; n++) {
    const candidate = `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The name itself when free, else "orgchart (2)", "orgchart (3)"... whichever is free. */
export function numberedName(name: string, taken: NameSet): string {
  const trimmed = name.trim();
  if (!taken.has(trimmed)) return name;
  const base = trimmed.replace(NUMBER_SUFFIX, '');
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
