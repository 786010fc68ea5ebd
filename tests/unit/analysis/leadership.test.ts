import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { averageRanks } from '../../../src/analysis/influence-ranks';
import { adviceRelation, levelsBelow, reportingStructure } from '../../../src/analysis/leadership';
import { formalArcs } from '../../../src/analysis/projections';
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

  it('finds influence into a leader and people a leader trusts; only the leader\'s own line is formal', () => {
    const r = analyse(
      input(people, [
        ...structure,
        tie('ic', 'ceo', 'influence', 2), // 3 levels below the CEO (ic -> mgr -> vp -> ceo): informal
        tie('x', 'vp', 'influence', 3), // another line: informal, beside
        tie('vp', 'x', 'trust', 1), // the VP trusts x too: same pair, stronger kept, "both"
        tie('ceo', 'x', 'trust', 2, true), // x is 2 levels below the CEO (x -> y -> ceo): informal
        tie('y', 'vp', 'trust', 3), // y trusts the VP: not advice to the VP
        tie('ic', 'mgr', 'influence', 3), // mgr is not a leader
        tie('mgr', 'ceo', 'tension', 3, true), // tension is never advice
        tie('vp', 'ceo', 'influence', 1), // the VP reports to the CEO: formal
      ]),
    );
    expect(r.seniorLeaderIds).toEqual(['ceo', 'vp']);
    expect(r.advisors.map((a) => a.id)).toEqual(['x', 'ic', 'vp']);
    const x = r.advisors[0];
    expect(x).toMatchObject({ leaderCount: 2, informalLeaderCount: 2, totalStrength: 5 });
    expect(x.leaders).toEqual([
      { leaderId: 'vp', strength: 3, via: 'both', relation: 'beside', levels: null, informal: true },
      { leaderId: 'ceo', strength: 2, via: 'trust', relation: 'below', levels: 2, informal: true },
    ]);
    expect(r.advisors[1].leaders).toEqual([{ leaderId: 'ceo', strength: 2, via: 'influence', relation: 'below', levels: 3, informal: true }]);
    expect(r.advisors[2].leaders).toEqual([{ leaderId: 'ceo', strength: 1, via: 'influence', relation: 'direct-report', levels: 1, informal: false }]);
    expect(r.informalAdvisorIds).toEqual(['x', 'ic']);
    expect(r.people[r.indexById.x]).toMatchObject({ leadersAdvised: 2, informalLeadersAdvised: 2 });
    expect(r.people[r.indexById.vp]).toMatchObject({ leadersAdvised: 1, informalLeadersAdvised: 0 });
    expect(r.explanations.x.leadersAdvised).toBe("Advises 2 senior leaders (all informally): VP from outside their line; CEO from 2 levels below.");
    expect(r.explanations.ic.leadersAdvised).toBe("Advises 1 senior leader (informally): CEO from 3 levels below.");
    expect(r.explanations.vp.leadersAdvised).toBe('Advises 1 senior leader (none informally): their manager CEO.');
    expect(r.people.map((m) => m.reportingDepth)).toEqual([0, 1, 2, 3, 2, 1]);
  });

  it('a leader advised by a peer leader counts, as informal advice from beside them', () => {
    const r = analyse(input([person('a', { seniority: 0 }), person('b', { seniority: 1 })], [tie('b', 'a', 'influence', 2)]));
    expect(r.advisors).toEqual([
      {
        id: 'b',
        leaders: [{ leaderId: 'a', strength: 2, via: 'influence', relation: 'beside', levels: null, informal: true }],
        leaderCount: 1,
        informalLeaderCount: 1,
        totalStrength: 2,
        headline: 'B (outside their line) has the ear of A.',
      },
    ]);
  });
});

