import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateOrganisation } from '../../../src/analysis/generate';
import { diffDocuments } from '../../../src/domain/diff';
import { updateStakeholder } from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import type { MapRecord } from '../../../src/storage/db';
import { PACK_FORMAT, PACK_MIN_ROWS, packRows, unpackRows } from '../../../src/storage/packs';
import type { StoredRecord } from '../../../src/storage/record-tables';
import { Repository, type Revisions } from '../../../src/storage/repository';
import { freshDb } from '../helpers/storage';

const repos: Repository[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.db.close();
});

/** A map just over the size that gets a pack (about 1,000 people and 5,000 ties). */
function bigMap(): MapDocument {
  const doc = generateOrganisation(1_000, 3);
  expect(Object.keys(doc.stakeholders).length + Object.keys(doc.ties).length).toBeGreaterThanOrEqual(PACK_MIN_ROWS);
  return doc;
}

async function created(doc: MapDocument) {
  const repo = new Repository(freshDb());
  repos.push(repo);
  await repo.createMap(doc);
  return repo;
}

const packOf = (repo: Repository, id: string) => repo.db.packs.get(id);

/** Reads the map from its rows alone (the pack put aside), as the ground truth. */
async function fromRows(repo: Repository, id: string) {
  const pack = await packOf(repo, id);
  await repo.db.packs.delete(id);
  const loaded = await repo.loadMap(id);
  await vi.waitFor(async () => expect(await packOf(repo, id)).toBeDefined());
  if (pack) await repo.db.packs.put(pack);
  return loaded!;
}

async function save(repo: Repository, base: { doc: MapDocument; revs: Revisions }, next: MapDocument) {
  await repo.saveChanges(base.doc.map.id, diffDocuments(base.doc, next), base);
}

/** A big map stored, then one person's edit saved over it (which drops the pack). */
async function createdThenEdited(nth: number, patch: { notes?: string; title?: string }) {
  const doc = bigMap();
  const repo = await created(doc);
  const base = (await repo.loadMap(doc.map.id))!;
  const someone = Object.keys(doc.stakeholders)[nth];
  await save(repo, base, updateStakeholder(base.doc, someone, patch));
  return { doc, repo, someone };
}

