/**
 * Graph projections: which ties, which direction, which weights, for each question. Each is a
 * named function so a reader can see exactly what a metric was computed on. Every projection holds
 * every person as a node, in input order, so node index i is `input.people[i]`.
 *
 * Tension ties never appear in any projection: a strained relationship is neither a path nor support.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology';
import type { AnalysisInput, AnalysisTie } from './types';

/**
 * Distances in exact units: 6/strength gives 6, 3, 2 for strengths 1, 2, 3. Betweenness and path
 * choice are unchanged by scaling, and integers keep equally strong routes exactly equal, which
 * 1/strength in floating point does not (1/3 + 1/3 + 1/3 vs 1/2 + 1/2 may differ in the last bit).
 */
export const DISTANCE_UNITS = 6;

export interface ArcAttributes {
  /** 1-3; the strongest tie when several ties join the same two people the same way. */
  strength: number;
  /** 1/strength, for graphology routines (they read the weight as a distance). */
  distance: number;
  /** DISTANCE_UNITS/strength: an exact integer version of `distance`. */
  units: number;
}

export interface EdgeWeightAttributes {
  weight: number;
}

export type ArcGraph = DirectedGraph<Record<string, never>, ArcAttributes>;

function arcAttributes(strength: number): ArcAttributes {
  return { strength, distance: 1 / strength, units: DISTANCE_UNITS / strength };
}

/**
 * A projection as plain arcs over person indices (input order). Parallel arcs are merged keeping the
 * strongest. The graphology projections below are built from these, so both views agree exactly;
 * the hot paths use the arcs directly because building graphology graphs costs more than the metrics.
 */
export interface Arcs {
  n: number;
  sources: number[];
  targets: number[];
  strengths: number[];
}

function projectArcs(input: AnalysisInput, keep: (t: AnalysisTie) => boolean, reverse: boolean, respectMutual = true): Arcs {
  const n = input.people.length;
  const index = new Map<string, number>();
  input.people.forEach((p, i) => index.set(p.id, i));
  const arcs: Arcs = { n, sources: [], targets: [], strengths: [] };
  const slot = new Map<number, number>();
  const add = (a: number, b: number, strength: number) => {
    if (a === b) return;
    const key = a * n + b;
    const at = slot.get(key);
    if (at === undefined) {
      slot.set(key, arcs.sources.length);
      arcs.sources.push(a);
      arcs.targets.push(b);
      arcs.strengths.push(strength);
    } else if (arcs.strengths[at] < strength) arcs.strengths[at] = strength;
  };
  for (const t of input.ties) {
    if (!keep(t)) continue;
    const s = index.get(t.source);
    const u = index.get(t.target);
    if (s === undefined || u === undefined) continue;
    const [from, to] = reverse ? [u, s] : [s, u];
    add(from, to, t.strength);
    if (respectMutual && t.mutual) add(to, from, t.strength);
  }
  return arcs;
}

function toGraph(input: AnalysisInput, arcs: Arcs): ArcGraph {
  const graph: ArcGraph = new DirectedGraph({ allowSelfLoops: false });
  for (const p of input.people) graph.addNode(p.id);
  for (let k = 0; k < arcs.sources.length; k++) {
    graph.addDirectedEdge(input.people[arcs.sources[k]].id, input.people[arcs.targets[k]].id, arcAttributes(arcs.strengths[k]));
  }
  return graph;
}

export const isInformal = (t: AnalysisTie): boolean => t.kind === 'influence' || t.kind === 'trust';

/**
 * Influence and trust ties as stored: "A influences B" and "A trusts B" both give A -> B (A can get
 * B's ear). Mutual ties give two arcs. Used for betweenness, closeness, structural holes and brokerage.
 */
export function informalArcs(input: AnalysisInput): Arcs {
  return projectArcs(input, isInformal, false);
}

export function informalNetwork(input: AnalysisInput): ArcGraph {
  return toGraph(input, informalArcs(input));
}

/** Influence ties only, as stored: A -> B when A sways B. */
export function influenceNetwork(input: AnalysisInput): ArcGraph {
  return toGraph(input, projectArcs(input, (t) => t.kind === 'influence', false));
}

/**
 * Influence ties reversed, B -> A when A sways B: the influenced person "points at" whoever sways
 * them, like a citation. PageRank and weighted in-degree on this graph measure informal influence.
 */
export function endorsementArcs(input: AnalysisInput): Arcs {
  return projectArcs(input, (t) => t.kind === 'influence', true);
}

export function endorsementNetwork(input: AnalysisInput): ArcGraph {
  return toGraph(input, endorsementArcs(input));
}

/** The org chart: person -> manager. A reports-to tie is never mutual, whatever the flag says. */
export function formalArcs(input: AnalysisInput): Arcs {
  return projectArcs(input, (t) => t.kind === 'reports-to', false, false);
}

export function formalNetwork(input: AnalysisInput): ArcGraph {
  return toGraph(input, formalArcs(input));
}

/**
 * Influence and trust as an undirected graph for Louvain (which refuses mixed or directed graphs).
 * weight = the sum of the strongest arc each way, so a two-way relationship pulls harder.
 */
export function clusteringNetwork(input: AnalysisInput, informal: Arcs = informalArcs(input)): UndirectedGraph<Record<string, never>, EdgeWeightAttributes> {
  const graph = new UndirectedGraph<Record<string, never>, EdgeWeightAttributes>({ allowSelfLoops: false });
  for (const p of input.people) graph.addNode(p.id);
  for (let k = 0; k < informal.sources.length; k++) {
    const source = input.people[informal.sources[k]].id;
    const target = input.people[informal.targets[k]].id;
    const strength = informal.strengths[k];
    const existing = graph.edge(source, target);
    if (existing === undefined) graph.addEdge(source, target, { weight: strength });
    else graph.setEdgeAttribute(existing, 'weight', graph.getEdgeAttribute(existing, 'weight') + strength);
  }
  return graph;
}

/**
 * A reporting line as an introduction route counts as a tie of this strength (distance 1/2): a
 * manager can introduce you to their reports and to their own manager, a dependable but formal
 * route, so a strong personal tie (3) is preferred and a weak one (1) is not.
 */
export const REPORTING_LINE_STRENGTH = 2;

export const isIntroductionRoute = (t: AnalysisTie): boolean => isInformal(t) || t.kind === 'reports-to';

/** The strength a tie counts with as an introduction route. */
export function routeStrength(t: AnalysisTie): number {
  return t.kind === 'reports-to' ? REPORTING_LINE_STRENGTH : t.strength;
}

/**
 * Who could introduce whom: influence and trust ties in either direction (knowing someone is what
 * matters for asking) and reporting lines (REPORTING_LINE_STRENGTH), the strongest per pair.
 * Distance = 1/strength. Tension ties are never a route.
 */
export function introductionNetwork(input: AnalysisInput): UndirectedGraph<Record<string, never>, ArcAttributes> {
  const graph = new UndirectedGraph<Record<string, never>, ArcAttributes>({ allowSelfLoops: false });
  for (const p of input.people) graph.addNode(p.id);
  for (const t of input.ties) {
    if (!isIntroductionRoute(t) || t.source === t.target || !graph.hasNode(t.source) || !graph.hasNode(t.target)) continue;
    const strength = routeStrength(t);
    const existing = graph.edge(t.source, t.target);
    if (existing === undefined) graph.addEdge(t.source, t.target, arcAttributes(strength));
    else if (graph.getEdgeAttribute(existing, 'strength') < strength) graph.replaceEdgeAttributes(existing, arcAttributes(strength));
  }
  return graph;
}
