import { describe, expect, it } from 'vitest';
import { bfs, connectionAdjacency, networkBalance, relativeLevel } from '../../../src/domain/balance';
import { mapOf, person, tie } from './helpers';

const EXEC = 0;
const SENIOR = 1;
const MANAGER = 2;
const IC = 3;

// Me is a manager in Engineering. Five senior leaders; four peers; two individual contributors.
const people = [
  person('me', { seniority: MANAGER, department: 'Engineering' }),
  person('ceo', { seniority: EXEC, department: 'Leadership' }),
  person('cfo', { seniority: SENIOR, department: 'Finance' }),
  person('cto', { seniority: SENIOR, department: 'Engineering' }),
  person('vp', { seniority: SENIOR, department: 'Sales' }),
  person('chro', { seniority: SENIOR, department: 'People' }),
  person('p1', { seniority: MANAGER, department: 'Engineering' }),
  person('p2', { seniority: MANAGER, department: 'Sales' }),
  person('p3', { seniority: MANAGER, department: ' engineering ' }),
  person('p4', { seniority: MANAGER, department: 'Marketing' }),
  person('j1', { seniority: IC, department: 'Engineering' }),
  person('j2', { seniority: IC, department: 'Finance' }),
];
const ties = [
  tie('a', 'me', 'p1', 'influence'),
  tie('b', 'me', 'p1', 'trust'), // a second tie with the same person counts once
  tie('c', 'me', 'p2', 'trust'),
  tie('d', 'p3', 'me', 'influence'), // incoming ties count too
  tie('e', 'p4', 'me', 'trust', { mutual: false }),
  tie('f', 'me', 'cto', 'reports-to'),
  tie('g', 'cto', 'ceo', 'reports-to'),
  tie('h', 'p2', 'vp', 'reports-to'),
  tie('i', 'chro', 'ceo', 'trust'),
  tie('j', 'j1', 'p1', 'reports-to'),
  tie('k', 'cfo', 'j2', 'influence'),
  tie('l', 'me', 'j2', 'tension'), // tension never counts, and is never a path
  tie('m', 'me', 'cfo', 'tension'),
];
const doc = mapOf(people, ties, 'me');

describe('network balance on a small map', () => {
  const b = networkBalance(doc);

  it('counts the people I am tied to, tension excluded', () => {
    expect(b.meId).toBe('me');
    expect(b.tiedPeople).toBe(5);
    expect(b.others).toBe(11);
  });

  it('breaks my ties down by seniority relative to mine, against the whole map', () => {
    const rel = Object.fromEntries(b.byRelative.map((r) => [r.key, r]));
    expect(rel.senior).toMatchObject({ label: 'More senior', mine: 1, onMap: 5 });
    expect(rel.peer).toMatchObject({ label: 'Peers', mine: 4, onMap: 4 });
    expect(rel.junior).toMatchObject({ label: 'More junior', mine: 0, onMap: 2 });
    expect(rel.peer.myShare).toBeCloseTo(0.8);
    expect(rel.peer.mapShare).toBeCloseTo(4 / 11);
    expect(rel.senior.myShare).toBeCloseTo(0.2);
  });

  it('breaks them down by level name', () => {
    expect(b.byLevel.map((r) => [r.label, r.mine, r.onMap])).toEqual([
      ['Executive', 0, 1],
      ['Senior leader', 1, 4],
      ['Manager', 4, 4],
      ['Individual contributor', 0, 2],
    ]);
    expect(b.byLevel.reduce((sum, r) => sum + r.mapShare, 0)).toBeCloseTo(1);
  });

  it('breaks them down by department, grouping spellings', () => {
    expect(b.byDepartment.map((r) => [r.label, r.mine, r.onMap])).toEqual([
      ['Engineering', 3, 4],
      ['Finance', 0, 2],
      ['Leadership', 0, 1],
      ['Marketing', 1, 1],
      ['People', 0, 1],
      ['Sales', 1, 2],
    ]);
    const eng = b.byDepartment[0];
    expect(eng.myShare).toBeCloseTo(3 / 5);
    expect(eng.mapShare).toBeCloseTo(4 / 11);
  });

  it('finds which senior leaders are within two steps, with a path', () => {
    expect(b.leaders.map((l) => [l.id, l.distance])).toEqual([
      ['cto', 1],
      ['ceo', 2],
      ['vp', 2],
      ['chro', 3],
      ['cfo', null],
    ]);
    expect(b.leadersWithinTwo).toBe(3);
    expect(b.leaders.find((l) => l.id === 'chro')!.path).toEqual(['me', 'cto', 'ceo', 'chro']);
    expect(b.leaders.find((l) => l.id === 'cfo')!.path).toBeNull();
  });

  it('reports blind spots: leaders and departments beyond two steps', () => {
    expect(b.blindSpots.leaders.map((l) => l.id)).toEqual(['chro', 'cfo']);
    expect(b.blindSpots.departments).toEqual([
      { department: 'Finance', people: ['cfo', 'j2'], distance: null },
      { department: 'People', people: ['chro'], distance: 3 },
    ]);
  });

  it('says what it means in plain words', () => {
    expect(b.findings.map((f) => f.text)).toEqual([
      '80% of your ties are with peers, who make up 36% of the people on this map.',
      'You have no tie to anyone in Finance, Leadership or People.',
      '3 of the 5 senior leaders are within two steps of you.',
    ]);
  });
});

