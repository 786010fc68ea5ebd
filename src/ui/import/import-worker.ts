/**
 * The import Web Worker: parses a dropped or picked file off the main thread. Started by
 * read-file.ts (see domain/workers.ts for the protocol).
 */
import { serveWorker } from '../../domain/workers';
import { readApi } from './read-file';

serveWorker(readApi);
