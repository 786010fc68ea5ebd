/**
 * Senior leaders, the formal reporting structure, and who advises the leaders.
 * Advising = an influence tie into the leader, or the leader trusts the person.
 *
 * Formal advice comes only from the leader's own line: their direct manager and their direct
 * reports. Everyone else who advises a leader is an informal advisor, however far below or beside
 * them: a skip-level engineer with the CEO's ear is exactly who a user wants to spot (everyone in
 * a company is somewhere below its CEO, so "anywhere in the line" would make the CEO's informal
 * advisors invisible). How far they sit from the leader is kept (relation, levels) for the words.
 */
import { advisorHeadline } from './advice-words';
import type { Arcs } from './projections';
import type { AdviceRelation, Advisor, AnalysisInput, LeaderAdvice } from './types';

export function seniorLeaderFlags(input: AnalysisInput): boolean[] {
  return input.people.map((p) => p.seniority <= input.leadershipLevel);
}

export interface ReportingStructure {
  /** managersOf[i]: indices of i's managers (usually one). */
  managersOf: number[][];
  /** Fewest reports-to steps up to someone with no manager; 0 at the top, or inside a cycle. */
  depth: Int32Array;
}

export function reportingStructure(input: AnalysisInput, formal: Arcs): ReportingStructure {
  const managersOf: number[][] = input.people.map(() => []);
  const reportsOf: number[][] = input.people.map(() => []);
  for (let k = 0; k < formal.sources.length; k++) {
    managersOf[formal.sources[k]].push(formal.targets[k]);
    reportsOf[formal.targets[k]].push(formal.sources[k]);
  }
  // Breadth-first from the people with no manager gives each person their shortest chain upwards.
  const depth = new Int32Array(input.people.length).fill(-1);
  const queue: number[] = [];
  managersOf.forEach((m, i) => {
    if (m.length === 0) {
      depth[i] = 0;
      queue.push(i);
    }
  });
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const r of reportsOf[u]) {
      if (depth[r] < 0) {
        depth[r] = depth[u] + 1;
        queue.push(r);
      }
    }
  }
  for (let i = 0; i < depth.length; i++) if (depth[i] < 0) depth[i] = 0;
  return { managersOf, depth };
}

/**
 * Fewest reports-to steps from `person` up to `above`, or null when `above` is not in their chain
 * of managers. Breadth-first with a visited set, so cycles in the reporting lines end.
 */
export function levelsBelow(structure: ReportingStructure, person: number, above: number): number | null {
  if (person === above) return null;
  const seen = new Set<number>([person]);
  let frontier = [person];
  for (let steps = 1; frontier.length > 0; steps++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const m of structure.managersOf[u]) {
        if (m === above) return steps;
        if (!seen.has(m)) {
          seen.add(m);
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * Where `advisor` sits relative to `leader`. The leader's own line (direct report, direct manager)
 * wins; in a cycle where someone is both above and below, the shorter way counts.
 */
export function adviceRelation(structure: ReportingStructure, advisor: number, leader: number): { relation: AdviceRelation; levels: number | null } {
  const below = levelsBelow(structure, advisor, leader);
  const above = levelsBelow(structure, leader, advisor);
  if (below === 1) return { relation: 'direct-report', levels: 1 };
  if (above === 1) return { relation: 'manager', levels: 1 };
  if (below !== null && (above === null || below <= above)) return { relation: 'below', levels: below };
  if (above !== null) return { relation: 'above', levels: above };
  return { relation: 'beside', levels: null };
}

export const isFormalRelation = (r: AdviceRelation): boolean => r === 'direct-report' || r === 'manager';

function addAdvice(byPair: Map<string, { advisor: number; advice: LeaderAdvice; leader: number }>, advisor: number, leader: number, leaderId: string, strength: number, kind: 'influence' | 'trust') {
  const key = `${advisor}:${leader}`;
  const existing = byPair.get(key);
  if (!existing) {
    byPair.set(key, { advisor, leader, advice: { leaderId, strength, via: kind, relation: 'beside', levels: null, informal: true } });
    return;
  }
  existing.advice.strength = Math.max(existing.advice.strength, strength);
  if (existing.advice.via !== kind) existing.advice.via = 'both';
}

export function findAdvisors(input: AnalysisInput, leaders: boolean[], structure: ReportingStructure): Advisor[] {
  const index = new Map(input.people.map((p, i) => [p.id, i]));
  const byPair = new Map<string, { advisor: number; advice: LeaderAdvice; leader: number }>();
  for (const t of input.ties) {
    const s = index.get(t.source);
    const u = index.get(t.target);
    if (s === undefined || u === undefined || s === u) continue;
    // influence: the source advises the target. trust: the target is trusted, so advises the source.
    const pairs: [number, number][] =
      t.kind === 'influence' ? [[s, u]] : t.kind === 'trust' ? [[u, s]] : [];
    if (t.mutual && pairs.length) pairs.push([pairs[0][1], pairs[0][0]]);
    for (const [advisor, leader] of pairs) {
      if (leaders[leader]) addAdvice(byPair, advisor, leader, input.people[leader].id, t.strength, t.kind as 'influence' | 'trust');
    }
  }
  const byAdvisor = new Map<number, LeaderAdvice[]>();
  for (const { advisor, leader, advice } of byPair.values()) {
    const { relation, levels } = adviceRelation(structure, advisor, leader);
    advice.relation = relation;
    advice.levels = levels;
    advice.informal = !isFormalRelation(relation);
    if (!byAdvisor.has(advisor)) byAdvisor.set(advisor, []);
    byAdvisor.get(advisor)!.push(advice);
  }
  const advisors: Advisor[] = [...byAdvisor.entries()].map(([i, advice]) => {
    advice.sort((a, b) => Number(b.informal) - Number(a.informal) || b.strength - a.strength || a.leaderId.localeCompare(b.leaderId));
    return {
      id: input.people[i].id,
      leaders: advice,
      leaderCount: advice.length,
      informalLeaderCount: advice.filter((a) => a.informal).length,
      totalStrength: advice.reduce((sum, a) => sum + a.strength, 0),
      headline: advisorHeadline(input.people[i], advice[0], input.people[index.get(advice[0].leaderId)!]),
    };
  });
  const order = new Map(input.people.map((p, i) => [p.id, i]));
  advisors.sort(
    (a, b) => b.leaderCount - a.leaderCount || b.totalStrength - a.totalStrength || order.get(a.id)! - order.get(b.id)!,
  );
  return advisors;
}
