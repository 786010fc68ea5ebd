/**
 * The import Web Worker: parses a dropped or picked file off the main thread. Created by
 * read-file.ts with new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }).
 */
/// <reference lib="webworker" />
import { readImport } from './read-file';
import type { ReadRequest } from './read-file';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<ReadRequest>) => {
  const request = event.data;
  if (!request || typeof request.id !== 'number' || !(request.bytes instanceof Uint8Array)) return;
  self.postMessage(readImport(request));
});
