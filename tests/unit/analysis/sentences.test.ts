/**
 * One test per sentence template in the person explanations, the advisor headlines, the cluster
 * names and the map messages (issue 10: "Insights that add up"). Each asserts the exact words and
 * that every number in them is the number the Metrics table shows (METRIC_INFO's format).
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { explainPerson, openness, rankShares, type ExplainContext } from '../../../src/analysis/explain';
import { place, places } from '../../../src/analysis/format';
import { toAnalysisInput } from '../../../src/analysis/input';
import { METRIC_INFO } from '../../../src/analysis/metric-info';
import type { AnalysisPerson, LeaderAdvice, PersonMetrics } from '../../../src/analysis/types';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { input, person, tie } from './helpers';

function metrics(fields: Partial<PersonMetrics> = {}): PersonMetrics {
  return {
    id: 'a',
    degree: 0,
    inDegree: 0,
    outDegree: 0,
    weightedInDegree: 0,
    weightedOutDegree: 0,
    betweenness: 0,
    betweennessUnweighted: 0,
    pagerank: 0.1,
    closeness: 0,
    reach: 0,
    constraint: null,
    effectiveSize: null,
    brokerage: { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0 },
    brokerageRole: null,
    cluster: null,
    isSeniorLeader: false,
    leadersAdvised: 0,
    informalLeadersAdvised: 0,
    reportingDepth: 0,
    informalScore: 0,
    informalRank: 1,
    formalRank: 1,
    hiddenInfluence: 0,
    keyPersonRisk: 0,
    ...fields,
  };
}

/**
 * Person 0 ("Ana", Sales) is the one explained; everyone else only fills the map to `n` people
 * and, through `others`, sets shared ranks.
 */
function explain(m: Partial<PersonMetrics>, opts: { n?: number; others?: Partial<PersonMetrics>[]; people?: AnalysisPerson[]; advice?: LeaderAdvice[]; influenceTies?: number; neighbours?: number[] } = {}) {
  const n = opts.n ?? 10;
  const people = opts.people ?? [person('a', { name: 'Ana', department: 'Sales', seniority: 3 }), ...Array.from({ length: n - 1 }, (_, k) => person(`p${k}`, { department: k % 2 ? 'Sales' : 'Finance' }))];
  const all = [metrics(m), ...Array.from({ length: n - 1 }, (_, k) => metrics({ id: `p${k}`, informalRank: 100 + k, formalRank: 100 + k, ...(opts.others?.[k] ?? {}) }))];
  const ctx: ExplainContext = {
    input: input(people),
    metrics: all,
    clusters: [{ index: 0, name: "Ana's circle (Sales)", centralId: 'a', department: 'Sales', memberIds: ['a', 'p0', 'p1'] }],
    neighboursOf: (i) => (i === 0 ? (opts.neighbours ?? []) : []),
    adviceOf: (i) => (i === 0 ? (opts.advice ?? []) : []),
    personById: (id) => people.find((p) => p.id === id)!,
    informalRankShares: rankShares(all.map((x) => x.informalRank)),
    formalRankShares: rankShares(all.map((x) => x.formalRank)),
    influenceTies: opts.influenceTies ?? 1,
  };
  return explainPerson(ctx, 0);
}

