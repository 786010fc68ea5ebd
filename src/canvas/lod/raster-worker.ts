/**
 * Level of detail, off the main thread: rasterises a scene (every tie and mark of a large map,
 * tens of milliseconds in software) on an OffscreenCanvas and hands back an ImageBitmap, so a new
 * scene (a drag starting or ending, a lens, an edit) never blocks input. Started by renderer.ts
 * (see domain/workers.ts for the protocol).
 */
import { serveWorker, type CallContext } from '../../domain/workers';
import { drawScene, type LodPalette, type View } from './draw';
import type { LodScene } from './scene';

export interface RasterJob {
  id: number;
  width: number;
  height: number;
  dpr: number;
  view: View;
  palette: LodPalette;
  scene: LodScene;
}

export interface RasterDone {
  id: number;
  bitmap: ImageBitmap;
  marks: number;
  ties: number;
  ms: number;
}

const api = {
  raster({ id, width, height, dpr, view, palette, scene }: RasterJob, context: CallContext): RasterDone {
    const started = performance.now();
    const canvas = new OffscreenCanvas(width, height);
    // The same drawing calls as on the page; the DOM lib types OffscreenCanvas's context apart.
    const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const stats = drawScene(ctx, scene, palette, view);
    const bitmap = canvas.transferToImageBitmap();
    context.transfer([bitmap]);
    return { id, bitmap, marks: stats.marks, ties: stats.ties, ms: performance.now() - started };
  },
};

export type RasterWorkerApi = typeof api;

// Only inside the worker (renderer.ts imports this module's types alone).
serveWorker(api);
