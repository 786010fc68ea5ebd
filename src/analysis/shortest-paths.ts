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
}

/** Longest arc length for which the bucket queue is used; beyond it a binary heap. */
const MAX_BUCKET_LENGTH = 64;

interface Workspace {
  dist: Float64Array;
  sigma: Float64Array;
  delta: Float64Array;
  settled: Uint8Array;
  order: Int32Array;
  hops: Int32Array;
  /** Queue entries (lazy insertion: at most one per arc plus the source). */
  entryNode: Int32Array;
  entryNext: Int32Array;
  entryKey: Float64Array;
}

function workspace(g: IndexedGraph): Workspace {
  const entries = g.outTarget.length + 1;
  return {
    dist: new Float64Array(g.n),
    sigma: new Float64Array(g.n),
    delta: new Float64Array(g.n),
    settled: new Uint8Array(g.n),
    order: new Int32Array(g.n),
    hops: new Int32Array(g.n),
    entryNode: new Int32Array(entries),
    entryNext: new Int32Array(entries),
    entryKey: new Float64Array(entries),
  };
}

function bucketLimit(g: IndexedGraph): number {
  let max = 0;
  for (let k = 0; k < g.outLength.length; k++) {
    const len = g.outLength[k];
    if (!(len > 0) || !Number.isInteger(len) || len > MAX_BUCKET_LENGTH) return 0;
    if (len > max) max = len;
  }
  return max;
}

/** Dijkstra with a circular bucket queue (Dial): exact for positive integer lengths <= maxLength. */
function dijkstraBuckets(g: IndexedGraph, s: number, w: Workspace, maxLength: number, heads: Int32Array): number {
  const { dist, sigma, settled, order, entryNode, entryNext } = w;
  const { outStart, outTarget, outLength } = g;
  const buckets = maxLength + 1;
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
    const b = current % buckets;
    while (heads[b] !== -1) {
      const e = heads[b];
      heads[b] = entryNext[e];
      pending--;
      const u = entryNode[e];
      if (settled[u] || dist[u] !== current) continue;
      settled[u] = 1;
      order[count++] = u;
      const su = sigma[u];
      for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
        const v = outTarget[k];
        const nd = current + outLength[k];
        if (nd < dist[v]) {
          dist[v] = nd;
          sigma[v] = su;
          const nb = nd % buckets;
          entryNode[entries] = v;
          entryNext[entries] = heads[nb];
          heads[nb] = entries++;
          pending++;
        } else if (nd === dist[v]) {
          sigma[v] += su;
        }
      }
    }
    current++;
  }
  return count;
}

/** Dijkstra with a binary heap, for arbitrary positive lengths. */
function dijkstraHeap(g: IndexedGraph, s: number, w: Workspace): number {
  const { dist, sigma, settled, order, entryNode, entryKey } = w;
  const { outStart, outTarget, outLength } = g;
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
        push(v, nd);
      } else if (nd === dist[v]) {
        sigma[v] += su;
      }
    }
  }
  return count;
}

/** Back-propagates dependencies along shortest-path predecessors found through the in-arcs. */
function accumulateWeighted(g: IndexedGraph, w: Workspace, count: number, into: Float64Array): void {
  const { dist, sigma, delta, order } = w;
  const { inStart, inSource, inLength } = g;
  for (let i = count - 1; i > 0; i--) {
    const x = order[i];
    const coefficient = (1 + delta[x]) / sigma[x];
    const dx = dist[x];
    for (let k = inStart[x], end = inStart[x + 1]; k < end; k++) {
      const v = inSource[k];
      if (dist[v] + inLength[k] === dx) delta[v] += sigma[v] * coefficient;
    }
    into[x] += delta[x];
  }
}

function bfsPass(g: IndexedGraph, s: number, w: Workspace, m: PathMeasures): void {
  const { sigma, delta, order, hops } = w;
  const { outStart, outTarget, inStart, inSource } = g;
  hops.fill(-1);
  sigma.fill(0);
  delta.fill(0);
  hops[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  let harmonic = 0;
  while (head < tail) {
    const u = order[head++];
    const next = hops[u] + 1;
    for (let k = outStart[u], end = outStart[u + 1]; k < end; k++) {
      const v = outTarget[k];
      if (hops[v] < 0) {
        hops[v] = next;
        order[tail++] = v;
        harmonic += 1 / next;
      }
      if (hops[v] === next) sigma[v] += sigma[u];
    }
  }
  m.harmonicSum[s] = harmonic;
  m.reach[s] = tail - 1;
  for (let i = tail - 1; i > 0; i--) {
    const x = order[i];
    const coefficient = (1 + delta[x]) / sigma[x];
    const previous = hops[x] - 1;
    for (let k = inStart[x], end = inStart[x + 1]; k < end; k++) {
      const v = inSource[k];
      if (hops[v] === previous) delta[v] += sigma[v] * coefficient;
    }
    m.betweennessUnweighted[x] += delta[x];
  }
}

export function pathMeasures(g: IndexedGraph): PathMeasures {
  const n = g.n;
  const m: PathMeasures = {
    betweenness: new Float64Array(n),
    betweennessUnweighted: new Float64Array(n),
    harmonicSum: new Float64Array(n),
    reach: new Int32Array(n),
  };
  if (n === 0) return m;
  const w = workspace(g);
  const maxLength = bucketLimit(g);
  const heads = new Int32Array(maxLength + 1);
  for (let s = 0; s < n; s++) {
    w.dist.fill(Infinity);
    w.sigma.fill(0);
    w.delta.fill(0);
    w.settled.fill(0);
    const count = maxLength > 0 ? dijkstraBuckets(g, s, w, maxLength, heads) : dijkstraHeap(g, s, w);
    accumulateWeighted(g, w, count, m.betweenness);
    bfsPass(g, s, w, m);
  }
  if (n > 2) {
    const scale = 1 / ((n - 1) * (n - 2));
    for (let i = 0; i < n; i++) {
      m.betweenness[i] *= scale;
      m.betweennessUnweighted[i] *= scale;
    }
  }
  return m;
}
