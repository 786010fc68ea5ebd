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

export interface WriteRequest {
  id: number;
  dbName: string;
  doc: MapDocument;
}

export type WriteReply = { id: number; ok: true } | { id: number; ok: false; error: string };

export type WriteResult = { ok: true } | { ok: false; error: string };

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./write-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

let warm: Worker | null = null;
let nextId = 1;

/** Starts the write worker ahead of time (the confirm dialog is showing), so Import starts at once. */
export function prepareWriteWorker(createWorker: () => Worker | null = defaultWorker): void {
  warm ??= createWorker();
}

/** Writes one new map in a worker; null when no worker could be started. */
function writeInWorker(dbName: string, doc: MapDocument, createWorker?: () => Worker | null): Promise<WriteResult> | null {
  const worker = createWorker ? createWorker() : (warm ?? defaultWorker());
  if (!createWorker) warm = null;
  if (!worker) return null;
  const id = nextId++;
  return new Promise<WriteResult>((resolve) => {
    const done = (result: WriteResult) => {
      worker.terminate();
      resolve(result);
    };
    worker.addEventListener('message', (event: MessageEvent<WriteReply>) => {
      if (event.data?.id !== id) return;
      done(event.data.ok ? { ok: true } : { ok: false, error: event.data.error });
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      done({ ok: false, error: 'worker-failed' });
    });
    worker.postMessage({ id, dbName, doc } satisfies WriteRequest);
  });
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
  const { repo, store } = workspace;
  const mapId: Id = doc.map.id;
  // Whatever is still unsaved on the map being left is written first.
  await workspace.flush();
  const previous = workspace.openMapId;
  const mainThreadWrite = () => repo.createMap(doc).then(
    (): WriteResult => ({ ok: true }),
    (error: unknown): WriteResult => ({ ok: false, error: describeStorageError(error).message }),
  );
  // Open from memory at once; nothing is saved until the map's records are stored.
  workspace.showUnstored(doc);
  // The map is drawn first, then stored: the write would otherwise take CPU from the first frame.
  await afterNextFrame();
  let result = await (writeInWorker(repo.db.name, doc, createWorker) ?? mainThreadWrite());
  // The worker could not start (or died): write here instead.
  if (!result.ok && result.error === 'worker-failed') result = await mainThreadWrite();
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

/**
 * Opens a map from memory while something else (the import worker) stores it; once `stored`
 * says every record is written, autosave takes over. If storing fails, the map is closed again
 * and the previous one reopened, as for `writeNewMaps`.
 */
export async function openWhileStored(workspace: Workspace, doc: MapDocument, stored: Promise<WriteResult>): Promise<WriteResult> {
  const { store } = workspace;
  const mapId: Id = doc.map.id;
  await workspace.flush();
  const previous = workspace.openMapId;
  workspace.showUnstored(doc);
  const result = await stored;
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
