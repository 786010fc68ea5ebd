/**
 * Level of detail, off the main thread: rasterises a scene (every tie and mark of a large map,
 * tens of milliseconds in software) on an OffscreenCanvas and hands back an ImageBitmap, so a new
 * scene (a drag starting or ending, a lens, an edit) never blocks input. Created by renderer.ts.
 */
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

const scope = self as unknown as { onmessage: ((event: MessageEvent<RasterJob>) => void) | null; postMessage(message: RasterDone, transfer: Transferable[]): void };

scope.onmessage = (event) => {
  const { id, width, height, dpr, view, palette, scene } = event.data;
  const started = performance.now();
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const stats = drawScene(ctx, scene, palette, view);
  const bitmap = canvas.transferToImageBitmap();
  scope.postMessage({ id, bitmap, marks: stats.marks, ties: stats.ties, ms: performance.now() - started }, [bitmap]);
};
