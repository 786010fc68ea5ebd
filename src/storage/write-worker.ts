/**
 * Stores one imported map off the main thread: IndexedDB serialises every record on the thread
 * that writes it (about 12,000 records for a 2,000-person network), so doing it here leaves the
 * page free to draw the map meanwhile. Started by import-writer.ts (see domain/workers.ts).
 */
import { serveWorker } from '../domain/workers';
import { InfluenceDb } from './db';
import { describedStorageError } from './errors';
import { writeApi } from './write-api';
import { Repository } from './repository';

serveWorker(
  writeApi(async (dbName, doc) => {
    const db = new InfluenceDb(dbName);
    try {
      await new Repository(db).createMap(doc);
    } catch (error) {
      throw describedStorageError(error);
    } finally {
      db.close();
    }
  }),
);
