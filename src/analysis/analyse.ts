/**
 * The whole analysis of one map: projections -> metrics -> lists -> sentences. Pure and synchronous;
 * the worker wraps it. Never throws on odd maps and never returns NaN (see tests/unit/analysis).
 */
import pagerank from 'graphology-metrics/centrality/pagerank';
import { brokerageCounts, departmentGroups, dominantRole } from './brokerage';
import { brokerOrder } from './broker-order';
import { findClusters } from './clusters';
import { explanationRecord, neighbourColumns } from './explanations';
import { indexProjection, type IndexedGraph } from './indexed-graph';
import { influenceRanks, notablePlaces } from './influence-ranks';
import { lowerFirst } from './format';
import { METRIC_INFO } from './metric-info';
import { findAdvisors, reportingStructure, seniorLeaderFlags } from './leadership';
import { DISTANCE_UNITS, endorsementArcs, endorsementNetwork, formalArcs, informalArcs, type ArcGraph } from './projections';
import { keyPersonRisk, pathMeasures, type PathMeasures } from './shortest-paths';
import { estimateSentence } from './format';
import { structuralHoles } from './structural-holes';
import type { AnalysisInput, AnalysisResult, PersonMetrics } from './types';
import { fromSafeIds, needsSafeIds, toSafeInput } from './safe-ids';
import { uniquePeople } from './input';

const PAGERANK_ALPHA = 0.85;
const MAX_TOP_BROKERS = 5;
const MAX_LISTED = 5;

/**
 * Shortest-path measures are the expensive part and depend only on the informal network's shape and
 * strengths, so the last result is kept: renaming someone, moving them or adding a reports-to tie
 * does not repeat them.
 */
let lastPaths: { key: string; measures: PathMeasures } | null = null;

export function shapeKey(g: IndexedGraph): string {
  return `${g.n}|${g.outStart.join(',')}|${g.outTarget.join(',')}|${g.outLength.join(',')}`;
}

/** The CSR the shortest-path measures run on: informal arcs, length DISTANCE_UNITS/strength. */
export function distanceIndex(input: AnalysisInput): IndexedGraph {
  return indexProjection(informalArcs(input), (s) => DISTANCE_UNITS / s);
}

/** Lets a caller that computed the measures elsewhere (e.g. split over two workers) hand them in. */
export function rememberPathMeasures(g: IndexedGraph, measures: PathMeasures): void {
  lastPaths = { key: shapeKey(g), measures };
}

/** Forgets the remembered shortest-path measures (benchmarks measure the full cost). */
export function clearAnalysisCache(): void {
  lastPaths = null;
}

export function hasCachedPathMeasures(g: IndexedGraph): boolean {
  return lastPaths?.key === shapeKey(g);
}

function cachedPathMeasures(g: IndexedGraph): PathMeasures {
  const key = shapeKey(g);
  if (lastPaths?.key !== key) lastPaths = { key, measures: pathMeasures(g) };
  return lastPaths.measures;
}

/**
 * Analyses a variant of the map (a what-if) without evicting the open map's remembered
 * shortest-path measures, so the next ordinary analysis stays cheap.
 */
export function analyseAside(input: AnalysisInput): AnalysisResult {
  const kept = lastPaths;
  try {
    return analyse(input);
  } finally {
    lastPaths = kept;
  }
}

