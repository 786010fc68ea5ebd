import { describe, expect, it } from 'vitest';
import { compareMaps } from '../../src/domain/compare';
import { summarise } from '../../src/ui/compare/CompareDialog';
import { docOf, person, tie } from '../unit/helpers/docs';

describe('compare summary line', () => {
  it('counts people and ties, leaving out what did not happen', () => {
    const before = docOf([person('a'), person('b'), person('c')], [tie('t1', 'a', 'b'), tie('t2', 'b', 'c', 'trust', { strength: 1 })]);
    const after = { ...before, stakeholders: { ...before.stakeholders, d: person('d'), e: person('e'), a: { ...before.stakeholders.a, stance: 'blocker' as const } }, ties: { t2: { ...before.ties.t2, strength: 3 as const } } };
    expect(summarise(compareMaps(before, after))).toBe('2 people added and 1 changed; 1 tie removed and 1 stronger.');
  });

  it('says so when nothing changed', () => {
    const doc = docOf([person('a')]);
    expect(summarise(compareMaps(doc, doc))).toBe('No changes.');
  });
});
