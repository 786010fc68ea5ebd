/**
 * "What if ... leaves?": the map analysed again without some people (one, or several at once for a
 * reorganisation), compared with the map as it is. Pure: the document is never touched; the caller
 * shows the comparison and throws it away.
 *
 * - Introduction paths from Me: fewest steps over influence and trust ties in either direction (the
 *   introduction network, unweighted), before and after. Listed when the count grows or the person
 *   can no longer be reached.
 * - Leaders who lose an advisor: the analysis' own advisor lists before and after (whatever rule
 *   analyse() applies), so this never disagrees with the Insights.
 * - Departments that lose their only bridge: two departments joined by at least one influence or
 *   trust tie before, by none after, while both still have people.
 * - Key brokers: the ranking by betweenness (as the canvas' Broker badges) before and after.
 * - Connections: ordered pairs of remaining people, one reaching the other over the informal
 *   network, that take more steps or break: for one person this is their key-person risk.
 */
import { displayName } from '../domain/describe';
import type { Id } from '../domain/types';
import { analyse, analyseAside } from './analyse';
import { brokerPlaces } from './broker-order';
import { listNames, ordinal, percent } from './format';
import { indexArcs, indexProjection, type IndexedGraph } from './indexed-graph';
import { count } from './key-person';
import { informalArcs, isInformal } from './projections';
import type { AnalysisInput, AnalysisResult, PersonMetrics } from './types';

export interface WhatIfPathChange {
  id: Id;
  /** Steps from Me before (1 = a direct tie). */
  before: number;
  /** Steps after, or null when Me can no longer reach them. */
  after: number | null;
}

export interface WhatIfLeaderLoss {
  leaderId: Id;
  /** Removed people who advised this leader. */
  lostAdvisorIds: Id[];
  /** Of those, the ones who advised from outside the leader's line. */
  lostInformalIds: Id[];
  advisorsBefore: number;
  advisorsAfter: number;
}

export interface WhatIfBridge {
  /** Display names of the two departments, alphabetical. */
  departments: [string, string];
  /** The removed people whose ties were the only ones between the two departments. */
  viaIds: Id[];
  /** Influence and trust ties between the two departments before (all gone after). */
  ties: number;
}

export interface WhatIfBroker {
  id: Id;
  /** 1 = top broker; null when not ranked before (betweenness 0). */
  rankBefore: number | null;
  rankAfter: number;
  betweennessBefore: number;
  betweennessAfter: number;
}

export interface WhatIfResult {
  /** The removed people that exist on the map, in the order given. */
  removedIds: Id[];
  meId: Id | null;
  meRemoved: boolean;
  /** Still reachable from Me, in more steps; most added steps first. */
  longerPaths: WhatIfPathChange[];
  /** Reachable from Me before, not after. */
  unreachable: WhatIfPathChange[];
  /** Ties on one fewest-step route from Me to each person above, before the removal (for the canvas). */
  brokenPathTieIds: Id[];
  leaders: WhatIfLeaderLoss[];
  bridges: WhatIfBridge[];
  /** The top brokers after, with their place before. */
  brokers: WhatIfBroker[];
  /** Ordered pairs of remaining people connected before / of those, taking more steps or broken after. */
  connections: { pairs: number; worse: number };
  /** One plain sentence per finding, each number from the lists above. */
  summary: string[];
}

const TOP_BROKERS = 5;

export function withoutPeople(input: AnalysisInput, removed: ReadonlySet<Id>): AnalysisInput {
  return {
    ...input,
    people: input.people.filter((p) => !removed.has(p.id)),
    ties: input.ties.filter((t) => !removed.has(t.source) && !removed.has(t.target)),
    meId: input.meId && !removed.has(input.meId) ? input.meId : null,
  };
}