describe('hidden influence: the places are the table\'s "Influence beyond position"', () => {
  it('alone in both places: the difference of the two ordinals', () => {
    const s = explain({ informalRank: 2, formalRank: 6, hiddenInfluence: 4 }).hiddenInfluence;
    expect(s).toBe('Ranks 2nd of 10 for informal influence and 6th by position: 4 places more influential than their position suggests.');
  });

  it('issue 10: "2nd ... and 6th: 5 places" was an average rank of 1.5 rounded; now it says joint 1st–2nd and 4.5, as the table', () => {
    const s = explain({ informalRank: 1.5, formalRank: 6, hiddenInfluence: 4.5 }, { others: [{ informalRank: 1.5 }] }).hiddenInfluence;
    expect(s).toBe(
      'Ranks joint 1st–2nd of 10 for informal influence and 6th by position: 4.5 places more influential than their position suggests (a shared place counts as its average).',
    );
    expect(METRIC_INFO.hiddenInfluence.format(4.5)).toBe('+4.5');
    expect(s).toContain(`${places(4.5)} places`);
  });

  it('less influential: shared formal place of three', () => {
    const s = explain({ informalRank: 6, formalRank: 3, hiddenInfluence: -3 }, { others: [{ formalRank: 3 }, { formalRank: 3 }] }).hiddenInfluence;
    expect(s).toBe('Ranks 6th of 10 for informal influence and joint 2nd–4th by position: 3 places less influential than their position suggests (a shared place counts as its average).');
    expect(METRIC_INFO.hiddenInfluence.format(-3)).toBe('−3');
  });

  it('one place, singular', () => {
    expect(explain({ informalRank: 8, formalRank: 9, hiddenInfluence: 1 }).hiddenInfluence).toBe(
      'Ranks 8th of 10 for informal influence and 9th by position: 1 place more influential than their position suggests.',
    );
  });

  it('in line with position', () => {
    expect(explain({ informalRank: 4, formalRank: 4, hiddenInfluence: 0 }).hiddenInfluence).toBe('Ranks 4th of 10 for informal influence and 4th by position: influence in line with their position.');
    expect(METRIC_INFO.hiddenInfluence.format(0)).toBe('0');
  });

  it('fewer than two people', () => {
    expect(explain({}, { n: 1 }).hiddenInfluence).toBe('Needs at least two people to compare influence with position.');
  });

  it('on the sample organisation, every sentence\'s places equal the table value and its ranks average to the metric', () => {
    const r = analyse(toAnalysisInput(createSampleOrganisation(0)));
    const informal = rankShares(r.people.map((m) => m.informalRank));
    const formal = rankShares(r.people.map((m) => m.formalRank));
    for (const m of r.people) {
      const s = r.explanations[m.id].hiddenInfluence;
      expect(s).toContain(`Ranks ${place(m.informalRank, informal.get(m.informalRank)!)} of 40 for informal influence and ${place(m.formalRank, formal.get(m.formalRank)!)} by position`);
      const shown = METRIC_INFO.hiddenInfluence.format(m.hiddenInfluence);
      if (shown === '0') expect(s).toContain('in line with their position');
      else expect(s).toContain(`: ${shown.slice(1)} place`);
    }
  });
});

describe('place and places', () => {
  it('words shared places and differences', () => {
    expect(place(3, 1)).toBe('3rd');
    expect(place(1.5, 2)).toBe('joint 1st–2nd');
    expect(place(8, 5)).toBe('joint 6th–10th');
    expect(place(1234, 1)).toBe('1,234th');
    expect(places(-4.5)).toBe('4.5');
    expect(places(1200)).toBe('1,200');
  });
});

describe('constraint and effective size follow the values and never contradict each other', () => {
  it('issue 10: three contacts not tied to each other read as open, not "partly closed"', () => {
    // The reported case: constraint 0.33 with 3.0 of 3 non-redundant used to say "Partly closed".
    const e = explain({ degree: 3, constraint: 1 / 3, effectiveSize: 3 });
    expect(e.constraint).toBe('Open network: 3 contacts, not tied to each other (constraint 0.33; lower means more brokerage opportunity).');
    expect(e.effectiveSize).toBe('Effective size 3.00: all 3 contacts are non-redundant (none are tied to each other).');
    expect(e.constraint).not.toMatch(/closed/i);
  });

  it('a small open network is called open, with why the constraint is high', () => {
    const e = explain({ degree: 2, constraint: 0.5, effectiveSize: 2 });
    expect(e.constraint).toBe('Open network but a small one: 2 contacts, not tied to each other, so each weighs heavily (constraint 0.50; lower means more brokerage opportunity).');
  });

  it('a single contact', () => {
    const e = explain({ degree: 1, constraint: 1, effectiveSize: 1 });
    expect(e.constraint).toBe('Depends on a single contact (constraint 1.00; lower means more brokerage opportunity).');
    expect(e.effectiveSize).toBe('Effective size 1.00: a single contact.');
  });

  it('partly closed', () => {
    const e = explain({ degree: 4, constraint: 0.42, effectiveSize: 3 });
    expect(e.constraint).toBe('Partly closed network: some of the 4 contacts are tied to each other (constraint 0.42; lower means more brokerage opportunity).');
    expect(e.effectiveSize).toBe('Effective size 3.00 of 4 contacts: some contacts are tied to each other, so they partly repeat each other.');
  });

  it('closed', () => {
    const e = explain({ degree: 4, constraint: 0.8, effectiveSize: 1.5 });
    expect(e.constraint).toBe('Closed network: most of the 4 contacts are tied to each other (constraint 0.80; lower means more brokerage opportunity).');
    expect(e.effectiveSize).toBe('Effective size 1.50 of 4 contacts: most contacts are tied to each other, so they largely repeat each other.');
  });

  it('a value that shows as the contact count is open (the words follow the digits shown)', () => {
    expect(openness(2.999, 3)).toBe('open');
    expect(openness(2.99, 3)).toBe('partly-closed');
    expect(openness(1.5, 3)).toBe('closed');
  });

  it('no ties: does not apply', () => {
    const e = explain({});
    expect(e.constraint).toBe('No ties, so constraint does not apply.');
    expect(e.effectiveSize).toBe('No ties, so effective size does not apply.');
  });

  it('on the sample organisation the two sentences always agree', () => {
    const r = analyse(toAnalysisInput(createSampleOrganisation(0)));
    for (const m of r.people) {
      const { constraint, effectiveSize } = r.explanations[m.id];
      if (m.effectiveSize === null) continue;
      expect(constraint).toContain(`constraint ${METRIC_INFO.constraint.format(m.constraint!)}`);
      expect(effectiveSize).toContain(`Effective size ${METRIC_INFO.effectiveSize.format(m.effectiveSize)}`);
      const kind = openness(m.effectiveSize, m.degree);
      if (kind === 'open') expect(constraint).not.toMatch(/closed/i);
      if (kind === 'partly-closed') expect([constraint, effectiveSize].every((s) => /some/.test(s))).toBe(true);
      if (kind === 'closed') expect([constraint, effectiveSize].every((s) => /most/.test(s))).toBe(true);
    }
  });
});

