/**
 * entryCount: people and ties counted once per record object (selectors run it on every store
 * change), with prototype-named ids counted like any other.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, entryCount, withEntry } from '../../../src/domain/records';

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
