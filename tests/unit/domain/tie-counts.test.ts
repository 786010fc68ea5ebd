import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { tieCounts, tieCountsKnown, tieCountSteps, tieCountSummary } from '../../../src/domain/tie-counts';

const people = ['a', 'b', 'c', 'd'].map((id) => createStakeholder({ id, name: id.toUpperCase() }));

describe('the Details tie count names what it counts', () => {
  it('issue 10: "5 ties" beside the table\'s "3": all ties, then those of influence or trust and the contacts they make', () => {
    const doc = documentFrom(createMapMeta('m', 0), people, [
      createTie('a', 'b', 'influence', { id: 't1' }),
      createTie('b', 'a', 'trust', { id: 't2' }), // same person again: still 2 contacts
      createTie('a', 'c', 'trust', { id: 't3' }),
      createTie('a', 'd', 'reports-to', { id: 't4' }),
      createTie('c', 'a', 'tension', { id: 't5' }),
    ]);
    expect(tieCounts(doc, 'a')).toEqual({ all: 5, informal: 3, reportsTo: 1, tension: 1, contacts: 2 });
    expect(tieCountSummary(doc, 'a')).toBe('5 ties: 3 of influence or trust (2 contacts), 1 reporting line, 1 of tension');
    // The contacts are the Metrics table's "Contacts" (the analysis's degree).
    const r = analyse(toAnalysisInput(doc));
    expect(r.people[r.indexById.a].degree).toBe(2);
  });

  it('only formal or tension ties, one tie, no ties', () => {
    const doc = documentFrom(createMapMeta('m', 0), people, [createTie('a', 'b', 'reports-to', { id: 't1' }), createTie('a', 'c', 'reports-to', { id: 't2' }), createTie('d', 'b', 'trust', { id: 't3' })]);
    expect(tieCountSummary(doc, 'a')).toBe('2 ties: 2 reporting lines (no contacts by influence or trust yet)');
    expect(tieCountSummary(doc, 'd')).toBe('1 tie: 1 of influence or trust (1 contact)');
    expect(tieCountSummary(doc, 'c')).toBe('1 tie: 1 reporting line (no contacts by influence or trust yet)');
    const empty = documentFrom(createMapMeta('m', 0), people, []);
    expect(tieCountSummary(empty, 'a')).toBe('No ties yet: drag from a dot on the card to another person.');
  });

  it('on the sample organisation, contacts always equal the analysis degree', () => {
    const doc = createSampleOrganisation(0);
    const r = analyse(toAnalysisInput(doc));
    for (const m of r.people) expect(tieCounts(doc, m.id).contacts).toBe(m.degree);
  });
});

describe('tie counts follow the ties', () => {
  it('a tie added or removed (a new ties record) is counted at once', () => {
    const doc = documentFrom(createMapMeta('m', 0), people, [createTie('a', 'b', 'influence', { id: 't1' })]);
    expect(tieCounts(doc, 'a').all).toBe(1);
    const added = { ...doc, ties: { ...doc.ties, t2: createTie('c', 'a', 'tension', { id: 't2' }) } };
    expect(tieCounts(added, 'a')).toMatchObject({ all: 2, tension: 1, contacts: 1 });
    expect(tieCounts(added, 'c').all).toBe(1);
    expect(tieCounts({ ...added, ties: {} }, 'a').all).toBe(0);
  });
});

describe('tie counts through a drop', () => {
  it('the same ties with new people (a move) count the same; someone gone is no longer a contact', () => {
    const doc = documentFrom(createMapMeta('m', 0), people, [createTie('a', 'b', 'influence', { id: 't1' }), createTie('a', 'c', 'trust', { id: 't2' })]);
    expect(tieCounts(doc, 'a')).toMatchObject({ all: 2, contacts: 2 });
    const stakeholders = Object.assign(Object.create(null), doc.stakeholders) as typeof doc.stakeholders;
    stakeholders.a = { ...stakeholders.a, x: 500 };
    expect(tieCounts({ ...doc, stakeholders }, 'a')).toMatchObject({ all: 2, contacts: 2 });
    delete stakeholders.c;
    expect(tieCounts({ ...doc, stakeholders }, 'a')).toMatchObject({ all: 2, informal: 2, contacts: 1 });
  });
});

describe('tie counts in steps (a map with more ties than one task should pass over)', () => {
  it('gives the count of one pass, after one step per chunk, and is then known', () => {
    const ties = [createTie('a', 'b', 'influence', { id: 't1' }), createTie('c', 'a', 'trust', { id: 't2' }), createTie('b', 'c', 'trust', { id: 't3' }), createTie('a', 'd', 'reports-to', { id: 't4' }), createTie('d', 'a', 'tension', { id: 't5' })];
    const doc = documentFrom(createMapMeta('m', 0), people, ties);
    expect(tieCountsKnown(doc.ties, 'a')).toBe(false);
    const counter = tieCountSteps(doc.ties, 'a', 2);
    let steps = 1;
    while (!counter.step()) steps++;
    expect(steps).toBe(4); // listing the ties, then 2 + 2 + 1
    expect(tieCountsKnown(doc.ties, 'a')).toBe(true);
    expect(tieCounts(doc, 'a')).toEqual({ all: 4, informal: 2, reportsTo: 1, tension: 1, contacts: 2 });
  });
});
