import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { averageRanks } from '../../../src/analysis/influence-ranks';
import { input, person, tie } from './helpers';

describe('advisors of senior leaders', () => {
  // ceo <- vp (reports-to), vp <- mgr <- ic. Outsider x in another line.
  const people = [
    person('ceo', { seniority: 0 }),
    person('vp', { seniority: 1 }),
    person('mgr', { seniority: 2 }),
    person('ic', { seniority: 3 }),
    person('x', { seniority: 3 }),
    person('y', { seniority: 2 }),
  ];
  const structure = [tie('vp', 'ceo', 'reports-to'), tie('mgr', 'vp', 'reports-to'), tie('ic', 'mgr', 'reports-to'), tie('y', 'ceo', 'reports-to'), tie('x', 'y', 'reports-to')];

  it('finds influence into a leader and people a leader trusts; flags the informal ones', () => {
    const r = analyse(
      input(people, [
        ...structure,
        tie('ic', 'ceo', 'influence', 2), // below the CEO: formal
        tie('x', 'vp', 'influence', 3), // other line: informal
        tie('vp', 'x', 'trust', 1), // the VP trusts x too: same pair, stronger kept, "both"
        tie('ceo', 'x', 'trust', 2, true), // x is below the CEO: formal for the CEO
        tie('y', 'vp', 'trust', 3), // y trusts the VP: not advice to the VP
        tie('ic', 'mgr', 'influence', 3), // mgr is not a leader
        tie('mgr', 'ceo', 'tension', 3, true), // tension is never advice
      ]),
    );
    expect(r.seniorLeaderIds).toEqual(['ceo', 'vp']);
    expect(r.advisors.map((a) => a.id)).toEqual(['x', 'ic']);
    const x = r.advisors[0];
    expect(x).toMatchObject({ leaderCount: 2, informalLeaderCount: 1, totalStrength: 5 });
    expect(x.leaders).toEqual([
      { leaderId: 'vp', strength: 3, via: 'both', informal: true },
      { leaderId: 'ceo', strength: 2, via: 'trust', informal: false },
    ]);
    expect(r.advisors[1].leaders[0]).toMatchObject({ leaderId: 'ceo', informal: false });
    expect(r.informalAdvisorIds).toEqual(['x']);
    const xi = r.indexById.x;
    expect(r.people[xi]).toMatchObject({ leadersAdvised: 2, informalLeadersAdvised: 1 });
    expect(r.explanations.x.leadersAdvised).toBe('Advises 2 senior leaders (VP and CEO); 1 outside their reporting line.');
    expect(r.people.map((m) => m.reportingDepth)).toEqual([0, 1, 2, 3, 2, 1]);
  });

  it('a leader advised by a peer leader counts', () => {
    const r = analyse(input([person('a', { seniority: 0 }), person('b', { seniority: 1 })], [tie('b', 'a', 'influence', 2)]));
    expect(r.advisors).toEqual([{ id: 'b', leaders: [{ leaderId: 'a', strength: 2, via: 'influence', informal: true }], leaderCount: 1, informalLeaderCount: 1, totalStrength: 2 }]);
  });
});

describe('hidden influencers and figureheads', () => {
  it('averages tied places', () => {
    expect([...averageRanks(5, (a, b) => [3, 1, 3, 2, 3][b] - [3, 1, 3, 2, 3][a])]).toEqual([2, 5, 2, 4, 2]);
  });

  it('an IC who sways the executives outranks their position; a silent executive is a figurehead', () => {
    const people = [
      person('boss', { seniority: 0 }),
      person('silent', { seniority: 0 }),
      person('vp', { seniority: 1 }),
      person('m1', { seniority: 2 }),
      person('m2', { seniority: 2 }),
      person('sage', { seniority: 3 }),
      person('i1'),
      person('i2'),
      person('i3'),
      person('i4'),
    ];
    const ties = [
      tie('silent', 'boss', 'reports-to'),
      tie('vp', 'boss', 'reports-to'),
      tie('m1', 'vp', 'reports-to'),
      tie('m2', 'vp', 'reports-to'),
      tie('sage', 'm1', 'reports-to'),
      ...['i1', 'i2', 'i3', 'i4'].map((i) => tie(i, 'm2', 'reports-to')),
      tie('sage', 'boss', 'influence', 3),
      tie('sage', 'vp', 'influence', 3),
      tie('sage', 'm1', 'influence', 3),
      tie('boss', 'vp', 'influence', 2),
      tie('vp', 'm2', 'influence', 2),
      tie('m2', 'i1', 'influence', 1),
    ];
    const r = analyse(input(people, ties));
    const sage = r.people[r.indexById.sage];
    const silent = r.people[r.indexById.silent];
    expect(sage.informalRank).toBe(1);
    expect(sage.hiddenInfluence).toBeGreaterThan(0);
    expect(silent.hiddenInfluence).toBeLessThan(0);
    expect(r.hiddenInfluencerIds[0]).toBe('sage');
    expect(r.figureheadIds).toContain('silent');
    expect(r.explanations.sage.hiddenInfluence).toMatch(/^Ranks 1st of 10 for informal influence and .* places more influential than their position suggests\.$/);
    expect(r.explanations.silent.hiddenInfluence).toMatch(/less influential than their position suggests/);
  });
});
