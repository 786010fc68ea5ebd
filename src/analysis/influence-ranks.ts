/**
 * Informal influence versus formal position, to find hidden influencers and figureheads.
 *   informal score = average of PageRank (on the endorsement network) and strength-weighted
 *                    endorsement in-degree (how strongly the person sways others), each rescaled
 *                    to 0-1 over the map;
 *   formal position = seniority level, then fewer reports-to steps from the top.
 * Both become ranks (1 = top; ties share the average of their places) so they can be subtracted:
 * hiddenInfluence = formalRank - informalRank, positive when informal influence outranks position.
 */

/** 1-based ranks, best first by `better`; equal values share the average of their places. */
export function averageRanks(n: number, compare: (a: number, b: number) => number): Float64Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compare(a, b) || a - b);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && compare(order[start], order[end]) === 0) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

function rescale(values: ArrayLike<number>): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const span = max - min;
  // Tiny spans are floating-point noise (e.g. PageRank of a map without influence ties).
  return Float64Array.from(values, (v) => (span > 1e-12 ? (v - min) / span : 0));
}

export interface InfluenceRanks {
  informalScore: Float64Array;
  informalRank: Float64Array;
  formalRank: Float64Array;
  hiddenInfluence: Float64Array;
}

export function influenceRanks(pagerank: ArrayLike<number>, swayStrength: ArrayLike<number>, seniority: ArrayLike<number>, depth: ArrayLike<number>): InfluenceRanks {
  const n = pagerank.length;
  const pr = rescale(pagerank);
  const sway = rescale(swayStrength);
  const informalScore = Float64Array.from(pr, (v, i) => (v + sway[i]) / 2);
  // Scores are compared at 1e-12 so that floating-point noise does not split real ties.
  const informalRank = averageRanks(n, (a, b) => (Math.abs(informalScore[a] - informalScore[b]) < 1e-12 ? 0 : informalScore[b] - informalScore[a]));
  const formalRank = averageRanks(n, (a, b) => seniority[a] - seniority[b] || depth[a] - depth[b]);
  const hiddenInfluence = Float64Array.from(formalRank, (f, i) => f - informalRank[i]);
  return { informalScore, informalRank, formalRank, hiddenInfluence };
}

/** How many places apart counts as a real difference: a fifth of the map, at least one place. */
export function notablePlaces(n: number): number {
  return Math.max(1, Math.round(n / 5));
}