describe('the other per-person templates', () => {
  it('senior leader / not', () => {
    expect(explain({ isSeniorLeader: true }, { people: [person('a', { seniority: 0 })], n: 1 }).seniorLeader).toBe(
      'Senior leader: Executive is at or above the leadership level (Senior leader).',
    );
    expect(explain({}).seniorLeader).toBe('Not a senior leader: Individual contributor is below the leadership level (Senior leader).');
  });

  it('contacts (the table\'s "Contacts"), in and out', () => {
    const e = explain({ degree: 3, inDegree: 2, outDegree: 1, weightedInDegree: 5, weightedOutDegree: 3 });
    expect(METRIC_INFO.degree.label).toBe('Contacts');
    expect(e.degree).toBe('3 contacts: people linked to Ana by influence or trust ties, either way.');
    expect(e.inDegree).toBe('2 ties come in (strength total 5): people who sway or trust Ana.');
    expect(e.outDegree).toBe('1 tie goes out (strength total 3): people Ana sways or trusts.');
    const none = explain({});
    expect(none.degree).toBe('No contacts through influence or trust ties yet.');
    expect(none.inDegree).toBe('Nobody is shown influencing or trusting them yet.');
    expect(none.outDegree).toBe('Ana is not shown influencing or trusting anyone yet.');
  });

  it('betweenness: the percentage is the table\'s', () => {
    expect(METRIC_INFO.betweenness.format(0.4123)).toBe('41%');
    expect(explain({ betweenness: 0.4123 }, { neighbours: [1, 2, 3] }).betweenness).toBe('Bridges Finance and Sales: lies on 41% of the strongest routes between other people.');
    expect(explain({ betweenness: 0.05 }, { neighbours: [2] }).betweenness).toBe('Links people around Sales: lies on 5% of the strongest routes between other people.');
    expect(explain({ betweenness: 0.002 }).betweenness).toBe('Links other people: lies on 0.2% of the strongest routes between other people.');
    expect(explain({}).betweenness).toBe('Not on any of the strongest routes between two other people.');
    expect(explain({ betweennessUnweighted: 0.25 }).betweennessUnweighted).toBe('Counting every tie as one step, lies on 25% of the shortest routes between other people.');
    expect(explain({}).betweennessUnweighted).toBe('Counting every tie as one step, not on any shortest route between two other people.');
  });

  it('informal influence (PageRank): the label and the digits of the table', () => {
    expect(explain({ pagerank: 0.1234 }).pagerank).toBe('Informal influence (PageRank) 0.123, 1.2 times the average: it rises when influential people are swayed by Ana.');
    expect(explain({}, { influenceTies: 0 }).pagerank).toBe('No influence ties on the map yet, so everyone has the same informal influence (PageRank).');
  });

  it('closeness', () => {
    expect(explain({ reach: 4, closeness: 0.3456 }).closeness).toBe('Reaches 4 of 9 others through influence or trust ties; closeness 0.35 (1 = a direct tie to everyone).');
    expect(explain({}).closeness).toBe('Cannot reach anyone through influence or trust ties.');
  });

  it('brokerage', () => {
    const e = explain({ brokerage: { coordinator: 0, itinerant: 1, gatekeeper: 3, representative: 0, liaison: 0 }, brokerageRole: 'gatekeeper' });
    expect(e.brokerage).toBe('Mostly a gatekeeper: passes views from other departments into Sales (3 times; 4 brokerage positions in all).');
    expect(explain({}).brokerage).toBe('Does not sit between two people who are not directly tied.');
  });

  it('cluster', () => {
    expect(explain({ cluster: 0 }).cluster).toBe("In Ana's circle (Sales), a cluster of 3 people more tied to each other than to the rest.");
    expect(explain({}).cluster).toBe('Not in a cluster: has no influence or trust ties.');
  });

  it('leaders advised: none, one formal, several with "and more"', () => {
    expect(explain({}).leadersAdvised).toBe('Does not advise any senior leader (no influence tie into one, not trusted by one).');
    const people = [person('a', { name: 'Ana', department: 'Sales' }), ...['l1', 'l2', 'l3', 'l4'].map((id, k) => person(id, { name: `Lee ${k + 1}`, department: k ? 'Finance' : 'Sales', seniority: 0 }))];
    const advice = (leaderId: string, relation: LeaderAdvice['relation'], levels: number | null): LeaderAdvice => ({ leaderId, strength: 2, via: 'influence', relation, levels, informal: relation !== 'direct-report' && relation !== 'manager' });
    const one = explain({}, { people, n: 5, advice: [advice('l1', 'direct-report', 1)] });
    expect(one.leadersAdvised).toBe('Advises 1 senior leader (none informally): their manager Lee 1.');
    // Lee 1 shares Ana's department (Sales): beside them; Lee 3 is in Finance: another department.
    const many = explain({}, { people, n: 5, advice: [advice('l2', 'below', 2), advice('l3', 'beside', null), advice('l1', 'beside', null), advice('l4', 'manager', 1)] });
    expect(many.leadersAdvised).toBe('Advises 4 senior leaders (3 informally): Lee 2 from 2 levels below; Lee 3 from another department; Lee 1 from beside them in Sales; Lee 4, who reports to them.');
    const grouped = explain({}, { people, n: 5, advice: [advice('l2', 'beside', null), advice('l3', 'beside', null), advice('l4', 'beside', null)] });
    expect(grouped.leadersAdvised).toBe('Advises 3 senior leaders (all informally): Lee 2, Lee 3 and Lee 4 from another department.');
  });
});

