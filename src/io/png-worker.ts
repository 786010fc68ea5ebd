/**
 * The PNG export worker: draws the map on an OffscreenCanvas, encodes and embeds the map JSON,
 * and sends back the finished Blob; or, for a large map shared between two workers, draws one
 * horizontal band and sends back its pixels. Started by png-browser.ts (see domain/workers.ts).
 */
import { serveWorker } from '../domain/workers';
import { pngApi } from './png-browser';

serveWorker(pngApi);
