/**
 * Burt's structural-hole measures, written by hand because graphology lacks them. Definitions follow
 * NetworkX (Burt 1992; Borgatti 1997 for effective size) on a directed, weighted graph:
 *   mutual weight  m(u,v) = w(u->v) + w(v->u), neighbours = predecessors and successors,
 *   p(u,v)         = m(u,v) / sum over u's neighbours x of m(u,x),
 *   constraint(v)  = sum over neighbours j of (p(v,j) + sum over neighbours q of p(v,q) p(q,j))^2,
 *   effective size = sum over neighbours j of (1 - sum over neighbours q of p(v,q) m(j,q) / max_x m(j,x)).
 * Deliberate difference: NetworkX returns NaN for a person who only receives arcs (it checks
 * successors only); here anyone with a neighbour gets a value and only isolated people get null.
 */
import type { IndexedGraph } from './indexed-graph';

interface MutualWeights {
  neighbours: number[][];
  weight: Map<number, number>[];
  total: Float64Array;
  max: Float64Array;
}

/** Arc weights are strengths, read from `outLength` of a CSR built with length = strength. */
function mutualWeights(g: IndexedGraph): MutualWeights {
  const weight: Map<number, number>[] = Array.from({ length: g.n }, () => new Map<number, number>());
  for (let u = 0; u < g.n; u++) {
    for (let k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
      const v = g.outTarget[k];
      const w = g.outLength[k];
      weight[u].set(v, (weight[u].get(v) ?? 0) + w);
      weight[v].set(u, (weight[v].get(u) ?? 0) + w);
    }
  }
  const total = new Float64Array(g.n);
  const max = new Float64Array(g.n);
  const neighbours = weight.map((row, u) => {
    for (const w of row.values()) {
      total[u] += w;
      if (w > max[u]) max[u] = w;
    }
    return [...row.keys()];
  });
  return { neighbours, weight, total, max };
}

export interface StructuralHoles {
  constraint: (number | null)[];
  effectiveSize: (number | null)[];
}

export function structuralHoles(strengths: IndexedGraph): StructuralHoles {
  const { neighbours, weight, total, max } = mutualWeights(strengths);
  const p = (u: number, v: number) => (weight[u].get(v) ?? 0) / total[u];
  const pMax = (u: number, v: number) => (weight[u].get(v) ?? 0) / max[u];
  const constraint: (number | null)[] = [];
  const effectiveSize: (number | null)[] = [];
  for (let v = 0; v < strengths.n; v++) {
    const around = neighbours[v];
    if (around.length === 0) {
      constraint.push(null);
      effectiveSize.push(null);
      continue;
    }
    let c = 0;
    let size = 0;
    for (const j of around) {
      let indirect = 0;
      let redundancy = 0;
      for (const q of around) {
        indirect += p(v, q) * p(q, j);
        redundancy += p(v, q) * pMax(j, q);
      }
      const local = p(v, j) + indirect;
      c += local * local;
      size += 1 - redundancy;
    }
    constraint.push(c);
    effectiveSize.push(size);
  }
  return { constraint, effectiveSize };
}
