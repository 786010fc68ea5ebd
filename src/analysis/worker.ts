/**
 * The analysis Web Worker, started by client.ts (see domain/workers.ts for the protocol).
 */
import { serveWorker } from '../domain/workers';
import { analysisApi } from './worker-api';

serveWorker(analysisApi);
