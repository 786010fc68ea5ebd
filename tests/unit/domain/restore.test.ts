/**
 * restoreDocument is the one way a document enters the app. The first block checks what it does;
 * the second sends the same over-long and inconsistent document through every source (file, PNG,
 * backup, snapshot, IndexedDB plain and locked) and expects the same result and report from each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../../src/domain/limits';
import { restoreDocument, type RestoreFixKind } from '../../../src/domain/restore';
import type { MapDocument } from '../../../src/domain/types';
import { entryCount, valuesOf } from '../../../src/domain/records';
import { importFile } from '../../../src/io/import';
import { exportBackupJson, readBackupFile, readMapFile } from '../../../src/io/map-file';
import { MAP_KEYWORD, embedText } from '../../../src/io/png';
import type { InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { loadSnapshot, saveSnapshot } from '../../../src/storage/snapshots';
import { docOf, person, tie } from '../helpers/docs';
import { tinyPng } from '../helpers/png';
import { freshDb } from '../helpers/storage';

const long = (n: number, ch = 'n') => ch.repeat(n);

/** A document as a careless writer might leave it: every limit exceeded by one value. */
function overLong(): MapDocument {
  const base = docOf(
    [
      person('ann', { seniority: 2, notes: long(120_000), title: long(100_001, 't'), tags: ['short', long(201, 'g')] }),
      person('ben', { seniority: 2, name: long(600, 'b') }),
    ],
    [tie('t1', 'ann', 'ben', 'trust', { note: long(100_001, 'q') }), tie('t2', 'ann', 'ben', 'reports-to', { mutual: true })],
    long(501, 'm'),
  );
  const levels = ['Board', long(201, 'l'), 'Staff'];
  return { ...base, map: { ...base.map, settings: { levels, leadershipLevel: 0, cadenceDays: [30, 30, 60] } } };
}

function expectClampedAndFixed(doc: MapDocument, problems: string[]) {
  expect(doc.stakeholders.ann.notes).toBe(long(TEXT_LIMITS.notes));
  expect(doc.stakeholders.ann.title).toBe(long(TEXT_LIMITS.title, 't'));
  expect(doc.stakeholders.ann.tags).toEqual(['short', long(TEXT_LIMITS.tag, 'g')]);
  expect(doc.stakeholders.ben.name).toBe(long(TEXT_LIMITS.personName, 'b'));
  expect(doc.ties.t1.note).toBe(long(TEXT_LIMITS.tieNote, 'q'));
  expect(doc.ties.t2.mutual).toBe(false);
  expect(doc.map.name).toBe(long(TEXT_LIMITS.mapName, 'm'));
  // One over-long level name is cut; the other levels and the settings stay.
  expect(doc.map.settings).toEqual({ levels: ['Board', long(TEXT_LIMITS.levelName, 'l'), 'Staff'], leadershipLevel: 0, cadenceDays: [30, 30, 60] });
  const text = problems.join('\n');
  expect(text).toMatch(/the notes was 120,000 characters long; it was cut to 100,000/);
  expect(text).toMatch(/the title was 100,001 characters long; it was cut to 500/);
  expect(text).toMatch(/the tag "g+…" was 201 characters long; it was cut to 200/);
  expect(text).toMatch(/the name was 600 characters long; it was cut to 500/);
  expect(text).toMatch(/the note was 100,001 characters long; it was cut to 100,000/);
  expect(text).toMatch(/The map name was 501 characters long; it was cut to 500/);
  expect(text).toMatch(/The name of level 2 was 201 characters long; it was cut to 200/);
  expect(text).toMatch(/a reports-to tie is always one-way; corrected/);
}

