/**
 * Everything that needs "all shortest paths from every person", in one pass per source:
 * betweenness over weighted distances, betweenness over hops, and harmonic closeness over hops.
 *
 * Brandes' algorithm (2001) with two searches per source. Profiling showed graphology's weighted
 * betweenness alone at 1.5-2 s for 2,000 people; this shares the per-source work, runs on typed
 * arrays, and uses a bucket queue (Dial) when lengths are small integers, which the app's
 * distances always are (see DISTANCE_UNITS). Tested against NetworkX in tests/unit/analysis.
 *
 * Normalisation follows NetworkX: divide by (n-1)(n-2) when n > 2. An undirected graph is passed
 * as two arcs per edge, which gives NetworkX's normalised undirected values too.
 */
import type { IndexedGraph } from './indexed-graph';

export interface PathMeasures {
  betweenness: Float64Array;
  betweennessUnweighted: Float64Array;
  /** Sum over reachable others of 1/hops from this person (outgoing). */
  harmonicSum: Float64Array;
  /** How many others this person reaches. */
  reach: Int32Array;
  /**
   * Key-person dependence (see keyPersonRisk below): ordered pairs (s, t) of other people, t
   * reachable from s, for which this person is on every fewest-hop route from s to t, so removing
   * them makes t further from s or unreachable.
   */
  dependentPairs: Float64Array;
  /** How many others reach this person (incoming reach). */
  reachedBy: Int32Array;
  /** Sampled runs only: per person, the sum over sources of 1/hops from the source to them. */
  harmonicIn?: Float64Array;
  /** Sampled runs only: per person, the sum over sources of their squared contribution. */
  betweennessSq?: Float64Array;
  /** Set when betweenness was estimated from a sample of sources. */
  sample?: BetweennessSample;
}

/** How a betweenness estimate was made, in the words the UI and the Metrics CSV use. */
export interface BetweennessSample {
  /** Sources the shortest paths were counted from. */
  sources: number;
  people: number;
  /**
   * Half-width of a 95% interval for the top broker's betweenness, as a fraction of their score
   * (0.08 = "±8%"), from the spread of the per-source contributions.
   */
  relativeError: number;
}

/**
 * Exact betweenness counts shortest paths from every person: work about people x (people + arcs).
 * Up to this much work (about 5,000 people with 25,000 ties, a few seconds) it is exact; beyond,
 * it is estimated from as many sampled sources as the same budget allows (Brandes and Pich's
 * source sampling: each source's contributions scaled by people / sources), at least MIN_SAMPLE.
 */
export const EXACT_WORK_BUDGET = 1.5e8;
export const MIN_SAMPLE = 100;

