/**
 * Every metric against NetworkX 2.8.8 (fixtures from scripts/reference/analysis_reference.py).
 * Deliberate differences, also in src/analysis/README.md:
 * - degree counts distinct neighbours (NetworkX's DiGraph degree is in + out);
 * - closeness is harmonic over hops, outgoing, divided by n-1 (the script reverses the graph);
 * - constraint/effective size: NetworkX gives NaN to people with only incoming arcs; we compute them;
 *   isolated people are null here, NaN there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { indexArcs } from '../../../src/analysis/indexed-graph';
import { pathMeasures } from '../../../src/analysis/shortest-paths';
import type { AnalysisInput, BrokerageCounts } from '../../../src/analysis/types';

const DIR = join(__dirname, '../../fixtures/analysis');
const TOLERANCE = 1e-6;

interface Expected {
  degree: number;
  in_degree: number;
  out_degree: number;
  weighted_in_degree: number;
  weighted_out_degree: number;
  betweenness: number;
  betweenness_unweighted: number;
  pagerank: number;
  closeness: number;
  constraint: number | null;
  effective_size: number | null;
  brokerage: BrokerageCounts;
}

interface Fixture {
  name: string;
  input: AnalysisInput;
  expected: Record<string, Expected>;
}

const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'lesmis-raw.json')
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Partial<Fixture>)
  // Other analysis fixtures (e.g. the sampled-betweenness top 20) share the folder.
  .filter((f): f is Fixture => Boolean(f.name && f.input && f.expected));

function close(actual: number | null, expected: number | null, label: string) {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${label}: ${actual} vs ${expected}`).toBeLessThan(TOLERANCE);
}

describe('analysis matches NetworkX', () => {
  it('has the published networks and hand-made maps', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['karate', 'florentine', 'davis', 'lesmis', 'roles', 'parallel', 'mixed-medium']));
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: every metric for every person`, () => {
      const result = analyse(fixture.input);
      expect(result.people).toHaveLength(fixture.input.people.length);
      for (const m of result.people) {
        const e = fixture.expected[m.id];
        const at = `${fixture.name}/${m.id}`;
        expect(m.degree, `${at} degree`).toBe(e.degree);
        expect(m.inDegree, `${at} in`).toBe(e.in_degree);
        expect(m.outDegree, `${at} out`).toBe(e.out_degree);
        close(m.weightedInDegree, e.weighted_in_degree, `${at} weighted in`);
        close(m.weightedOutDegree, e.weighted_out_degree, `${at} weighted out`);
        close(m.betweenness, e.betweenness, `${at} betweenness`);
        close(m.betweennessUnweighted, e.betweenness_unweighted, `${at} betweenness unweighted`);
        close(m.pagerank, e.pagerank, `${at} pagerank`);
        close(m.closeness, e.closeness, `${at} closeness`);
        close(m.constraint, e.constraint, `${at} constraint`);
        close(m.effectiveSize, e.effective_size, `${at} effective size`);
        expect(m.brokerage, `${at} brokerage`).toEqual(e.brokerage);
      }
    });
  }
});

describe('shortest-path engine on raw Les Miserables weights', () => {
  const raw = JSON.parse(readFileSync(join(DIR, 'lesmis-raw.json'), 'utf8')) as {
    nodes: number;
    edges: [number, number, number][];
    betweenness_distance_weight: number[];
    betweenness_distance_inverse: number[];
    betweenness_unweighted: number[];
  };
  // Undirected edges become two arcs; NetworkX's normalised undirected betweenness is then the same.
  const build = (length: (w: number) => number) => {
    const s: number[] = [];
    const t: number[] = [];
    const l: number[] = [];
    for (const [a, b, w] of raw.edges) {
      s.push(a, b);
      t.push(b, a);
      l.push(length(w), length(w));
    }
    return indexArcs(raw.nodes, s, t, l);
  };

  it('integer distances up to 31 (bucket queue)', () => {
    const m = pathMeasures(build((w) => w));
    raw.betweenness_distance_weight.forEach((e, i) => expect(Math.abs(m.betweenness[i] - e)).toBeLessThan(TOLERANCE));
    raw.betweenness_unweighted.forEach((e, i) => expect(Math.abs(m.betweennessUnweighted[i] - e)).toBeLessThan(TOLERANCE));
  });

  it('fractional distances 1/weight (binary heap)', () => {
    const m = pathMeasures(build((w) => 1 / w));
    raw.betweenness_distance_inverse.forEach((e, i) => expect(Math.abs(m.betweenness[i] - e)).toBeLessThan(TOLERANCE));
  });

  it('integer distances above the bucket limit fall back to the heap with the same answer', () => {
    const a = pathMeasures(build((w) => w));
    const b = pathMeasures(build((w) => w * 100));
    a.betweenness.forEach((v, i) => expect(Math.abs(v - b.betweenness[i])).toBeLessThan(1e-12));
  });
});
