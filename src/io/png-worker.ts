/**
 * The PNG export worker: draws the map on an OffscreenCanvas, encodes and embeds the map JSON,
 * and sends back the finished Blob; or, for a large map shared between two workers, draws one
 * horizontal band and sends back its pixels. Created by png-browser.ts with
 *   new Worker(new URL('./png-worker.ts', import.meta.url), { type: 'module' })
 */
/// <reference lib="webworker" />
import { renderMapPng, renderMapPngBand } from './png-browser';
import type { PngWorkerReply, PngWorkerRequest } from './png-browser';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<PngWorkerRequest>) => {
  const request = event.data;
  if (!request || typeof request.id !== 'number' || !request.doc) return;
  if (request.band) {
    let reply: PngWorkerReply;
    try {
      const part = renderMapPngBand(request.doc, request.options, request.band);
      reply = { id: request.id, ok: true, ...part };
      self.postMessage(reply, [part.bitmap]);
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      self.postMessage(reply);
    }
    return;
  }
  void renderMapPng(request.doc, request.options).then(
    (result): PngWorkerReply => ({ id: request.id, ok: true, ...result }),
    (error: unknown): PngWorkerReply => ({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  ).then((reply) => self.postMessage(reply));
});