describe('restoreDocument', () => {
  it('cuts each over-long value to its limit and reports it, keeping the field, the record and the settings', () => {
    const doc = overLong();
    const result = restoreDocument({ map: doc.map, stakeholders: doc.stakeholders, ties: doc.ties }, { source: 'peer' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectClampedAndFixed(result.doc, result.problems);
    expect(result.fixes.map((f) => f.kind).sort()).toEqual<RestoreFixKind[]>(['clamped', 'clamped', 'clamped', 'clamped', 'clamped', 'clamped', 'clamped', 'direction']);
    expect(result.source).toBe('peer');
  });

  it('drops duplicate ids, dangling and self ties and unreadable records, one line each, and keeps ids such as __proto__', () => {
    const result = restoreDocument(
      {
        map: { id: 'm', name: 'M', meId: 'ghost' },
        stakeholders: [{ id: '__proto__', name: 'Proto' }, { id: 'b', name: 'B' }, { id: 'b', name: 'B again' }, { name: 'No id' }, 'text'],
        ties: [
          { id: 't', source: '__proto__', target: 'b', kind: 'influence' },
          { id: 't', source: 'b', target: '__proto__', kind: 'trust' },
          { id: 'd', source: 'b', target: 'ghost', kind: 'trust' },
          { id: 's', source: 'b', target: 'b', kind: 'trust' },
        ],
      },
      { source: 'file' },
    );
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders).sort()).toEqual(['__proto__', 'b']);
    // Records keyed by user ids have no prototype (domain/records.ts): "__proto__" is an ordinary key.
    expect(Object.getPrototypeOf(result.doc.stakeholders)).toBeNull();
    expect(result.doc.stakeholders.b.name).toBe('B');
    expect(Object.keys(result.doc.ties)).toEqual(['t']);
    expect(result.doc.map.meId).toBeNull();
    expect(result.fixes.map((f) => f.kind)).toEqual(['duplicate', 'unreadable', 'unreadable', 'duplicate', 'dangling-tie', 'self-tie', 'me']);
    expect(result.problems[0]).toBe('Person 3 ("B again") has the same id as person 2; skipped.');
  });

  it('finds each repair on its own: a dangling tie, a tie to oneself, a level the map does not have, a dangling Me', () => {
    const people = [
      { id: 'a', name: 'A', seniority: 1 },
      { id: 'b', name: 'B', seniority: 2 },
    ];
    const fine = [{ id: 'ok', source: 'a', target: 'b', kind: 'trust' }];
    const cases: [string, Record<string, unknown>, RestoreFixKind][] = [
      ['dangling tie', { ties: [...fine, { id: 'd', source: 'a', target: 'ghost', kind: 'trust' }] }, 'dangling-tie'],
      ['tie to oneself', { ties: [...fine, { id: 's', source: 'b', target: 'b', kind: 'trust' }] }, 'self-tie'],
      ['unknown level', { stakeholders: [...people, { id: 'c', name: 'C', seniority: 9 }] }, 'level'],
      ['dangling Me', { map: { id: 'm', name: 'M', meId: 'ghost' } }, 'me'],
    ];
    for (const [what, change, kind] of cases) {
      const result = restoreDocument({ map: { id: 'm', name: 'M', meId: 'a' }, stakeholders: people, ties: fine, ...change }, { source: 'indexeddb' });
      if (!result.ok) throw new Error(result.error);
      expect(result.fixes.map((f) => f.kind), what).toEqual([kind]);
      expect(Object.keys(result.doc.ties), what).toEqual(['ok']);
      expect(Object.values(result.doc.stakeholders).every((p) => p.seniority <= result.doc.map.settings.levels.length - 1), what).toBe(true);
    }
  });

  it('fails only when the records are not lists', () => {
    expect(restoreDocument({ map: {}, stakeholders: 5, ties: [] }, { source: 'file' })).toEqual({ ok: false, error: 'The "stakeholders" is not a list of people.' });
  });

  it('uses the given map id when the map record has none, and says when the map record was unreadable', () => {
    const result = restoreDocument({ map: null, stakeholders: [], ties: [] }, { source: 'indexeddb', mapId: 'stored-id' });
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.map.id).toBe('stored-id');
    expect(result.problems).toEqual(["The map's own record could not be read; default settings were used."]);
  });
});