/** The sources to count paths from: null for all of them (exact), else a seeded random sample. */
export function sampledSources(g: IndexedGraph, budget = EXACT_WORK_BUDGET): Int32Array | null {
  const n = g.n;
  const work = n + g.outStart[n];
  if (n * work <= budget) return null;
  const k = Math.min(n, Math.max(MIN_SAMPLE, Math.floor(budget / work)));
  if (k >= n) return null;
  // Partial Fisher-Yates with a fixed seed: the same map gives the same sample (stable numbers).
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  let seed = (n * 2654435761) >>> 0 || 1;
  for (let i = 0; i < k; i++) {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    const j = i + (seed % (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, k).sort();
}

/** Longest arc length for which the bucket queue is used; beyond it a binary heap. */
const MAX_BUCKET_LENGTH = 64;
/** "Not reached yet" for the integer distances of the bucket queue. */
const FAR = 0x7fffffff;

interface Workspace {
  /** Distances for the binary heap (any positive lengths). */
  dist: Float64Array;
  /** Distances for the bucket queue (integer lengths): integers compare and store faster. */
  units: Int32Array;
  sigma: Float64Array;
  delta: Float64Array;
  settled: Uint8Array;
  order: Int32Array;
  hops: Int32Array;
  /**
   * Shortest-path predecessors recorded during the forward search, stored in each node's in-arc
   * slots (predecessors are a subset of in-neighbours), so back-propagation only visits real ones.
   * A node's count is set when it is first reached, so it never needs clearing.
   */
  predecessors: Int32Array;
  predecessorCount: Int32Array;
  /** Queue entries (lazy insertion: at most one per arc plus the source). */
  entryNode: Int32Array;
  entryNext: Int32Array;
  entryKey: Float64Array;
  /** Immediate dominator and its depth in the fewest-hop DAG of the current source. */
  idom: Int32Array;
  domDepth: Int32Array;
  /** Size of each node's dominator subtree (itself included). */
  domSize: Int32Array;
}

function workspace(g: IndexedGraph): Workspace {
  const entries = g.outTarget.length + 1;
  return {
    dist: new Float64Array(g.n).fill(Infinity),
    units: new Int32Array(g.n).fill(FAR),
    sigma: new Float64Array(g.n),
    delta: new Float64Array(g.n),
    settled: new Uint8Array(g.n),
    order: new Int32Array(g.n),
    hops: new Int32Array(g.n).fill(-1),
    predecessors: new Int32Array(g.inSource.length),
    predecessorCount: new Int32Array(g.n),
    entryNode: new Int32Array(entries),
    entryNext: new Int32Array(entries),
    entryKey: new Float64Array(entries),
    idom: new Int32Array(g.n),
    domDepth: new Int32Array(g.n),
    domSize: new Int32Array(g.n),
  };
}

/** The arc lengths as integers when the bucket queue can take them all, else null. */
function bucketLengths(g: IndexedGraph): Int32Array | null {
  const lengths = new Int32Array(g.outLength.length);
  for (let k = 0; k < g.outLength.length; k++) {
    const len = g.outLength[k];
    if (!(len > 0) || !Number.isInteger(len) || len > MAX_BUCKET_LENGTH) return null;
    lengths[k] = len;
  }
  return lengths;
}

/** Dijkstra with a circular bucket queue (Dial): exact for positive integer lengths <= the ring size. */
function dijkstraBuckets(g: IndexedGraph, lengths: Int32Array, s: number, w: Workspace, heads: Int32Array): number {
  const { units: dist, sigma, order, entryNode, entryNext, predecessors, predecessorCount } = w;
  const { outStart, outTarget, inStart } = g;
  // A power-of-two ring of at least maxLength + 1 buckets, so the bucket is a bit mask.
  const mask = heads.length - 1;
  heads.fill(-1);
  let entries = 0;
  let pending = 0;
  dist[s] = 0;
  sigma[s] = 1;
  entryNode[entries] = s;
  entryNext[entries] = -1;
  heads[0] = entries++;
  pending++;
  let count = 0;
  let current = 0;
  while (pending > 0) {
    const b = current & mask;
    while (heads[b] !== -1) {
      const e = heads[b];
      heads[b] = entryNext[e];
      pending--;
      const u = entryNode[e];
      // Entries are only added on a strict improvement, so one with the current distance is unique
      // and final; older entries for u carry a larger distance and are skipped here.
      if (dist[u] !== current) continue;
      order[count++] = u;
      const su = sigma[u];
      for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
        const v = outTarget[k];
        const nd = current + lengths[k];
        const dv = dist[v];
        if (nd < dv) {
          dist[v] = nd;
          sigma[v] = su;
          predecessors[inStart[v]] = u;
          predecessorCount[v] = 1;
          const nb = nd & mask;
          entryNode[entries] = v;
          entryNext[entries] = heads[nb];
          heads[nb] = entries++;
          pending++;
        } else if (nd === dv) {
          sigma[v] += su;
          predecessors[inStart[v] + predecessorCount[v]++] = u;
        }
      }
    }
    current++;
  }
  return count;
}

/** Dijkstra with a binary heap, for arbitrary positive lengths. */
function dijkstraHeap(g: IndexedGraph, s: number, w: Workspace): number {
  const { dist, sigma, settled, order, entryNode, entryKey, predecessors, predecessorCount } = w;
  const { outStart, outTarget, outLength, inStart } = g;
  let size = 0;
  const push = (node: number, key: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (entryKey[parent] <= key) break;
      entryKey[i] = entryKey[parent];
      entryNode[i] = entryNode[parent];
      i = parent;
    }
    entryKey[i] = key;
    entryNode[i] = node;
  };
  const pop = (): number => {
    const top = entryNode[0];
    size--;
    const key = entryKey[size];
    const node = entryNode[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && entryKey[child + 1] < entryKey[child]) child++;
      if (entryKey[child] >= key) break;
      entryKey[i] = entryKey[child];
      entryNode[i] = entryNode[child];
      i = child;
    }
    entryKey[i] = key;
    entryNode[i] = node;
    return top;
  };
  dist[s] = 0;
  sigma[s] = 1;
  push(s, 0);
  let count = 0;
  while (size > 0) {
    const u = pop();
    if (settled[u]) continue;
    settled[u] = 1;
    order[count++] = u;
    const du = dist[u];
    const su = sigma[u];
    for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
      const v = outTarget[k];
      if (settled[v]) continue;
      const nd = du + outLength[k];
      if (nd < dist[v]) {
        dist[v] = nd;
        sigma[v] = su;
        predecessors[inStart[v]] = u;
        predecessorCount[v] = 1;
        push(v, nd);
      } else if (nd === dist[v]) {
        sigma[v] += su;
        predecessors[inStart[v] + predecessorCount[v]++] = u;
      }
    }
  }
  return count;
}

