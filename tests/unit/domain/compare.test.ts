import { describe, expect, it } from 'vitest';
import { compareMaps, comparisonScene, countChanges, matchPeople } from '../../../src/domain/compare';
import type { MapDocument } from '../../../src/domain/types';
import { docOf, person, teamDoc, tie } from '../helpers/docs';

/** The same map later: a copy whose records can be edited freely. */
function later(doc: MapDocument, edit: (d: MapDocument) => void): MapDocument {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}

const texts = (doc1: MapDocument, doc2: MapDocument) => compareMaps(doc1, doc2).changes.map((c) => c.text);

describe('compareMaps', () => {
  it('finds nothing between a map and an unchanged copy', () => {
    const doc = teamDoc();
    const result = compareMaps(doc, structuredClone(doc));
    expect(result.changes).toEqual([]);
    expect(result.people.size).toBe(0);
    expect(result.ties.size).toBe(0);
  });

  it('reports people added and removed, with ghosts of the removed', () => {
    const before = teamDoc();
    const after = later(before, (d) => {
      delete d.stakeholders.ann;
      delete d.ties.t2;
      delete d.ties.t3;
      d.stakeholders.sam = person('sam', { name: 'Sam Okoro', department: 'Sales' });
    });
    const result = compareMaps(before, after);
    expect(result.people.get('sam')).toBe('added');
    expect(result.people.get('ann')).toBe('removed');
    expect(result.removedPeople.map((p) => p.id)).toEqual(['ann']);
    expect(result.removedTies.map((t) => t.id).sort()).toEqual(['t2', 't3']);
    expect(texts(before, after)).toEqual([
      'Sam Okoro was added (Sales).',
      'ann was removed.',
      'Removed: tom reports to ann.',
      'Removed: ann and priya trust each other (moderate).',
    ]);
    const counts = countChanges(result);
    expect(counts['person-added']).toBe(1);
    expect(counts['person-removed']).toBe(1);
    expect(counts['tie-removed']).toBe(2);
  });

  it('tells strengthened from weakened ties, and says what they were', () => {
    const before = teamDoc();
    const after = later(before, (d) => {
      d.ties.t1.strength = 1;
      d.ties.t3.strength = 3;
    });
    const result = compareMaps(before, after);
    expect(result.ties.get('t1')).toBe('weakened');
    expect(result.ties.get('t3')).toBe('strengthened');
    expect(texts(before, after)).toEqual(['Weaker: priya influences tom (weak), was strong.', 'Stronger: ann and priya trust each other (strong), was moderate.']);
  });

  it('reports stance changes and moves between departments, levels and titles', () => {
    const before = docOf([person('rita', { name: 'Rita Sol', department: 'Engineering', seniority: 3, title: 'Engineer' })]);
    const after = later(before, (d) => {
      Object.assign(d.stakeholders.rita, { stance: 'champion', department: 'Product', seniority: 2, title: 'Product manager' });
    });
    const result = compareMaps(before, after);
    expect(result.people.get('rita')).toBe('changed');
    expect(result.changes.map((c) => c.kind)).toEqual(['stance', 'department', 'level', 'title']);
    expect(texts(before, after)).toEqual([
      'Rita Sol: Unknown → Champion.',
      'Rita Sol moved from Engineering to Product.',
      'Rita Sol: Individual contributor → Manager.',
      'Rita Sol is now Product manager (was Engineer).',
    ]);
  });

  it('lines people up by name when ids were renewed (a map locked after the snapshot)', () => {
    const before = teamDoc();
    const after = docOf(
      [person('p2', { name: 'priya' }), person('t2x', { name: 'tom' }), person('a2', { name: 'ann', seniority: 1 })],
      [tie('n1', 'p2', 't2x', 'influence', { strength: 3 }), tie('n2', 't2x', 'a2', 'reports-to'), tie('n3', 'p2', 'a2', 'trust')],
    );
    expect(matchPeople(before, after)).toEqual(new Map([['priya', 'p2'], ['tom', 't2x'], ['ann', 'a2']]));
    // The mutual trust tie is the same tie whichever way round its ends are stored.
    expect(compareMaps(before, after).changes).toEqual([]);
  });

  it('does not pair namesakes by name: two people called Alex stay unmatched', () => {
    const before = docOf([person('a1', { name: 'Alex' }), person('a2', { name: 'Alex' })]);
    const after = docOf([person('b1', { name: 'Alex' }), person('b2', { name: 'Alex' })]);
    expect(matchPeople(before, after).size).toBe(0);
    expect(countChanges(compareMaps(before, after))).toMatchObject({ 'person-added': 2, 'person-removed': 2 });
  });

  it('reports a tie whose kind or direction changed', () => {
    const before = teamDoc();
    const after = later(before, (d) => {
      d.ties.t1 = { ...d.ties.t1, kind: 'trust', mutual: true };
    });
    const result = compareMaps(before, after);
    expect(result.ties.get('t1')).toBe('changed');
    expect(texts(before, after)).toEqual(['Changed: priya and tom trust each other (strong) (was: priya influences tom (strong)).']);
  });

  it('treats user-supplied ids such as __proto__ as ordinary ids', () => {
    const before = docOf([person('__proto__', { name: 'Odd' }), person('constructor', { name: 'Also odd' })], [tie('toString', '__proto__', 'constructor')]);
    const after = later(before, (d) => {
      const id: string = 'toString';
      d.ties[id].strength = 3;
    });
    expect(texts(before, after)).toEqual(['Stronger: Odd influences Also odd (strong), was moderate.']);
  });
});

describe('comparisonScene', () => {
  it('draws the later map with the removed people and ties as ghosts', () => {
    const before = teamDoc();
    const after = later(before, (d) => {
      delete d.stakeholders.ann;
      delete d.ties.t2;
      delete d.ties.t3;
      d.ties.t1.strength = 1;
    });
    const scene = comparisonScene(after, compareMaps(before, after));
    expect(Object.keys(scene.doc.stakeholders).sort()).toEqual(['priya', 'tom', 'was:ann']);
    expect(scene.people.get('was:ann')).toBe('removed');
    expect(scene.doc.stakeholders['was:ann'].x).toBe(before.stakeholders.ann.x);
    // The removed ties join the ghost to the people still there.
    expect(scene.doc.ties['was:t2']).toMatchObject({ source: 'tom', target: 'was:ann', kind: 'reports-to' });
    expect(scene.ties.get('was:t3')).toBe('removed');
    expect(scene.ties.get('t1')).toBe('weakened');
    // The later document itself is untouched.
    expect(Object.keys(after.stakeholders)).toHaveLength(2);
  });
});
