/**
 * A document's records as they cross from a worker to the page, or are kept in one IndexedDB
 * value (pure). Sent as objects, a 50,000-person, 250,000-tie map is 300,000 objects and millions
 * of strings that a structured clone rebuilds one by one on the receiving thread: seconds of the
 * page's main thread in one task. Packed, they are one text, a few typed arrays and the list of
 * distinct field lists, and the page builds the objects itself, in steps between which it can paint.
 *
 * Generic on purpose: every own field of every record is carried, whatever it is (a field added
 * to Stakeholder or Tie later crosses without a change here). Strings go into the one text,
 * numbers into an Int32Array when they are whole and small enough and a Float64Array otherwise,
 * true/false/null/undefined and empty strings and lists as tags, and any other value (a list of
 * tags, a contact log) as JSON, which is what records are when saved.
 *
 * Small on purpose too: Chromium reads a stored value at about 15 ms a megabyte (measured here,
 * 2026-12-02), so every byte a whole company's pack does not carry is time off its open. A value
 * that repeats the previous record's same field (every row's map id, a run of one department, a
 * tie's strength) is a tag and no value; a field that repeats the record's own key (an id) is a
 * tag too; and the tags are four bits each.
 */

/** How a value is written (four bits per value). */
const Tag = { Text: 0, Number: 1, True: 2, False: 3, Null: 4, Undefined: 5, Json: 6, EmptyText: 7, EmptyList: 8, Same: 9, Int: 10, Key: 11 } as const;

export interface PackedRecords {
  /** How many records. */
  count: number;
  /** Whether the records' keys come first in `text` (packRecords); a packed list (packList) has none. */
  keyed: boolean;
  /** The distinct lists of field names, in the order the fields were set. */
  shapes: string[][];
  /** The shape of each record (an index into `shapes`), in the smallest array that holds them. */
  shapeOf: Uint8Array | Uint16Array | Uint32Array;
  /** One tag per field value, record after record, field after field: two to a byte, low half first. */
  tags: Uint8Array;
  /** Numbers that are whole and fit 32 bits, in order. */
  ints: Int32Array;
  /** Every other number, in order. */
  numbers: Float64Array;
  /** The keys (when keyed), then every text value and JSON, one after another; the n-th ends at ends[n]. */
  text: string;
  ends: Uint32Array;
}

/** Packs a record of records (a document's `stakeholders` or `ties`), keys and all. */
export function packRecords(record: Readonly<Record<string, object>>): PackedRecords {
  const keys = Object.keys(record);
  return pack(keys.map((key) => record[key]), keys);
}

/** Packs a list of records (no keys: opened again with unpackListInto). */
export function packList(list: readonly object[]): PackedRecords {
  return pack(list, null);
}

function smallestIndexArray(values: readonly number[], largest: number): Uint8Array | Uint16Array | Uint32Array {
  if (largest < 0x100) return Uint8Array.from(values);
  if (largest < 0x10000) return Uint16Array.from(values);
  return Uint32Array.from(values);
}

function isInt32(v: number): boolean {
  return (v | 0) === v && !Object.is(v, -0);
}

function pack(values: readonly object[], keys: readonly string[] | null): PackedRecords {
  const count = values.length;
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const shapeOf: number[] = new Array<number>(count);
  const tags: number[] = [];
  const ints: number[] = [];
  const numbers: number[] = [];
  const parts: string[] = keys ? keys.slice() : [];
  // The previous record's values by field position (two lists taken in turn, not one per record:
  // 300,000 records in a whole company's pack).
  let previousShape = -1;
  let previousValues: unknown[] = [];
  let current: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const value = values[i] as Record<string, unknown>;
    const fields = Object.keys(value);
    const signature = fields.join('\u0000');
    let shape = shapeIndex.get(signature);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push(fields);
      shapeIndex.set(signature, shape);
    }
    shapeOf[i] = shape;
    const sameShape = shape === previousShape;
    const key = keys ? keys[i] : undefined;
    for (let f = 0; f < fields.length; f++) {
      const v = value[fields[f]];
      current[f] = v;
      if (typeof v === 'string') {
        if (v === '') tags.push(Tag.EmptyText);
        else if (v === key) tags.push(Tag.Key);
        else if (sameShape && previousValues[f] === v) tags.push(Tag.Same);
        else {
          tags.push(Tag.Text);
          parts.push(v);
        }
      } else if (typeof v === 'number') {
        if (sameShape && Object.is(previousValues[f], v)) tags.push(Tag.Same);
        else if (isInt32(v)) {
          tags.push(Tag.Int);
          ints.push(v);
        } else {
          tags.push(Tag.Number);
          numbers.push(v);
        }
      } else if (v === true) tags.push(Tag.True);
      else if (v === false) tags.push(Tag.False);
      else if (v === null) tags.push(Tag.Null);
      else if (v === undefined) tags.push(Tag.Undefined);
      else if (Array.isArray(v) && v.length === 0) tags.push(Tag.EmptyList);
      else {
        tags.push(Tag.Json);
        parts.push(JSON.stringify(v));
      }
    }
    previousShape = shape;
    [previousValues, current] = [current, previousValues];
  }
  const ends = new Uint32Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) ends[i] = at += parts[i].length;
  const halves = new Uint8Array((tags.length + 1) >> 1);
  for (let i = 0; i < tags.length; i++) halves[i >> 1] |= tags[i] << ((i & 1) << 2);
  return { count, keyed: !!keys, shapes, shapeOf: smallestIndexArray(shapeOf, shapes.length - 1), tags: halves, ints: Int32Array.from(ints), numbers: Float64Array.from(numbers), text: parts.join(''), ends };
}