/**
 * Back-propagates dependencies along the recorded predecessors (Brandes), clearing each node's
 * search state as soon as it is done with (it is read again only by nodes later in `order`, which
 * come first here), so no separate pass resets the workspace.
 */
function accumulateWeighted(g: IndexedGraph, w: Workspace, count: number, buckets: boolean, into: Float64Array, squares: Float64Array | undefined): void {
  const { sigma, delta, order, predecessors, predecessorCount, dist, units, settled } = w;
  const { inStart } = g;
  for (let i = count - 1; i > 0; i--) {
    const x = order[i];
    const dx = delta[x];
    const coefficient = (1 + dx) / sigma[x];
    for (let k = inStart[x], end = k + predecessorCount[x]; k < end; k++) {
      const v = predecessors[k];
      delta[v] += sigma[v] * coefficient;
    }
    into[x] += dx;
    if (squares) squares[x] += dx * dx;
    delta[x] = 0;
    if (buckets) units[x] = FAR;
    else {
      dist[x] = Infinity;
      settled[x] = 0;
    }
  }
  const s = order[0];
  delta[s] = 0;
  units[s] = FAR;
  dist[s] = Infinity;
  settled[s] = 0;
}

/**
 * Breadth-first search over hops from s: path counts, harmonic closeness, reach and, as each node
 * is taken from the queue, its immediate dominator in the fewest-hop DAG. v is on every fewest-hop
 * route from s to t exactly when v dominates t. Nodes leave the queue in BFS order (a topological
 * order of the DAG) and all of a node's predecessors, one hop nearer, have left before it, so its
 * immediate dominator is the nearest common dominator of its predecessors (Cooper, Harvey and
 * Kennedy's intersection, which needs no iteration on a DAG). Cost: the climbs, short in practice
 * (tree depth <= hops).
 */
