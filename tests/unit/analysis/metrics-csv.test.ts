import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { createStakeholder, createTie, createMapMeta, documentFrom } from '../../../src/domain/factories';
import { createSampleOrganisation } from '../../../src/domain/sample';
import { csvText, metricsCsv, plainDecimal } from '../../../src/io/metrics-csv';
import { estimateSentence } from '../../../src/analysis/format';

const REQUIRED = ['id', 'name', 'department', 'seniority', 'is_senior_leader', 'degree', 'in_degree', 'out_degree', 'betweenness', 'betweenness_unweighted', 'pagerank', 'closeness', 'constraint', 'effective_size', 'brokerage_role', 'cluster', 'leaders_advised', 'hidden_influence'];

describe('metricsCsv', () => {
  it('writes a header and one row per stakeholder with every required column', () => {
    const doc = createSampleOrganisation(0);
    const result = analyse(toAnalysisInput(doc));
    const parsed = Papa.parse<Record<string, string>>(metricsCsv(doc, result), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(expect.arrayContaining(REQUIRED));
    expect(parsed.data).toHaveLength(40);
    const ceo = parsed.data.find((r) => r.id === 'p-ceo')!;
    expect(ceo).toMatchObject({ name: 'Helena Brandt', seniority: 'Executive', is_senior_leader: 'true' });
    const m = result.people[result.indexById['p-ceo']];
    // Full precision: the text parses back to exactly the same number.
    expect(Number(ceo.betweenness)).toBe(m.betweenness);
    expect(Number(ceo.pagerank)).toBe(m.pagerank);
    expect(Number(ceo.hidden_influence)).toBe(m.hiddenInfluence);
    const numeric = REQUIRED.filter((k) => !['id', 'name', 'department', 'seniority', 'is_senior_leader', 'brokerage_role'].includes(k));
    for (const row of parsed.data) for (const key of numeric) expect(row[key]).toMatch(/^(-?\d+(\.\d+)?)?$/);
  });

  it('escapes text and neutralises formulas, but not negative numbers', () => {
    const a = createStakeholder({ id: 'a', name: '=HYPERLINK("http://x")', department: 'Sales, "EMEA"', seniority: 3 });
    const b = createStakeholder({ id: 'b', name: '@b\nline', department: '-ops', seniority: 0 });
    const doc = documentFrom(createMapMeta('m', 0), [a, b], [createTie('a', 'b', 'influence', { id: 't' })]);
    const csv = metricsCsv(doc, analyse(toAnalysisInput(doc)));
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows[0].name).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[0].department).toBe('Sales, "EMEA"');
    expect(rows[1].name).toBe("'@b\nline");
    expect(rows[1].department).toBe("'-ops");
    expect(rows.map((r) => r.hidden_influence).some((v) => v.startsWith('-'))).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes plain decimals', () => {
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(plainDecimal(-2.25e-10)).toBe('-0.000000000225');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.2345e22)).toBe('12345000000000000000000');
    expect(plainDecimal(0.1)).toBe('0.1');
    expect(plainDecimal(3)).toBe('3');
    expect(Number(plainDecimal(1.234567890123e-9))).toBe(1.234567890123e-9);
    expect(csvText('plain')).toBe('plain');
    expect(csvText('+1')).toBe("'+1");
  });

  it('issue 12: a skip-level engineer with the CEO\'s ear is an informal advisor in the CSV, with how far below', () => {
    const ceo = createStakeholder({ id: 'ceo', name: 'Ana Diaz', title: 'Chief Executive', department: 'Executive', seniority: 0 });
    const vp = createStakeholder({ id: 'vp', name: 'Vic Park', department: 'Engineering', seniority: 1 });
    const em = createStakeholder({ id: 'em', name: 'Eli May', department: 'Engineering', seniority: 2 });
    const rita = createStakeholder({ id: 'rita', name: 'Rita Sol', title: 'Engineer', department: 'Engineering', seniority: 3 });
    const ties = [
      createTie('vp', 'ceo', 'reports-to', { id: 'r1' }),
      createTie('em', 'vp', 'reports-to', { id: 'r2' }),
      createTie('rita', 'em', 'reports-to', { id: 'r3' }),
      createTie('rita', 'ceo', 'influence', { id: 'i1', strength: 3 }),
      createTie('vp', 'ceo', 'influence', { id: 'i2', strength: 2 }),
    ];
    const doc = documentFrom(createMapMeta('m', 0), [ceo, vp, em, rita], ties);
    const rows = Papa.parse<Record<string, string>>(metricsCsv(doc, analyse(toAnalysisInput(doc))), { header: true, skipEmptyLines: true }).data;
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('rita')).toMatchObject({ leaders_advised: '1', informal_leaders_advised: '1', leaders_advised_how: 'Ana Diaz: 3 levels above them (informal)' });
    expect(row('vp')).toMatchObject({ leaders_advised: '1', informal_leaders_advised: '0', leaders_advised_how: 'Ana Diaz: their manager (formal)' });
    expect(row('em')).toMatchObject({ leaders_advised: '0', informal_leaders_advised: '0', leaders_advised_how: '' });
  });

  it('an empty map gives just the header', () => {
    const doc = documentFrom(createMapMeta('m', 0), [], []);
    expect(metricsCsv(doc, analyse(toAnalysisInput(doc))).split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('says on every row that betweenness was estimated, with the numbers the app\'s sentence states', () => {
    const doc = createSampleOrganisation(0);
    // A whole-company map is estimated (shortest-paths.ts); the estimate is what the CSV reports.
    const result = { ...analyse(toAnalysisInput(doc)), estimate: { sources: 1234, people: 50000, relativeError: 0.0834 } };
    const rows = Papa.parse<Record<string, string>>(metricsCsv(doc, result), { header: true, skipEmptyLines: true }).data;
    for (const row of rows) expect(row).toMatchObject({ betweenness_sampled_sources: '1234', betweenness_people: '50000', betweenness_top_error_95: '0.0834' });
    const sentence = estimateSentence(result.estimate);
    expect(sentence).toContain('from 1,234 of 50,000 people');
    expect(sentence).toContain(`within ±${Math.round(Number(rows[0].betweenness_top_error_95) * 100)}% (95% interval)`);
    // An exact map has no such columns.
    const exact = Papa.parse<Record<string, string>>(metricsCsv(doc, analyse(toAnalysisInput(doc))), { header: true }).meta.fields;
    expect(exact).not.toContain('betweenness_sampled_sources');
  });
});
