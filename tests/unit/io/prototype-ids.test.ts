/**
 * Issue 16 item 9: ids that are also names of Object.prototype members ("__proto__",
 * "constructor", "toString", "hasOwnProperty", ...) are ordinary ids everywhere: through every
 * importer and the analysis, people and ties are neither lost nor invented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analysis/analyse';
import { toAnalysisInput } from '../../../src/analysis/input';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import type { MapDocument } from '../../../src/domain/types';
import { exportPeopleCsv, exportTiesCsv } from '../../../src/io/csv';
import { exportGexf } from '../../../src/io/gexf';
import { exportGraphml } from '../../../src/io/graphml';
import { importFile, importTiesFile } from '../../../src/io/import';
import { exportMapJson } from '../../../src/io/map-file';
import { enc } from './helpers';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype', 'length'];

const idsArb = fc.uniqueArray(fc.oneof(fc.constantFrom(...HOSTILE), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/)), { minLength: 2, maxLength: 8 });

function mapOf(ids: string[], meIndex: number): MapDocument {
  const map = { ...createMapMeta('Hostile ids', 1_700_000_000_000), id: 'map-h', meId: ids[meIndex % ids.length] };
  const people = ids.map((id, i) => createStakeholder({ id, name: `Name of ${id}`, email: `p${i}@example.com`, x: i * 300, y: 0 }));
  const ties = ids.slice(1).map((id, i) => createTie(ids[i], id, 'trust', { id: `t-${HOSTILE[i % HOSTILE.length]}-${i}` }));
  return documentFrom(map, people, ties);
}

const names = (doc: MapDocument) => Object.values(doc.stakeholders).map((p) => p.name).sort();

function expectSame(back: MapDocument, doc: MapDocument, withTies = true) {
  expect(Object.keys(back.stakeholders)).toHaveLength(ids(doc).length);
  expect(names(back)).toEqual(names(doc));
  if (withTies) {
    expect(Object.keys(back.ties)).toHaveLength(Object.keys(doc.ties).length);
    for (const t of Object.values(back.ties)) {
      expect(Object.hasOwn(back.stakeholders, t.source) && Object.hasOwn(back.stakeholders, t.target)).toBe(true);
    }
  }
}
const ids = (doc: MapDocument) => Object.keys(doc.stakeholders);

describe('ids named like Object.prototype members (issue 16 item 9)', () => {
  it('the document itself holds them as own records', () => {
    const doc = mapOf(HOSTILE, 0);
    expect(Object.keys(doc.stakeholders).sort()).toEqual([...HOSTILE].sort());
    expect(Object.keys(doc.ties)).toHaveLength(HOSTILE.length - 1);
  });

  it.each([
    ['JSON', (d: MapDocument) => importFile('m.json', enc(exportMapJson(d)))],
    ['GraphML', (d: MapDocument) => importFile('m.graphml', enc(exportGraphml(d)))],
    ['GEXF', (d: MapDocument) => importFile('m.gexf', enc(exportGexf(d)))],
  ])('%s import keeps every person, tie and name (property)', (_name, roundTrip) => {
    fc.assert(
      fc.property(idsArb, fc.nat(), (list, me) => {
        const doc = mapOf(list, me);
        const back = roundTrip(doc);
        if (!back.ok) throw new Error(back.error);
        expectSame(back.doc, doc);
      }),
      { numRuns: 60 },
    );
  });

  it('JSON keeps a Me with such an id', () => {
    const doc = mapOf(HOSTILE, HOSTILE.indexOf('hasOwnProperty'));
    const back = importFile('m.json', enc(exportMapJson(doc)));
    if (!back.ok) throw new Error(back.error);
    expect(back.doc.map.meId).toBe('hasOwnProperty');
  });

  it('people CSV then ties CSV keep every person, tie and name (property)', () => {
    fc.assert(
      fc.property(idsArb, (list) => {
        const doc = mapOf(list, 0);
        const people = importFile('people.csv', enc(exportPeopleCsv(doc)), { reIdRecords: false });
        if (!people.ok) throw new Error(people.error);
        expectSame(people.doc, doc, false);
        const withTies = importTiesFile(people.doc, 'ties.csv', enc(exportTiesCsv(doc)));
        if (!withTies.ok) throw new Error(withTies.error);
        expect(withTies.added).toBe(Object.keys(doc.ties).length);
        expectSame(withTies.doc, doc);
      }),
      { numRuns: 60 },
    );
  });

  it('an org-chart CSV with such ids keeps everyone and every reporting line (property)', () => {
    fc.assert(
      fc.property(idsArb, (list) => {
        const rows = ['Employee ID,Name,Manager ID', ...list.map((id, i) => `${id},Name of ${id},${i === 0 ? '' : list[i - 1]}`)];
        const result = importFile('org.csv', enc(rows.join('\n')));
        if (!result.ok) throw new Error(result.error);
        expect(names(result.doc)).toEqual(list.map((id) => `Name of ${id}`).sort());
        expect(Object.values(result.doc.ties).filter((t) => t.kind === 'reports-to')).toHaveLength(list.length - 1);
      }),
      { numRuns: 60 },
    );
  });

  it('the analysis counts them all and finds paths from a Me with such an id', () => {
    for (const me of HOSTILE) {
      const doc = mapOf(HOSTILE, HOSTILE.indexOf(me));
      const input = toAnalysisInput(doc);
      expect(input.people).toHaveLength(HOSTILE.length);
      expect(input.ties).toHaveLength(HOSTILE.length - 1);
      expect(input.meId).toBe(me);
      const result = analyse(input);
      expect(result.people).toHaveLength(HOSTILE.length);
      expect(result.stats.people).toBe(HOSTILE.length);
      for (const id of HOSTILE) {
        expect(Object.hasOwn(result.indexById, id)).toBe(true);
        expect(result.people[result.indexById[id]].id).toBe(id);
        expect(Object.hasOwn(result.explanations, id)).toBe(true);
      }
    }
  });
});
