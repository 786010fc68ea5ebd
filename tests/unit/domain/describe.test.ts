import { describe, expect, it } from 'vitest';
import { tieSentence } from '../../../src/domain/describe';
import type { Strength, TieKind } from '../../../src/domain/types';
import { docOf, person, tie } from '../helpers/docs';

const doc = docOf([person('p', { name: 'Priya' }), person('t', { name: 'Tom' }), person('u', { name: '   ' })]);
const sentence = (kind: TieKind, mutual: boolean, strength: Strength = 3, source = 'p', target = 't') =>
  tieSentence(tie('x', source, target, kind, { mutual, strength }), doc);

describe('tieSentence', () => {
  it.each([
    ['influence', false, 'Priya influences Tom (strong)'],
    ['influence', true, 'Priya and Tom influence each other (strong)'],
    ['trust', false, 'Priya trusts Tom (strong)'],
    ['trust', true, 'Priya and Tom trust each other (strong)'],
    ['reports-to', false, 'Priya reports to Tom'],
    ['tension', true, 'Priya and Tom have a strained relationship (strong)'],
  ] as const)('%s (mutual: %s) reads "%s"', (kind, mutual, expected) => {
    expect(sentence(kind, mutual)).toBe(expected);
  });

  it('names every strength', () => {
    expect(sentence('influence', false, 1)).toBe('Priya influences Tom (weak)');
    expect(sentence('influence', false, 2)).toBe('Priya influences Tom (moderate)');
  });

  it('reads in the direction of the tie', () => {
    expect(sentence('reports-to', false, 2, 't', 'p')).toBe('Tom reports to Priya');
  });

  it('calls a person without a name "Unnamed person", and a missing one too', () => {
    expect(sentence('trust', false, 2, 'u', 'p')).toBe('Unnamed person trusts Priya (moderate)');
    expect(sentence('influence', false, 2, 'p', 'gone')).toBe('Priya influences Unnamed person (moderate)');
  });
});