describe('cluster names: the most central member and that member\'s own department', () => {
  it('issue 10: Jordan (Sales) at the centre of a mostly-executive cluster is "Jordan\'s circle (Sales)"', () => {
    const people = [
      person('jordan', { name: 'Jordan Lee', department: 'Sales' }),
      person('e1', { department: 'Office of the CEO' }),
      person('e2', { department: 'Office of the CEO' }),
      person('e3', { department: 'Office of the CEO' }),
    ];
    const r = analyse(input(people, [tie('jordan', 'e1', 'trust', 3, true), tie('jordan', 'e2', 'trust', 3, true), tie('jordan', 'e3', 'trust', 3, true)]));
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]).toMatchObject({ name: "Jordan Lee's circle (Sales)", centralId: 'jordan', department: 'Sales' });
  });

  it('no department: just the circle', () => {
    const r = analyse(input([person('a', { name: 'Ana' }), person('b', { department: 'X' })], [tie('a', 'b', 'trust', 3), tie('b', 'a', 'trust', 2)]));
    expect(r.clusters[0].name).toBe("Ana's circle");
  });
});

describe('map messages', () => {
  it('each template', () => {
    expect(analyse(input([])).messages).toEqual(['The map is empty: add people and ties to see the brokers, the advisors of senior leaders and the hidden influencers.']);
    expect(analyse(input([person('a', { seniority: 0 })])).messages).toEqual([
      'Only one person so far: add more people and ties to see how they connect.',
      'Nobody advises a senior leader yet: add influence ties into a leader, or trust ties from a leader.',
    ]);
    expect(analyse(input([person('a'), person('b')])).messages).toEqual([
      'No influence or trust ties yet: brokers, clusters and introduction paths need them.',
      'No senior leaders: nobody is at or above the leadership level (Senior leader). Set someone\'s seniority to see who advises them.',
    ]);
    expect(analyse(input([person('a', { seniority: 0 }), person('b'), person('c')], [tie('b', 'c', 'trust', 2)])).messages).toEqual([
      'The influence and trust ties form 2 separate groups (counting 1 person with no such ties): nobody can be reached across them.',
      'No influence ties: informal influence (PageRank) is the same for everyone.',
      'Nobody advises a senior leader yet: add influence ties into a leader, or trust ties from a leader.',
    ]);
  });
});
