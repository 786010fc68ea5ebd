/**
 * Stores imported maps and opens the first one.
 *
 * One map (the usual import): the page opens the map straight from memory (it was validated when
 * the file was read, so it is not read back and validated again) and, once it is drawn, its
 * records are written in a Web Worker (one transaction). Autosave attaches when the write has
 * finished, and edits made meanwhile are saved then. If the write fails, the map is closed again and the previous one
 * reopened, with the reason. Where there is no Worker (tests) the write runs here instead.
 *
 * Several maps (a backup) are restored in ONE IndexedDB transaction (the repository's per-map
 * transactions join it), so a failure half-way leaves nothing behind; then the first is opened.
 */
import type { Id, MapDocument } from '../../domain/types';
import type { Workspace } from '../../state/workspace';
import { describeStorageError } from '../../storage/errors';
import type { SealedMapFile } from '../../io/sealed-map-file';
import { startWorker, WorkerFailedError, type WorkerHandle } from '../../domain/workers';
import type { WriteWorkerApi } from './write-worker';

export type WriteResult = { ok: true } | { ok: false; error: string };

const writeWorker = () => new Worker(new URL('./write-worker.ts', import.meta.url), { type: 'module' });

let warm: WorkerHandle<WriteWorkerApi> | null = null;

/** Starts the write worker ahead of time (the confirm dialog is showing), so Import starts at once. */
export function prepareWriteWorker(createWorker: () => Worker | null = writeWorker): void {
  warm ??= startWorker<WriteWorkerApi>(createWorker, { onFailure: 'reject' });
}

/** Writes one new map in a worker (one transaction); here where no worker runs or it failed. */
async function writeInWorker(workspace: Workspace, doc: MapDocument, createWorker?: () => Worker | null): Promise<WriteResult> {
  const inProcess: WriteWorkerApi = { write: ({ doc }) => workspace.repo.createMap(doc) };
  const worker = createWorker ? startWorker<WriteWorkerApi>(createWorker, { inProcess }) : (warm ?? startWorker<WriteWorkerApi>(writeWorker, { inProcess }));
  if (!createWorker) warm = null;
  try {
    await worker.call('write', { dbName: workspace.repo.db.name, doc }).promise;
    return { ok: true };
  } catch (error) {
    if (!(error instanceof WorkerFailedError)) return { ok: false, error: describeStorageError(error).message };
  } finally {
    worker.terminate();
  }
  // The warm worker could not start (or died): write here instead.
  return workspace.repo.createMap(doc).then(
    (): WriteResult => ({ ok: true }),
    (error: unknown): WriteResult => ({ ok: false, error: describeStorageError(error).message }),
  );
}

/** Resolves after the next frame has been painted (at once where there are no frames). */
function afterNextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.hidden) return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export async function writeNewMaps(workspace: Workspace, docs: MapDocument[], options: { createWorker?: () => Worker | null; sealed?: SealedMapFile[] } = {}): Promise<WriteResult> {
  const sealed = options.sealed ?? [];
  if (docs.length === 0 && sealed.length === 0) return { ok: false, error: 'There is nothing to import.' };
  if (docs.length === 1 && sealed.length === 0) return writeAndOpen(workspace, docs[0], options.createWorker);
  const repo = workspace.repo;
  const lockedIds: Id[] = [];
  try {
    await repo.db.transaction('rw', [repo.db.maps, repo.db.stakeholders, repo.db.ties], async () => {
      for (const doc of docs) await repo.createMap(doc);
      // Locked maps go in as they are, still sealed, each under a new id.
      for (const file of sealed) lockedIds.push(await repo.restoreSealed(file));
    });
  } catch (error) {
    return { ok: false, error: describeStorageError(error).message };
  }
  workspace.channel?.post({ type: 'maps-changed' });
  await workspace.openMap(docs[0]?.map.id ?? lockedIds[0]);
  return { ok: true };
}

async function writeAndOpen(workspace: Workspace, doc: MapDocument, createWorker?: () => Worker | null): Promise<WriteResult> {
  const { store } = workspace;
  const mapId: Id = doc.map.id;
  // Whatever is still unsaved on the map being left is written first.
  await workspace.flush();
  const previous = workspace.openMapId;
  // Open from memory at once; nothing is saved until the map's records are stored.
  workspace.showUnstored(doc);
  // The map is drawn first, then stored: the write would otherwise take CPU from the first frame.
  await afterNextFrame();
  const result = await writeInWorker(workspace, doc, createWorker);
  if (!result.ok) {
    if (store.getState().doc?.map.id === mapId) {
      if (previous && previous !== mapId) await workspace.openMap(previous).catch(() => false);
      else store.getState().closeDocument();
    }
    return result;
  }
  await workspace.openStored(doc);
  return { ok: true };
}