describe('the advisor rule, hand-checked: formal = the leader\'s direct manager or direct reports only', () => {
  // CEO (Executive) <- VP Engineering, CTO (Engineering), VP Sales; VP Eng <- EM <- Rita (engineer);
  // VP Sales <- Account Executive. Leaders: seniority 0-1.
  const org = [
    person('ceo', { name: 'Ana Diaz', title: 'Chief Executive', department: 'Executive', seniority: 0 }),
    person('vpe', { name: 'Vic Park', title: 'VP Engineering', department: 'Engineering', seniority: 1 }),
    person('cto', { name: 'Cal Tor', title: 'CTO', department: 'Engineering', seniority: 1 }),
    person('vps', { name: 'Val Sim', title: 'VP Sales', department: 'Sales', seniority: 1 }),
    person('em', { name: 'Eli May', title: 'Engineering Manager', department: 'Engineering', seniority: 2 }),
    person('rita', { name: 'Rita Sol', title: 'Engineer', department: 'Engineering', seniority: 3 }),
    person('ae', { name: 'Abe Eng', title: 'Account Executive', department: 'Sales', seniority: 3 }),
  ];
  const lines = [
    tie('vpe', 'ceo', 'reports-to'),
    tie('cto', 'ceo', 'reports-to'),
    tie('vps', 'ceo', 'reports-to'),
    tie('em', 'vpe', 'reports-to'),
    tie('rita', 'em', 'reports-to'),
    tie('ae', 'vps', 'reports-to'),
  ];
  const adviceTo = (extra: ReturnType<typeof tie>[], advisorId: string, leaderId: string) => {
    const r = analyse(input(org, [...lines, ...extra]));
    const advisor = r.advisors.find((a) => a.id === advisorId);
    return { r, advisor, advice: advisor?.leaders.find((l) => l.leaderId === leaderId) };
  };

  it('direct report: formal', () => {
    const { advice, advisor } = adviceTo([tie('vpe', 'ceo', 'influence', 3)], 'vpe', 'ceo');
    expect(advice).toMatchObject({ relation: 'direct-report', levels: 1, informal: false });
    expect(advisor?.headline).toBe('Vic Park (VP Engineering) advises their manager Ana Diaz (Chief Executive).');
  });

  it('direct manager: formal', () => {
    const { advice, advisor } = adviceTo([tie('ceo', 'vpe', 'influence', 2)], 'ceo', 'vpe');
    expect(advice).toMatchObject({ relation: 'manager', levels: 1, informal: false });
    expect(advisor?.headline).toBe('Ana Diaz (Chief Executive) advises Vic Park (VP Engineering), who reports to them.');
  });

  it('skip-level: informal, with how far below', () => {
    const { r, advice, advisor } = adviceTo([tie('rita', 'ceo', 'influence', 3)], 'rita', 'ceo');
    expect(advice).toMatchObject({ relation: 'below', levels: 3, informal: true });
    expect(advisor?.headline).toBe('Rita Sol (Engineer, 3 levels below) has the ear of Ana Diaz (Chief Executive).');
    expect(r.people[r.indexById.rita]).toMatchObject({ leadersAdvised: 1, informalLeadersAdvised: 1 });
    expect(r.informalAdvisorIds).toEqual(['rita']);
  });

  it('a leader trusting someone two levels below them in another department: informal', () => {
    const { advice, advisor } = adviceTo([tie('ceo', 'ae', 'trust', 3)], 'ae', 'ceo');
    expect(advice).toMatchObject({ relation: 'below', levels: 2, via: 'trust', informal: true });
    expect(advisor?.headline).toBe('Abe Eng (Account Executive, 2 levels below) has the ear of Ana Diaz (Chief Executive).');
  });

  it('a skip-level manager advising down: informal, levels above', () => {
    const { advice } = adviceTo([tie('vpe', 'rita', 'influence', 1)], 'vpe', 'rita');
    // Rita is not a leader, so no advice is recorded; make her one through the leadership level.
    expect(advice).toBeUndefined();
    const r = analyse(input(org, [...lines, tie('vpe', 'rita', 'influence', 1)], { leadershipLevel: 3 }));
    expect(r.advisors.find((a) => a.id === 'vpe')?.leaders.find((l) => l.leaderId === 'rita')).toMatchObject({ relation: 'above', levels: 2, informal: true });
  });

  it('a peer in the same department: informal, beside them', () => {
    const { advice, advisor } = adviceTo([tie('cto', 'vpe', 'influence', 2)], 'cto', 'vpe');
    expect(advice).toMatchObject({ relation: 'beside', levels: null, informal: true });
    expect(advisor?.headline).toBe('Cal Tor (CTO, beside them in Engineering) has the ear of Vic Park (VP Engineering).');
  });

  it('someone in another department, outside the line: informal', () => {
    const { advice, advisor } = adviceTo([tie('ae', 'vpe', 'influence', 2)], 'ae', 'vpe');
    expect(advice).toMatchObject({ relation: 'beside', levels: null, informal: true });
    expect(advisor?.headline).toBe('Abe Eng (Account Executive, in another department) has the ear of Vic Park (VP Engineering).');
  });

  it('cycles in the reporting lines end and still measure the shortest way', () => {
    const ring = [person('a', { seniority: 0 }), person('b', { seniority: 0 }), person('c', { seniority: 0 }), person('x', { seniority: 3 }), person('p'), person('q')];
    const r = analyse(
      input(ring, [
        tie('a', 'b', 'reports-to'),
        tie('b', 'c', 'reports-to'),
        tie('c', 'a', 'reports-to'),
        tie('x', 'a', 'reports-to'),
        tie('p', 'q', 'reports-to'),
        tie('q', 'p', 'reports-to'),
        tie('x', 'c', 'influence', 2), // x -> a -> b -> c: 3 levels below
        tie('a', 'b', 'influence', 2), // a reports to b: formal
        tie('c', 'b', 'influence', 2), // c manages... b reports to c: c is b's manager, formal
        tie('p', 'a', 'influence', 1), // p's own loop never reaches a: beside
      ]),
    );
    const adviceOf = (id: string, leader: string) => r.advisors.find((a) => a.id === id)?.leaders.find((l) => l.leaderId === leader);
    expect(adviceOf('x', 'c')).toMatchObject({ relation: 'below', levels: 3, informal: true });
    expect(adviceOf('a', 'b')).toMatchObject({ relation: 'direct-report', informal: false });
    expect(adviceOf('c', 'b')).toMatchObject({ relation: 'manager', informal: false });
    expect(adviceOf('p', 'a')).toMatchObject({ relation: 'beside', informal: true });
  });

  it('levelsBelow and adviceRelation on a two-person loop: direct report wins', () => {
    const loop = input([person('a'), person('b')], [tie('a', 'b', 'reports-to'), tie('b', 'a', 'reports-to')]);
    const structure = reportingStructure(loop, formalArcs(loop));
    expect(levelsBelow(structure, 0, 1)).toBe(1);
    expect(levelsBelow(structure, 1, 0)).toBe(1);
    expect(levelsBelow(structure, 0, 0)).toBeNull();
    expect(adviceRelation(structure, 0, 1)).toEqual({ relation: 'direct-report', levels: 1 });
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
    // Sage shares the formal places 6-10 (average 8) with the four ICs at the same depth: 8 - 1 = 7.
    expect(sage.hiddenInfluence).toBe(7);
    expect(r.explanations.sage.hiddenInfluence).toBe(
      'Ranks 1st of 10 for informal influence and joint 6th–10th by position: 7 places more influential than their position suggests (a shared place counts as its average).',
    );
    expect(r.explanations.silent.hiddenInfluence).toMatch(/less influential than their position suggests/);
  });
});