function bfs(g: IndexedGraph, s: number, w: Workspace, m: PathMeasures): number {
  const { sigma, order, hops, predecessors, predecessorCount, idom, domDepth, domSize } = w;
  const { outStart, outTarget, inStart } = g;
  const { reachedBy } = m;
  hops[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  idom[s] = s;
  domDepth[s] = 0;
  domSize[s] = 1;
  let head = 0;
  let tail = 1;
  let harmonic = 0;
  const harmonicIn = m.harmonicIn;
  while (head < tail) {
    const u = order[head++];
    if (u !== s) {
      const first = inStart[u];
      let d = predecessors[first];
      for (let k = first + 1, end = first + predecessorCount[u]; k < end; k++) {
        let p = predecessors[k];
        while (d !== p) {
          if (domDepth[d] >= domDepth[p]) d = idom[d];
          else p = idom[p];
        }
      }
      idom[u] = d;
      domDepth[u] = domDepth[d] + 1;
      domSize[u] = 1;
      reachedBy[u]++;
    }
    const next = hops[u] + 1;
    const su = sigma[u];
    for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
      const v = outTarget[k];
      const hv = hops[v];
      if (hv < 0) {
        hops[v] = next;
        order[tail++] = v;
        harmonic += 1 / next;
        if (harmonicIn) harmonicIn[v] += 1 / next;
        sigma[v] = su;
        predecessors[inStart[v]] = u;
        predecessorCount[v] = 1;
      } else if (hv === next) {
        sigma[v] += su;
        predecessors[inStart[v] + predecessorCount[v]++] = u;
      }
    }
  }
  m.harmonicSum[s] = harmonic;
  m.reach[s] = tail - 1;
  return tail;
}

/**
 * After bfs(): Brandes' back-propagation over hops, and each node's dominator subtree size: the
 * targets strictly below t in the dominator tree are the pairs (s, x) that depend on t (s itself is
 * not counted). Clears the search state on the way, like accumulateWeighted.
 */
function accumulateHops(g: IndexedGraph, w: Workspace, reached: number, into: Float64Array, dependentPairs: Float64Array): void {
  const { sigma, delta, order, predecessors, predecessorCount, hops, idom, domSize } = w;
  const { inStart } = g;
  for (let i = reached - 1; i > 0; i--) {
    const x = order[i];
    const dx = delta[x];
    const coefficient = (1 + dx) / sigma[x];
    for (let k = inStart[x], end = k + predecessorCount[x]; k < end; k++) {
      const v = predecessors[k];
      delta[v] += sigma[v] * coefficient;
    }
    into[x] += dx;
    const size = domSize[x];
    domSize[idom[x]] += size;
    dependentPairs[x] += size - 1;
    delta[x] = 0;
    hops[x] = -1;
  }
  const s = order[0];
  delta[s] = 0;
  hops[s] = -1;
}

function emptyMeasures(n: number): PathMeasures {
  return {
    betweenness: new Float64Array(n),
    betweennessUnweighted: new Float64Array(n),
    harmonicSum: new Float64Array(n),
    reach: new Int32Array(n),
    dependentPairs: new Float64Array(n),
    reachedBy: new Int32Array(n),
  };
}

/**
 * Unnormalised contributions of the sources in [from, to). Betweenness is a sum over sources, so
 * two halves computed on two cores add up to the whole (see combinePathMeasures).
 */
export function partialPathMeasures(g: IndexedGraph, from = 0, to = g.n, sources: Int32Array | null = null): PathMeasures {
  const n = g.n;
  const m = emptyMeasures(n);
  if (sources) {
    m.harmonicIn = new Float64Array(n);
    m.betweennessSq = new Float64Array(n);
  }
  if (n === 0) return m;
  const w = workspace(g);
  const lengths = bucketLengths(g);
  let maxLength = 0;
  if (lengths) for (let k = 0; k < lengths.length; k++) if (lengths[k] > maxLength) maxLength = lengths[k];
  let ring = 1;
  while (ring < maxLength + 1) ring *= 2;
  const heads = new Int32Array(ring);
  const end = Math.min(sources ? sources.length : n, to);
  for (let i = Math.max(0, from); i < end; i++) {
    const s = sources ? sources[i] : i;
    // Nobody reachable: nothing to count, closeness stays 0.
    if (g.outStart[s + 1] === g.outStart[s]) continue;
    const count = lengths ? dijkstraBuckets(g, lengths, s, w, heads) : dijkstraHeap(g, s, w);
    accumulateWeighted(g, w, count, lengths !== null, m.betweenness, m.betweennessSq);
    const reached = bfs(g, s, w, m);
    accumulateHops(g, w, reached, m.betweennessUnweighted, m.dependentPairs);
  }
  return m;
}