/** Weakly connected groups, counting isolated people (union-find). */
function countComponents(g: IndexedGraph): number {
  const parent = Int32Array.from({ length: g.n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let components = g.n;
  for (let u = 0; u < g.n; u++) {
    for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
      const a = find(u);
      const b = find(g.outTarget[k]);
      if (a !== b) {
        parent[a] = b;
        components--;
      }
    }
  }
  return components;
}


/** PageRank on the endorsement network; uniform when the library cannot converge (never expected). */
function influencePagerank(graph: ArcGraph): Float64Array {
  const n = graph.order;
  if (n === 0) return new Float64Array(0);
  let scores: Record<string, number>;
  try {
    scores = pagerank(graph, { alpha: PAGERANK_ALPHA, getEdgeWeight: 'strength', tolerance: 1e-12, maxIterations: 1000 });
  } catch {
    return new Float64Array(n).fill(1 / n);
  }
  const out = new Float64Array(n);
  let i = 0;
  graph.forEachNode((node) => {
    out[i++] = Number.isFinite(scores[node]) ? scores[node] : 1 / n;
  });
  return out;
}

function weightedDegrees(g: IndexedGraph) {
  const inW = new Float64Array(g.n);
  const outW = new Float64Array(g.n);
  for (let u = 0; u < g.n; u++) {
    for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
      outW[u] += g.outLength[k];
      inW[g.outTarget[k]] += g.outLength[k];
    }
  }
  return { inW, outW };
}

/** Distinct informal neighbours, either direction. */
function neighbourLists(g: IndexedGraph): number[][] {
  const lists: Set<number>[] = Array.from({ length: g.n }, () => new Set<number>());
  for (let u = 0; u < g.n; u++) {
    for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
      lists[u].add(g.outTarget[k]);
      lists[g.outTarget[k]].add(u);
    }
  }
  return lists.map((s) => [...s]);
}

function mapMessages(input: AnalysisInput, result: Omit<AnalysisResult, 'messages' | 'explanations' | 'explanationData'>, isolated: number): string[] {
  const n = input.people.length;
  const messages: string[] = [];
  if (n === 0) return ['The map is empty: add people and ties to see the brokers, the advisors of senior leaders and the hidden influencers.'];
  if (n === 1) messages.push('Only one person so far: add more people and ties to see how they connect.');
  else if (result.stats.informalTies === 0) messages.push('No influence or trust ties yet: brokers, clusters and introduction paths need them.');
  else if (result.stats.components > 1)
    messages.push(
      `The influence and trust ties form ${result.stats.components} separate groups` +
        (isolated > 0 ? ` (counting ${isolated === 1 ? '1 person' : `${isolated} people`} with no such ties)` : '') +
        ': nobody can be reached across them.',
    );
  if (n > 1 && result.stats.influenceTies === 0 && result.stats.informalTies > 0)
    messages.push(`No influence ties: ${lowerFirst(METRIC_INFO.pagerank.label)} is the same for everyone.`);
  const levelName = input.levels[Math.min(Math.max(0, input.leadershipLevel), input.levels.length - 1)] ?? 'the leadership level';
  if (result.seniorLeaderIds.length === 0)
    messages.push(`No senior leaders: nobody is at or above the leadership level (${levelName}). Set someone's seniority to see who advises them.`);
  else if (result.advisors.length === 0)
    messages.push('Nobody advises a senior leader yet: add influence ties into a leader, or trust ties from a leader.');
  return messages;
}

/** Every metric for a map (ids that name Object.prototype members are handled: safe-ids.ts). */
export function analyse(rawInput: AnalysisInput): AnalysisResult {
  const safe = needsSafeIds(rawInput);
  const prepared = prepareAnalysis(safe ? toSafeInput(rawInput) : rawInput);
  const paths = cachedPathMeasures(prepared.byDistance);
  phase('shortest paths');
  return completed(rawInput, safe, prepared.finish(paths));
}

/**
 * analyse(), with the shortest-path measures from `computePaths` (e.g. another worker), which
 * starts as soon as the network is indexed and runs while the rest of the analysis is computed
 * here. The same result as analyse(). Not called when the measures are remembered.
 */
export async function analyseWith(rawInput: AnalysisInput, computePaths: (g: IndexedGraph) => Promise<PathMeasures>): Promise<AnalysisResult> {
  const safe = needsSafeIds(rawInput);
  let pending: Promise<PathMeasures> | null = null;
  const prepared = prepareAnalysis(safe ? toSafeInput(rawInput) : rawInput, (g) => {
    if (!hasCachedPathMeasures(g)) pending = computePaths(g);
  });
  if (pending) rememberPathMeasures(prepared.byDistance, await pending);
  return completed(rawInput, safe, prepared.finish(cachedPathMeasures(prepared.byDistance)));
}