describe('packs: a big map opens from one packed value (storage/packs.ts)', { timeout: 30_000 }, () => {
  it('a new big map is stored with a pack, and opening from it gives the same map and revisions as its rows', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    expect(await packOf(repo, doc.map.id)).toBeDefined();
    const fast = await repo.loadMap(doc.map.id);
    expect(fast!.doc).toEqual(doc);
    expect(fast!.problems).toEqual([]);
    const slow = await fromRows(repo, doc.map.id);
    expect(fast!.doc).toEqual(slow.doc);
    expect([...fast!.revs].sort()).toEqual([...slow.revs].sort());
  });

  it('opened to show, a pack gives records without their rows\' fields, revisions beside them, and the restore keeps those records as they are', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    const rows = await unpackRows(pack, () => Promise.resolve());
    const split = await unpackRows(pack, () => Promise.resolve(), true);
    const opened = split.opened!;
    for (const table of ['stakeholders', 'ties'] as const) {
      const records = split[table];
      expect(records).toHaveLength(rows[table].length);
      expect(records.filter((r) => 'mapId' in r || 'rev' in r || 'v' in r)).toEqual([]);
      expect(opened[table]!).toEqual(rows[table].map((r) => r.rev));
      expect(records.map((r) => ({ ...r, mapId: doc.map.id, rev: rows[table][records.indexOf(r)].rev, v: 1 }))).toEqual(rows[table]);
    }
    // The map opened from its pack is the same as from its rows (the first test), its records the unpacked ones.
    const shown = (await repo.loadMapToShow(doc.map.id))!;
    expect(shown.doc).toEqual(doc);
    expect(Object.values(shown.doc.ties).every((t) => !('mapId' in t) && !('v' in t))).toBe(true);
  });

  it('opened to show, a table with a record its type does not keep as it is (a field it does not know) comes back whole, and opens as from rows', async () => {
    const map = { id: 'm1', rev: 3, updatedAt: 1 } as unknown as MapRecord;
    const doc = bigMap();
    const people = Object.values(doc.stakeholders).map((p, i) => ({ ...p, v: 1, mapId: 'm1', rev: i === 5 ? 9 : 1, ...(i === 3 ? { extra: 'x' } : {}) }));
    const ties = Object.values(doc.ties).map((t, i) => ({ ...t, v: i === 2 ? 7 : 1, mapId: 'm1', rev: 2 }));
    const pause = () => Promise.resolve();
    const back = await unpackRows(await packRows(map, { stakeholders: people, ties }, pause), pause, true);
    expect(back.opened!.stakeholders).toBeNull();
    expect(back.stakeholders[3]).toMatchObject({ extra: 'x', mapId: 'm1', v: 1 });
    // Ties are all of a kept shape: opened as records, the one of another version keeping its version.
    expect(back.ties[2]).toMatchObject({ v: 7 });
    expect('v' in back.ties[0]).toBe(false);
    expect(back.opened!.ties!.every((r) => r === 2)).toBe(true);
  });

  it('a pack written another way (before PACK_FORMAT) is not read: the rows are, and the map is packed again the current way', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    expect(pack.format).toBe(PACK_FORMAT);
    // An older pack with the right stamp but read the old way would open as nonsense.
    await repo.db.packs.put({ ...pack, format: undefined, stakeholders: pack.ties });
    const loaded = await repo.loadMap(doc.map.id);
    expect(loaded!.doc).toEqual(doc);
    await vi.waitFor(async () => expect((await packOf(repo, doc.map.id))!.format).toBe(PACK_FORMAT));
    expect((await repo.loadMap(doc.map.id))!.doc).toEqual(doc);
  });

  it('a whole company\'s pack is small: under 20 bytes of arrays and 12 characters of text a tie', async () => {
    const doc = generateOrganisation(5_000, 3);
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    const ties = Object.keys(doc.ties).length;
    const bytes = pack.ties.reduce((n, p) => n + p.shapeOf.byteLength + p.tags.byteLength + p.ints.byteLength + p.numbers.byteLength + p.ends.byteLength, 0);
    const chars = pack.ties.reduce((n, p) => n + p.text.length, 0);
    // Before PACK_FORMAT 2: about 80 bytes and 15 characters a tie (numbers as doubles, a key per row, a byte per tag).
    expect(bytes / ties).toBeLessThan(20);
    expect(chars / ties).toBeLessThan(12);
  });

  it('a small map gets no pack', async () => {
    const doc = generateOrganisation(30, 3);
    const repo = await created(doc);
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    await repo.loadMap(doc.map.id);
    await new Promise((r) => setTimeout(r, 50));
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
  });

  it('a save deletes the pack in its own transaction; the next open reads the rows (the edit is there) and packs them again', async () => {
    const { doc, repo, someone } = await createdThenEdited(7, { notes: 'Met on Tuesday' });
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    const reopened = await repo.loadMap(doc.map.id);
    expect(reopened!.doc.stakeholders[someone].notes).toBe('Met on Tuesday');
    await vi.waitFor(async () => expect(await packOf(repo, doc.map.id)).toBeDefined());
    const fromPack = await repo.loadMap(doc.map.id);
    expect(fromPack!.doc).toEqual(reopened!.doc);
    expect([...fromPack!.revs].sort()).toEqual([...reopened!.revs].sort());
  });

  it('a pack that no longer matches the map record is ignored: what the rows say is opened', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    const someone = Object.keys(doc.stakeholders)[3];
    const base = (await repo.loadMap(doc.map.id))!;
    await save(repo, base, updateStakeholder(base.doc, someone, { name: 'Renamed Since' }));
    // A pack left over from before the save (as a tab that packed while another saved might).
    await repo.db.packs.put(pack);
    const loaded = await repo.loadMap(doc.map.id);
    expect(loaded!.doc.stakeholders[someone].name).toBe('Renamed Since');
  });

  it('a damaged pack is dropped and the map opens from its rows', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    await repo.db.packs.put({ ...pack, stakeholders: [{ ...pack.stakeholders[0], count: pack.stakeholders[0].count + 5 }] });
    const loaded = await repo.loadMap(doc.map.id);
    expect(loaded!.doc).toEqual(doc);
  });

  it('a damaged pack that cannot be deleted still opens the map from its rows (once, no loop)', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    const pack = (await packOf(repo, doc.map.id))!;
    await repo.db.packs.put({ ...pack, ties: [{ ...pack.ties[0], count: pack.ties[0].count + 5 }] });
    const refuse = vi.spyOn(repo.db.packs, 'delete').mockRejectedValue(new Error('QuotaExceededError'));
    const loaded = await repo.loadMap(doc.map.id);
    expect(loaded!.doc).toEqual(doc);
    refuse.mockRestore();
  });

  it('locking a map deletes its pack (nothing of a locked map stays in the clear), and no pack is made for it', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    expect(await packOf(repo, doc.map.id)).toBeDefined();
    await repo.lockMap(doc.map.id, 'correct horse battery');
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    const loaded = await repo.loadMap(doc.map.id);
    // (Locking gives records new ids; the people are the same.)
    const names = (d: MapDocument) => Object.values(d.stakeholders).map((s) => s.name).sort();
    expect(names(loaded!.doc)).toEqual(names(doc));
    await new Promise((r) => setTimeout(r, 100));
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    // Nor does a copy made locked like it.
    const copy = { ...doc, map: { ...doc.map, id: 'copy-of-locked' } };
    await repo.createMap(copy, { lockedLike: doc.map.id });
    expect(await packOf(repo, 'copy-of-locked')).toBeUndefined();
  });

  it('new record ids (same map record) delete the pack, and the map opens with the new ids', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    await repo.renewRecordIds(doc.map.id);
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    const loaded = await repo.loadMap(doc.map.id);
    expect(Object.keys(loaded!.doc.stakeholders).some((id) => id in doc.stakeholders)).toBe(false);
  });

  it('refreshPack packs a big map again after a save (what the workspace does once saves are quiet), and leaves a current pack alone', async () => {
    const { doc, repo, someone } = await createdThenEdited(11, { title: 'Head of Data' });
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    await repo.refreshPack(doc.map.id);
    const pack = await packOf(repo, doc.map.id);
    expect(pack).toBeDefined();
    const fromPack = await repo.loadMap(doc.map.id);
    expect(fromPack!.doc.stakeholders[someone].title).toBe('Head of Data');
    expect(fromPack!.doc).toEqual((await fromRows(repo, doc.map.id)).doc);
    await repo.refreshPack(doc.map.id);
    expect(await packOf(repo, doc.map.id)).toEqual(pack);
  });

  it('refreshPack makes no pack for a locked map or a small one', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    await repo.lockMap(doc.map.id, 'correct horse battery');
    await repo.refreshPack(doc.map.id);
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
    const small = generateOrganisation(30, 4);
    await repo.createMap(small);
    await repo.refreshPack(small.map.id);
    expect(await packOf(repo, small.map.id)).toBeUndefined();
  });

  it('deleting a map deletes its pack', async () => {
    const doc = bigMap();
    const repo = await created(doc);
    await repo.deleteMap(doc.map.id);
    expect(await packOf(repo, doc.map.id)).toBeUndefined();
  });
});

