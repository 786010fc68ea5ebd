/**
 * Stores one imported map off the main thread: IndexedDB serialises every record on the thread
 * that writes it (about 12,000 records for a 2,000-person network), so doing it here leaves the
 * page free to draw the map meanwhile. Created by write-maps.ts with
 *   new Worker(new URL('./write-worker.ts', import.meta.url), { type: 'module' })
 */
/// <reference lib="webworker" />
import { InfluenceDb } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import { Repository } from '../../storage/repository';
import type { WriteReply, WriteRequest } from './write-maps';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<WriteRequest>) => {
  const request = event.data;
  if (!request || typeof request.id !== 'number' || !request.doc) return;
  void (async () => {
    let db: InfluenceDb | null = null;
    let reply: WriteReply;
    try {
      db = new InfluenceDb(request.dbName);
      await new Repository(db).createMap(request.doc);
      reply = { id: request.id, ok: true };
    } catch (error) {
      reply = { id: request.id, ok: false, error: describeStorageError(error).message };
    } finally {
      db?.close();
    }
    self.postMessage(reply);
  })();
});