function completed(rawInput: AnalysisInput, safe: boolean, analysed: Omit<AnalysisResult, 'explanations'>): AnalysisResult {
  const result = safe ? fromSafeIds(analysed) : analysed;
  // Sentences use names, never ids, so they are written from the map as given.
  return { ...result, explanations: explanationRecord(uniquePeople(rawInput), result, result.explanationData) };
}

/** Set by analysePhases(): each phase's name and milliseconds, for benchmarks and profiling. */
let phaseLog: [string, number][] | null = null;
let phaseStarted = 0;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
let phaseClock = now;
function phase(name: string): void {
  if (!phaseLog) return;
  const t = phaseClock();
  phaseLog.push([name, t - phaseStarted]);
  phaseStarted = phaseClock();
}

/** analyse() with the time of each phase, in order (benchmarks: bench/analysis-phases.bench.ts). */
export function analysePhases(input: AnalysisInput, clock: () => number = now): { result: AnalysisResult; phases: [string, number][] } {
  phaseLog = [];
  phaseClock = clock;
  phaseStarted = clock();
  try {
    const result = analyse(input);
    return { result, phases: phaseLog };
  } finally {
    phaseLog = null;
  }
}

interface PreparedAnalysis {
  /** The network the shortest-path measures run on. */
  byDistance: IndexedGraph;
  /** The rest of the analysis, given those measures. */
  finish: (paths: PathMeasures) => Omit<AnalysisResult, 'explanations'>;
}

/**
 * Everything that does not need shortest paths (projections, structural holes, brokerage,
 * PageRank, clusters, leadership, ranks), so another worker can compute the paths meanwhile:
 * `onDistanceIndex` hears of the network as soon as it is built.
 */