describe('network balance edge cases', () => {
  it('asks for a Me when there is none, or when Me points nowhere', () => {
    for (const d of [mapOf(people, ties), mapOf(people, ties, 'ghost')]) {
      const b = networkBalance(d);
      expect(b.meId).toBeNull();
      expect(b.findings.map((f) => f.kind)).toEqual(['no-me']);
      expect(b.byRelative).toEqual([]);
    }
  });

  it('handles a map with only Me', () => {
    const b = networkBalance(mapOf([person('me')], [], 'me'));
    expect(b.others).toBe(0);
    expect(b.findings.map((f) => f.kind)).toEqual(['empty']);
  });

  it('handles an empty map', () => {
    expect(networkBalance(mapOf([])).findings.map((f) => f.kind)).toEqual(['no-me']);
  });

  it('handles Me with no ties (tension alone is not a tie)', () => {
    const d = mapOf(
      [person('me', { seniority: MANAGER }), person('boss', { seniority: SENIOR, department: 'Finance' }), person('x', { department: 'Sales' })],
      [tie('t', 'me', 'boss', 'tension'), tie('u', 'boss', 'x', 'trust')],
      'me',
    );
    const b = networkBalance(d);
    expect(b.tiedPeople).toBe(0);
    expect(b.byRelative.every((r) => r.mine === 0 && r.myShare === 0)).toBe(true);
    expect(b.findings.map((f) => f.text)).toEqual([
      'You have no ties on this map yet: draw who you influence, trust or report to.',
      'The one senior leader is not within two steps of you.',
    ]);
    expect(b.blindSpots.leaders.map((l) => l.id)).toEqual(['boss']);
    expect(b.blindSpots.departments.map((d2) => d2.department)).toEqual(['Finance', 'Sales']);
  });

  it('notes when none of my ties is more senior, and says "All"', () => {
    const d = mapOf(
      [person('me', { seniority: MANAGER }), person('peer', { seniority: MANAGER }), person('boss', { seniority: EXEC })],
      [tie('t', 'me', 'peer', 'trust')],
      'me',
    );
    const texts = networkBalance(d).findings.map((f) => f.text);
    expect(texts[0]).toBe('All of your ties are with peers, who make up 50% of the people on this map.');
    expect(texts[1]).toBe('You have no tie to anyone more senior than you (1 on this map).');
    expect(texts[2]).toBe('The one senior leader is not within two steps of you.');
    expect(texts).toHaveLength(3); // nobody has a department, so there is no department finding
  });

  it('uses the singular for one leader within reach', () => {
    const d = mapOf(
      [person('me', { seniority: MANAGER }), person('a', { seniority: EXEC }), person('b', { seniority: EXEC })],
      [tie('t', 'me', 'a', 'reports-to')],
      'me',
    );
    expect(networkBalance(d).findings.at(-1)!.text).toBe('1 of the 2 senior leaders is within two steps of you.');
  });
});

describe('graph helpers', () => {
  it('builds undirected adjacency without tension and walks it breadth first', () => {
    const adj = connectionAdjacency(doc);
    expect([...adj.get('me')!].sort()).toEqual(['cto', 'p1', 'p2', 'p3', 'p4']);
    const { distance } = bfs(adj, 'me', 2);
    expect(distance.get('ceo')).toBe(2);
    expect(distance.has('chro')).toBe(false);
    expect(bfs(adj, 'nobody').distance.size).toBe(0);
  });

  it('classifies seniority relative to mine', () => {
    expect(relativeLevel(2, 1)).toBe('senior');
    expect(relativeLevel(2, 2)).toBe('peer');
    expect(relativeLevel(2, 3)).toBe('junior');
  });
});