/** Adds partial results and applies NetworkX's normalisation, 1/((n-1)(n-2)) when n > 2. */
export function combinePathMeasures(n: number, parts: PathMeasures[], sources: Int32Array | null = null): PathMeasures {
  const m = emptyMeasures(n);
  const harmonicIn = new Float64Array(n);
  const squares = new Float64Array(n);
  for (const part of parts) {
    for (let i = 0; i < n; i++) {
      m.betweenness[i] += part.betweenness[i];
      m.betweennessUnweighted[i] += part.betweennessUnweighted[i];
      m.harmonicSum[i] += part.harmonicSum[i];
      m.reach[i] += part.reach[i];
      m.dependentPairs[i] += part.dependentPairs[i];
      m.reachedBy[i] += part.reachedBy[i];
      if (part.harmonicIn) harmonicIn[i] += part.harmonicIn[i];
      if (part.betweennessSq) squares[i] += part.betweennessSq[i];
    }
  }
  const norm = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  if (sources && sources.length < n) {
    // Each sampled source stands for n / k of them. People outside the sample get their
    // closeness and reach from the distances TO them (exact when ties run both ways).
    const k = sources.length;
    const scale = n / k;
    const sampled = new Uint8Array(n);
    for (const s of sources) sampled[s] = 1;
    for (let i = 0; i < n; i++) {
      m.betweenness[i] *= scale;
      m.betweennessUnweighted[i] *= scale;
      m.dependentPairs[i] *= scale;
      m.reachedBy[i] = Math.round(m.reachedBy[i] * scale);
      if (!sampled[i]) {
        m.harmonicSum[i] = harmonicIn[i] * scale;
        m.reach[i] = m.reachedBy[i];
      }
    }
    // The error of the top broker's estimate: a 95% interval from the spread of the per-source
    // contributions (sampling without replacement: finite population correction).
    let top = 0;
    for (let i = 1; i < n; i++) if (m.betweenness[i] > m.betweenness[top]) top = i;
    const mean = m.betweenness[top] / n;
    const variance = Math.max(0, squares[top] / k - mean * mean);
    const se = Math.sqrt(variance / k) * Math.sqrt((n - k) / Math.max(1, n - 1)) * n;
    m.sample = { sources: k, people: n, relativeError: m.betweenness[top] > 0 ? (1.96 * se) / m.betweenness[top] : 0 };
  }
  if (n > 2) {
    for (let i = 0; i < n; i++) {
      m.betweenness[i] *= norm;
      m.betweennessUnweighted[i] *= norm;
    }
  }
  return m;
}

/** Exact when the map fits the work budget, else estimated from sampled sources (see sampledSources). */
export function pathMeasures(g: IndexedGraph, sources: Int32Array | null = sampledSources(g)): PathMeasures {
  return combinePathMeasures(g.n, [partialPathMeasures(g, 0, sources ? sources.length : g.n, sources)], sources);
}

/**
 * Key-person risk: the share of ordered pairs of *other* people (s, t), where s reaches t through
 * influence and trust ties, for which every fewest-hop route from s to t passes through this person,
 * so without them t is further from s, or out of reach. 0 = nobody depends on them; 1 = every
 * connection between the others runs through them. Pairs involving the person are left out
 * (they obviously break), so it compares fairly across people with many or few ties.
 */
export function keyPersonRisk(m: PathMeasures): Float64Array {
  const n = m.reach.length;
  let pairs = 0;
  for (let i = 0; i < n; i++) pairs += m.reach[i];
  const risk = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const others = pairs - m.reach[v] - m.reachedBy[v];
    risk[v] = others > 0 ? m.dependentPairs[v] / others : 0;
  }
  return risk;
}
