/**
 * Browser only (canvas, Blob): draws the map's scene (svg-render.ts, the same description the
 * SVG export writes) straight onto a 2D canvas, encodes it as PNG and embeds the map in it.
 * Drawing directly is several times faster than rasterising an SVG of a large map. Not
 * unit-tested in Node; the browser tests cover it.
 */
import type { MapDocument } from '../domain/types';
import { startWorker, WorkerFailedError, type CallContext, type WorkerHandle } from '../domain/workers';
import { exportMapJson, redactDocument } from './map-file';
import { MAP_KEYWORD, embedText, makeTextChunk, planExportSize } from './png';
import type { ExportSize } from './png';
import { ARROWHEAD } from './palette';
import { DEFAULT_FONT_SIZE, TINT, buildMapScene, withOpacity } from './svg-render';
import type { MapScene, MarkerKind, SceneItem, SvgOptions } from './svg-render';

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

interface Inherited {
  size: number;
  fill: string;
}

/**
 * Draws a scene in map units (the caller sets the transform). Styles, fonts and colours are only
 * set when they change. Every line is its own path: measured in Chromium, one path holding
 * thousands of lines across the whole image rasterises 2-3 times slower than the same lines
 * stroked one by one (the scan converter walks every edge of the big path on every row).
 */
export function drawScene(ctx: Context, scene: MapScene, band?: { top: number; bottom: number }): void {
  // Drawing one horizontal band of the image: lines and cards wholly outside it are skipped.
  const top = band ? band.top - 12 : -Infinity;
  const bottom = band ? band.bottom + 12 : Infinity;
  const state = { font: '', fill: '' as string | CanvasGradient, stroke: '', width: -1, dash: null as readonly number[] | null, align: '' as CanvasTextAlign | '' };
  const setFill = (fill: string | CanvasGradient) => {
    if (state.fill !== fill) ctx.fillStyle = state.fill = fill;
  };
  const setStroke = (stroke: string, width: number, dash: readonly number[] | null) => {
    if (state.stroke !== stroke) ctx.strokeStyle = state.stroke = stroke;
    if (state.width !== width) ctx.lineWidth = state.width = width;
    if (state.dash !== dash) {
      ctx.setLineDash(dash ? [...dash] : []);
      state.dash = dash;
    }
  };
  const tintStops = scene.tints.map((colour) => [withOpacity(colour, TINT.opacity), withOpacity(colour, 0)] as const);
  // The marker's triangle in its 10-unit box, scaled to ARROWHEAD.size.
  const k = ARROWHEAD.size / 10;
  const head = (kind: MarkerKind, x: number, y: number, ux: number, uy: number) => {
    const len = Math.hypot(ux, uy);
    if (len === 0) return;
    const c = ux / len;
    const s = uy / len;
    // SVG's marker M0,0 L10,5 L0,10 z with its reference point (refX, refY) at (x, y), turned along (ux, uy).
    const back = ARROWHEAD.refX * k;
    const tip = (10 - ARROWHEAD.refX) * k;
    const half = 5 * k;
    ctx.beginPath();
    ctx.moveTo(x - back * c + half * s, y - back * s - half * c);
    ctx.lineTo(x + tip * c, y + tip * s);
    ctx.lineTo(x - back * c - half * s, y - back * s + half * c);
    ctx.closePath();
    setFill(scene.markers[kind]);
    ctx.fill();
  };

  const draw = (items: SceneItem[], dx: number, dy: number, inherited: Inherited) => {
    for (const item of items) {
      switch (item.t) {
        case 'line': {
          const p = item.pts;
          if (band) {
            let min = Infinity;
            let max = -Infinity;
            for (let i = 1; i < p.length; i += 2) {
              if (p[i] < min) min = p[i];
              if (p[i] > max) max = p[i];
            }
            if (max + dy < top || min + dy > bottom) break;
          }
          setStroke(item.stroke, item.sw, item.dash ?? null);
          ctx.beginPath();
          ctx.moveTo(p[0] + dx, p[1] + dy);
          for (let i = 2; i < p.length; i += 2) ctx.lineTo(p[i] + dx, p[i + 1] + dy);
          ctx.stroke();
          const n = p.length;
          if (item.end) head(item.end, p[n - 2] + dx, p[n - 1] + dy, p[n - 2] - p[n - 4], p[n - 1] - p[n - 3]);
          if (item.start) head(item.start, p[0] + dx, p[1] + dy, p[0] - p[2], p[1] - p[3]);
          break;
        }
        case 'rect': {
          ctx.beginPath();
          if (item.rx) ctx.roundRect(item.x + dx, item.y + dy, item.w, item.h, item.rx);
          else ctx.rect(item.x + dx, item.y + dy, item.w, item.h);
          if (item.fill) {
            setFill(item.fill);
            ctx.fill();
          }
          if (item.stroke) {
            setStroke(item.stroke, item.sw ?? 1, null);
            ctx.stroke();
          }
          break;
        }
        case 'band': {
          const x = item.x + dx;
          const y = item.y + dy;
          const r = Math.min(item.r, item.w, item.h / 2);
          ctx.beginPath();
          ctx.roundRect(x, y, item.w, item.h, [r, 0, 0, r]);
          setFill(item.fill);
          ctx.fill();
          break;
        }
        case 'tint': {
          const x = item.x + dx;
          const gradient = ctx.createLinearGradient(x, 0, x + item.w, 0);
          const [from, to] = tintStops[item.i];
          gradient.addColorStop(0, from);
          gradient.addColorStop(TINT.until, to);
          gradient.addColorStop(1, to);
          setFill(gradient);
          ctx.fillRect(x, item.y + dy, item.w, item.h);
          break;
        }
        case 'circle':
          ctx.beginPath();
          ctx.arc(item.cx + dx, item.cy + dy, item.r, 0, 2 * Math.PI);
          setFill(item.fill);
          ctx.fill();
          break;
        case 'text': {
          const font = `${item.weight ?? 400} ${item.size ?? inherited.size}px ${scene.font}`;
          if (state.font !== font) ctx.font = state.font = font;
          const align: CanvasTextAlign = item.anchor === 'end' ? 'right' : item.anchor === 'middle' ? 'center' : 'left';
          if (state.align !== align) ctx.textAlign = state.align = align;
          setFill(item.fill ?? inherited.fill);
          ctx.fillText(item.text, item.x + dx, item.y + dy);
          break;
        }
        case 'group':
          if (item.h !== undefined && (item.y + dy + item.h < top || item.y + dy > bottom)) break;
          draw(item.items, dx + item.x, dy + item.y, { size: item.size ?? inherited.size, fill: item.fill ?? inherited.fill });
          break;
      }
    }
  };
  ctx.textBaseline = 'alphabetic';
  draw(scene.items, 0, 0, { size: DEFAULT_FONT_SIZE, fill: '#000000' });
}

