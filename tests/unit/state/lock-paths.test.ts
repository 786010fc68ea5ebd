/**
 * A locked map is only ever stored sealed, whatever writes it (issue 16, items 1-3, 7, 8): written
 * again after storage was cleared, a deletion racing a save, snapshots and their names, copies,
 * and a lock racing another tab's save.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diffDocuments } from '../../../src/domain/diff';
import { updateStakeholder } from '../../../src/domain/operations';
import { createEditorStore } from '../../../src/state/store';
import { Workspace } from '../../../src/state/workspace';
import type { InfluenceDb } from '../../../src/storage/db';
import { MapLockedError, Repository } from '../../../src/storage/repository';
import { listSnapshots, saveSnapshot } from '../../../src/storage/snapshots';
import { importFile } from '../../../src/io/import';
import { docOf, person, tie } from '../helpers/docs';
import { freshDb } from '../helpers/storage';
import { FakeBroadcast } from '../helpers/sync';

const PASS = 'correct horse battery staple';
const SECRETS = ['Xena Secretname', 'Yannick Hushhush', 'Plans to leave in March', 'Project Nightjar'];

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
  vi.restoreAllMocks();
});

function secretDoc() {
  return docOf(
    [person('xena', { name: SECRETS[0], notes: SECRETS[2] }), person('yan', { name: SECRETS[1] })],
    [tie('t1', 'xena', 'yan', 'influence')],
    SECRETS[3],
  );
}

/** Everything stored, as text: every table of the database. */
async function atRest(db: InfluenceDb): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(Object.fromEntries(tables));
}

async function expectNoSecret(db: InfluenceDb, extra: string[] = []) {
  const text = await atRest(db);
  for (const secret of [...SECRETS, ...extra]) expect(text, `"${secret}" at rest`).not.toContain(secret);
}

/** Each tab's repository (the workspace keeps its own private: the interface never sees it). */
const repos = new WeakMap<Workspace, Repository>();
const repoOf = (workspace: Workspace) => repos.get(workspace)!;

function tab(db: InfluenceDb, hub: FakeBroadcast | null) {
  const repo = new Repository(db);
  const workspace = new Workspace(repo, createEditorStore(), hub?.channel() ?? null);
  repos.set(workspace, repo);
  cleanups.push(() => workspace.dispose());
  return workspace;
}

async function lockedMapOpen(hub: FakeBroadcast | null = new FakeBroadcast()) {
  const db = freshDb();
  cleanups.push(() => db.close());
  const a = tab(db, hub);
  const doc = secretDoc();
  await a.createMap(doc);
  await a.lockOpenMap(PASS);
  return { db, a, hub, mapId: doc.map.id };
}

const names = (doc: { stakeholders: Record<string, { name: string }> }) => Object.values(doc.stakeholders).map((s) => s.name).sort();

