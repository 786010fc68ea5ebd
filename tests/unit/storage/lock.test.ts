import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../../src/domain/diff';
import { updateStakeholder } from '../../../src/domain/operations';
import { PBKDF2_ITERATIONS, WrongPassphraseError } from '../../../src/storage/crypto';
import { InfluenceDb } from '../../../src/storage/db';
import { MapLockedError, Repository } from '../../../src/storage/repository';
import { listSnapshots, loadSnapshot, saveSnapshot } from '../../../src/storage/snapshots';
import { teamDoc } from '../helpers/docs';

const PASS = 'correct horse battery staple';

async function lockedSetup() {
  const db = new InfluenceDb(`lock-${crypto.randomUUID()}`);
  const repo = new Repository(db);
  const doc = teamDoc('Secret team');
  await repo.createMap(doc);
  await saveSnapshot(repo, doc, { name: 'before lock' });
  await repo.lockMap(doc.map.id, PASS);
  return { db, repo, doc };
}

const rawText = async (db: InfluenceDb) =>
  JSON.stringify({
    maps: await db.maps.toArray(),
    stakeholders: await db.stakeholders.toArray(),
    ties: await db.ties.toArray(),
    snapshots: await db.snapshots.toArray(),
  });

describe('passphrase lock (encryption at rest)', () => {
  it('keeps no readable name, title, note or map name at rest, snapshots included', async () => {
    const { db, doc } = await lockedSetup();
    const text = await rawText(db);
    for (const s of Object.values(doc.stakeholders)) {
      if (s.name) expect(text).not.toContain(s.name);
      expect(text).not.toContain(`"${s.id}"`);
      if (s.title) expect(text).not.toContain(s.title);
    }
    expect(text).not.toContain('Secret team');
    expect(text).not.toContain('before lock');
    const lock = (await db.maps.get(doc.map.id))!.lock!;
    expect(lock.iterations).toBe(PBKDF2_ITERATIONS);
    expect(lock.salt).toHaveLength(16);
  });

  it('cannot be opened without the passphrase; a wrong one says so and changes nothing', async () => {
    const { db, doc } = await lockedSetup();
    const other = new Repository(db);
    await expect(other.loadMap(doc.map.id)).rejects.toBeInstanceOf(MapLockedError);
    const before = await rawText(db);
    await expect(other.unlockMap(doc.map.id, 'wrong passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await rawText(db)).toBe(before);
    expect(other.isUnlocked(doc.map.id)).toBe(false);
    await other.unlockMap(doc.map.id, PASS);
    const loaded = await other.loadMap(doc.map.id);
    // Same map, same people and ties; record ids were renewed when it was locked.
    const names = (d: typeof doc) => Object.values(d.stakeholders).map((s) => `${s.name}|${s.title}|${s.notes}`).sort();
    expect(names(loaded!.doc)).toEqual(names(doc));
    expect(Object.keys(loaded!.doc.ties)).toHaveLength(Object.keys(doc.ties).length);
    expect(loaded!.doc.map).toEqual(doc.map);
    expect((await other.listMaps())[0]).toMatchObject({ name: 'Secret team', locked: true });
    expect((await new Repository(db).listMaps())[0]).toMatchObject({ name: 'Locked map', locked: true });
  });

  it('saves edits sealed, with a fresh IV for every write', async () => {
    const { db, repo, doc } = await lockedSetup();
    const loaded = (await repo.loadMap(doc.map.id))!;
    const id = Object.keys(loaded.doc.stakeholders)[0];
    const ivOf = async () => Array.from(((await db.stakeholders.get([doc.map.id, id])) as unknown as { sealed: { iv: Uint8Array } }).sealed.iv).join(',');
    const iv1 = await ivOf();
    const edited = updateStakeholder(loaded.doc, id, { notes: 'Very private note' });
    const result = await repo.saveChanges(doc.map.id, diffDocuments(loaded.doc, edited), { doc: loaded.doc, revs: loaded.revs });
    expect(result.written).toBe(1);
    expect(await rawText(db)).not.toContain('Very private note');
    expect(await ivOf()).not.toBe(iv1);
    const fresh = new Repository(db);
    await fresh.unlockMap(doc.map.id, PASS);
    expect((await fresh.loadMap(doc.map.id))!.doc.stakeholders[id].notes).toBe('Very private note');
  });

  it('snapshots of a locked map restore only with the key', async () => {
    const { db, repo, doc } = await lockedSetup();
    const [snap] = await listSnapshots(repo, doc.map.id);
    expect((await loadSnapshot(repo, snap.id)).ok).toBe(true);
    const stranger = new Repository(db);
    expect((await loadSnapshot(stranger, snap.id)).ok).toBe(false);
  });

  it('removing the lock stores the map readable again', async () => {
    const { db, repo, doc } = await lockedSetup();
    await repo.removeLock(doc.map.id);
    expect((await db.maps.get(doc.map.id))!.lock).toBeUndefined();
    const reopened = (await new Repository(db).loadMap(doc.map.id))!.doc;
    expect(Object.values(reopened.stakeholders).map((s) => s.name).sort()).toEqual(Object.values(doc.stakeholders).map((s) => s.name).sort());
    expect(await rawText(db)).toContain('Secret team');
  });
});
