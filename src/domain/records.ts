/**
 * Records keyed by ids the user supplies (imported files keep their ids): a person may well be
 * called "__proto__", "constructor" or "toString". On a plain object those names are inherited
 * members: `rec.__proto__ = p` replaces the prototype instead of storing p, and
 * `"constructor" in rec` is true with nobody there. So every such record has no prototype, and is
 * copied with these helpers instead of `{ ...rec }` (which makes a plain object again).
 */

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
  const out = copyRecord(source);
  out[key] = value;
  return out;
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

const entryCounts = new WeakMap<object, number>();

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

const valueLists = new WeakMap<object, readonly unknown[]>();

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