describe('a locked map at rest', () => {
  it('storage cleared under the open locked map: it is written again sealed, with the same passphrase', async () => {
    const { db, a, mapId } = await lockedMapOpen();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    await vi.waitFor(() => expect(a.store.getState().notice?.text).toMatch(/saved again/));
    await expectNoSecret(db);
    expect(a.store.getState().notice?.text).toMatch(/locked with its passphrase as before/);
    expect((await db.maps.get(mapId))?.lock).toBeDefined();
    const stranger = new Repository(db);
    await expect(stranger.loadMap(mapId)).rejects.toBeInstanceOf(MapLockedError);
    await stranger.unlockMap(mapId, PASS);
    expect(names((await stranger.loadMap(mapId))!.doc)).toEqual([SECRETS[0], SECRETS[1]].sort());
    // And edits made afterwards keep being saved sealed.
    const id = Object.keys(a.store.getState().doc!.stakeholders)[0];
    a.store.getState().updateStakeholder(id, { title: 'Chief of Whispers' });
    await a.flush();
    await expectNoSecret(db, ['Chief of Whispers']);
  });

  it('deleted (confirmed) in another tab while this tab saves: it stays deleted and this tab is told', async () => {
    // Tab B has not heard of the deletion yet when its save runs (no channel): the race at its worst.
    const { db, a, mapId } = await lockedMapOpen(null);
    const b = tab(db, null);
    await b.unlockAndOpen(mapId, PASS);
    const id = Object.keys(b.store.getState().doc!.stakeholders)[0];
    await a.deleteMap(mapId);
    b.store.getState().updateStakeholder(id, { notes: 'Written while deleted' });
    await b.flush();
    expect(await new Repository(db).listMaps()).toEqual([]);
    expect(await db.stakeholders.count()).toBe(0);
    await expectNoSecret(db, ['Written while deleted']);
    expect(b.store.getState().doc).toBeNull();
    expect(b.store.getState().notice?.text).toBe('This map was deleted in another tab.');
  });

  it('deleting a map deletes its snapshots with it', async () => {
    const { db, a, mapId } = await lockedMapOpen();
    await a.takeSnapshot('Before the reorg');
    await repoOf(a).deleteMap(mapId);
    expect(await db.snapshots.count()).toBe(0);
    expect(await repoOf(a).wasDeleted(mapId)).toBe(true);
  });

  it('snapshot names are sealed, whether given before or after the lock, and readable with the key', async () => {
    const db = freshDb();
    cleanups.push(() => db.close());
    const a = tab(db, null);
    const doc = secretDoc();
    await a.createMap(doc);
    await a.takeSnapshot('Before: Xena plans');
    await a.lockOpenMap(PASS);
    await a.takeSnapshot('After: Xena promoted');
    await saveSnapshot(repoOf(a), a.store.getState().doc!, { auto: true });
    await expectNoSecret(db, ['Xena plans', 'Xena promoted']);
    expect((await listSnapshots(repoOf(a), doc.map.id)).map((s) => s.name ?? '(automatic)').sort()).toEqual(['(automatic)', 'After: Xena promoted', 'Before: Xena plans']);
    // Without the key the names are not shown.
    expect((await listSnapshots(new Repository(db), doc.map.id)).map((s) => s.name)).not.toContain('After: Xena promoted');
    // Removing the lock stores them readable again.
    await a.removeLockFromOpenMap();
    expect((await listSnapshots(new Repository(db), doc.map.id)).map((s) => s.name ?? '(automatic)').sort()).toEqual(['(automatic)', 'After: Xena promoted', 'Before: Xena plans']);
  });

  it('"Duplicate" of a locked map makes a copy locked with the same passphrase, and says so', async () => {
    const { db, a, mapId } = await lockedMapOpen();
    const copyId = (await a.duplicateMap(mapId))!;
    expect(copyId).toBeTruthy();
    expect(a.store.getState().notice?.text).toBe('The copy is locked with the same passphrase as the original.');
    expect(a.store.getState().doc?.map.name).toBe(`${SECRETS[3]} (copy)`);
    await expectNoSecret(db);
    const stranger = new Repository(db);
    await expect(stranger.loadMap(copyId)).rejects.toBeInstanceOf(MapLockedError);
    await stranger.unlockMap(copyId, PASS);
    const copy = (await stranger.loadMap(copyId))!.doc;
    expect(names(copy)).toEqual([SECRETS[0], SECRETS[1]].sort());
    expect(copy.map.name).toBe(`${SECRETS[3]} (copy)`);
  });

  it('"Restore as a new map" from a locked map\'s snapshot makes a locked copy', async () => {
    const { db, a, mapId } = await lockedMapOpen();
    await a.takeSnapshot('Mid-year');
    const [snap] = await listSnapshots(repoOf(a), mapId);
    const copyId = (await a.restoreSnapshotAsNew(snap.id, `${SECRETS[3]} restored`))!;
    await expectNoSecret(db, ['Mid-year']);
    const stranger = new Repository(db);
    await expect(stranger.loadMap(copyId)).rejects.toBeInstanceOf(MapLockedError);
    await stranger.unlockMap(copyId, PASS);
    expect(names((await stranger.loadMap(copyId))!.doc)).toEqual([SECRETS[0], SECRETS[1]].sort());
  });

  it('a lock never overwrites an edit another tab saved while the key was being derived', async () => {
    const db = freshDb();
    cleanups.push(() => db.close());
    const repoA = new Repository(db);
    const repoB = new Repository(db);
    const doc = secretDoc();
    await repoA.createMap(doc);
    const loadedB = (await repoB.loadMap(doc.map.id))!;
    const edited = updateStakeholder(loadedB.doc, 'yan', { title: 'Saved in tab B' });
    const load = repoA.loadMap.bind(repoA);
    let first = true;
    // Tab B's save lands right after the lock has read the map.
    vi.spyOn(repoA, 'loadMap').mockImplementation(async (id) => {
      const loaded = await load(id);
      if (first) {
        first = false;
        await repoB.saveChanges(doc.map.id, diffDocuments(loadedB.doc, edited), { doc: loadedB.doc, revs: loadedB.revs });
      }
      return loaded;
    });
    await repoA.lockMap(doc.map.id, PASS);
    const fresh = new Repository(db);
    await fresh.unlockMap(doc.map.id, PASS);
    const titles = Object.values((await fresh.loadMap(doc.map.id))!.doc.stakeholders).map((s) => s.title);
    expect(titles).toContain('Saved in tab B');
    await expectNoSecret(db, ['Saved in tab B']);
  });

  it('the other tab is told when the map is locked in this one, and asked for the passphrase', async () => {
    const hub = new FakeBroadcast();
    const db = freshDb();
    cleanups.push(() => db.close());
    const a = tab(db, hub);
    const b = tab(db, hub);
    const doc = secretDoc();
    await a.createMap(doc);
    await b.openMap(doc.map.id);
    await a.lockOpenMap(PASS);
    await vi.waitFor(() => expect(b.store.getState().lockedMapId).toBe(doc.map.id));
    expect(b.store.getState().notice?.text).toMatch(/locked with a passphrase in another tab; everything saved here is in it/);
  });

  it('"Back up all maps" includes a locked map this tab has not unlocked, still sealed, and it restores locked', async () => {
    const { db, a, mapId } = await lockedMapOpen();
    await a.createMap(docOf([person('open', { name: 'Olga Open' })], [], 'Open map'));
    // A tab that never unlocked it: before, the whole backup failed here.
    const c = tab(db, null);
    const backup = await c.backUpAll(new Date(5_000));
    expect(backup).toMatchObject({ maps: 2, locked: 1 });
    for (const secret of SECRETS) expect(backup.text).not.toContain(secret);
    expect(backup.text).toContain('Olga Open');
    const file = JSON.parse(backup.text) as { note: string };
    expect(file.note).toBe('1 locked map is in this file still encrypted ("influence-map-sealed"): restored, it opens only with its passphrase.');

    const read = importFile('backup.json', new TextEncoder().encode(backup.text));
    if (!read.ok) throw new Error(read.error);
    expect(read.docs.map((d) => d.map.name)).toEqual(['Open map']);
    expect(read.sealed).toHaveLength(1);
    expect(read.summary).toMatch(/and 1 locked map \(encrypted\)\.$/);

    const elsewhere = freshDb();
    cleanups.push(() => elsewhere.close());
    const restoredRepo = new Repository(elsewhere);
    const restoredId = await restoredRepo.restoreSealed(read.sealed![0]);
    expect(restoredId).not.toBe(mapId);
    await expectNoSecret(elsewhere);
    await expect(restoredRepo.loadMap(restoredId)).rejects.toBeInstanceOf(MapLockedError);
    await restoredRepo.unlockMap(restoredId, PASS);
    const restored = (await restoredRepo.loadMap(restoredId))!;
    expect(restored.problems).toEqual([]);
    expect(restored.doc.map).toMatchObject({ id: restoredId, name: SECRETS[3] });
    expect(names(restored.doc)).toEqual([SECRETS[0], SECRETS[1]].sort());
    expect(Object.keys(restored.doc.ties)).toHaveLength(1);
    // And it keeps saving, sealed, under its new id.
    const id = Object.keys(restored.doc.stakeholders)[0];
    const edited = updateStakeholder(restored.doc, id, { title: 'Edited after restore' });
    await restoredRepo.saveChanges(restoredId, diffDocuments(restored.doc, edited), { doc: restored.doc, revs: restored.revs });
    await expectNoSecret(elsewhere, ['Edited after restore']);
    expect((await restoredRepo.loadMap(restoredId))!.doc.stakeholders[id].title).toBe('Edited after restore');
  });

  it('a tab without the key never writes the map again in clear over a locked one', async () => {
    const db = freshDb();
    cleanups.push(() => db.close());
    const doc = secretDoc();
    const stale = new Repository(db);
    await stale.createMap(doc);
    const locker = new Repository(db);
    await locker.lockMap(doc.map.id, PASS);
    // The stale tab (it had the map open in clear) tries to put back what its screen shows.
    await expect(stale.writeAgain(doc)).rejects.toBeInstanceOf(MapLockedError);
    await expectNoSecret(db);
  });
});