/** Draws a scene onto a canvas of the planned size and returns a PNG blob (main thread or worker). */
export async function sceneToPngBlob(scene: MapScene, ratio: number): Promise<{ blob: Blob; size: ExportSize }> {
  const size = planExportSize(scene.width, scene.height, ratio);
  const offscreen = typeof document === 'undefined';
  const canvas = offscreen ? new OffscreenCanvas(size.width, size.height) : document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d') as Context | null;
  if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
  context.setTransform(size.width / scene.width, 0, 0, size.height / scene.height, 0, 0);
  drawScene(context, scene);
  const blob =
    'toBlob' in canvas ? await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png')) : await canvas.convertToBlob({ type: 'image/png' }).catch(() => null);
  // Let the canvas memory go at once (a 2,000-person map is about 64 MB of pixels).
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) throw new Error('The browser could not make a PNG of this size.');
  return { blob, size };
}

/**
 * Puts text into a PNG blob without reading the image data: a canvas PNG ends with its 12-byte
 * IEND chunk, so the text chunk goes just before it. Anything else takes the general path.
 */
export async function embedTextInBlob(blob: Blob, keyword: string, text: string): Promise<Blob> {
  const tail = blob.size >= 20 ? new Uint8Array(await blob.slice(blob.size - 12).arrayBuffer()) : null;
  const iend = tail && tail[0] === 0 && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && String.fromCharCode(tail[4], tail[5], tail[6], tail[7]) === 'IEND';
  if (!iend) return new Blob([embedText(new Uint8Array(await blob.arrayBuffer()), keyword, text) as BlobPart], { type: 'image/png' });
  return new Blob([blob.slice(0, blob.size - 12), makeTextChunk(keyword, text) as BlobPart, tail as BlobPart], { type: 'image/png' });
}

export interface PngExportOptions extends SvgOptions {
  /** 1, 2 or 3 (pixel density). */
  ratio?: number;
}

export interface PngExportResult {
  blob: Blob;
  note: string | null;
}

/** Draws, encodes and embeds, on whichever thread this runs (the export worker uses it too). */
export async function renderMapPng(doc: MapDocument, options: PngExportOptions = {}): Promise<PngExportResult> {
  const scene = buildMapScene(doc, { ...options, scale: 1 });
  const { blob, size } = await sceneToPngBlob(scene, options.ratio ?? 2);
  const json = exportMapJson(options.redacted ? redactDocument(doc) : doc);
  return { blob: await embedTextInBlob(blob, MAP_KEYWORD, json), note: size.note };
}

/** A horizontal band of the image: band `index` of `count` equal bands. */
export interface Band {
  index: number;
  count: number;
}

