/**
 * editedRecord: an edit's copy of a document record knows its count, its list and which keys it
 * changed, without counting or listing the whole record again; what it knows is what a fresh
 * count and list would say.
 */
import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../../src/domain/diff';
import { createMapDocument, createStakeholder, createTie } from '../../../src/domain/factories';
import { connect, moveStakeholders, removeElements, tieProblem, updateTie } from '../../../src/domain/operations';
import { changedKeys, copyRecord, editedRecord, emptyRecord, entryCount, valuesOf, withEntry } from '../../../src/domain/records';
import type { MapDocument } from '../../../src/domain/types';

interface Item {
  id: string;
  v: number;
}

function itemRecord(ids: string[]): Record<string, Item> {
  const record = emptyRecord<Item>();
  for (const id of ids) record[id] = { id, v: 0 };
  return record;
}

/** What a record holds, counted and listed from scratch (a copy knows nothing). */
function fresh<T>(record: Record<string, T>): { count: number; values: T[] } {
  const copy = copyRecord(record);
  return { count: entryCount(copy), values: [...valuesOf(copy)] };
}

describe('editedRecord', () => {
  it('knows its count and list after replacing, adding and removing, as a fresh count and list would say', () => {
    let record = itemRecord(['a', 'b', 'c', '__proto__', 'constructor']);
    // Listed once, as the first render does.
    expect(valuesOf(record)).toHaveLength(5);
    const steps: [string, Item][][] = [[['b', { id: 'b', v: 1 }]], [['d', { id: 'd', v: 0 }]], [['a', { id: 'a', v: 2 }], ['e', { id: 'e', v: 0 }]]];
    for (const sets of steps) {
      record = editedRecord(record, sets);
      expect({ count: entryCount(record), values: [...valuesOf(record)] }).toEqual(fresh(record));
    }
    record = editedRecord(record, [['c', { id: 'c', v: 3 }]], ['a', '__proto__', 'missing']);
    expect(entryCount(record)).toBe(5);
    expect(valuesOf(record).map((i) => i.id)).toEqual(['b', 'c', 'constructor', 'd', 'e']);
    expect({ count: entryCount(record), values: [...valuesOf(record)] }).toEqual(fresh(record));
    // A key removed and set again goes to the end, as Object.values lists it.
    record = editedRecord(record, [['b', { id: 'b', v: 9 }]], ['b']);
    expect(valuesOf(record).map((i) => i.id)).toEqual(['c', 'constructor', 'd', 'e', 'b']);
    expect({ count: entryCount(record), values: [...valuesOf(record)] }).toEqual(fresh(record));
  });

  it('many changes at once (one pass instead of a search each) give the same list', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `p${i}`);
    const before = itemRecord(ids);
    valuesOf(before);
    const sets = ids.filter((_, i) => i % 3 === 0).map((id) => [id, { id, v: 1 }] as [string, Item]);
    const after = editedRecord(before, sets, ids.filter((_, i) => i % 5 === 1));
    expect({ count: entryCount(after), values: [...valuesOf(after)] }).toEqual(fresh(after));
    // The record it was made from is untouched.
    expect(entryCount(before)).toBe(200);
    expect(valuesOf(before).every((i) => i.v === 0)).toBe(true);
  });

  it('a new array-index key (listed first by Object.values) is listed afresh, not appended', () => {
    const before = itemRecord(['a', 'b']);
    valuesOf(before);
    const after = withEntry(before, '7', { id: '7', v: 0 });
    expect(valuesOf(after).map((i) => i.id)).toEqual(['7', 'a', 'b']);
  });

  it('remembers which keys a chain of edits changed, and nothing for records it did not make', () => {
    const a = itemRecord(['x', 'y', 'z']);
    const b = withEntry(a, 'x', { id: 'x', v: 1 });
    const c = editedRecord(b, [['w', { id: 'w', v: 0 }]], ['y']);
    expect(changedKeys(a, a)).toEqual(new Set());
    expect(changedKeys(a, b)).toEqual(new Set(['x']));
    expect(changedKeys(a, c)).toEqual(new Set(['x', 'w', 'y']));
    expect(changedKeys(b, a)).toBeNull();
    expect(changedKeys(a, copyRecord(c))).toBeNull();
    expect(changedKeys(a, c, 1)).toBeNull();
    // Setting an entry to the value it has changes nothing.
    expect(changedKeys(c, withEntry(c, 'z', c.z))).toEqual(new Set());
  });
});

/** A map of `people` people in a ring, listed once as the canvas lists them. */
function ringMap(people: number): MapDocument {
  const doc = createMapDocument('Ring');
  for (let i = 0; i < people; i++) doc.stakeholders[`s${i}`] = createStakeholder({ id: `s${i}`, name: `Person ${i}` });
  for (let i = 0; i < people; i++) doc.ties[`t${i}`] = createTie(`s${i}`, `s${(i + 1) % people}`, 'influence', { id: `t${i}` });
  valuesOf(doc.stakeholders);
  valuesOf(doc.ties);
  return doc;
}

/** diffDocuments of records that know nothing of each other: every entry compared. */
function fullDiff(before: MapDocument, after: MapDocument) {
  const strip = (d: MapDocument) => ({ ...d, stakeholders: copyRecord(d.stakeholders), ties: copyRecord(d.ties) });
  return diffDocuments(strip(before), strip(after));
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));

describe('edits on a big map', () => {
  it('a save after a run of edits finds exactly what comparing every entry finds', () => {
    const start = ringMap(300);
    let doc = start;
    const step = (r: { ok: boolean; doc?: MapDocument }) => {
      expect(r.ok).toBe(true);
      doc = r.doc!;
    };
    step(updateTie(doc, 't5', { strength: 3 }));
    step(connect(doc, 's1', 's9', 'trust'));
    doc = moveStakeholders(doc, { s3: { x: 40, y: 50 }, s4: { x: 1, y: 1 } });
    doc = removeElements(doc, ['s7'], ['t100']);
    step(updateTie(doc, 't5', { note: 'Weekly' }));
    const quick = diffDocuments(start, doc);
    const full = fullDiff(start, doc);
    expect(byId(quick.upsertStakeholders)).toEqual(byId(full.upsertStakeholders));
    expect(byId(quick.upsertTies)).toEqual(byId(full.upsertTies));
    expect([...quick.deleteStakeholders].sort()).toEqual([...full.deleteStakeholders].sort());
    expect([...quick.deleteTies].sort()).toEqual([...full.deleteTies].sort());
    expect(quick.deleteTies.sort()).toEqual(['t100', 't6', 't7']);
    // What the canvas lists is what the records hold.
    expect(valuesOf(doc.ties)).toEqual(Object.values(copyRecord(doc.ties)));
    expect(entryCount(doc.stakeholders)).toBe(299);
  });

  it('a duplicate tie is still refused after edits, found in the remembered list', () => {
    let doc = ringMap(50);
    const r = updateTie(doc, 't2', { strength: 1 });
    expect(r.ok).toBe(true);
    doc = (r as { doc: MapDocument }).doc;
    expect(tieProblem(doc, { source: 's2', target: 's3', kind: 'influence', mutual: false })).toMatch(/already an influence tie/);
    expect(tieProblem(doc, { source: 's3', target: 's2', kind: 'influence', mutual: false })).toBeNull();
  });
});
