/**
 * Senior leaders, the formal reporting structure, and who advises the leaders.
 * Advising = an influence tie into the leader, or the leader trusts the person. An advisor is
 * "informal" for a leader when they are outside that leader's reporting line: neither in the chain
 * of managers above the leader nor anywhere below them.
 */
import type { Arcs } from './projections';
import type { Advisor, AnalysisInput, LeaderAdvice } from './types';
import { pushAll } from '../domain/extent';

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

/** True when `above` is somewhere in `person`'s chain of managers. Cycles are harmless. */
export function isAbove(structure: ReportingStructure, above: number, person: number): boolean {
  const seen = new Set<number>([person]);
  const stack = [...structure.managersOf[person]];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (m === above) return true;
    if (seen.has(m)) continue;
    seen.add(m);
    pushAll(stack, structure.managersOf[m]);
  }
  return false;
}

export function inReportingLine(structure: ReportingStructure, a: number, b: number): boolean {
  return isAbove(structure, a, b) || isAbove(structure, b, a);
}

function addAdvice(byPair: Map<string, { advisor: number; advice: LeaderAdvice; leader: number }>, advisor: number, leader: number, leaderId: string, strength: number, kind: 'influence' | 'trust') {
  const key = `${advisor}:${leader}`;
  const existing = byPair.get(key);
  if (!existing) {
    byPair.set(key, { advisor, leader, advice: { leaderId, strength, via: kind, informal: false } });
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
    advice.informal = !inReportingLine(structure, advisor, leader);
    if (!byAdvisor.has(advisor)) byAdvisor.set(advisor, []);
    byAdvisor.get(advisor)!.push(advice);
  }
  const advisors: Advisor[] = [...byAdvisor.entries()].map(([i, advice]) => {
    advice.sort((a, b) => b.strength - a.strength || a.leaderId.localeCompare(b.leaderId));
    return {
      id: input.people[i].id,
      leaders: advice,
      leaderCount: advice.length,
      informalLeaderCount: advice.filter((a) => a.informal).length,
      totalStrength: advice.reduce((sum, a) => sum + a.strength, 0),
    };
  });
  const order = new Map(input.people.map((p, i) => [p.id, i]));
  advisors.sort(
    (a, b) => b.leaderCount - a.leaderCount || b.totalStrength - a.totalStrength || order.get(a.id)! - order.get(b.id)!,
  );
  return advisors;
}
