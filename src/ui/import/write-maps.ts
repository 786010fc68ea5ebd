/**
 * Stores imported maps: all of them or none. A backup restores several maps in ONE IndexedDB
 * transaction (the repository's per-map transactions join it), so a failure half-way leaves
 * nothing behind. Then the first map is opened.
 */
import type { MapDocument } from '../../domain/types';
import type { Workspace } from '../../state/workspace';
import { describeStorageError } from '../../storage/errors';

export async function writeNewMaps(workspace: Workspace, docs: MapDocument[]): Promise<{ ok: true } | { ok: false; error: string }> {
  if (docs.length === 0) return { ok: false, error: 'There is nothing to import.' };
  const repo = workspace.repo;
  try {
    await repo.db.transaction('rw', [repo.db.maps, repo.db.stakeholders, repo.db.ties], async () => {
      for (const doc of docs) await repo.createMap(doc);
    });
  } catch (error) {
    return { ok: false, error: describeStorageError(error).message };
  }
  workspace.channel?.post({ type: 'maps-changed' });
  await workspace.openMap(docs[0].map.id);
  return { ok: true };
}
