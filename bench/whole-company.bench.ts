/**
 * Whole-company sizes (20,000 and 50,000 people), data side: org-chart layout, the HR CSV import
 * as the import worker runs it, and betweenness. Each group has a same-run baseline, so the
 * ratios vitest prints ("x times slower than") hold on a loaded machine:
 * - layout: the compact org chart vs the tidy tree (layoutForest, the old import layout);
 * - HR CSV: parse + build + compact layout (the worker's whole job) vs papaparse alone;
 * - betweenness: the sampled estimate vs one exact Brandes pass over 1/100 of the sources
 *   (x 100 = the exact cost, which at 50,000 people would be minutes).
 *   npx vitest bench --run --project unit bench/whole-company.bench.ts
 */
import Papa from 'papaparse';
import { bench, describe } from 'vitest';
import { distanceIndex } from '../src/analysis/analyse';
import { generateOrganisation } from '../src/analysis/generate';
import { toAnalysisInput } from '../src/analysis/input';
import { partialPathMeasures, pathMeasures } from '../src/analysis/shortest-paths';
import { parseCsvTable } from '../src/io/csv';
import { guessColumns } from '../src/io/org-chart-csv';
import { layoutForest } from '../src/io/tree-layout';
import { compactOrgChart } from '../src/layout/compact-org';
import { managersFrom } from '../src/layout/org-chart';
import type { LayoutInput } from '../src/layout/types';
import { tieMeaning } from '../src/domain/tie-kinds';
import { buildLaidOut } from '../src/state/org-import';

const SIZES = [20000, 50000];
const options = { iterations: 2, warmupIterations: 1, time: 0 };

function hrCsv(rows: number): string {
  const lines = ['Employee ID,Name,Job Title,Department,Manager ID'];
  let next = 1;
  const manager = new Int32Array(rows).fill(-1);
  for (let m = 0; m < rows && next < rows; m++) for (let k = 0; k < (m === 0 ? 6 : 3 + ((m * 7) % 6)) && next < rows; k++, next++) manager[next] = m;
  for (let i = 0; i < rows; i++) lines.push(`E${i},Person ${i},Role ${i % 40},Dept ${i % 6},${manager[i] >= 0 ? `E${manager[i]}` : ''}`);
  return lines.join('\n');
}

for (const size of SIZES) {
  const doc = generateOrganisation(size, 7);
  const layoutInput: LayoutInput = { cards: [], ties: [] };
  for (const s of Object.values(doc.stakeholders)) layoutInput.cards.push({ id: s.id, x: s.x, y: s.y, width: 150 + (s.influence - 1) * 18, height: 76 });
  for (const t of Object.values(doc.ties)) layoutInput.ties.push({ source: t.source, target: t.target, kind: tieMeaning(doc.map.settings, t.kind), strength: t.strength });
  const manager = managersFrom(layoutInput);
  const csv = hrCsv(size);
  const parsed = parseCsvTable(csv);
  const table = parsed.ok ? parsed.table : null;
  const g = distanceIndex(toAnalysisInput(doc));

  describe(`${size.toLocaleString('en-US')} people: org-chart layout`, () => {
    bench('baseline: tidy tree (layoutForest)', () => void layoutForest(layoutInput.cards, manager), options);
    bench('compact org chart', () => void compactOrgChart(layoutInput), options);
  });

  describe(`${size.toLocaleString('en-US')}-row HR CSV in the import worker`, () => {
    bench('baseline: papaparse alone', () => void Papa.parse(csv, { header: true, skipEmptyLines: true }), options);
    bench('parse + org chart + compact layout', () => {
      const t = parseCsvTable(csv);
      if (t.ok) buildLaidOut(t.table, guessColumns(t.table.headers), 'Org');
    }, options);
    if (table) bench('  of which org chart + layout (table parsed)', () => void buildLaidOut(table, guessColumns(table.headers), 'Org'), options);
  });

  describe(`${size.toLocaleString('en-US')} people: betweenness`, () => {
    bench('baseline: exact Brandes over 1/100 of the sources (x 100 = exact)', () => void partialPathMeasures(g, 0, Math.ceil(g.n / 100)), { ...options, iterations: 1, warmupIterations: 0 });
    bench('sampled estimate (one core)', () => void pathMeasures(g), { ...options, iterations: 1, warmupIterations: 0 });
  });
}