/** Breadth-first hops from one person; -1 = unreachable. Also the BFS parent of each person. */
function hops(g: IndexedGraph, from: number): { dist: Int32Array; parent: Int32Array } {
  const dist = new Int32Array(g.n).fill(-1);
  const parent = new Int32Array(g.n).fill(-1);
  const queue = new Int32Array(g.n);
  dist[from] = 0;
  queue[0] = from;
  for (let head = 0, tail = 1; head < tail; head++) {
    const u = queue[head];
    for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
      const v = g.outTarget[k];
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        parent[v] = u;
        queue[tail++] = v;
      }
    }
  }
  return { dist, parent };
}

/** Influence and trust ties in either direction, every tie one step: who can ask whom. */
function introductionIndex(input: AnalysisInput): IndexedGraph {
  const { n, sources, targets } = informalArcs(input);
  return indexArcs(n, [...sources, ...targets], [...targets, ...sources], new Array<number>(sources.length * 2).fill(1));
}

/** Fewest hops from a source, reusing its arrays and resetting only what the last search touched. */
function hopSearch(g: IndexedGraph): (from: number) => Int32Array {
  const dist = new Int32Array(g.n).fill(-1);
  const queue = new Int32Array(g.n);
  let touched = 0;
  return (from) => {
    for (let i = 0; i < touched; i++) dist[queue[i]] = -1;
    dist[from] = 0;
    queue[0] = from;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const u = queue[head];
      for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
        const v = g.outTarget[k];
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    touched = tail;
    return dist;
  };
}

/** Counts pairs (s, t) of people kept, connected before, whose hop distance grows or breaks after. */
function connectionChanges(before: IndexedGraph, after: IndexedGraph, afterIndexOf: Int32Array): { pairs: number; worse: number } {
  let pairs = 0;
  let worse = 0;
  const searchBefore = hopSearch(before);
  const searchAfter = hopSearch(after);
  for (let s = 0; s < before.n; s++) {
    const sa = afterIndexOf[s];
    if (sa < 0 || before.outStart[s + 1] === before.outStart[s]) continue;
    const b = searchBefore(s);
    const a = searchAfter(sa);
    for (let t = 0; t < before.n; t++) {
      const ta = afterIndexOf[t];
      if (t === s || ta < 0 || b[t] < 0) continue;
      pairs++;
      if (a[ta] < 0 || a[ta] > b[t]) worse++;
    }
  }
  return { pairs, worse };
}


const departmentKey = (d: string) => d.trim().toLowerCase();

function lostBridges(input: AnalysisInput, removed: ReadonlySet<Id>): WhatIfBridge[] {
  const deptOf = new Map(input.people.map((p) => [p.id, departmentKey(p.department)]));
  const label = new Map<string, string>();
  const remaining = new Set<string>();
  for (const p of input.people) {
    const key = departmentKey(p.department);
    if (!key) continue;
    if (!label.has(key)) label.set(key, p.department.trim());
    if (!removed.has(p.id)) remaining.add(key);
  }
  const pairs = new Map<string, { a: string; b: string; before: number; after: number; via: Set<Id> }>();
  for (const t of input.ties) {
    if (!isInformal(t)) continue;
    const a = deptOf.get(t.source);
    const b = deptOf.get(t.target);
    if (!a || !b || a === b) continue;
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    let entry = pairs.get(key);
    if (!entry) pairs.set(key, (entry = { a: x, b: y, before: 0, after: 0, via: new Set() }));
    entry.before++;
    const gone = removed.has(t.source) || removed.has(t.target);
    if (!gone) entry.after++;
    if (removed.has(t.source)) entry.via.add(t.source);
    if (removed.has(t.target)) entry.via.add(t.target);
  }
  const out: WhatIfBridge[] = [];
  for (const e of pairs.values()) {
    if (e.after > 0 || !remaining.has(e.a) || !remaining.has(e.b)) continue;
    const names = [label.get(e.a)!, label.get(e.b)!].sort((p, q) => p.localeCompare(q)) as [string, string];
    out.push({ departments: names, viaIds: [...e.via], ties: e.before });
  }
  return out.sort((p, q) => p.departments[0].localeCompare(q.departments[0]) || p.departments[1].localeCompare(q.departments[1]));
}

