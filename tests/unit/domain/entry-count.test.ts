/**
 * entryCount: people and ties counted once per record object (selectors run it on every store
 * change), with prototype-named ids counted like any other.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, entryCount, sameInEvery, withEntry } from '../../../src/domain/records';

describe('entryCount', () => {
  it('counts own entries, ids named after Object.prototype members included', () => {
    const record = emptyRecord<number>();
    for (const id of ['a', '__proto__', 'constructor', 'toString']) record[id] = 1;
    expect(entryCount(record)).toBe(4);
    expect(entryCount(emptyRecord())).toBe(0);
  });

  it('gives a new record (every edit makes one) its own count', () => {
    const before = emptyRecord<number>();
    before.a = 1;
    expect(entryCount(before)).toBe(1);
    const after = withEntry(before, 'b', 2);
    expect(entryCount(after)).toBe(2);
    expect(entryCount(before)).toBe(1);
  });
});

describe('sameInEvery', () => {
  it('true for new objects with the field unchanged; false for a change, an addition or a removal', () => {
    const before = emptyRecord<{ name: string; x: number }>();
    before.a = { name: 'A', x: 0 };
    const odd: string = 'constructor';
    before[odd] = { name: 'C', x: 0 };
    const moved = withEntry(before, 'a', { name: 'A', x: 10 });
    expect(sameInEvery(before, moved, 'name')).toBe(true);
    expect(sameInEvery(before, withEntry(before, 'a', { name: 'B', x: 0 }), 'name')).toBe(false);
    expect(sameInEvery(before, withEntry(before, 'b', { name: 'B', x: 0 }), 'name')).toBe(false);
    const other = emptyRecord<{ name: string; x: number }>();
    other.a = before.a;
    other.b = { name: 'C', x: 0 };
    expect(sameInEvery(before, other, 'name')).toBe(false);
  });
});
