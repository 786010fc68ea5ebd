import { describe, expect, it } from 'vitest';
import { toAnalysisInput } from '../../../src/analysis/input';
import { clusteringNetwork, endorsementNetwork, formalNetwork, influenceNetwork, informalNetwork, introductionNetwork, REPORTING_LINE_STRENGTH } from '../../../src/analysis/projections';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import { input, person, tie } from './helpers';

describe('toAnalysisInput', () => {
  it('keeps only what analysis needs and drops ties it cannot use', () => {
    const a = createStakeholder({ id: 'a', name: 'Ana', department: 'Sales', seniority: 1, notes: 'private', x: 5, y: 9 });
    const b = createStakeholder({ id: 'b', name: 'Ben' });
    const doc = documentFrom({ ...createMapMeta('m', 0), meId: 'gone' }, [a, b], [
      createTie('a', 'b', 'trust', { id: 't1', strength: 7 as never }),
      createTie('a', 'ghost', 'influence', { id: 't2' }),
      createTie('a', 'a', 'influence', { id: 't3' }),
    ]);
    const result = toAnalysisInput(doc);
    expect(result).toEqual({
      people: [
        { id: 'a', name: 'Ana', department: 'Sales', seniority: 1, title: '' },
        { id: 'b', name: 'Ben', department: '', seniority: 3, title: '' },
      ],
      ties: [{ id: 't1', source: 'a', target: 'b', kind: 'trust', strength: 3, mutual: true }],
      levels: ['Executive', 'Senior leader', 'Manager', 'Individual contributor'],
      leadershipLevel: 1,
      meId: null,
    });
    expect(structuredClone(result)).toEqual(result);
  });
});

describe('projections', () => {
  const map = input(
    [person('a'), person('b'), person('c')],
    [
      tie('a', 'b', 'influence', 1),
      tie('a', 'b', 'trust', 3), // parallel with the influence tie: the stronger arc is kept
      tie('b', 'c', 'trust', 2, true),
      tie('c', 'a', 'tension', 3, true),
      tie('c', 'a', 'reports-to', 2, true), // reports-to is never mutual
    ],
  );

  it('informal: influence + trust, mutual as two arcs, strongest parallel arc, distance 1/strength', () => {
    const g = informalNetwork(map);
    expect(g.type).toBe('directed');
    expect(g.order).toBe(3);
    expect(g.size).toBe(3);
    expect(g.getEdgeAttributes(g.directedEdge('a', 'b'))).toEqual({ strength: 3, distance: 1 / 3, units: 2 });
    expect(g.hasDirectedEdge('c', 'b')).toBe(true);
    expect(g.hasDirectedEdge('c', 'a')).toBe(false); // tension and reports-to are not informal
  });

  it('influence as stored, endorsement reversed', () => {
    expect(influenceNetwork(map).hasDirectedEdge('a', 'b')).toBe(true);
    expect(endorsementNetwork(map).hasDirectedEdge('b', 'a')).toBe(true);
    expect(endorsementNetwork(map).size).toBe(1);
  });

  it('formal: person -> manager only', () => {
    const g = formalNetwork(map);
    expect(g.size).toBe(1);
    expect(g.hasDirectedEdge('c', 'a')).toBe(true);
  });

  it('clustering and introductions are undirected, one edge per pair', () => {
    const c = clusteringNetwork(map);
    expect(c.type).toBe('undirected');
    expect(c.size).toBe(2);
    expect(c.getEdgeAttribute(c.edge('b', 'c'), 'weight')).toBe(4); // two arcs of strength 2
    const i = introductionNetwork(map);
    expect(i.type).toBe('undirected');
    expect(i.getEdgeAttribute(i.edge('a', 'b'), 'strength')).toBe(3);
    // c reports to a: a reporting line is an introduction route, weighed as a medium tie.
    expect(i.getEdgeAttribute(i.edge('a', 'c'), 'strength')).toBe(REPORTING_LINE_STRENGTH);
    expect(REPORTING_LINE_STRENGTH).toBe(2);
  });
});
