/**
 * Stores one imported map off the main thread: IndexedDB serialises every record on the thread
 * that writes it (about 12,000 records for a 2,000-person network), so doing it here leaves the
 * page free to draw the map meanwhile. Started by write-maps.ts (see domain/workers.ts).
 */
import { serveWorker } from '../../domain/workers';
import type { MapDocument } from '../../domain/types';
import { InfluenceDb } from '../../storage/db';
import { describedStorageError } from '../../storage/errors';
import { Repository } from '../../storage/repository';

export type WriteWorkerApi = {
  write: (arg: { dbName: string; doc: MapDocument }) => Promise<unknown>;
};

const api: WriteWorkerApi = {
  async write({ dbName, doc }) {
    const db = new InfluenceDb(dbName);
    try {
      await new Repository(db).createMap(doc);
    } catch (error) {
      throw describedStorageError(error);
    } finally {
      db.close();
    }
  },
};

serveWorker(api);
