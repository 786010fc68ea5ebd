/**
 * Records keyed by ids the user supplies (imported files keep their ids): a person may well be
 * called "__proto__", "constructor" or "toString". On a plain object those names are inherited
 * members: `rec.__proto__ = p` replaces the prototype instead of storing p, and
 * `"constructor" in rec` is true with nobody there. So every such record has no prototype, and is
 * copied with these helpers instead of `{ ...rec }` (which makes a plain object again).
 */

/** What `entryCount` and `valuesOf` know of a record, per record object. */
const entryCounts = new WeakMap<object, number>();
const valueLists = new WeakMap<object, readonly unknown[]>();

/** An empty record with no prototype. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free copy of `source` (own enumerable entries only). */
export function copyRecord<T>(source: Readonly<Record<string, T>>): Record<string, T> {
  const out = emptyRecord<T>();
  for (const key of Object.keys(source)) out[key] = source[key];
  return out;
}

/** A prototype-free copy of `source` with one entry set. */
export function withEntry<T>(source: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  return editedRecord(source, [[key, value]]);
}

/**
 * A prototype-free copy of `source` with `sets` stored and `removes` deleted (removes first), for
 * document records (each value stored under its own id, no value under two keys). What the copy
 * holds is worked out from what `source` was known to hold (`entryCount`, `valuesOf`) instead of
 * counting and listing it again, and the keys it changed are remembered (`changedKeys`): one tie
 * edited on a 250,000-tie map was otherwise three passes over every tie before the next frame.
 */
export function editedRecord<T>(source: Readonly<Record<string, T>>, sets: Iterable<readonly [string, T]>, removes: Iterable<string> = []): Record<string, T> {
  const out = copyRecord(source);
  const keys: string[] = [];
  const removed: T[] = [];
  for (const key of removes) {
    if (!Object.hasOwn(out, key)) continue;
    removed.push(out[key]);
    delete out[key];
    keys.push(key);
  }
  const replaced: [T, T][] = [];
  const added: T[] = [];
  let indexAdded = false;
  for (const [key, value] of sets) {
    if (Object.hasOwn(out, key)) {
      if (out[key] === value) continue;
      replaced.push([out[key], value]);
    } else {
      added.push(value);
      if (isIndexKey(key)) indexAdded = true;
    }
    out[key] = value;
    keys.push(key);
  }
  derivations.set(out, { from: new WeakRef(source), keys });
  const count = entryCounts.get(source);
  if (count !== undefined) entryCounts.set(out, count - removed.length + added.length);
  const list = valueLists.get(source) as readonly T[] | undefined;
  // A new index key is listed first by Object.values, not last: left to be listed again.
  if (list && !indexAdded) valueLists.set(out, editedList(list, removed, replaced, added));
  return out;
}

/** `list` with `removed` left out, each `replaced` pair's first swapped for its second, `added` after. */
function editedList<T>(list: readonly T[], removed: readonly T[], replaced: readonly (readonly [T, T])[], added: readonly T[]): readonly T[] {
  let out: T[];
  if (removed.length + replaced.length <= 16) {
    // A few changes: a copy and a pointer search each (a map of 250,000 positions costs more).
    out = list.slice();
    for (const [before, after] of replaced) {
      const at = out.indexOf(before);
      if (at >= 0) out[at] = after;
    }
    for (const gone of removed) {
      const at = out.indexOf(gone);
      if (at >= 0) out.splice(at, 1);
    }
  } else {
    const swap = new Map<T, T>(replaced.map(([a, b]) => [a, b]));
    const gone = new Set(removed);
    out = [];
    for (const value of list) {
      if (gone.has(value)) continue;
      out.push(swap.get(value) ?? value);
    }
  }
  for (const value of added) out.push(value);
  return out;
}

interface Derivation {
  /** Held weakly: a chain of edits must not keep every earlier 250,000-entry copy alive. */
  from: WeakRef<object>;
  keys: readonly string[];
}

const derivations = new WeakMap<object, Derivation>();

