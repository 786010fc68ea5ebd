/**
 * One plain sentence per metric per person: every number on screen can be read as words.
 */
import { displayName } from '../domain/describe';
import { decimal, listNames, ordinal, percent, plural } from './format';
import type { AnalysisInput, BrokerageRole, Cluster, PersonExplanations, PersonMetrics } from './types';

export interface ExplainContext {
  input: AnalysisInput;
  metrics: PersonMetrics[];
  clusters: Cluster[];
  /** Informal neighbours (either direction) per person, by index. */
  neighbours: number[][];
  /** Names of the leaders each person advises, by index. */
  leadersAdvisedNames: string[][];
  influenceTies: number;
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
  for (const j of ctx.neighbours[i]) {
    const d = ctx.input.people[j].department.trim();
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
  return `${lead}: lies on ${percent(b)} of the strongest routes between other people.`;
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
  const advised = ctx.leadersAdvisedNames[i];

  const places = Math.round(Math.abs(m.hiddenInfluence));
  const hidden =
    n < 2
      ? 'Needs at least two people to compare influence with position.'
      : `Ranks ${ordinal(m.informalRank)} of ${n} for informal influence and ${ordinal(m.formalRank)} by position: ` +
        (places === 0
          ? 'influence in line with their position.'
          : m.hiddenInfluence > 0
            ? `${plural(places, 'place', 'places')} more influential than their position suggests.`
            : `${plural(places, 'place', 'places')} less influential than their position suggests.`);

  return {
    seniorLeader: m.isSeniorLeader
      ? `Senior leader: ${levelName(input, p.seniority)} is at or above the leadership level (${levelName(input, input.leadershipLevel)}).`
      : `Not a senior leader: ${levelName(input, p.seniority)} is below the leadership level (${levelName(input, input.leadershipLevel)}).`,
    degree: m.degree === 0 ? 'Has no influence or trust ties yet.' : `Has influence or trust ties with ${plural(m.degree, 'person', 'people')}.`,
    inDegree:
      m.inDegree === 0
        ? 'Nobody is shown influencing or trusting them yet.'
        : `${plural(m.inDegree, 'tie comes', 'ties come')} in (strength total ${m.weightedInDegree}): people who sway or trust ${name}.`,
    outDegree:
      m.outDegree === 0
        ? `${name} is not shown influencing or trusting anyone yet.`
        : `${plural(m.outDegree, 'tie goes', 'ties go')} out (strength total ${m.weightedOutDegree}): people ${name} sways or trusts.`,
    betweenness: explainBetweenness(ctx, i),
    betweennessUnweighted:
      m.betweennessUnweighted <= 0
        ? 'Counting every tie as one step, not on any shortest route between two other people.'
        : `Counting every tie as one step, lies on ${percent(m.betweennessUnweighted)} of the shortest routes between other people.`,
    pagerank:
      ctx.influenceTies === 0
        ? 'No influence ties on the map yet, so everyone has the same influence score.'
        : `Influence score ${decimal(m.pagerank, 3)} (PageRank), ${decimal(m.pagerank * n, 1)} times the average: it rises when influential people are swayed by ${name}.`,
    closeness:
      m.reach === 0
        ? 'Cannot reach anyone through influence or trust ties.'
        : `Reaches ${m.reach} of ${plural(others, 'other', 'others')} through influence or trust ties; closeness ${decimal(m.closeness, 2)} (1 = a direct tie to everyone).`,
    constraint:
      m.constraint === null
        ? 'No ties, so constraint does not apply.'
        : `${m.constraint < 0.3 ? 'Open network: contacts are spread out and mostly not tied to each other' : m.constraint < 0.6 ? 'Partly closed network: some contacts are tied to each other' : 'Closed network: contacts are tied to each other or one contact dominates'} (constraint ${decimal(m.constraint, 2)}; lower means more brokerage opportunity).`,
    effectiveSize:
      m.effectiveSize === null
        ? 'No ties, so effective size does not apply.'
        : `${decimal(m.effectiveSize, 1)} of ${plural(m.degree, 'contact is', 'contacts are')} non-redundant (effective size): the rest are tied to each other.`,
    brokerage:
      role === null
        ? 'Does not sit between two people who are not directly tied.'
        : `Mostly a ${role}: ${ROLE_WORDS[role](dept)} (${plural(m.brokerage[role], 'time', 'times')}; ${totalBrokerage} brokerage positions in all).`,
    cluster:
      cluster === null
        ? 'Not in a cluster: has no influence or trust ties.'
        : `In ${cluster.name}, a cluster of ${plural(cluster.memberIds.length, 'person', 'people')} more tied to each other than to the rest.`,
    leadersAdvised:
      m.leadersAdvised === 0
        ? 'Does not advise any senior leader (no influence tie into one, not trusted by one).'
        : `Advises ${plural(m.leadersAdvised, 'senior leader', 'senior leaders')} (${listNames(advised)}); ${m.informalLeadersAdvised} outside their reporting line.`,
    hiddenInfluence: hidden,
  };
}
