import { describe, expect, it } from 'vitest';
import { createStakeholder, createTie } from '../../../src/domain/factories';
import { packPeople, packTies, unpackPeople, unpackTies } from '../../../src/domain/record-transfer';
import type { Stakeholder, Tie } from '../../../src/domain/types';

/** As the page gets it: packed in the worker, structured-cloned, unpacked. */
const people = (list: Stakeholder[]) => unpackPeople(structuredClone(packPeople(list)));
const ties = (list: Tie[]) => unpackTies(structuredClone(packTies(list)));

describe('people and ties packed for the crossing to the page', () => {
  it('arrive as they left, every field', () => {
    const plain = createStakeholder({ id: 'a', name: 'Ann', title: 'CFO', department: 'Finance', seniority: 1, x: -12.5, y: 3e6 });
    const full: Stakeholder = {
      ...createStakeholder({ id: 'b', name: 'Bo' }),
      targetStance: 'champion',
      stanceHistory: [{ date: '2026-01-02', from: 'neutral', to: 'supporter' }],
      tags: ['board'],
      notes: 'Met at the offsite',
      email: 'bo@example.com',
      otherEmails: ['bo@home.example'],
      phone: '+44 1',
      company: 'Acme',
      linkedinUrl: 'https://www.linkedin.com/in/bo',
      cadenceDays: 14,
      nextFollowUp: '2026-12-01',
      interactions: [{ id: 'i1', date: '2026-11-01', kind: 'meeting', note: 'lunch' }],
    };
    const list = [plain, full, { ...plain, id: 'c', influence: Number.NaN }];
    expect(people(list)).toEqual(list);
    const tieList = [createTie('a', 'b', 'reports-to', { id: 't1' }), createTie('a', 'b', 'trust', { id: 't2', mutual: true, strength: 3, note: 'old friends' })];
    expect(ties(tieList)).toEqual(tieList);
  });

  it('keep what they did not have absent, and values of an unexpected type as they were', () => {
    const { cadenceDays: _cadence, tags: _tags, ...partial } = createStakeholder({ id: 'a', name: 'Ann' });
    const odd = { ...createStakeholder({ id: 'b' }), name: 7, x: '12' } as unknown as Stakeholder;
    const [back, oddBack] = people([partial as Stakeholder, odd]);
    expect('cadenceDays' in back).toBe(false);
    expect('tags' in back).toBe(false);
    expect(back).toEqual(partial);
    expect(oddBack).toEqual(odd);
    const { note: _note, ...noNote } = createTie('a', 'b', 'trust', { id: 't' });
    const [tieBack] = ties([noNote as Tie]);
    expect('note' in tieBack).toBe(false);
    expect(tieBack).toEqual(noNote);
  });

  it('an empty slice', () => {
    expect(people([])).toEqual([]);
    expect(ties([])).toEqual([]);
  });
});
