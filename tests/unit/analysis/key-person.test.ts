/**
 * Key-person risk against a brute-force NetworkX computation (remove each person, measure every pair
 * again: scripts/reference/key_person_reference.py -> tests/fixtures/key-person/risk.json), plus
 * hand-checked cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import type { AnalysisInput } from '../../../src/analysis/types';
import { input, person, tie } from './helpers';

interface Network {
  name: string;
  input: AnalysisInput;
  expected: Record<string, { risk: number; dependent: number; pairs: number }>;
}

const reference = JSON.parse(readFileSync(join(__dirname, '../../fixtures/key-person/risk.json'), 'utf8')) as { networks: Network[] };

describe('key-person risk matches NetworkX (brute force)', () => {
  it('covers published networks and mixed maps', () => {
    expect(reference.networks.map((n) => n.name)).toEqual(expect.arrayContaining(['karate', 'florentine', 'lesmis', 'mixed-medium', 'mixed-large']));
  });
  for (const network of reference.networks) {
    it(`${network.name}: every person`, () => {
      const result = analyse(network.input);
      const anyPositive = Object.values(network.expected).some((e) => e.risk > 0);
      for (const m of result.people) {
        const expected = network.expected[m.id];
        expect(Math.abs(m.keyPersonRisk - expected.risk), `${network.name} ${m.id}: ${m.keyPersonRisk} vs ${expected.risk}`).toBeLessThan(1e-12);
        // The explanation quotes the same counts the fixture holds.
        if (expected.dependent > 0) {
          expect(result.explanations[m.id].keyPersonRisk).toContain(`${expected.dependent.toLocaleString('en-US')} of the ${expected.pairs.toLocaleString('en-US')} connections`);
        }
      }
      if (network.input.people.length > 10) expect(anyPositive).toBe(true);
    });
  }
});

describe('key-person risk by hand', () => {
  it('a bridge between two groups carries every connection across', () => {
    // a <-> b <-> c (mutual trust), c <-> d <-> e: c is the only way between {a, b} and {d, e}.
    const map = input(
      ['a', 'b', 'c', 'd', 'e'].map((id) => person(id)),
      [tie('a', 'b', 'trust', 2, true), tie('b', 'c', 'trust', 2, true), tie('c', 'd', 'trust', 2, true), tie('d', 'e', 'trust', 2, true)],
    );
    const r = analyse(map);
    const risk = (id: string) => r.people[r.indexById[id]].keyPersonRisk;
    // Pairs among {a, b, d, e}: 12 ordered, all connected. Through c: a/b <-> d/e = 8.
    expect(risk('c')).toBeCloseTo(8 / 12, 12);
    // Without b: a is cut off from c, d, e (6 ordered pairs of 12 among a, c, d, e).
    expect(risk('b')).toBeCloseTo(6 / 12, 12);
    expect(risk('a')).toBe(0);
    expect(r.explanations.c.keyPersonRisk).toBe(
      'Without C, 8 of the 12 connections between other people (67%) would take more steps or break (one person reaching another through influence or trust ties).',
    );
  });

  it('a second route of the same length removes the dependence; a longer one does not', () => {
    // s -> x -> t and s -> y -> t: neither x nor y is needed. s -> z -> w -> t would be longer.
    const square = input(['s', 'x', 'y', 't'].map((id) => person(id)), [tie('s', 'x', 'influence'), tie('x', 't', 'influence'), tie('s', 'y', 'influence'), tie('y', 't', 'influence')]);
    const r = analyse(square);
    expect(r.people[r.indexById.x].keyPersonRisk).toBe(0);
    const longer = input(
      ['s', 'x', 't', 'z', 'w'].map((id) => person(id)),
      [tie('s', 'x', 'influence'), tie('x', 't', 'influence'), tie('s', 'z', 'influence'), tie('z', 'w', 'influence'), tie('w', 't', 'influence')],
    );
    const q = analyse(longer);
    // Connected pairs without x: s->z, s->w, s->t, z->w, z->t, w->t = 6; only s->t gets longer (2 -> 3 hops).
    expect(q.people[q.indexById.x].keyPersonRisk).toBeCloseTo(1 / 6, 12);
  });

  it('is 0, never NaN, with nobody else connected', () => {
    const r = analyse(input([person('a'), person('b')], [tie('a', 'b', 'trust')]));
    expect(r.people.map((m) => m.keyPersonRisk)).toEqual([0, 0]);
  });
});

describe('key-person risk in the Metrics CSV', () => {
  it('has its own column at full precision, the value the table shows', async () => {
    const { default: Papa } = await import('papaparse');
    const { toAnalysisInput } = await import('../../../src/analysis/input');
    const { createSampleOrganisation } = await import('../../../src/domain/sample');
    const { metricsCsv } = await import('../../../src/io/metrics-csv');
    const doc = createSampleOrganisation(0);
    const result = analyse(toAnalysisInput(doc));
    const rows = Papa.parse<Record<string, string>>(metricsCsv(doc, result), { header: true, skipEmptyLines: true }).data;
    for (const row of rows) expect(Number(row.key_person_risk)).toBe(result.people[result.indexById[row.id]].keyPersonRisk);
    expect(rows.some((r) => Number(r.key_person_risk) > 0)).toBe(true);
  });
});
