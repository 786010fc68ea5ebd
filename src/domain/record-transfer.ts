/**
 * A document's records as they cross from a worker to the page (pure). Sent as objects, a
 * 50,000-person, 250,000-tie map is 300,000 objects and millions of strings that a structured
 * clone rebuilds one by one on the receiving thread: seconds of the page's main thread in one
 * task. Packed, they are one text, a few typed arrays and the list of distinct field lists, and the
 * page builds the objects itself, in steps between which it can paint.
 *
 * Generic on purpose: every own field of every record is carried, whatever it is (a field added
 * to Stakeholder or Tie later crosses without a change here). Strings go into the one text,
 * numbers into a Float64Array, true/false/null/undefined and empty strings and lists as tags, and
 * any other value (a list of tags, a contact log) as JSON, which is what records are when saved.
 */

/** How a value is written (one byte per value). */
const Tag = { Text: 0, Number: 1, True: 2, False: 3, Null: 4, Undefined: 5, Json: 6, EmptyText: 7, EmptyList: 8, SameText: 9 } as const;

export interface PackedRecords {
  /** How many records (their keys come first in `text`). */
  count: number;
  /** The distinct lists of field names, in the order the fields were set. */
  shapes: string[][];
  /** The shape of each record (an index into `shapes`). */
  shapeOf: Uint32Array;
  /** One tag per field value, record after record, field after field. */
  tags: Uint8Array;
  numbers: Float64Array;
  /** The keys, then every text value and JSON, one after another; the n-th ends at ends[n]. */
  text: string;
  ends: Uint32Array;
}

/** Packs a record of records (a document's `stakeholders` or `ties`). */
export function packRecords(record: Readonly<Record<string, object>>): PackedRecords {
  const keys = Object.keys(record);
  const count = keys.length;
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const shapeOf = new Uint32Array(count);
  const tags: number[] = [];
  const numbers: number[] = [];
  const parts: string[] = keys.slice();
  // The previous record's texts by field position: a text that repeats it (every row's map id, a
  // run of one department or kind) is a tag, not another copy, and opens as the same string.
  // (Two lists taken in turn, not one per record: 300,000 records in a whole company's pack.)
  let previousShape = -1;
  let previousTexts: unknown[] = [];
  let texts: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const value = record[keys[i]] as Record<string, unknown>;
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
    for (let f = 0; f < fields.length; f++) {
      const v = value[fields[f]];
      texts[f] = v;
      if (typeof v === 'string') {
        if (v === '') tags.push(Tag.EmptyText);
        else if (sameShape && previousTexts[f] === v) tags.push(Tag.SameText);
        else {
          tags.push(Tag.Text);
          parts.push(v);
        }
      } else if (typeof v === 'number') {
        tags.push(Tag.Number);
        numbers.push(v);
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
    [previousTexts, texts] = [texts, previousTexts];
  }
  const ends = new Uint32Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) ends[i] = at += parts[i].length;
  return { count, shapes, shapeOf, tags: Uint8Array.from(tags), numbers: Float64Array.from(numbers), text: parts.join(''), ends };
}

/** The buffers of a packed record, to transfer instead of copying. */
export function packedBuffers(packed: PackedRecords): ArrayBuffer[] {
  return [packed.shapeOf.buffer, packed.tags.buffer, packed.numbers.buffer, packed.ends.buffer] as ArrayBuffer[];
}

/**
 * The record again, prototype-free like every document record (domain/records.ts). `pause` is
 * awaited every `step` records, so a page can paint between steps.
 */
export async function unpackRecords<T>(packed: PackedRecords, pause: (() => Promise<void>) | null = null, step = 20_000): Promise<Record<string, T>> {
  const out = Object.create(null) as Record<string, T>;
  for (const _ of unpackSteps(packed, out, step)) if (pause) await pause();
  return out;
}

/**
 * The records added to `into` in one go (a slice small enough for one task); each is also pushed
 * onto `list` when one is given (a document put together from slices remembers its lists).
 */
export function unpackRecordsInto<T>(packed: PackedRecords, into: Record<string, T>, list?: T[]): void {
  for (const _ of unpackSteps(packed, into, Infinity, list));
}

/** Fills `out` (and `list`), stopping after every `step` records. */
function* unpackSteps<T>(packed: PackedRecords, out: Record<string, T>, step: number, list?: T[]): Generator<void> {
  const { count, shapes, shapeOf, tags, numbers, text, ends } = packed;
  let part = 0;
  const nextText = () => {
    const from = part === 0 ? 0 : ends[part - 1];
    return text.slice(from, ends[part++]);
  };
  const keys: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) keys[i] = nextText();
  let tag = 0;
  let number = 0;
  // The previous record's values by field position, for SameText (two lists taken in turn).
  let previousValues: unknown[] = [];
  let values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % step === 0) yield;
    const fields = shapes[shapeOf[i]];
    const value: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) {
      let v: unknown;
      switch (tags[tag++]) {
        case Tag.Text:
          v = nextText();
          break;
        case Tag.SameText:
          v = previousValues[f];
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
      }
      // A field named __proto__ (never one of ours) is set as an own field, not as the prototype.
      values[f] = v;
      if (fields[f] === '__proto__') Object.defineProperty(value, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
      else value[fields[f]] = v;
    }
    [previousValues, values] = [values, previousValues];
    out[keys[i]] = value as T;
    list?.push(value as T);
  }
}