function prepareAnalysis(rawInput: AnalysisInput, onDistanceIndex?: (g: IndexedGraph) => void): PreparedAnalysis {
  const started = now();
  const input = uniquePeople(rawInput);
  const n = input.people.length;
  const informal = informalArcs(input);
  const endorsement = endorsementNetwork(input);
  const formal = formalArcs(input);
  phase('projections');

  const byDistance = indexProjection(informal, (s) => DISTANCE_UNITS / s);
  const byStrength = indexProjection(informal, (s) => s);
  phase('index');
  onDistanceIndex?.(byDistance);
  const holes = structuralHoles(byStrength);
  phase('structural holes');
  const brokerage = brokerageCounts(byStrength, departmentGroups(input.people.map((p) => p.department)));
  phase('brokerage');
  const { inW, outW } = weightedDegrees(byStrength);
  const neighbours = neighbourLists(byStrength);
  phase('degrees');
  const pr = influencePagerank(endorsement);
  phase('pagerank');
  const sway = weightedDegrees(indexProjection(endorsementArcs(input), (s) => s)).inW;
  phase('sway');

  const clustering = findClusters(input, informal);
  phase('clusters');
  const leaders = seniorLeaderFlags(input);
  const structure = reportingStructure(input, formal);
  const advisors = findAdvisors(input, leaders, structure);
  phase('leadership');
  const ranks = influenceRanks(
    pr,
    sway,
    input.people.map((p) => p.seniority),
    structure.depth,
  );
  phase('ranks');

  const finish = (paths: PathMeasures): Omit<AnalysisResult, 'explanations'> => {
  const risk = keyPersonRisk(paths);
  phase('key-person risk');
  const advisorById = new Map(advisors.map((a) => [a.id, a]));
  const people: PersonMetrics[] = input.people.map((p, i) => {
    const advisor = advisorById.get(p.id);
    return {
      id: p.id,
      degree: neighbours[i].length,
      inDegree: byStrength.inStart[i + 1] - byStrength.inStart[i],
      outDegree: byStrength.outStart[i + 1] - byStrength.outStart[i],
      weightedInDegree: inW[i],
      weightedOutDegree: outW[i],
      betweenness: paths.betweenness[i],
      betweennessUnweighted: paths.betweennessUnweighted[i],
      pagerank: pr[i],
      closeness: n > 1 ? paths.harmonicSum[i] / (n - 1) : 0,
      reach: paths.reach[i],
      constraint: holes.constraint[i],
      effectiveSize: holes.effectiveSize[i],
      brokerage: brokerage[i],
      brokerageRole: dominantRole(brokerage[i]),
      cluster: clustering.clusterOf[i],
      isSeniorLeader: leaders[i],
      leadersAdvised: advisor?.leaderCount ?? 0,
      informalLeadersAdvised: advisor?.informalLeaderCount ?? 0,
      reportingDepth: structure.depth[i],
      informalScore: ranks.informalScore[i],
      informalRank: ranks.informalRank[i],
      formalRank: ranks.formalRank[i],
      hiddenInfluence: ranks.hiddenInfluence[i],
      keyPersonRisk: risk[i],
    };
  });
  phase('metrics');

  const indexById: Record<string, number> = Object.create(null) as Record<string, number>;
  input.people.forEach((p, i) => (indexById[p.id] = i));

  const notable = notablePlaces(n);
  const hiddenInfluencerIds = people
    .filter((m) => m.informalScore > 0 && m.hiddenInfluence >= notable)
    .sort((a, b) => b.hiddenInfluence - a.hiddenInfluence || b.informalScore - a.informalScore)
    .slice(0, MAX_LISTED)
    .map((m) => m.id);
  const figureheadIds = people
    .filter((m) => m.formalRank <= Math.max(1, n / 3) && m.hiddenInfluence <= -notable)
    .sort((a, b) => a.hiddenInfluence - b.hiddenInfluence || a.formalRank - b.formalRank)
    .slice(0, MAX_LISTED)
    .map((m) => m.id);
  const topBrokerIds = brokerOrder(people)
    .slice(0, Math.min(MAX_TOP_BROKERS, Math.max(1, Math.ceil(n / 10))))
    .map((m) => m.id);

  let influenceTies = 0;
  let reportsToTies = 0;
  let tensionTies = 0;
  let informalTies = 0;
  for (const t of input.ties) {
    if (t.kind === 'influence') influenceTies++;
    else if (t.kind === 'reports-to') reportsToTies++;
    else if (t.kind === 'tension') tensionTies++;
    if (t.kind === 'influence' || t.kind === 'trust') informalTies++;
  }
  const isolated = neighbours.filter((l) => l.length === 0).length;
  phase('lists');

  const partial = {
    people,
    indexById,
    clusters: clustering.clusters,
    modularity: clustering.modularity,
    seniorLeaderIds: input.people.filter((_, i) => leaders[i]).map((p) => p.id),
    advisors,
    informalAdvisorIds: advisors.filter((a) => a.informalLeaderCount > 0).map((a) => a.id),
    hiddenInfluencerIds,
    figureheadIds,
    topBrokerIds,
    stats: {
      people: n,
      informalTies,
      influenceTies,
      reportsToTies,
      tensionTies,
      components: countComponents(byStrength),
      durationMs: 0,
    },
  };
  phase('components');

  const explanationData = { ...neighbourColumns(neighbours), reach: paths.reach, reachedBy: paths.reachedBy, dependentPairs: paths.dependentPairs };
  phase('explanation data');

  const messages = mapMessages(input, partial, isolated);
  const estimate = paths.sample ? { sources: paths.sample.sources, people: paths.sample.people, relativeError: paths.sample.relativeError } : undefined;
  if (estimate) messages.unshift(estimateSentence(estimate));
  const finished = typeof performance !== 'undefined' ? performance.now() : Date.now();
  partial.stats.durationMs = finished - started;
  return estimate ? { ...partial, explanationData, messages, estimate } : { ...partial, explanationData, messages };
  };
  return { byDistance, finish };
}
