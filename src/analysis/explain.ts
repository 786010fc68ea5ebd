/**
 * One plain sentence per metric per person: every number on screen can be read as words.
 */
import { displayName } from '../domain/describe';
import { leadersAdvisedSentence } from './advice-words';
import { count, decimal, lowerFirst, place, places, plural } from './format';
import { METRIC_INFO } from './metric-info';
import type { AnalysisInput, AnalysisPerson, BrokerageRole, Cluster, LeaderAdvice, PersonExplanations, PersonMetrics } from './types';

export interface ExplainContext {
  input: AnalysisInput;
  metrics: PersonMetrics[];
  clusters: Cluster[];
  /** Informal neighbours (either direction) of a person, by index. */
  neighboursOf: (i: number) => ArrayLike<number>;
  /** The advice each person gives senior leaders, by index (informal first). */
  adviceOf: (i: number) => LeaderAdvice[];
  personById: (id: string) => AnalysisPerson;
  /** How many people share each informal / formal rank value (ties share the average place). */
  informalRankShares: Map<number, number>;
  formalRankShares: Map<number, number>;
  influenceTies: number;
}

/** How many people hold each rank value, for "joint 1st–2nd". */
export function rankShares(ranks: ArrayLike<number>): Map<number, number> {
  const shares = new Map<number, number>();
  for (let i = 0; i < ranks.length; i++) shares.set(ranks[i], (shares.get(ranks[i]) ?? 0) + 1);
  return shares;
}

/**
 * How open a person's network is, from effective size against contacts, so that the constraint
 * and effective-size sentences can never contradict each other or the numbers they show:
 * open = every contact non-redundant (as shown, to the table's two decimals); closed = at most half
 * non-redundant; partly closed in between.
 */
export type Openness = 'open' | 'partly-closed' | 'closed';

export function openness(effectiveSize: number, contacts: number): Openness {
  if (contacts <= 0 || METRIC_INFO.effectiveSize.format(effectiveSize) === METRIC_INFO.effectiveSize.format(contacts)) return 'open';
  return effectiveSize <= contacts / 2 ? 'closed' : 'partly-closed';
}

/** Constraint above this reads as "depends on a few contacts" even in an open network. */
const HIGH_CONSTRAINT = 0.5;

function explainConstraint(m: PersonMetrics): string {
  if (m.constraint === null || m.effectiveSize === null) return 'No ties, so constraint does not apply.';
  const c = `constraint ${METRIC_INFO.constraint.format(m.constraint)}; lower means more brokerage opportunity`;
  const contacts = plural(m.degree, 'contact', 'contacts');
  switch (openness(m.effectiveSize, m.degree)) {
    case 'open':
      if (m.degree === 1) return `Depends on a single contact (${c}).`;
      return m.constraint >= HIGH_CONSTRAINT
        ? `Open network but a small one: ${contacts}, not tied to each other, so each weighs heavily (${c}).`
        : `Open network: ${contacts}, not tied to each other (${c}).`;
    case 'partly-closed':
      return `Partly closed network: some of the ${contacts} are tied to each other (${c}).`;
    case 'closed':
      return `Closed network: most of the ${contacts} are tied to each other (${c}).`;
  }
}

function explainEffectiveSize(m: PersonMetrics): string {
  if (m.effectiveSize === null) return 'No ties, so effective size does not apply.';
  const shown = METRIC_INFO.effectiveSize.format(m.effectiveSize);
  switch (openness(m.effectiveSize, m.degree)) {
    case 'open':
      return m.degree === 1
        ? `Effective size ${shown}: a single contact.`
        : `Effective size ${shown}: all ${count(m.degree)} contacts are non-redundant (none are tied to each other).`;
    case 'partly-closed':
      return `Effective size ${shown} of ${plural(m.degree, 'contact', 'contacts')}: some contacts are tied to each other, so they partly repeat each other.`;
    case 'closed':
      return `Effective size ${shown} of ${plural(m.degree, 'contact', 'contacts')}: most contacts are tied to each other, so they largely repeat each other.`;
  }
}

/**
 * "Ranks joint 1st–2nd of 10 for informal influence and 6th by position: 4.5 places more
 * influential ..." The places are the Metrics table's "Influence beyond position", exactly.
 */
function explainHiddenInfluence(ctx: ExplainContext, m: PersonMetrics, n: number): string {
  if (n < 2) return 'Needs at least two people to compare influence with position.';
  const informalShared = ctx.informalRankShares.get(m.informalRank) ?? 1;
  const formalShared = ctx.formalRankShares.get(m.formalRank) ?? 1;
  const lead = `Ranks ${place(m.informalRank, informalShared)} of ${count(n)} for informal influence and ${place(m.formalRank, formalShared)} by position`;
  const shown = METRIC_INFO.hiddenInfluence.format(m.hiddenInfluence);
  const averaged = informalShared > 1 || formalShared > 1 ? ' (a shared place counts as its average)' : '';
  if (shown === '0') return `${lead}: influence in line with their position${averaged}.`;
  const amount = `${places(m.hiddenInfluence)} ${places(m.hiddenInfluence) === '1' ? 'place' : 'places'}`;
  return `${lead}: ${amount} ${m.hiddenInfluence > 0 ? 'more' : 'less'} influential than their position suggests${averaged}.`;
}

