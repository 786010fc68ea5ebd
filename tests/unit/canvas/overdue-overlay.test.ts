/**
 * overdueIds is asked again on every edit: after a move it reuses the answers of everyone unchanged,
 * and still follows a follow-up date set, cleared, someone removed, and a new day.
 */
import { describe, expect, it } from 'vitest';
import { overdueIds } from '../../../src/canvas/overlay';
import { removeElements, updateStakeholder } from '../../../src/domain/operations';
import { docOf, person } from '../helpers/docs';

describe('overdue markers through edits', () => {
  const doc = docOf([person('a', { nextFollowUp: '2024-03-01' }), person('b', { nextFollowUp: '2024-05-01' }), person('c')], []);
  const today = '2024-04-01';

  it('a move keeps the same set; a date set, cleared, a removal and another day are followed', () => {
    const first = overdueIds(doc, today);
    expect([...first]).toEqual(['a']);
    const moved = updateStakeholder(doc, 'a', { x: 300 });
    expect(overdueIds(moved, today)).toBe(first);
    const dated = updateStakeholder(moved, 'c', { nextFollowUp: '2024-02-01' });
    expect([...overdueIds(dated, today)].sort()).toEqual(['a', 'c']);
    const cleared = updateStakeholder(dated, 'a', { nextFollowUp: '2024-12-01' });
    expect([...overdueIds(cleared, today)]).toEqual(['c']);
    expect([...overdueIds(removeElements(cleared, ['c']), today)]).toEqual([]);
    expect([...overdueIds(cleared, '2024-06-01')].sort()).toEqual(['b', 'c']);
    expect(first).toEqual(new Set(['a']));
  });

  it('asked again for the same people (the analysis landed, a lens changed), it does not go through them at all', () => {
    const visits: string[] = [];
    // A proxy of the people that notes every look at them: a pass over 50,000 people shows here.
    const people = new Proxy(doc.stakeholders, {
      ownKeys: (target) => (visits.push('keys'), Reflect.ownKeys(target)),
      get: (target, key, receiver) => (visits.push(String(key)), Reflect.get(target, key, receiver)),
      getOwnPropertyDescriptor: (target, key) => (visits.push(String(key)), Reflect.getOwnPropertyDescriptor(target, key)),
    });
    const watched = { ...doc, stakeholders: people };
    const first = overdueIds(watched, today);
    expect([...first]).toEqual(['a']);
    visits.length = 0;
    expect(overdueIds({ ...watched, ties: { ...watched.ties } }, today)).toBe(first);
    expect(visits).toEqual([]);
  });
});
