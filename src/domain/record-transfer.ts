/**
 * People and ties as they cross from a worker to the page in slices (pure): a large org chart
 * comes over from the import worker this way. A structured clone rebuilds every object and every
 * property name on the receiving thread; at 50,000 people that was the most of the page's work
 * in taking a map in (a slice of 500 people and their ties as objects, 15-60 ms of one task on
 * this project's machine, more under load), most of it the strings. Packed, the fields every record has are columns (one
 * text with its cuts for strings, a Float64Array for numbers) and the page builds each record with one
 * object literal; whatever else a record holds (tags, a log, a note, optional fields, a value of
 * an unexpected type) travels with it as an object, so nothing is lost.
 */
import type { Stakeholder, Tie } from './types';

type StringKey<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T];
type NumberKey<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

interface Columns<T> {
  strings: readonly StringKey<T>[];
  numbers: readonly NumberKey<T>[];
  /** Fields left out when they hold their usual value ([] or null or ''); the record gets it back. */
  usual: Partial<T>;
}

/** A column of strings as one text: value i is text.slice(ends[i - 1] ?? 0, ends[i]). */
export interface PackedStrings {
  text: string;
  ends: Int32Array;
}

export interface PackedRecords {
  count: number;
  /** One per string column: a clone takes in one text far faster than thousands of strings. */
  strings: PackedStrings[];
  /** numbers[i * columns + c]. */
  numbers: Float64Array;
  /** The other fields of records that have any, by index in the slice. */
  rest: Record<number, Record<string, unknown>>;
}

const PERSON: Columns<Stakeholder> = {
  strings: ['id', 'name', 'title', 'department', 'stance', 'notes', 'email'],
  numbers: ['seniority', 'influence', 'interest', 'x', 'y'],
  usual: { tags: [], interactions: [], cadenceDays: null, nextFollowUp: null },
};

const TIE: Columns<Tie> = {
  strings: ['id', 'source', 'target', 'kind', 'note'],
  numbers: ['strength'],
  usual: { mutual: false },
};

function isUsual(value: unknown, usual: unknown): boolean {
  if (Array.isArray(usual)) return Array.isArray(value) && value.length === 0;
  return value === usual;
}

function pack<T extends object>(records: readonly T[], columns: Columns<T>): PackedRecords {
  const strings = columns.strings as readonly string[];
  const numbers = columns.numbers as readonly string[];
  const usual = columns.usual as Record<string, unknown>;
  const width = numbers.length;
  const packedStrings = strings.map(() => new Array<string>(records.length));
  const packedNumbers = new Float64Array(records.length * width);
  const rest: Record<number, Record<string, unknown>> = {};
  const packed = new Set<string>([...strings, ...numbers]);
  for (let i = 0; i < records.length; i++) {
    const fields = records[i] as Record<string, unknown>;
    let extra: Record<string, unknown> | null = null;
    for (let c = 0; c < strings.length; c++) {
      const value = fields[strings[c]];
      if (typeof value === 'string') packedStrings[c][i] = value;
      else {
        packedStrings[c][i] = '';
        (extra ??= {})[strings[c]] = value;
      }
    }
    for (let c = 0; c < width; c++) {
      const value = fields[numbers[c]];
      if (typeof value === 'number') packedNumbers[i * width + c] = value;
      else (extra ??= {})[numbers[c]] = value;
    }
    for (const key in fields) {
      if (packed.has(key) || (key in usual && isUsual(fields[key], usual[key]))) continue;
      (extra ??= {})[key] = fields[key];
    }
    // A usual field the record does not have at all must not appear on the other side.
    for (const key in usual) if (!(key in fields)) (extra ??= {})[key] = undefined;
    if (extra) rest[i] = extra;
  }
  return { count: records.length, strings: packedStrings.map(packStrings), numbers: packedNumbers, rest };
}

function packStrings(values: string[]): PackedStrings {
  const ends = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, i) => (ends[i] = at += v.length));
  return { text: values.join(''), ends };
}

function unpackStrings({ text, ends }: PackedStrings): string[] {
  const out = new Array<string>(ends.length);
  let from = 0;
  for (let i = 0; i < ends.length; i++) out[i] = text.slice(from, (from = ends[i]));
  return out;
}

function withRest<T>(record: T, rest: Record<string, unknown> | undefined): T {
  if (!rest) return record;
  const fields = record as Record<string, unknown>;
  for (const key in rest) {
    if (rest[key] === undefined) delete fields[key];
    else fields[key] = rest[key];
  }
  return record;
}

export function packPeople(people: readonly Stakeholder[]): PackedRecords {
  return pack(people, PERSON);
}

export function packTies(ties: readonly Tie[]): PackedRecords {
  return pack(ties, TIE);
}

export function unpackPeople(packed: PackedRecords): Stakeholder[] {
  const [id, name, title, department, stance, notes, email] = packed.strings.map(unpackStrings);
  const n = packed.numbers;
  const width = PERSON.numbers.length;
  const out = new Array<Stakeholder>(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const at = i * width;
    const person: Stakeholder = {
      id: id[i],
      name: name[i],
      title: title[i],
      department: department[i],
      seniority: n[at],
      influence: n[at + 1],
      interest: n[at + 2],
      stance: stance[i] as Stakeholder['stance'],
      tags: [],
      notes: notes[i],
      email: email[i],
      x: n[at + 3],
      y: n[at + 4],
      cadenceDays: null,
      nextFollowUp: null,
      interactions: [],
    };
    out[i] = withRest(person, packed.rest[i]);
  }
  return out;
}

export function unpackTies(packed: PackedRecords): Tie[] {
  const [id, source, target, kind, note] = packed.strings.map(unpackStrings);
  const out = new Array<Tie>(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const tie: Tie = { id: id[i], source: source[i], target: target[i], kind: kind[i], strength: packed.numbers[i] as Tie['strength'], mutual: false, note: note[i] };
    out[i] = withRest(tie, packed.rest[i]);
  }
  return out;
}