describe('packs: tie ends stored as person positions (storage/packs.ts)', () => {
  const map = { id: 'm1', rev: 3, updatedAt: 1 } as unknown as MapRecord;
  const pause = () => Promise.resolve();
  const person = (id: string): StoredRecord => ({ id, mapId: 'm1', rev: 1, name: `P ${id}` });
  const tie = (id: string, source: unknown, target: unknown): StoredRecord => ({ id, mapId: 'm1', rev: 1, source, target, kind: 'influence' });
  const rows = () => ({
    stakeholders: [person('a'), person('__proto__'), person('c')],
    ties: [tie('t1', 'a', '__proto__'), tie('t2', 'c', 'a'), tie('t3', 'a', 'gone')],
  });

  it('packs the ends of ties between people in the pack as positions, and opens them as the same ids', async () => {
    const pack = await packRows(map, rows(), pause);
    expect(pack.ends).toBe('person-index');
    const back = await unpackRows(pack, pause);
    expect(back).toEqual(rows());
    // What is stored is the positions (read without `ends`, the numbers show).
    const raw = await unpackRows({ ...pack, ends: undefined }, pause);
    expect(raw.ties.slice(0, 2)).toMatchObject([{ source: 0, target: 1 }, { source: 2, target: 0 }]);
  });

  it('a tie to someone missing from the pack keeps its ends as text (restore then reports it, as from rows)', async () => {
    const back = await unpackRows(await packRows(map, rows(), pause), pause);
    expect(back.ties[2]).toMatchObject({ source: 'a', target: 'gone' });
  });

  it('a damaged row with a number for an end is packed with ids as text, so it is never read as a position', async () => {
    const damaged = rows();
    damaged.ties.push(tie('t4', 0, 'c'));
    const pack = await packRows(map, damaged, pause);
    expect(pack.ends).toBeUndefined();
    expect((await unpackRows(pack, pause)).ties[3]).toMatchObject({ source: 0, target: 'c' });
  });

  it('a pack written before positions (no `ends`) reads as before', async () => {
    const pack = await packRows(map, rows(), pause);
    const old = { ...pack, ties: (await packRows(map, { stakeholders: [], ties: rows().ties }, pause)).ties };
    delete old.ends;
    expect(await unpackRows(old, pause)).toEqual(rows());
  });

  it('a position past the people in the pack throws, so the map opens from its rows instead', async () => {
    const pack = await packRows(map, rows(), pause);
    const short = { ...pack, stakeholders: (await packRows(map, { stakeholders: [person('a')], ties: [] }, pause)).stakeholders };
    await expect(unpackRows(short, pause)).rejects.toThrow(/names a person the pack does not have/);
  });
});
