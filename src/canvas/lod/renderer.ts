/**
 * Level of detail, the frame loop: owns the on-screen <canvas> and an off-screen cache.
 *
 * - The cache holds the scene drawn at one zoom over a region (the whole map when that fits in
 *   MAX_CACHE_PIXELS, else the view plus a margin). A pan at that zoom is one drawImage: no work
 *   proportional to the map per frame.
 * - A zoom gesture redraws the vectors when that is cheap (the last full draw took under
 *   FAST_DRAW_MS); otherwise it scales the cached image for the frame and redraws crisply once
 *   the zoom has been still for SETTLE_MS, like a map application.
 * - A new scene (an edit, a selection) redraws the vectors. During a drag the scene is split
 *   (scene.ts, createSceneSplitter): the still part stays cached and only the moving people and
 *   their ties (the `top` scene) are drawn over it each frame.
 * - A new scene at the same zoom, while an image of the last one is on screen, is rasterised in a
 *   worker (raster-worker.ts); the last image (and the top scene) stays on screen meanwhile, so
 *   rasterising 10,000 lines never blocks a drag or a click. Without workers it is drawn here.
 * - A heavy scene (over MAIN_THREAD_ITEMS marks and lines) is always rasterised in the worker:
 *   the first image of a newly opened map, the crisp redraw after a zoom settles, a pan past the
 *   cached region. Chromium rasterises recorded canvas drawing when the image is first used, so
 *   drawing 20,000 marks and ties "here" cost one to three seconds inside the blit, not the
 *   few tens of milliseconds drawScene itself takes.
 * - When nothing is on screen yet (a map just opened, a new theme) and the scene has ties, the
 *   worker first rasterises the marks alone, then the whole scene: at 20,000 people and 100,000
 *   ties the lines take the worker seconds (anti-aliased strokes over much of the image), the
 *   marks tens of milliseconds, so the people appear at once and their ties follow. Both are of
 *   the view alone; the whole map (for pans) is rasterised once the view is drawn whole
 *   (`plan`'s viewOnly).
 * Frames are coalesced with requestAnimationFrame: at most one draw per displayed frame.
 */
import { drawScene, viewFor, type LodPalette, type View } from './draw';
import { copiedForTransfer, startWorker, type WorkerHandle } from '../../domain/workers';
import type { RasterDone, RasterJob, RasterWorkerApi } from './raster-worker';
import type { LodScene } from './scene';

const MAX_CACHE_SIDE = 4096;
const MAX_CACHE_PIXELS = 12_000_000;
const FAST_DRAW_MS = 10;
/** Scenes with more marks and lines than this are rasterised in the worker whenever there is one. */
const MAIN_THREAD_ITEMS = 4000;
const SETTLE_MS = 140;
const NO_TIES = new Int32Array(0);
const NO_STYLES = new Uint8Array(0);
/** World units of margin around marks (selection outlines, line ends). */
const WORLD_MARGIN = 40;

export interface Transform {
  x: number;
  y: number;
  zoom: number;
}

interface Cache {
  canvas: HTMLCanvasElement | OffscreenCanvas | ImageBitmap;
  scene: LodScene;
  palette: LodPalette;
  zoom: number;
  /** World rectangle the cache covers, and whether it holds the whole map. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  complete: boolean;
  dpr: number;
  /** Marks only: the ties are still being rasterised (see the header). */
  partial?: boolean;
  /** Of the view alone while the whole map would fit: the whole map is rasterised next. */
  viewOnly?: boolean;
}

export interface RenderInfo {
  /** Vector draws so far (a pan at a steady zoom adds none). */
  renders: number;
  /** Frames shown so far. */
  frames: number;
  marks: number;
  ties: number;
  lastDrawMs: number;
  /** The frame shows the current scene whole (not an older image, nor its marks alone). */
  current: boolean;
}

interface Plan {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  complete: boolean;
  width: number;
  height: number;
  zoom: number;
}