const ROLE_WORDS: Record<BrokerageRole, (dept: string) => string> = {
  coordinator: (d) => `connects colleagues within ${d} who are not directly tied`,
  itinerant: () => 'connects two people of another department from outside it',
  gatekeeper: (d) => `passes views from other departments into ${d}`,
  representative: (d) => `carries ${d}'s views to other departments`,
  liaison: () => 'connects departments that are not their own',
};

function levelName(input: AnalysisInput, level: number): string {
  return input.levels[Math.min(level, input.levels.length - 1)] ?? `level ${level + 1}`;
}

function departmentLabel(d: string): string {
  return d.trim() || 'their group';
}

/** The two departments most represented among a person's contacts (their own counts too). */
function bridgedDepartments(ctx: ExplainContext, i: number): string[] {
  const counts = new Map<string, number>();
  const neighbours = ctx.neighboursOf(i);
  for (let k = 0; k < neighbours.length; k++) {
    const d = ctx.input.people[neighbours[k]].department.trim();
    if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2).map(([d]) => d);
}

function explainBetweenness(ctx: ExplainContext, i: number): string {
  const b = ctx.metrics[i].betweenness;
  if (b <= 0) return 'Not on any of the strongest routes between two other people.';
  const departments = bridgedDepartments(ctx, i);
  const lead =
    departments.length === 2 ? `Bridges ${departments[0]} and ${departments[1]}` : departments.length === 1 ? `Links people around ${departments[0]}` : 'Links other people';
  return `${lead}: lies on ${METRIC_INFO.betweenness.format(b)} of the strongest routes between other people.`;
}

/** Key-person risk is explained in key-person.ts (it needs the pair counts, not just the share). */
export function explainPerson(ctx: ExplainContext, i: number): Omit<PersonExplanations, 'keyPersonRisk'> {
  const { input, metrics } = ctx;
  const p = input.people[i];
  const m = metrics[i];
  const name = displayName(p);
  const n = input.people.length;
  const others = n - 1;
  const dept = departmentLabel(p.department);
  const cluster = m.cluster === null ? null : ctx.clusters[m.cluster];

  const role = m.brokerageRole;
  const totalBrokerage = Object.values(m.brokerage).reduce((a, b) => a + b, 0);

  return {
    seniorLeader: m.isSeniorLeader
      ? `Senior leader: ${levelName(input, p.seniority)} is at or above the leadership level (${levelName(input, input.leadershipLevel)}).`
      : `Not a senior leader: ${levelName(input, p.seniority)} is below the leadership level (${levelName(input, input.leadershipLevel)}).`,
    degree:
      m.degree === 0
        ? 'No contacts through influence or trust ties yet.'
        : `${plural(m.degree, 'contact', 'contacts')}: ${m.degree === 1 ? 'one person' : 'people'} linked to ${name} by influence or trust ties, either way.`,
    inDegree:
      m.inDegree === 0
        ? 'Nobody is shown influencing or trusting them yet.'
        : `${plural(m.inDegree, 'tie comes', 'ties come')} in (strength total ${count(m.weightedInDegree)}): people who sway or trust ${name}.`,
    outDegree:
      m.outDegree === 0
        ? `${name} is not shown influencing or trusting anyone yet.`
        : `${plural(m.outDegree, 'tie goes', 'ties go')} out (strength total ${count(m.weightedOutDegree)}): people ${name} sways or trusts.`,
    betweenness: explainBetweenness(ctx, i),
    betweennessUnweighted:
      m.betweennessUnweighted <= 0
        ? 'Counting every tie as one step, not on any shortest route between two other people.'
        : `Counting every tie as one step, lies on ${METRIC_INFO.betweennessUnweighted.format(m.betweennessUnweighted)} of the shortest routes between other people.`,
    pagerank:
      ctx.influenceTies === 0
        ? `No influence ties on the map yet, so everyone has the same ${lowerFirst(METRIC_INFO.pagerank.label)}.`
        : `${METRIC_INFO.pagerank.label} ${METRIC_INFO.pagerank.format(m.pagerank)}, ${decimal(m.pagerank * n, 1)} times the average: it rises when influential people are swayed by ${name}.`,
    closeness:
      m.reach === 0
        ? 'Cannot reach anyone through influence or trust ties.'
        : `Reaches ${count(m.reach)} of ${plural(others, 'other', 'others')} through influence or trust ties; closeness ${METRIC_INFO.closeness.format(m.closeness)} (1 = a direct tie to everyone).`,
    constraint: explainConstraint(m),
    effectiveSize: explainEffectiveSize(m),
    brokerage:
      role === null
        ? 'Does not sit between two people who are not directly tied.'
        : `Mostly a ${role}: ${ROLE_WORDS[role](dept)} (${plural(m.brokerage[role], 'time', 'times')}; ${count(totalBrokerage)} brokerage positions in all).`,
    cluster:
      cluster === null
        ? 'Not in a cluster: has no influence or trust ties.'
        : `In ${cluster.name}, a cluster of ${plural(cluster.memberIds.length, 'person', 'people')} more tied to each other than to the rest.`,
    leadersAdvised: leadersAdvisedSentence(p, ctx.adviceOf(i), ctx.personById),
    hiddenInfluence: explainHiddenInfluence(ctx, m, n),
  };
}