/** The buffers of a packed record, to transfer instead of copying. */
export function packedBuffers(packed: PackedRecords): ArrayBuffer[] {
  return [packed.shapeOf.buffer, packed.tags.buffer, packed.ints.buffer, packed.numbers.buffer, packed.ends.buffer] as ArrayBuffer[];
}

/**
 * The record again, prototype-free like every document record (domain/records.ts). `pause` is
 * awaited every `step` records, so a page can paint between steps.
 */
export async function unpackRecords<T>(packed: PackedRecords, pause: (() => Promise<void>) | null = null, step = 20_000): Promise<Record<string, T>> {
  const out = Object.create(null) as Record<string, T>;
  for (const _ of unpackSteps<T>(packed, step, (value, key) => void (out[key] = value))) if (pause) await pause();
  return out;
}

/**
 * The records added to `into` in one go (a slice small enough for one task); each is also pushed
 * onto `list` when one is given (a document put together from slices remembers its lists).
 */
export function unpackRecordsInto<T>(packed: PackedRecords, into: Record<string, T>, list?: T[]): void {
  for (const _ of unpackSteps<T>(packed, Infinity, (value, key) => {
    into[key] = value;
    list?.push(value);
  }));
}

/**
 * Fields of packed records that are not set on the records they open into: `take` is handed each
 * such field's value with the record's position in the list, and says whether it took it (else
 * the field is set on the record after all).
 */
export interface FieldsAside {
  fields: ReadonlySet<string>;
  take(field: string, value: unknown, index: number): boolean;
}

/** A packed list's records pushed onto `list`, in one go; the fields of `aside` handed to it instead. */
export function unpackListInto<T>(packed: PackedRecords, list: T[], aside?: FieldsAside): void {
  for (const _ of unpackSteps<T>(packed, Infinity, (value) => void list.push(value), aside && { ...aside, from: list.length }));
}

/** Throws unless what was read is exactly what the pack holds (a damaged or foreign value). */
function checkRead(packed: PackedRecords, read: { tags: number; ints: number; numbers: number; parts: number }): void {
  const whole = read.tags === packed.tags.length * 2 || read.tags === packed.tags.length * 2 - 1;
  if (!whole || read.ints !== packed.ints.length || read.numbers !== packed.numbers.length || read.parts !== packed.ends.length) {
    throw new Error('The packed records are damaged: what was read does not match what they hold.');
  }
}

/** Emits each record (with its key, '' in a list), stopping after every `step` records. */
function* unpackSteps<T>(packed: PackedRecords, step: number, emit: (value: T, key: string) => void, aside?: FieldsAside & { from: number }): Generator<void> {
  const { count, shapes, shapeOf, tags, ints, numbers, text, ends } = packed;
  // Per shape, whether each of its fields is one set aside (worked out once per shape, not per record).
  const asideIn = aside ? shapes.map((fields) => fields.map((field) => aside.fields.has(field))) : null;
  let part = 0;
  const nextText = () => {
    const from = part === 0 ? 0 : ends[part - 1];
    return text.slice(from, ends[part++]);
  };
  const keys: string[] = new Array<string>(packed.keyed ? count : 0);
  for (let i = 0; i < keys.length; i++) keys[i] = nextText();
  let tag = 0;
  let int = 0;
  let number = 0;
  // The previous record's values by field position, for Same (two lists taken in turn).
  let previousValues: unknown[] = [];
  let values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % step === 0) yield;
    const fields = shapes[shapeOf[i]];
    if (!fields) throw new Error('The packed records are damaged: a record has no known shape.');
    const setAside = asideIn?.[shapeOf[i]];
    const key = packed.keyed ? keys[i] : '';
    const value: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) {
      let v: unknown;
      const t = (tags[tag >> 1] >> ((tag & 1) << 2)) & 0xf;
      tag++;
      switch (t) {
        case Tag.Text:
          v = nextText();
          break;
        case Tag.Same:
          v = previousValues[f];
          break;
        case Tag.Key:
          v = key;
          break;
        case Tag.Int:
          v = ints[int++];
          break;
        case Tag.Number:
          v = numbers[number++];
          break;
        case Tag.True:
          v = true;
          break;
        case Tag.False:
          v = false;
          break;
        case Tag.Null:
          v = null;
          break;
        case Tag.Undefined:
          v = undefined;
          break;
        case Tag.Json:
          v = JSON.parse(nextText());
          break;
        case Tag.EmptyText:
          v = '';
          break;
        case Tag.EmptyList:
          v = [];
          break;
        default:
          throw new Error('The packed records are damaged: an unknown tag.');
      }
      // A field named __proto__ (never one of ours) is set as an own field, not as the prototype.
      values[f] = v;
      if (setAside?.[f] && aside!.take(fields[f], v, aside!.from + i)) continue;
      if (fields[f] === '__proto__') Object.defineProperty(value, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
      else value[fields[f]] = v;
    }
    [previousValues, values] = [values, previousValues];
    emit(value as T, key);
  }
  checkRead(packed, { tags: tag, ints: int, numbers: number, parts: part });
}
