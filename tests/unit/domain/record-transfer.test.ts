/**
 * A map's records packed for the trip from the import worker to the page: what arrives is what
 * left, field for field and in the same order, whatever the fields hold.
 */
import { describe, expect, it } from 'vitest';
import { packList, packRecords, unpackListInto, unpackRecords } from '../../../src/domain/record-transfer';
import { recordOf } from '../../../src/domain/records';
import { sampleDoc } from '../io/helpers';

/** Packed, structured-cloned (as postMessage does) and unpacked. */
async function crossed<T extends object>(record: Record<string, T>, step?: number): Promise<Record<string, T>> {
  let pauses = 0;
  const out = await unpackRecords<T>(structuredClone(packRecords(record)), async () => void pauses++, step);
  if (step) expect(pauses).toBe(Math.ceil(Object.keys(record).length / step) - 1);
  return out;
}

describe('packed records', () => {
  it('arrive with every field, in the same order, prototype-free', async () => {
    const doc = sampleDoc();
    for (const record of [doc.stakeholders, doc.ties] as Record<string, object>[]) {
      const out = await crossed(record);
      expect(Object.getPrototypeOf(out)).toBeNull();
      expect(Object.keys(out)).toEqual(Object.keys(record));
      for (const id of Object.keys(record)) {
        expect(out[id]).toEqual(record[id]);
        expect(Object.keys(out[id])).toEqual(Object.keys(record[id]));
      }
    }
  });

  it('carry every kind of value: text, empty text, numbers (-0, NaN, Infinity), booleans, null, undefined, lists and objects', async () => {
    const odd = { a: '', b: 'é😀\u0000', c: -0, d: NaN, e: -Infinity, f: true, g: false, h: null, i: undefined, j: [], k: ['x', 'y'], l: { m: [1, { n: 'o' }] } };
    const record = recordOf([{ id: '__proto__', ...odd }, { id: 'constructor', z: 1 }, { id: 'toString', ...odd, a: 'other' }], (r) => r.id);
    const out = await crossed<Record<string, unknown>>(record);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(out.__proto__).toEqual({ id: '__proto__', ...odd });
    expect(Object.is(out.__proto__.c, -0)).toBe(true);
    expect('i' in out.__proto__).toBe(true);
    expect(out.constructor).toEqual({ id: 'constructor', z: 1 });
    const last = out[Object.keys(out)[2]];
    expect(last.a).toBe('other');
    // Lists are fresh per record: no shared mutable state.
    expect(out.__proto__.j).not.toBe(last.j);
  });

  it('pause between steps of a large record', async () => {
    const record = recordOf(Array.from({ length: 45 }, (_, i) => ({ id: `r${i}`, n: i })), (r) => r.id);
    const out = await crossed(record, 10);
    expect(Object.values(out).map((r) => r.n)).toEqual(Array.from({ length: 45 }, (_, i) => i));
  });

  it('write a text that repeats the previous record\'s same field once, and open it as that one string', async () => {
    const rows: Record<string, Record<string, unknown>> = {
      a: { mapId: 'map-1', department: 'Sales', name: 'Ann' },
      b: { mapId: 'map-1', department: 'Sales', name: 'Sales' },
      c: { mapId: 'map-1', name: 'map-1', department: 'Sales' },
      d: { mapId: 'map-1', name: 'Dee', department: 'Sales', extra: 'x' },
      e: { mapId: 'map-1', name: 'Dee', department: '', extra: 'x' },
      f: { mapId: 'map-1', name: 'Dee', department: '', extra: 'x' },
    };
    const packed = packRecords(rows);
    // a's three texts; b's name (the same as a field it does not repeat); c's shape differs, so
    // all three again; d's shape differs again; e repeats d's name and extra; f repeats e.
    expect(packed.text).toBe(['a', 'b', 'c', 'd', 'e', 'f', 'map-1', 'Sales', 'Ann', 'Sales', 'map-1', 'map-1', 'Sales', 'map-1', 'Dee', 'Sales', 'x'].join(''));
    const out = await crossed(rows);
    expect(out).toEqual(rows);
    for (const id of Object.keys(rows)) expect(Object.keys(out[id])).toEqual(Object.keys(rows[id]));
  });

  it('write a field that repeats its record\'s key as a tag, and open it as the key\'s very string', async () => {
    const rows = { alpha: { id: 'alpha', n: 1 }, beta: { id: 'beta', n: 2 }, gamma: { id: 'other', n: 3 } };
    const packed = packRecords(rows);
    expect(packed.text).toBe('alphabetagammaother');
    const out = await crossed(rows);
    expect(out).toEqual(rows);
  });

  it('keep whole numbers in 32 bits, other numbers as doubles, and a number repeating the previous record\'s as a tag', () => {
    const list = [
      { a: 1, b: 2 ** 31, c: 0.5, d: -0 },
      { a: 1, b: 2 ** 31, c: 0.5, d: -0 },
      { a: -7, b: 2 ** 31 - 1, c: NaN, d: 0 },
      { a: -7, b: 3, c: NaN, d: 0 },
    ];
    const packed = packList(list);
    expect([...packed.ints]).toEqual([1, -7, 2 ** 31 - 1, 0, 3]);
    expect([...packed.numbers]).toEqual([2 ** 31, 0.5, -0, NaN]);
    const back: typeof list = [];
    unpackListInto(structuredClone(packed), back);
    expect(back).toEqual(list);
    expect(Object.is(back[1].d, -0)).toBe(true);
    expect(Object.is(back[3].d, 0)).toBe(true);
  });

  it('a packed list opens in order with no keys stored, ids that look like numbers included', () => {
    const list = [{ id: '10' }, { id: '2' }, { id: '__proto__' }];
    const packed = packList(list);
    expect(packed.keyed).toBe(false);
    expect(packed.text).toBe('102__proto__');
    const back: object[] = [];
    unpackListInto(packed, back);
    expect(back).toEqual(list);
  });

  it('tags are four bits: 300 fields take 150 bytes', () => {
    const packed = packList(Array.from({ length: 100 }, (_, i) => ({ a: i % 2 === 0, b: null, c: `t${i}` })));
    expect(packed.tags.byteLength).toBe(150);
    expect(packed.shapeOf).toBeInstanceOf(Uint8Array);
  });

  it('throw on a damaged pack rather than open something else', () => {
    const packed = packList([{ a: 'x', n: 1.5 }, { a: 'y', n: 2 }]);
    const open = (p: typeof packed) => unpackListInto(p, []);
    expect(() => open({ ...packed, count: 3 })).toThrow(/damaged/);
    expect(() => open({ ...packed, numbers: new Float64Array(0) })).toThrow(/damaged/);
    expect(() => open({ ...packed, ints: new Int32Array(2) })).toThrow(/damaged/);
    expect(() => open({ ...packed, ends: packed.ends.slice(0, 1) })).toThrow(/damaged/);
    expect(() => open({ ...packed, tags: new Uint8Array([0xff, 0xff]) })).toThrow(/damaged/);
  });
});