/**
 * The keys whose entries may differ between `before` and `after`, when `after` was made from
 * `before` by `editedRecord` (in at most `maxSteps` edits, each record still in memory); null when
 * that is not known, and then the records have to be compared entry by entry.
 */
export function changedKeys(before: object, after: object, maxSteps = 64): ReadonlySet<string> | null {
  const keys = new Set<string>();
  let at: object | undefined = after;
  for (let step = 0; step <= maxSteps && at; step++) {
    if (at === before) return keys;
    const d = derivations.get(at);
    if (!d) return null;
    for (const key of d.keys) keys.add(key);
    at = d.from.deref();
  }
  return null;
}

/** A prototype-free record of `items` keyed by `key(item)` (a later item wins). */
export function recordOf<T>(items: Iterable<T>, key: (item: T) => string): Record<string, T> {
  const out = emptyRecord<T>();
  for (const item of items) out[key(item)] = item;
  return out;
}

/** Is there an own entry for `key`? (never an inherited member such as "constructor"). */
export function hasEntry(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/**
 * The same document with prototype-free records again. Structured clone (a worker's reply, a
 * BroadcastChannel message) keeps own keys such as "__proto__" but gives objects a prototype back.
 */
export function withOwnRecords<D extends { stakeholders: Record<string, unknown>; ties: Record<string, unknown> }>(doc: D): D {
  return { ...doc, stakeholders: copyRecord(doc.stakeholders), ties: copyRecord(doc.ties) };
}

/**
 * How many entries a record has, remembered per record object. Only for records that are not
 * changed in place once made (a document's, as every edit makes new ones): selectors run on every
 * store change, and `Object.keys` of a 50,000-entry record takes tens of milliseconds each time.
 */
export function entryCount(record: Readonly<Record<string, unknown>>): number {
  let count = entryCounts.get(record);
  if (count === undefined) {
    count = 0;
    for (const _ in record) count++;
    entryCounts.set(record, count);
  }
  return count;
}

/**
 * Do two versions of a record hold the same entries with the same `fields` in each? True for a
 * move or a note edit (new person objects, same names), false once someone is added, removed or
 * has one of those fields changed. One pass of pointer checks: views derived from that field (tie
 * sentences, the department list) can then be kept instead of rebuilt for 50,000 people on a drop.
 */
export function sameInEvery<T extends object>(prev: Readonly<Record<string, T>>, next: Readonly<Record<string, T>>, ...fields: (keyof T)[]): boolean {
  if (prev === next) return true;
  if (entryCount(prev) !== entryCount(next)) return false;
  for (const id in next) {
    if (!Object.hasOwn(prev, id)) return false;
    const a = prev[id];
    const b = next[id];
    if (a === b) continue;
    for (const field of fields) if (a[field] !== b[field]) return false;
  }
  return true;
}

/**
 * `Object.values(record)`, remembered per record object (same rule as `entryCount`): listing
 * 100,000 ties is itself a long task, and the canvas and Details both need the list of one record.
 */
export function valuesOf<T>(record: Readonly<Record<string, T>>): readonly T[] {
  let list = valueLists.get(record) as readonly T[] | undefined;
  if (!list) {
    list = Object.values(record);
    valueLists.set(record, list);
  }
  return list;
}

/** Does `key` name an array index? Such keys come first, in numeric order, in `Object.values`. */
function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(key) >>> 0) === key && key !== '4294967295';
}

/**
 * Tells `entryCount` and `valuesOf` what a document record just built holds: `values` are its
 * values (each stored under its id) in the order they were first stored, with no id set twice. Restoring a 50,000-person map builds
 * its records from lists and would otherwise count and list them again (a pass over 250,000 ties
 * each) in the first render. Not remembered when a key is an array index, as `Object.values`
 * then lists in another order.
 */
export function rememberEntries<T extends { id: string }>(record: Readonly<Record<string, T>>, values: readonly T[]): void {
  for (const value of values) if (isIndexKey(value.id)) return;
  entryCounts.set(record, values.length);
  valueLists.set(record, values);
}
