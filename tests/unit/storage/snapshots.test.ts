import { describe, expect, it } from 'vitest';
import { createMapDocument } from '../../../src/domain/factories';
import { addStakeholderAt } from '../../../src/domain/operations';
import { InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { deleteSnapshot, latestSnapshotTime, listSnapshots, loadSnapshot, MAX_AUTO_SNAPSHOTS, saveSnapshot } from '../../../src/storage/snapshots';

const freshDb = () => new Repository(new InfluenceDb(`snapshots-${crypto.randomUUID()}`));

describe('version history snapshots', () => {
  it('stores a whole map and restores it through validation, equal to what was saved', async () => {
    const db = freshDb();
    let doc = createMapDocument('Team');
    doc = addStakeholderAt(doc, { x: 10, y: 20 }, { name: 'Ana', department: 'Sales' }).doc;
    const summary = await saveSnapshot(db, doc, { name: '  Before the reorg ' });
    expect(summary).toMatchObject({ mapId: doc.map.id, name: 'Before the reorg', auto: false, people: 1, ties: 0 });
    const loaded = await loadSnapshot(db, summary.id);
    expect(loaded.ok && loaded.doc).toEqual(doc);
  });

  it('keeps only the newest automatic snapshots and never drops named ones', async () => {
    const db = freshDb();
    const doc = createMapDocument('Team');
    await saveSnapshot(db, doc, { name: 'Keep me', now: 1 });
    for (let i = 0; i < MAX_AUTO_SNAPSHOTS + 5; i++) await saveSnapshot(db, doc, { auto: true, now: 100 + i });
    const list = await listSnapshots(db, doc.map.id);
    expect(list.filter((s) => s.auto)).toHaveLength(MAX_AUTO_SNAPSHOTS);
    expect(list.filter((s) => !s.auto).map((s) => s.name)).toEqual(['Keep me']);
    // Newest first; the five oldest automatic ones went.
    expect(list[0].createdAt).toBe(100 + MAX_AUTO_SNAPSHOTS + 4);
    expect(Math.min(...list.filter((s) => s.auto).map((s) => s.createdAt))).toBe(105);
    expect(await latestSnapshotTime(db, doc.map.id)).toBe(100 + MAX_AUTO_SNAPSHOTS + 4);
  });

  it('lists snapshots per map and deletes one', async () => {
    const db = freshDb();
    const a = createMapDocument('A');
    const b = createMapDocument('B');
    const sa = await saveSnapshot(db, a);
    await saveSnapshot(db, b);
    expect((await listSnapshots(db, a.map.id)).map((s) => s.id)).toEqual([sa.id]);
    await deleteSnapshot(db, sa.id);
    expect(await listSnapshots(db, a.map.id)).toEqual([]);
    expect(await loadSnapshot(db, sa.id)).toEqual({ ok: false, error: 'That snapshot no longer exists.' });
  });

  it('reports a damaged snapshot instead of crashing', async () => {
    const db = freshDb();
    const doc = createMapDocument('A');
    const s = await saveSnapshot(db, doc);
    await db.db.snapshots.update(s.id, { file: { type: 'something-else' } });
    const loaded = await loadSnapshot(db, s.id);
    expect(loaded.ok).toBe(false);
  });
});
