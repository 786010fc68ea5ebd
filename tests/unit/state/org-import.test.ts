import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/io/csv';
import { guessColumns } from '../../../src/io/org-chart-csv';
import { InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { buildLaidOut, DOC_CHUNK, docSlices, holdTable, orgApi, summarise } from '../../../src/state/org-import';
import { docAssembler } from '../../../src/ui/import/org-session';
import type { MapDocument } from '../../../src/domain/types';
import { createTie } from '../../../src/domain/factories';
import type { OrgProgress } from '../../../src/state/org-import';

/** An HR export: Employee ID, Name, Job Title, Department, Manager ID; six reports per manager. */
function hrCsv(rows: number): string {
  const lines = ['Employee ID,Name,Job Title,Department,Manager ID'];
  for (let i = 0; i < rows; i++) lines.push(`E${i},Person ${i},Role ${i},${['Sales', 'Finance'][i % 2]},${i ? `E${Math.floor((i - 1) / 6)}` : ''}`);
  return lines.join('\n');
}

function table(rows: number) {
  const parsed = parseCsvTable(hrCsv(rows));
  if (!parsed.ok) throw new Error('unreadable');
  return parsed.table;
}

describe('large org-chart import in the worker', () => {
  it('summarises a mapping: counts, reports-to ties and problems', () => {
    const t = table(3000);
    const summary = summarise(t, guessColumns(t.headers), 'Org');
    expect(summary).toMatchObject({ rowCount: 3000, people: 3000, reportsTo: 2999, skipped: 0, problemCount: 0 });
    const noManager = summarise(t, { ...guessColumns(t.headers), manager: null }, 'Org');
    expect(noManager.reportsTo).toBe(0);
  });

  it('caps the problem lines but counts them all', () => {
    const t = table(1500);
    // Every manager reference points at nobody.
    for (const row of t.rows) if (row.cells['Manager ID']) row.cells['Manager ID'] = `X${row.line}`;
    const summary = summarise(t, guessColumns(t.headers), 'Org');
    expect(summary.problemCount).toBe(1499);
    expect(summary.problems.length).toBeLessThanOrEqual(200);
  });

  it('lays the chart out compactly, every report below their manager', () => {
    const doc = buildLaidOut(table(5000), guessColumns(table(1).headers), 'Org');
    const people = Object.values(doc.stakeholders);
    let right = 0;
    let bottom = 0;
    for (const p of people) {
      right = Math.max(right, p.x);
      bottom = Math.max(bottom, p.y);
    }
    expect(right / bottom).toBeLessThan(3);
    expect(right / bottom).toBeGreaterThan(1 / 3);
    for (const tie of Object.values(doc.ties)) expect(doc.stakeholders[tie.source].y).toBeGreaterThan(doc.stakeholders[tie.target].y);
  }, 30_000);

  it('sends the map in chunks, then stores it with progress reports', async () => {
    const t = table(12000);
    holdTable(t);
    const replies: OrgProgress[] = [];
    const dbName = `t-${crypto.randomUUID()}`;
    const result = await orgApi.orgCommit(
      { mapping: guessColumns(t.headers), mapName: 'Whole company', dbName },
      { progress: (value) => replies.push(value as OrgProgress), transfer: () => undefined },
    );
    expect(result).toEqual({ ok: true });
    const chunks = replies.flatMap((r) => (r.kind === 'doc' ? [r] : []));
    expect(chunks.length).toBe(12000 / DOC_CHUNK);
    expect(chunks.reduce((n, c) => n + c.people.count, 0)).toBe(12000);
    const progress = replies.flatMap((r) => (r.kind === 'stored' ? [r.fraction] : []));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(1);
    const db = new InfluenceDb(dbName);
    const mapId = chunks[0].map.id;
    const loaded = await new Repository(db).loadMap(mapId);
    expect(Object.keys(loaded!.doc.stakeholders)).toHaveLength(12000);
    expect(loaded!.doc.map.name).toBe('Whole company');
    db.close();
  }, 60_000);

  it('puts the same map back together from its slices, in the same order, odd ties included', () => {
    const doc = buildLaidOut(table(1300), guessColumns(table(1).headers), 'Org');
    // Ties to oneself, to nobody and mutual ones, in slices after the first.
    const ids = Object.keys(doc.stakeholders);
    doc.ties.self = createTie(ids[700], ids[700], 'influence', { id: 'self' });
    doc.ties.nobody = createTie(ids[900], 'gone', 'influence', { id: 'nobody' });
    doc.ties.trust = createTie(ids[1100], ids[5], 'trust', { id: 'trust', mutual: true, strength: 3 });
    const slices = [...docSlices(structuredClone(doc))];
    expect(slices.length).toBe(Math.ceil(1302 / DOC_CHUNK));
    expect(slices.filter((m) => m.last).length).toBe(1);
    let assembled: MapDocument | null = null;
    const take = docAssembler((d) => (assembled = d));
    for (const m of slices) {
      expect(assembled).toBeNull();
      // Each slice crosses to the page by structured clone, as from the worker.
      take(structuredClone(m));
    }
    const got = assembled as MapDocument | null;
    if (!got) throw new Error('not assembled');
    expect(got).toEqual(doc);
    expect(Object.keys(got.stakeholders)).toEqual(Object.keys(doc.stakeholders));
  }, 30_000);
});
