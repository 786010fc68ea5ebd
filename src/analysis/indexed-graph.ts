/**
 * A compressed adjacency (CSR) view of a directed graph: integer node indices and typed arrays, so
 * the hot loops (one shortest-path search per person) touch no strings, maps or closures.
 */
import type { ArcAttributes, ArcGraph, Arcs } from './projections';

export interface IndexedGraph {
  n: number;
  /** Arcs out of i are outTarget[outStart[i] .. outStart[i+1]). */
  outStart: Int32Array;
  outTarget: Int32Array;
  outLength: Float64Array;
  /** Arcs into i are inSource[inStart[i] .. inStart[i+1]). */
  inStart: Int32Array;
  inSource: Int32Array;
  inLength: Float64Array;
}

/** Builds both directions of a CSR from parallel arrays of arcs. */
export function indexArcs(n: number, sources: ArrayLike<number>, targets: ArrayLike<number>, lengths: ArrayLike<number>): IndexedGraph {
  const m = sources.length;
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    outStart[sources[e] + 1]++;
    inStart[targets[e] + 1]++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1] += outStart[i];
    inStart[i + 1] += inStart[i];
  }
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  const outTarget = new Int32Array(m);
  const outLength = new Float64Array(m);
  const inSource = new Int32Array(m);
  const inLength = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const s = sources[e];
    const t = targets[e];
    const o = outFill[s]++;
    outTarget[o] = t;
    outLength[o] = lengths[e];
    const i = inFill[t]++;
    inSource[i] = s;
    inLength[i] = lengths[e];
  }
  return { n, outStart, outTarget, outLength, inStart, inSource, inLength };
}

/** Indexes a graphology projection; node i is the i-th node in insertion order. */
export function indexGraph(graph: ArcGraph, lengthOf: (attrs: ArcAttributes) => number): IndexedGraph {
  const index = new Map<string, number>();
  graph.forEachNode((node) => index.set(node, index.size));
  const sources: number[] = [];
  const targets: number[] = [];
  const lengths: number[] = [];
  graph.forEachEdge((_edge, attrs, source, target) => {
    sources.push(index.get(source)!);
    targets.push(index.get(target)!);
    lengths.push(lengthOf(attrs));
  });
  return indexArcs(graph.order, sources, targets, lengths);
}

/** Indexes projection arcs with the given length per strength (e.g. distance units, or strength itself). */
export function indexProjection(arcs: Arcs, lengthOf: (strength: number) => number): IndexedGraph {
  return indexArcs(arcs.n, arcs.sources, arcs.targets, arcs.strengths.map(lengthOf));
}

/** True when there is an arc a -> b (binary search would need sorted rows; rows are short). */
export function hasArc(g: IndexedGraph, a: number, b: number): boolean {
  for (let k = g.outStart[a], end = g.outStart[a + 1]; k < end; k++) if (g.outTarget[k] === b) return true;
  return false;
}
