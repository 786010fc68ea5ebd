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

export type SnapshotSummary = Omit<SnapshotRecord, 'file' | 'sealedName'>;

export async function saveSnapshot(repo: Repository, doc: MapDocument, options: { name?: string | null; auto?: boolean; now?: number } = {}): Promise<SnapshotSummary> {
  const db = repo.db;
  const auto = options.auto ?? false;
  // A locked map's snapshots (content and name) are sealed with the same key as its records.
  const name = options.name?.trim() || null;
  const stored = await repo.encodeSnapshot(doc.map.id, toMapFile(doc), name);
  const record: SnapshotRecord = {
    id: newId(),
    mapId: doc.map.id,
    createdAt: options.now ?? Date.now(),
    auto,
    people: Object.keys(doc.stakeholders).length,
    ties: Object.keys(doc.ties).length,
    ...stored,
  };
  await db.transaction('rw', [db.snapshots, db.maps], async () => {
    // Locked in another tab since this snapshot was sealed (or not): never store it in clear.
    if ((await db.maps.get(doc.map.id))?.lock && !(record.file as { sealed?: unknown } | null)?.sealed) throw new Error('This map was locked meanwhile; the snapshot was not saved.');
    await db.snapshots.add(record);
    if (auto) {
      const autos = (await db.snapshots.where('mapId').equals(doc.map.id).toArray()).filter((s) => s.auto).sort((a, b) => b.createdAt - a.createdAt);
      const excess = autos.slice(MAX_AUTO_SNAPSHOTS).map((s) => s.id);
      if (excess.length) await db.snapshots.bulkDelete(excess);
    }
  });
  const { file: _file, sealedName: _sealed, ...summary } = record;
  return { ...summary, name };
}

export async function listSnapshots(repo: Repository, mapId: Id): Promise<SnapshotSummary[]> {
  const records = await repo.db.snapshots.where('mapId').equals(mapId).toArray();
  const summaries = await Promise.all(
    records.map(async ({ file: _file, sealedName, ...summary }) => ({
      ...summary,
      name: sealedName ? await repo.decodeSnapshotName({ name: summary.name, sealedName }).catch(() => 'Sealed name (map locked)') : summary.name,
    })),
  );
  return summaries.sort((a, b) => b.createdAt - a.createdAt);
}

export async function latestSnapshotTime(repo: Repository, mapId: Id): Promise<number | null> {
  const last = await repo.db.snapshots.where('[mapId+createdAt]').between([mapId, -Infinity], [mapId, Infinity]).last();
  return last?.createdAt ?? null;
}

export async function loadSnapshot(repo: Repository, id: Id): Promise<{ ok: true; doc: MapDocument; problems: string[]; mapId: Id } | { ok: false; error: string }> {
  const record = await repo.db.snapshots.get(id);
  if (!record) return { ok: false, error: 'That snapshot no longer exists.' };
  try {
    const read = readMapFile(await repo.decodeSnapshotFile(record.file), 'snapshot');
    return read.ok ? { ...read, mapId: record.mapId } : read;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function deleteSnapshot(repo: Repository, id: Id): Promise<void> {
  await repo.db.snapshots.delete(id);
}