describe('every source restores the same way', () => {
  const opened: InfluenceDb[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  const repo = () => {
    const db = freshDb();
    opened.push(db);
    return new Repository(db);
  };
  const fileOf = (doc: MapDocument) => ({ type: 'influence-map', version: 1, exportedAt: '', map: doc.map, stakeholders: Object.values(doc.stakeholders), ties: Object.values(doc.ties) });

  it('a JSON file', () => {
    const result = readMapFile(fileOf(overLong()));
    if (!result.ok) throw new Error(result.error);
    expectClampedAndFixed(result.doc, result.problems);
  });

  it('a PNG with the map inside', () => {
    const png = embedText(tinyPng(), MAP_KEYWORD, JSON.stringify(fileOf(overLong())));
    const result = importFile('map.png', png);
    if (!result.ok) throw new Error(result.error);
    // Import gives every map a fresh id; the records keep theirs.
    expectClampedAndFixed(result.docs[0], result.problems);
  });

  it('a backup', () => {
    const result = readBackupFile(JSON.parse(exportBackupJson([overLong()])));
    if (!result.ok) throw new Error(result.error);
    expectClampedAndFixed(result.maps[0].doc, result.maps[0].problems);
  });

  it('a snapshot', async () => {
    const r = repo();
    const summary = await saveSnapshot(r, overLong());
    const result = await loadSnapshot(r, summary.id);
    if (!result.ok) throw new Error(result.error);
    expectClampedAndFixed(result.doc, result.problems);
  });

  it('IndexedDB: what a field accepted and saved is cut and reported on the next load, not emptied', async () => {
    const r = repo();
    const doc = overLong();
    await r.createMap(doc);
    const loaded = (await r.loadMap(doc.map.id))!;
    expectClampedAndFixed(loaded.doc, loaded.problems);
  });

  it('IndexedDB, locked: the same after decryption', async () => {
    const r = repo();
    const doc = docOf([person('ann'), person('ben')]);
    await r.createMap(doc);
    await r.lockMap(doc.map.id, 'correct horse battery');
    const before = (await r.loadMap(doc.map.id))!;
    // What an unlimited field would have saved: written sealed, as autosave writes it.
    const ann = Object.values(before.doc.stakeholders).find((s) => s.name === 'ann')!;
    const edited = { ...ann, notes: long(120_000) };
    const map = { ...before.doc.map, name: long(501, 'm') };
    await r.saveChanges(doc.map.id, { map, upsertStakeholders: [edited], deleteStakeholders: [], upsertTies: [], deleteTies: [] }, before);
    r.forgetKey(doc.map.id);
    await r.unlockMap(doc.map.id, 'correct horse battery');
    const loaded = (await r.loadMap(doc.map.id))!;
    expect(loaded.doc.stakeholders[ann.id].notes).toBe(long(TEXT_LIMITS.notes));
    expect(loaded.doc.map.name).toBe(long(TEXT_LIMITS.mapName, 'm'));
    expect(loaded.problems.join('\n')).toMatch(/the notes was 120,000 characters long; it was cut to 100,000/);
    expect(loaded.problems.join('\n')).toMatch(/The map name was 501 characters long; it was cut to 500/);
  }, 30_000);
});

describe('a restored map lists and counts its records as Object.values and Object.keys would', () => {
  it('whatever the ids, including ids that look like numbers and ids given twice', () => {
    const raw = {
      map: { id: 'm', name: 'Ids' },
      stakeholders: [
        { id: 'zed', name: 'Zed' },
        { id: '10', name: 'Ten' },
        { id: '2', name: 'Two' },
        { id: 'zed', name: 'Zed again' },
        { id: '__proto__', name: 'Proto' },
      ],
      ties: [
        { id: 'b', source: 'zed', target: '2', kind: 'influences' },
        { id: 'a', source: '2', target: '10', kind: 'influences' },
      ],
    };
    const result = restoreDocument(raw, { source: 'file' });
    if (!result.ok) throw new Error(result.error);
    const { stakeholders, ties } = result.doc;
    expect(valuesOf(stakeholders)).toEqual(Object.values(stakeholders));
    expect(valuesOf(stakeholders).map((p) => p.id)).toEqual(['2', '10', 'zed', '__proto__']);
    expect(entryCount(stakeholders)).toBe(4);
    expect(valuesOf(ties).map((t) => t.id)).toEqual(['b', 'a']);
    expect(entryCount(ties)).toBe(2);
  });
});
