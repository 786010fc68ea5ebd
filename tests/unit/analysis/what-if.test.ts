/** "What if ... leaves?" on small maps whose answers were worked out by hand. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import type { AnalysisInput } from '../../../src/analysis/types';
import { whatIf } from '../../../src/analysis/what-if';
import { input, person, tie } from './helpers';

/**
 * Sales: me, ana, cy (a triangle of mutual trust). Engineering: dee, eli, fay (a triangle).
 * Xan (Sales) is the only bridge: cy <-> xan <-> dee. Lee (Executive) is advised by Xan.
 */
function twoGroups(): AnalysisInput {
  const sales = { department: 'Sales' };
  const eng = { department: 'Engineering' };
  return input(
    [person('me', sales), person('ana', sales), person('cy', sales), person('xan', sales), person('dee', eng), person('eli', eng), person('fay', eng), person('lee', { department: 'Board', seniority: 0 })],
    [
      tie('me', 'ana', 'trust', 2, true),
      tie('ana', 'cy', 'trust', 2, true),
      tie('me', 'cy', 'trust', 2, true),
      tie('cy', 'xan', 'trust', 3, true),
      tie('xan', 'dee', 'trust', 3, true),
      tie('dee', 'eli', 'trust', 2, true),
      tie('eli', 'fay', 'trust', 2, true),
      tie('dee', 'fay', 'trust', 2, true),
      tie('xan', 'lee', 'influence', 3),
      tie('lee', 'me', 'tension', 1, true),
    ],
    { meId: 'me' },
  );
}

describe('what if a broker leaves', () => {
  it('disconnects two groups: unreachable people, the lost department bridge, the advisor lost', () => {
    const map = twoGroups();
    const r = whatIf(map, ['xan']);
    expect(r.removedIds).toEqual(['xan']);
    // Me reached dee in 3 steps (cy, xan, dee), eli and fay in 4; lee in 2 through Xan (influence, either way).
    expect(r.unreachable).toEqual([
      { id: 'dee', before: 3, after: null },
      { id: 'lee', before: 3, after: null },
      { id: 'eli', before: 4, after: null },
      { id: 'fay', before: 4, after: null },
    ]);
    expect(r.longerPaths).toEqual([]);
    expect(r.bridges).toEqual([{ departments: ['Board', 'Sales'], viaIds: ['xan'], ties: 1 }, { departments: ['Engineering', 'Sales'], viaIds: ['xan'], ties: 1 }]);
    expect(r.leaders).toEqual([{ leaderId: 'lee', lostAdvisorIds: ['xan'], lostInformalIds: ['xan'], advisorsBefore: 1, advisorsAfter: 0 }]);
    // Remaining 7 people: connected ordered pairs before = Sales 3x2 + Eng 3x2 + {me,ana,cy} -> lee... lee has no
    // out-arcs (influence runs xan -> lee), so pairs: within each triangle 6 + 6, across 3x3 x2 = 18, into lee 6 = 36.
    expect(r.connections).toEqual({ pairs: 36, worse: 24 });
    expect(r.summary[0]).toBe('Without XAN, 24 of the 36 connections between the remaining people (67%) would take more steps or break.');
    expect(r.summary).toContain('You could no longer reach 4 people: DEE, LEE, ELI and FAY.');
    expect(r.summary).toContain('1 senior leader loses an advisor: LEE; LEE would have nobody left advising them.');
    expect(r.summary).toContain('2 pairs of departments lose their only tie: Board – Sales and Engineering – Sales.');
    // The canvas shows the routes that broke: me/cy - cy/xan - xan/dee - dee/eli - dee/fay - xan/lee.
    expect(r.brokenPathTieIds).toHaveLength(6);
  });

  it('a longer route remains when someone on the way leaves; several people at once break it', () => {
    // me - p - t (2 steps) and me - q - r - t (3 steps).
    const map = input(
      ['me', 'p', 'q', 'r', 't'].map((id) => person(id)),
      [tie('me', 'p', 'trust'), tie('p', 't', 'influence'), tie('me', 'q', 'trust'), tie('q', 'r', 'trust'), tie('r', 't', 'influence')],
      { meId: 'me' },
    );
    const one = whatIf(map, ['p']);
    expect(one.longerPaths).toEqual([{ id: 't', before: 2, after: 3 }]);
    expect(one.unreachable).toEqual([]);
    expect(one.summary).toContain('Your route to 1 person would get longer; the most to T, from 2 steps to 3 steps.');
    const both = whatIf(map, ['p', 'q']);
    expect(both.removedIds).toEqual(['p', 'q']);
    expect(both.longerPaths).toEqual([]);
    expect(both.unreachable.map((c) => c.id)).toEqual(['r', 't']);
    expect(both.summary[0]).toMatch(/^Without these 2 people, /);
  });

  it('names the new top broker and the place they had', () => {
    // A chain a - b - c - d - e - f - g. Betweenness: d 9 pairs, c and e 8, b and f 5 (c before e,
    // b before f in map order when equal). Without d: two chains of three, b and f in their middles.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const map = input(ids.map((id) => person(id)), ids.slice(1).map((id, k) => tie(ids[k], id, 'trust', 2, true)));
    const r = whatIf(map, ['d']);
    expect(r.brokers.map((b) => [b.id, b.rankBefore, b.rankAfter])).toEqual([
      ['b', 4, 1],
      ['f', 5, 2],
    ]);
    expect(r.summary).toContain('B becomes the top broker; was 4th.');
    expect(whatIf(map, ['a']).summary).toContain('D stays the top broker.');
  });

  it('for one person, the connections that suffer are their key-person risk', () => {
    const karate = (JSON.parse(readFileSync(join(__dirname, '../../fixtures/analysis/karate.json'), 'utf8')) as { input: AnalysisInput }).input;
    const metrics = analyse(karate);
    for (const id of ['0', '33', '2', '31']) {
      const r = whatIf(karate, [id]);
      expect(r.connections.worse / r.connections.pairs).toBeCloseTo(metrics.people[metrics.indexById[id]].keyPersonRisk, 12);
    }
  });

  it('never changes the map it was given, and ignores unknown ids', () => {
    const map = twoGroups();
    const copy = JSON.parse(JSON.stringify(map)) as AnalysisInput;
    const r = whatIf(map, ['xan', 'nobody', 'xan']);
    expect(r.removedIds).toEqual(['xan']);
    expect(map).toEqual(copy);
    expect(whatIf(map, []).summary).toEqual(['Nobody is removed: choose who might leave.']);
  });

  it('says so when Me is removed or not set', () => {
    const map = twoGroups();
    expect(whatIf(map, ['me']).summary).toContain('You are among the people removed, so your own introduction paths are not compared.');
    expect(whatIf({ ...map, meId: null }, ['xan']).summary).toContain('Mark yourself as Me to see which of your introduction paths would break.');
  });
});
