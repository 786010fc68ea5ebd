import { describe, expect, it } from 'vitest';
import { asNewMap, exportBackupJson, exportMapJson, fileBaseName, readBackupFile, readMapFile, readMapJson, redactDocument, toMapFile } from '../../../src/io/map-file';
import { MAP_FILE_VERSION } from '../../../src/io/migrations';
import { sampleDoc } from './helpers';

describe('JSON map file', () => {
  it('round-trips every field exactly', () => {
    const doc = sampleDoc();
    const json = exportMapJson(doc, new Date('2025-01-01T00:00:00Z'));
    const file = JSON.parse(json);
    expect(file).toMatchObject({ type: 'influence-map', version: MAP_FILE_VERSION, exportedAt: '2025-01-01T00:00:00.000Z' });
    expect(Array.isArray(file.stakeholders)).toBe(true);
    const back = readMapJson(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.problems).toEqual([]);
    expect(back.doc).toEqual(doc);
  });

  it('drops bad records with a line naming them and keeps the rest', () => {
    const file = toMapFile(sampleDoc()) as unknown as Record<string, unknown[]>;
    file.stakeholders.push({ name: 'No id here' }, 42, { ...(file.stakeholders[0] as object), name: 'Copy' });
    file.ties.push({ id: 'bad-kind', source: 'p-me', target: 'p-ceo', kind: 'friendship' }, { id: 'dangling', source: 'p-me', target: 'ghost', kind: 'trust' });
    const result = readMapFile(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(5);
    // A tie of a kind the map does not define is kept, as a kind of the map's own shown only.
    expect(Object.keys(result.doc.ties)).toHaveLength(8);
    expect(result.doc.ties['bad-kind'].kind).toBe('friendship');
    expect(result.doc.map.settings.tieKinds).toEqual([{ id: 'friendship', name: 'friendship', colour: 'slate', line: 'solid', mutual: false, meaning: 'shown' }]);
    const text = result.problems.join('\n');
    expect(text).toMatch(/Person 6 \("No id here"\) could not be read \(id: /);
    expect(text).toMatch(/Person 7 could not be read/);
    expect(text).toMatch(/Person 8 \("Copy"\) has the same id as person 1; skipped/);
    expect(text).toMatch(/1 tie has the kind "friendship", which this map does not define; kept as a kind of the map's own, shown only/);
    expect(text).toMatch(/dangling.*not on the map/);
  });

  it('fills defaults for missing fields and cuts very long names with a note', () => {
    const result = readMapFile({ type: 'influence-map', version: 1, map: { name: 'x' }, stakeholders: [{ id: 'a', name: 'N'.repeat(10_000) }], ties: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const a = result.doc.stakeholders.a;
    expect(a.name).toHaveLength(500);
    expect(a.stance).toBe('unknown');
    expect(result.problems.join()).toMatch(/10,000 characters long; it was cut to 500/);
  });

  it('refuses files from a newer version, the wrong type, and non-objects', () => {
    expect(readMapFile({ type: 'influence-map', version: MAP_FILE_VERSION + 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/newer version/) });
    expect(readMapFile({ type: 'something', version: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/not an Influence Map file/) });
    expect(readMapFile([1, 2])).toMatchObject({ ok: false });
    expect(readMapFile({ type: 'influence-map' })).toMatchObject({ ok: false, error: expect.stringMatching(/no format version/) });
    expect(readMapJson('{"type": "influence-map", ')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
  });

  it('corrects the direction of kinds whose direction is fixed', () => {
    const file = toMapFile(sampleDoc());
    file.ties[0] = { ...file.ties[0], mutual: true };
    const result = readMapFile(JSON.parse(JSON.stringify(file)));
    expect(result.ok && result.doc.ties.t1.mutual).toBe(false);
  });
});

describe('backup', () => {
  it('round-trips several maps and reports a broken one', () => {
    const a = sampleDoc();
    const b = { ...sampleDoc(), map: { ...sampleDoc().map, id: 'map-2', name: 'Second' } };
    const backup = JSON.parse(exportBackupJson([a, b]));
    expect(backup).toMatchObject({ type: 'influence-map-backup', version: 1 });
    backup.maps.push({ type: 'influence-map', version: 99, map: { name: 'Future' } });
    const result = readBackupFile(backup);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.maps.map((m) => m.doc)).toEqual([a, b]);
    expect(result.problems.join()).toMatch(/Map 3 \("Future"\) could not be read/);
  });

  it('refuses an empty backup', () => {
    expect(readBackupFile({ type: 'influence-map-backup', version: 1, maps: [] })).toMatchObject({ ok: false });
  });
});

describe('asNewMap', () => {
  it('gives a fresh map id and keeps records', () => {
    const doc = sampleDoc();
    const fresh = asNewMap(doc, { now: 5 });
    expect(fresh.map.id).not.toBe(doc.map.id);
    expect(fresh.map.createdAt).toBe(5);
    expect(fresh.stakeholders).toBe(doc.stakeholders);
  });

  it('re-ids people, ties and log entries consistently', () => {
    const doc = sampleDoc();
    const fresh = asNewMap(doc, { reIdRecords: true });
    const ids = new Set(Object.keys(fresh.stakeholders));
    expect(ids.size).toBe(5);
    for (const id of Object.keys(doc.stakeholders)) expect(ids.has(id)).toBe(false);
    for (const t of Object.values(fresh.ties)) {
      expect(ids.has(t.source) && ids.has(t.target)).toBe(true);
      expect(t.id in doc.ties).toBe(false);
    }
    expect(fresh.stakeholders[fresh.map.meId!].name).toBe('Me Myself');
    expect(Object.keys(fresh.ties)).toHaveLength(7);
  });
});

describe('redactDocument', () => {
  it('keeps the shape and drops names, notes, e-mail, tags and logs', () => {
    const red = redactDocument(sampleDoc());
    const json = JSON.stringify(red);
    for (const secret of ['Me Myself', 'Zoë', 'onerror', 'Line one', 'me@example.com', 'budget owner', 'good chat', 'advises', 'p-ceo']) expect(json).not.toContain(secret);
    expect(Object.values(red.stakeholders).map((s) => s.name).sort()).toContain('ZÅ');
    expect(Object.keys(red.ties)).toHaveLength(7);
    expect(red.map.meId).toBeNull();
  });
});

it('fileBaseName makes a safe file name', () => {
  expect(fileBaseName('Q3: "plan" <a/b>')).toBe('Q3 plan a b');
  expect(fileBaseName('...')).toBe('influence-map');
});
