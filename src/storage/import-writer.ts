/**
 * Writing imported maps: one map in a Web Worker (write-worker.ts), several (a backup) in one
 * transaction here. Used by Workspace.importMaps; nothing above storage/ sees the database.
 */
import { startWorker, WorkerFailedError, type WorkerHandle } from '../domain/workers';
import type { Id, MapDocument } from '../domain/types';
import { emptyRecord } from '../domain/records';
import { writeApi, type WriteWorkerApi } from './write-api';
import type { SealedMapFile } from '../io/sealed-map-file';
import { describeStorageError } from './errors';
import type { Repository } from './repository';
import { nextTask } from '../domain/next-task';

export type WriteResult = { ok: true } | { ok: false; error: string };

export type { WriteWorkerApi } from './write-api';

/** People and ties per message to the write worker: each is copied in its own short task on the page. */
const SEND_CHUNK = 2000;

const writeWorker = () => new Worker(new URL('./write-worker.ts', import.meta.url), { type: 'module' });

let warm: WorkerHandle<WriteWorkerApi> | null = null;

/** Starts the write worker ahead of time (the confirm dialog is showing), so Import starts at once. */
export function prepareWriteWorker(createWorker: () => Worker | null = writeWorker): void {
  warm ??= startWorker<WriteWorkerApi>(createWorker, { onFailure: 'reject' });
}

const described = (error: unknown): WriteResult => ({ ok: false, error: describeStorageError(error).message });

/** Writes one new map in a worker (one transaction); here where no worker runs or it failed. */
export async function writeMapOffThread(repo: Repository, doc: MapDocument, createWorker?: () => Worker | null): Promise<WriteResult> {
  const inProcess = writeApi((_, d) => repo.createMap(d));
  const worker = createWorker ? startWorker<WriteWorkerApi>(createWorker, { inProcess }) : (warm ?? startWorker<WriteWorkerApi>(writeWorker, { inProcess }));
  if (!createWorker) warm = null;
  try {
    const people = Object.values(doc.stakeholders);
    const ties = Object.values(doc.ties);
    if (worker.offThread && people.length + ties.length > SEND_CHUNK) {
      // A large map crosses in chunks, each copied (structured clone) in its own task: in one
      // message a 50,000-person, 250,000-tie map held the page for 0.7 s.
      for (let at = 0; at < Math.max(people.length, ties.length); at += SEND_CHUNK) {
        await worker.call('hold', { stakeholders: people.slice(at, at + SEND_CHUNK), ties: ties.slice(at, at + SEND_CHUNK) }).promise;
        await nextTask();
      }
      await worker.call('write', { dbName: repo.db.name, doc: { ...doc, stakeholders: emptyRecord(), ties: emptyRecord() } }).promise;
    } else await worker.call('write', { dbName: repo.db.name, doc }).promise;
    return { ok: true };
  } catch (error) {
    if (!(error instanceof WorkerFailedError)) return described(error);
  } finally {
    worker.terminate();
  }
  // The warm worker could not start (or died): write here instead.
  return repo.createMap(doc).then((): WriteResult => ({ ok: true }), described);
}

/**
 * Several maps (a backup) in ONE IndexedDB transaction (the repository's per-map transactions
 * join it), so a failure half-way leaves nothing behind. Locked maps go in as they are, still
 * sealed, each under a new id. Returns the ids of the sealed maps stored.
 */
export async function writeMapsTogether(repo: Repository, docs: MapDocument[], sealed: SealedMapFile[]): Promise<({ ok: true; lockedIds: Id[] }) | { ok: false; error: string }> {
  const lockedIds: Id[] = [];
  try {
    await repo.db.transaction('rw', [repo.db.maps, repo.db.stakeholders, repo.db.ties], async () => {
      for (const doc of docs) await repo.createMap(doc);
      for (const file of sealed) lockedIds.push(await repo.restoreSealed(file));
    });
  } catch (error) {
    return described(error) as { ok: false; error: string };
  }
  return { ok: true, lockedIds };
}