function leaderLosses(before: AnalysisResult, after: AnalysisResult, removed: ReadonlySet<Id>): WhatIfLeaderLoss[] {
  const out: WhatIfLeaderLoss[] = [];
  const advisorsOf = (result: AnalysisResult, leaderId: Id) => result.advisors.filter((a) => a.leaders.some((l) => l.leaderId === leaderId));
  for (const leaderId of before.seniorLeaderIds) {
    if (removed.has(leaderId)) continue;
    const had = advisorsOf(before, leaderId);
    const lost = had.filter((a) => removed.has(a.id));
    if (lost.length === 0) continue;
    out.push({
      leaderId,
      lostAdvisorIds: lost.map((a) => a.id),
      lostInformalIds: lost.filter((a) => a.leaders.some((l) => l.leaderId === leaderId && l.informal)).map((a) => a.id),
      advisorsBefore: had.length,
      advisorsAfter: advisorsOf(after, leaderId).length,
    });
  }
  return out;
}

function steps(n: number): string {
  return n === 1 ? '1 step' : `${count(n)} steps`;
}

function people(n: number): string {
  return n === 1 ? '1 person' : `${count(n)} people`;
}

export function whatIf(input: AnalysisInput, removedIds: readonly Id[]): WhatIfResult {
  const known = new Set(input.people.map((p) => p.id));
  const removedList = [...new Set(removedIds)].filter((id) => known.has(id));
  const removed = new Set(removedList);
  const reduced = withoutPeople(input, removed);
  const before = analyse(input);
  const after = analyseAside(reduced);
  const nameOf = new Map(input.people.map((p) => [p.id, displayName(p)]));
  const name = (id: Id) => nameOf.get(id) ?? 'Unknown person';

  const indexOf = new Map(input.people.map((p, i) => [p.id, i]));
  const afterIndexOf = new Int32Array(input.people.length).fill(-1);
  reduced.people.forEach((p, i) => (afterIndexOf[indexOf.get(p.id)!] = i));

  // Introduction paths from Me.
  const meId = input.meId && known.has(input.meId) ? input.meId : null;
  const meRemoved = meId !== null && removed.has(meId);
  const longerPaths: WhatIfPathChange[] = [];
  const unreachable: WhatIfPathChange[] = [];
  const brokenTies = new Set<Id>();
  if (meId && !meRemoved) {
    const gBefore = introductionIndex(input);
    const gAfter = introductionIndex(reduced);
    const me = indexOf.get(meId)!;
    const b = hops(gBefore, me);
    const a = hops(gAfter, afterIndexOf[me]).dist;
    const tieBetween = new Map<string, Id>();
    for (const t of input.ties) {
      if (!isInformal(t)) continue;
      const i = indexOf.get(t.source)!;
      const j = indexOf.get(t.target)!;
      const key = i < j ? `${i}:${j}` : `${j}:${i}`;
      const prev = tieBetween.get(key);
      if (!prev) tieBetween.set(key, t.id);
    }
    for (let t = 0; t < input.people.length; t++) {
      const ta = afterIndexOf[t];
      if (t === me || ta < 0 || b.dist[t] < 0) continue;
      const afterSteps = a[ta] < 0 ? null : a[ta];
      if (afterSteps !== null && afterSteps <= b.dist[t]) continue;
      const change = { id: input.people[t].id, before: b.dist[t], after: afterSteps };
      (afterSteps === null ? unreachable : longerPaths).push(change);
      // Every fewest-step route went through someone removed, so the BFS tree's route does too.
      for (let x = t; b.parent[x] >= 0; x = b.parent[x]) {
        const y = b.parent[x];
        const id = tieBetween.get(x < y ? `${x}:${y}` : `${y}:${x}`);
        if (id) brokenTies.add(id);
      }
    }
    longerPaths.sort((p, q) => q.after! - q.before - (p.after! - p.before) || p.before - q.before || name(p.id).localeCompare(name(q.id)));
    unreachable.sort((p, q) => p.before - q.before || name(p.id).localeCompare(name(q.id)));
  }

  const leaders = leaderLosses(before, after, removed);
  const bridges = lostBridges(input, removed);

  const ranksBefore = brokerPlaces(before.people);
  const ranksAfter = brokerPlaces(after.people);
  const metricBefore = new Map<Id, PersonMetrics>(before.people.map((m) => [m.id, m]));
  const brokers: WhatIfBroker[] = [...ranksAfter]
    .filter(([, rank]) => rank <= TOP_BROKERS)
    .map(([id, rankAfter]) => ({
      id,
      rankBefore: ranksBefore.get(id) ?? null,
      rankAfter,
      betweennessBefore: metricBefore.get(id)?.betweenness ?? 0,
      betweennessAfter: after.people[after.indexById[id]].betweenness,
    }));

  const informalBefore = indexProjection(informalArcs(input), () => 1);
  const informalAfter = indexProjection(informalArcs(reduced), () => 1);
  const connections = connectionChanges(informalBefore, informalAfter, afterIndexOf);

  const summary: string[] = [];
  const who = removedList.length === 1 ? name(removedList[0]) : `these ${count(removedList.length)} people`;
  if (removedList.length === 0) summary.push('Nobody is removed: choose who might leave.');
  else {
    summary.push(
      connections.pairs === 0
        ? 'No two of the remaining people were connected through influence or trust ties.'
        : `Without ${who}, ${count(connections.worse)} of the ${count(connections.pairs)} connections between the remaining people (${percent(connections.worse / connections.pairs)}) would take more steps or break.`,
    );
    if (!meId) summary.push('Mark yourself as Me to see which of your introduction paths would break.');
    else if (meRemoved) summary.push('You are among the people removed, so your own introduction paths are not compared.');
    else {
      summary.push(
        unreachable.length === 0 ? 'You could still reach everyone you reach today.' : `You could no longer reach ${people(unreachable.length)}: ${listNames(unreachable.map((c) => name(c.id)), 4)}.`,
      );
      if (longerPaths.length > 0) {
        const first = longerPaths[0];
        summary.push(
          `Your route to ${people(longerPaths.length)} would get longer; the most to ${name(first.id)}, from ${steps(first.before)} to ${steps(first.after!)}.`,
        );
      }
    }
    if (leaders.length > 0) {
      const left = leaders.filter((l) => l.advisorsAfter === 0);
      summary.push(
        `${leaders.length === 1 ? '1 senior leader loses' : `${count(leaders.length)} senior leaders lose`} an advisor: ${listNames(leaders.map((l) => name(l.leaderId)), 4)}` +
          (left.length > 0 ? `; ${listNames(left.map((l) => name(l.leaderId)), 3)} would have nobody left advising them.` : '.'),
      );
    }
    if (bridges.length > 0) {
      summary.push(
        `${bridges.length === 1 ? '1 pair of departments loses' : `${count(bridges.length)} pairs of departments lose`} their only tie: ${listNames(bridges.map((b) => `${b.departments[0]} – ${b.departments[1]}`), 3)}.`,
      );
    }
    const top = brokers[0];
    if (top) {
      summary.push(
        top.rankBefore === 1
          ? `${name(top.id)} stays the top broker.`
          : `${name(top.id)} becomes the top broker; was ${top.rankBefore === null ? 'not a broker' : ordinal(top.rankBefore)}.`,
      );
    } else summary.push('Nobody would be left between two other people: no brokers.');
  }

  return {
    removedIds: removedList,
    meId,
    meRemoved,
    longerPaths,
    unreachable,
    brokenPathTieIds: [...brokenTies],
    leaders,
    bridges,
    brokers,
    connections,
    summary,
  };
}