/** The raster worker; none without OffscreenCanvas (then the scene is drawn here). */
function rasterWorker(): WorkerHandle<RasterWorkerApi> | null {
  const create = () => (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined' ? null : new Worker(new URL('./raster-worker.ts', import.meta.url), { type: 'module' }));
  const worker = startWorker<RasterWorkerApi>(create, { onFailure: 'reject' });
  return worker.offThread ? worker : null;
}

/** A raster worker started ahead of need (prewarmRasterWorker), for the next renderer to take. */
let spare: WorkerHandle<RasterWorkerApi> | null | undefined;

/**
 * Starts the raster worker while a big map is still being laid out for its first frame: a worker
 * takes a while to load and compile, and the first image of a whole company used to wait for that
 * after the scene was ready.
 */
export function prewarmRasterWorker(): void {
  if (spare === undefined) spare = rasterWorker();
}

function takeRasterWorker(): WorkerHandle<RasterWorkerApi> | null {
  if (spare === undefined) return rasterWorker();
  const worker = spare;
  spare = undefined;
  return worker;
}

/**
 * The job with its scene's columns copied, to transfer: the renderer keeps its scene, and a copy
 * transferred costs the page less than the structured clone copying them (about 60% of it, for
 * the 4.5 MB of a 50,000-person, 250,000-tie scene).
 */
function jobForTransfer(job: RasterJob): { arg: RasterJob; transfer: ArrayBuffer[] } {
  const { scene } = job;
  const transfer: ArrayBuffer[] = [];
  const columns = copiedForTransfer({ x: scene.x, y: scene.y, w: scene.w, h: scene.h, flags: scene.flags, colour: scene.colour, tieFrom: scene.tieFrom, tieTo: scene.tieTo, tieStyle: scene.tieStyle }, transfer);
  return { arg: { ...job, scene: { ...scene, ...columns } }, transfer };
}

/** Frees a worker's image (the cache may also hold a canvas, which needs nothing). */
function closeBitmap(image: Cache['canvas'] | undefined): void {
  if (typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) image.close();
}

function makeCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

export class LodRenderer {
  readonly info: RenderInfo = { renders: 0, frames: 0, marks: 0, ties: 0, lastDrawMs: 0, current: false };
  private scene: LodScene | null = null;
  private top: LodScene | null = null;
  private palette: LodPalette;
  private transform: Transform = { x: 0, y: 0, zoom: 1 };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private cache: Cache | null = null;
  private frame = 0;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** The canvas synchronous redraws draw into (the cache may instead hold a worker's bitmap). */
  private surface: HTMLCanvasElement | OffscreenCanvas | null = null;
  private worker: WorkerHandle<RasterWorkerApi> | null | undefined;
  private job: { id: number; scene: LodScene; palette: LodPalette; plan: Plan; dpr: number; partial: boolean; viewOnly: boolean } | null = null;
  private jobs = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    palette: LodPalette,
    private readonly onDrawn: ((info: RenderInfo) => void) | null = null,
    /** Rasterise new scenes in a worker when there is one (tests pass false). */
    private readonly offThread = true,
  ) {
    this.palette = palette;
  }

  setScene(scene: LodScene | null, top: LodScene | null = null): void {
    if (scene === this.scene && top === this.top) return;
    this.scene = scene;
    this.top = top;
    this.request();
  }

  setPalette(palette: LodPalette): void {
    this.palette = palette;
    this.cache = null;
    this.request();
  }

  setTransform(x: number, y: number, zoom: number): void {
    const t = this.transform;
    if (t.x === x && t.y === y && t.zoom === zoom) return;
    this.transform = { x, y, zoom };
    this.request();
  }

  setSize(width: number, height: number, dpr = 1): void {
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    this.width = Math.max(0, Math.floor(width));
    this.height = Math.max(0, Math.floor(height));
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(this.width * dpr));
    this.canvas.height = Math.max(1, Math.round(this.height * dpr));
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    if (this.cache && !this.cache.complete) this.cache = null;
    this.request();
  }

  /** Schedules a frame (coalesced). */
  request(): void {
    if (this.disposed || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws now (tests call this directly). */
  render(settled = false): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.disposed) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const scene = this.scene;
    if (!scene || !this.width || !this.height) return;
    const { x: tx, y: ty, zoom } = this.transform;
    const view = viewFor(tx, ty, zoom, this.width, this.height);
    let cache = this.cache;
    const usable = cache && !cache.partial && cache.scene === scene && cache.palette === this.palette && cache.dpr === this.dpr;
    // What a cached region must hold: the view, less what of it lies beyond the map (a region is
    // cut to the map's edges, and a view hanging over an edge would never be covered).
    const b = scene.bounds;
    const covers = (c: Cache) =>
      c.complete ||
      (Math.max(view.minX, b.minX - WORLD_MARGIN) >= c.minX && Math.max(view.minY, b.minY - WORLD_MARGIN) >= c.minY && Math.min(view.maxX, b.maxX + WORLD_MARGIN) <= c.maxX && Math.min(view.maxY, b.maxY + WORLD_MARGIN) <= c.maxY);
    // Chromium records canvas drawing and rasterises it when the image is first used, so a big
    // scene's true cost shows up in the blit (over a second at 20,000 people), not in drawScene:
    // judge by the scene's size as well as by the last timed draw.
    const heavy = this.info.lastDrawMs > FAST_DRAW_MS || scene.count + scene.tieCount > MAIN_THREAD_ITEMS;
    this.info.current = false;
    if (usable && cache!.zoom === zoom && covers(cache!)) {
      this.blit(ctx, cache!);
      this.info.current = true;
      // The view is drawn whole: now the whole map, for pans, while this image stays up.
      if (cache!.viewOnly && !this.job) this.rasterOffThread(scene, view, true);
    } else if (usable && !settled && heavy && covers(cache!) && zoom / cache!.zoom < 2 && zoom / cache!.zoom > 0.5) {
      // Mid-gesture on a heavy map: show the cached image scaled, redraw crisply when still.
      this.blit(ctx, cache!);
      this.scheduleSettle();
    } else if ((heavy || (cache && cache.zoom === zoom && cache.dpr === this.dpr && covers(cache))) && this.rasterOffThread(scene, view)) {
      // Rasterised in the worker; meanwhile the last image stays up (scaled, or of the last scene:
      // a drag's still part, a zoom that has settled), or the canvas stays empty for the moment
      // before a newly opened map's first image arrives.
      if (cache && cache.dpr === this.dpr && cache.palette === this.palette) this.blit(ctx, cache);
    } else {
      cache = this.redrawCache(scene, view);
      this.blit(ctx, cache);
      this.info.current = true;
    }
    if (this.top) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      drawScene(ctx, this.top, this.palette, view);
    }
    this.info.frames++;
    this.onDrawn?.(this.info);
  }

  private scheduleSettle(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.render(true);
    }, SETTLE_MS);
  }

  private blit(ctx: CanvasRenderingContext2D, cache: Cache): void {
    const { x: tx, y: ty, zoom } = this.transform;
    const scale = zoom / cache.zoom;
    const dx = (cache.minX * zoom + tx) * this.dpr;
    const dy = (cache.minY * zoom + ty) * this.dpr;
    ctx.imageSmoothingEnabled = scale !== 1;
    ctx.drawImage(cache.canvas as CanvasImageSource, dx, dy, cache.canvas.width * scale, cache.canvas.height * scale);
  }

  /**
   * The world rectangle and pixel size to cache for the scene at this view's zoom. `viewOnly`
   * (nothing of this scene whole on screen yet: a map just opened, its ties just mapped): just
   * what is in view, clamped to the map; once that is on screen the whole map is rasterised for
   * pans. A whole company at its opening zoom is several views across (2,913 x 1,569 px at
   * 50,000 people): its marks took the worker 100-130 ms there against 28-42 ms for the view's.
   */
  private plan(scene: LodScene, view: View, viewOnly = false): Plan {
    const { zoom } = view;
    const b = scene.bounds;
    let minX = b.minX - WORLD_MARGIN;
    let minY = b.minY - WORLD_MARGIN;
    let maxX = b.maxX + WORLD_MARGIN;
    let maxY = b.maxY + WORLD_MARGIN;
    const px = (w: number) => Math.ceil(w * zoom * this.dpr);
    let complete = true;
    const holdsMap = view.minX <= minX && view.minY <= minY && view.maxX >= maxX && view.maxY >= maxY;
    if ((viewOnly && !holdsMap) || px(maxX - minX) > MAX_CACHE_SIDE || px(maxY - minY) > MAX_CACHE_SIDE || px(maxX - minX) * px(maxY - minY) > MAX_CACHE_PIXELS) {
      // The view alone (viewOnly), or, too big at this zoom, the view plus half a view each way;
      // either clamped to the map.
      complete = false;
      const margin = viewOnly ? 0 : 0.5;
      const vw = (view.maxX - view.minX) * margin;
      const vh = (view.maxY - view.minY) * margin;
      minX = Math.max(minX, view.minX - vw);
      minY = Math.max(minY, view.minY - vh);
      maxX = Math.min(maxX, view.maxX + vw);
      maxY = Math.min(maxY, view.maxY + vh);
      if (maxX < minX) maxX = minX;
      if (maxY < minY) maxY = minY;
    }
    const width = Math.max(1, Math.min(MAX_CACHE_SIDE, px(maxX - minX)));
    const height = Math.max(1, Math.min(MAX_CACHE_SIDE, px(maxY - minY)));
    return { minX, minY, maxX, maxY, complete, width, height, zoom };
  }

  private localView(plan: Plan): View {
    const { minX, minY, maxX, maxY, zoom } = plan;
    return { tx: -minX * zoom, ty: -minY * zoom, zoom, minX, minY, maxX, maxY };
  }

  /** Asks the worker for the scene's image; false when there is no worker (draw here instead). */
  private rasterOffThread(scene: LodScene, view: View, whole = false): boolean {
    if (!this.offThread) return false;
    if (this.worker === undefined) this.worker = takeRasterWorker();
    if (!this.worker) return false;
    // One job at a time; when it comes back stale, the next frame asks for the newest scene.
    if (this.job) return true;
    // Nothing of this scene whole on screen yet (a map just opened, its ties just mapped): what is
    // in view first, and with nothing at all on screen the marks alone (see the header).
    // An image of no one (the canvas mounts before an opening map's people are mapped, and that
    // empty scene is drawn here on the page) is nothing on screen too.
    const cache = this.cache?.scene.count ? this.cache : null;
    const partial = !cache && scene.tieCount > 0;
    const viewOnly = !whole && (!cache || !!cache.partial || (!!cache.viewOnly && cache.scene !== scene));
    const plan = this.plan(scene, view, viewOnly);
    const id = ++this.jobs;
    this.job = { id, scene, palette: this.palette, plan, dpr: this.dpr, partial, viewOnly: viewOnly && !plan.complete };
    const sent = partial ? { ...scene, ids: [], tieCount: 0, tieFrom: NO_TIES, tieTo: NO_TIES, tieStyle: NO_STYLES } : { ...scene, ids: [] };
    const job: RasterJob = { id, width: plan.width, height: plan.height, dpr: this.dpr, view: this.localView(plan), palette: this.palette, scene: sent };
    this.worker.call('raster', job, { post: () => jobForTransfer(job) }).promise.then(
      (done) => this.rasterDone(done),
      () => {
        if (this.disposed || this.job?.id !== id) return;
        // A broken worker: draw on the main thread from now on.
        this.worker?.terminate();
        this.worker = null;
        this.job = null;
        this.request();
      },
    );
    return true;
  }

  private rasterDone(done: RasterDone): void {
    const job = this.job;
    if (!job || job.id !== done.id || this.disposed) {
      done.bitmap.close();
      return;
    }
    this.job = null;
    // An image of a scene that has changed since (an opening map's analysis badges, a selection)
    // is still kept: it stays up while the next one is rasterised, rather than an empty canvas.
    // (Never over an image of the current scene, which is newer.)
    if (job.palette === this.palette && job.dpr === this.dpr && (job.scene === this.scene || this.cache?.scene !== this.scene)) {
      closeBitmap(this.cache?.canvas);
      const { plan } = job;
      this.cache = { canvas: done.bitmap, scene: job.scene, palette: job.palette, zoom: plan.zoom, minX: plan.minX, minY: plan.minY, maxX: plan.maxX, maxY: plan.maxY, complete: plan.complete, dpr: job.dpr, partial: job.partial, viewOnly: job.viewOnly };
      this.info.marks = done.marks;
      this.info.ties = done.ties;
      this.info.renders++;
      this.info.lastDrawMs = done.ms;
    } else {
      done.bitmap.close();
    }
    this.request();
  }

  private redrawCache(scene: LodScene, view: View): Cache {
    const started = performance.now();
    const plan = this.plan(scene, view);
    const { width, height } = plan;
    let canvas = this.surface;
    if (!canvas || canvas.width !== width || canvas.height !== height) canvas = makeCanvas(width, height);
    this.surface = canvas;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
    if (ctx) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const stats = drawScene(ctx, scene, this.palette, this.localView(plan));
      this.info.marks = stats.marks;
      this.info.ties = stats.ties;
    }
    this.info.renders++;
    this.info.lastDrawMs = performance.now() - started;
    closeBitmap(this.cache?.canvas);
    this.cache = { canvas, scene, palette: this.palette, zoom: plan.zoom, minX: plan.minX, minY: plan.minY, maxX: plan.maxX, maxY: plan.maxY, complete: plan.complete, dpr: this.dpr };
    return this.cache;
  }

  dispose(): void {
    this.disposed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.worker?.terminate();
    this.worker = null;
    this.job = null;
    closeBitmap(this.cache?.canvas);
    this.cache = null;
    this.scene = null;
  }
}
