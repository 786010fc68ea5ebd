/**
 * Version history. Automatic snapshots are bounded (the oldest go first); named ones are kept
 * until the user deletes them. Restoring reads the snapshot through the same parse -> migrate ->
 * validate -> restore path as any imported file.
 */
import { newId } from '../domain/ids';
import type { Id, MapDocument } from '../domain/types';
import { readMapFile, toMapFile } from '../io/map-file';
import type { SnapshotRecord } from './db';
import type { Repository } from './repository';

export const MAX_AUTO_SNAPSHOTS = 20;

export type SnapshotSummary = Omit<SnapshotRecord, 'file'>;

export async function saveSnapshot(repo: Repository, doc: MapDocument, options: { name?: string | null; auto?: boolean; now?: number } = {}): Promise<SnapshotSummary> {
  const db = repo.db;
  const auto = options.auto ?? false;
  // A locked map's snapshots are sealed with the same key as its records.
  const file = await repo.encodeSnapshotFile(doc.map.id, toMapFile(doc));
  const record: SnapshotRecord = {
    id: newId(),
    mapId: doc.map.id,
    createdAt: options.now ?? Date.now(),
    name: options.name?.trim() || null,
    auto,
    people: Object.keys(doc.stakeholders).length,
    ties: Object.keys(doc.ties).length,
    file,
  };
  await db.transaction('rw', db.snapshots, async () => {
    await db.snapshots.add(record);
    if (auto) {
      const autos = (await db.snapshots.where('mapId').equals(doc.map.id).toArray()).filter((s) => s.auto).sort((a, b) => b.createdAt - a.createdAt);
      const excess = autos.slice(MAX_AUTO_SNAPSHOTS).map((s) => s.id);
      if (excess.length) await db.snapshots.bulkDelete(excess);
    }
  });
  const { file: _file, ...summary } = record;
  return summary;
}

export async function listSnapshots(repo: Repository, mapId: Id): Promise<SnapshotSummary[]> {
  const records = await repo.db.snapshots.where('mapId').equals(mapId).toArray();
  return records.map(({ file: _file, ...summary }) => summary).sort((a, b) => b.createdAt - a.createdAt);
}

export async function latestSnapshotTime(repo: Repository, mapId: Id): Promise<number | null> {
  const last = await repo.db.snapshots.where('[mapId+createdAt]').between([mapId, -Infinity], [mapId, Infinity]).last();
  return last?.createdAt ?? null;
}

export async function loadSnapshot(repo: Repository, id: Id): Promise<{ ok: true; doc: MapDocument; problems: string[] } | { ok: false; error: string }> {
  const record = await repo.db.snapshots.get(id);
  if (!record) return { ok: false, error: 'That snapshot no longer exists.' };
  try {
    return readMapFile(await repo.decodeSnapshotFile(record.file), 'snapshot');
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function deleteSnapshot(repo: Repository, id: Id): Promise<void> {
  await repo.db.snapshots.delete(id);
}

export async function deleteSnapshotsOf(repo: Repository, mapId: Id): Promise<void> {
  await repo.db.snapshots.where('mapId').equals(mapId).delete();
}