/** Draws one band of the image on an OffscreenCanvas (in a worker); band 0 also makes the map JSON. */
export function renderMapPngBand(doc: MapDocument, options: PngExportOptions, band: Band): { bitmap: ImageBitmap; top: number; size: ExportSize; json: string | null } {
  const scene = buildMapScene(doc, { ...options, scale: 1 });
  const size = planExportSize(scene.width, scene.height, options.ratio ?? 2);
  const bandHeight = Math.ceil(size.height / band.count);
  const top = band.index * bandHeight;
  const height = Math.max(1, Math.min(bandHeight, size.height - top));
  const canvas = new OffscreenCanvas(size.width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
  const sx = size.width / scene.width;
  const sy = size.height / scene.height;
  context.setTransform(sx, 0, 0, sy, 0, -top);
  drawScene(context, scene, { top: top / sy, bottom: (top + height) / sy });
  const json = band.index === 0 ? exportMapJson(options.redacted ? redactDocument(doc) : doc) : null;
  return { bitmap: canvas.transferToImageBitmap(), top, size, json };
}

/** What the PNG worker answers (png-worker.ts). */
export const pngApi = {
  /** The finished image. */
  render: ({ doc, options }: { doc: MapDocument; options: PngExportOptions }) => renderMapPng(doc, options),
  /** One band's pixels (the page joins the bands and encodes). */
  band: ({ doc, options, band }: { doc: MapDocument; options: PngExportOptions; band: Band }, context: CallContext) => {
    const part = renderMapPngBand(doc, options, band);
    context.transfer([part.bitmap]);
    return part;
  },
};
export type PngWorkerApi = typeof pngApi;

const pngWorker = () => (typeof OffscreenCanvas === 'undefined' ? null : new Worker(new URL('./png-worker.ts', import.meta.url), { type: 'module' }));

/** No in-process handlers: where no worker runs, exportMapPng draws on this thread itself. */
const startPngWorker = () => startWorker<PngWorkerApi>(pngWorker, { onFailure: 'reject' });

const warm: WorkerHandle<PngWorkerApi>[] = [];

/** How many workers draw a large image, each one band (one per core, at most two). */
function bandCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  return Math.max(1, Math.min(2, cores));
}

/** Starts the export workers ahead of time (the export dialog is open), so Export starts at once. */
export function preparePngWorker(): void {
  while (warm.length < bandCount()) {
    const worker = startPngWorker();
    if (!worker.offThread) return;
    warm.push(worker);
  }
}

/** Below this many ties one worker draws the whole image (splitting would not pay). */
const BANDS_FROM_TIES = 1000;

/** In workers: null when no worker could run (then the caller draws on this thread). */
async function renderInWorkers(doc: MapDocument, options: PngExportOptions): Promise<PngExportResult | null> {
  const count = Object.keys(doc.ties).length >= BANDS_FROM_TIES ? bandCount() : 1;
  const workers: WorkerHandle<PngWorkerApi>[] = [];
  while (workers.length < count) {
    const worker = warm.shift() ?? startPngWorker();
    if (!worker.offThread) break;
    workers.push(worker);
  }
  for (const w of warm.splice(0)) w.terminate();
  if (!workers.length) return null;
  try {
    if (workers.length === 1) return await workers[0].call('render', { doc, options }).promise;
    // Each worker draws one band; the bands are joined here and encoded once.
    const parts = await Promise.all(workers.map((w, index) => w.call('band', { doc, options, band: { index, count: workers.length } }).promise));
    const { size } = parts[0];
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
    for (const part of parts) {
      context.drawImage(part.bitmap, 0, part.top);
      part.bitmap.close();
    }
    const blob = await canvas.convertToBlob({ type: 'image/png' }).catch(() => null);
    if (!blob) throw new Error('The browser could not make a PNG of this size.');
    const json = parts[0].json ?? exportMapJson(options.redacted ? redactDocument(doc) : doc);
    return { blob: await embedTextInBlob(blob, MAP_KEYWORD, json), note: size.note };
  } catch (error) {
    if (error instanceof WorkerFailedError) return null;
    throw error;
  } finally {
    for (const w of workers) w.terminate();
  }
}

/**
 * The whole map as a PNG with the map JSON embedded (the redacted map when `redacted`), so the
 * image re-opens as a map. Drawn in workers on OffscreenCanvases, so the page stays responsive (a
 * large map in two horizontal bands, one per core, joined here and encoded once); on this thread
 * where that is not possible. Returns the note to show when the image had to be
 * scaled down.
 */
export async function exportMapPng(doc: MapDocument, options: PngExportOptions = {}): Promise<PngExportResult> {
  return (await renderInWorkers(doc, options)) ?? renderMapPng(doc, options);
}
