/**
 * The minimap of a large map: one small <canvas> instead of React Flow's <MiniMap>, which renders
 * an SVG rect per person, each with its own store subscription, and re-renders on every pan and
 * drag frame (2,000 selectors and an SVG of 2,000 rects repainted per frame). This one draws the
 * people as marks and the view as a window, redrawn at most once per displayed frame from a store
 * subscription outside React. Drag in it to pan, scroll in it to zoom, like React Flow's.
 */
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { StakeholderFlowNode } from '../flow-mapping';
import { lodPalette, type LodPalette } from './draw';

export const MINIMAP_WIDTH = 200;
export const MINIMAP_HEIGHT = 150;
const OFFSET_SCALE = 5;
const MARKS_EVERY_MS = 200;

export interface Frame {
  /** Flow rectangle shown (top-left and size) and flow units per minimap pixel. */
  x: number;
  y: number;
  scale: number;
}

/** The flow rectangle the minimap shows: the people and the view, centred, as React Flow's does. */
export function minimapFrame(bounds: Bounds | null, view: { x: number; y: number; width: number; height: number }): Frame {
  const minX = Math.min(bounds?.minX ?? view.x, view.x);
  const minY = Math.min(bounds?.minY ?? view.y, view.y);
  const maxX = Math.max(bounds?.maxX ?? view.x + view.width, view.x + view.width);
  const maxY = Math.max(bounds?.maxY ?? view.y + view.height, view.y + view.height);
  const bw = maxX - minX;
  const bh = maxY - minY;
  const viewScale = Math.max(bw / MINIMAP_WIDTH, bh / MINIMAP_HEIGHT) || 1;
  const offset = OFFSET_SCALE * viewScale;
  const width = viewScale * MINIMAP_WIDTH + 2 * offset;
  return { x: minX - (viewScale * MINIMAP_WIDTH - bw) / 2 - offset, y: minY - (viewScale * MINIMAP_HEIGHT - bh) / 2 - offset, scale: width / MINIMAP_WIDTH };
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boundsOf(nodes: readonly StakeholderFlowNode[]): Bounds & { nodes: readonly StakeholderFlowNode[] } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const w = n.width ?? 150;
    const h = n.height ?? 76;
    if (n.position.x < minX) minX = n.position.x;
    if (n.position.y < minY) minY = n.position.y;
    if (n.position.x + w > maxX) maxX = n.position.x + w;
    if (n.position.y + h > maxY) maxY = n.position.y + h;
  }
  return { nodes, minX, minY, maxX, maxY };
}

/** From this many people the minimap's marks are written as pixels, not drawn one by one. */
const PIXEL_MARKS_FROM = 5000;

/** Red, green, blue and alpha of a CSS colour, as the canvas reads it (any colour syntax). */
function rgbaOf(colour: string): [number, number, number, number] {
  const probe = document.createElement('canvas');
  probe.width = probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  if (!ctx) return [128, 128, 128, 255];
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a];
}

/**
 * The marks as pixels written into one image: at 50,000 people, 50,000 fillRect calls were a
 * 0.1 s task each time the people changed (an import's first frame, an analysis landing), for
 * marks of a pixel or two. Each mark is laid over the pixels it touches in drawing order, by the
 * share of each pixel it covers, as the canvas's own anti-aliasing would: the gaps between rows
 * of cards still show as lighter lines.
 */
export function paintMarks(ctx: Pick<CanvasRenderingContext2D, 'canvas' | 'createImageData' | 'putImageData'>, list: readonly StakeholderFlowNode[], palette: LodPalette, m: Frame, dpr: number, colourOf: (colour: string) => [number, number, number, number] = rgbaOf): void {
  const width = ctx.canvas.width;
  const height = ctx.canvas.height;
  const image = ctx.createImageData(width, height);
  const px = image.data;
  const colours = new Map<string, [number, number, number, number]>();
  for (const n of list) {
    const colour = palette.stance[n.data.person.stance] ?? palette.stance.unknown;
    let rgba = colours.get(colour);
    if (!rgba) colours.set(colour, (rgba = colourOf(colour)));
    // As fillRect draws it: at least one CSS pixel each way, then scaled by the device pixel ratio.
    const fx0 = ((n.position.x - m.x) / m.scale) * dpr;
    const fy0 = ((n.position.y - m.y) / m.scale) * dpr;
    const fx1 = fx0 + Math.max(1, (n.width ?? 150) / m.scale) * dpr;
    const fy1 = fy0 + Math.max(1, (n.height ?? 76) / m.scale) * dpr;
    const x0 = Math.max(0, Math.floor(fx0));
    const y0 = Math.max(0, Math.floor(fy0));
    const x1 = Math.min(width, Math.ceil(fx1));
    const y1 = Math.min(height, Math.ceil(fy1));
    const alpha = rgba[3] / 255;
    for (let y = y0; y < y1; y++) {
      const cy = Math.min(y + 1, fy1) - Math.max(y, fy0);
      for (let x = x0; x < x1; x++) {
        const a = (Math.min(x + 1, fx1) - Math.max(x, fx0)) * cy * alpha;
        if (a <= 0) continue;
        const at = (y * width + x) * 4;
        const below = (px[at + 3] / 255) * (1 - a);
        const out = a + below;
        px[at] = (rgba[0] * a + px[at] * below) / out;
        px[at + 1] = (rgba[1] * a + px[at + 1] * below) / out;
        px[at + 2] = (rgba[2] * a + px[at + 2] * below) / out;
        px[at + 3] = out * 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

function LodMiniMapView({ nodes, colorMode }: { nodes: readonly StakeholderFlowNode[]; colorMode: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nodesRef = useRef(nodes);
  const drawRef = useRef<(() => void) | null>(null);
  const themeRef = useRef<(() => void) | null>(null);
  const frameRef = useRef<Frame>({ x: 0, y: 0, scale: 1 });
  const paletteRef = useRef<LodPalette>(lodPalette(colorMode));
  const storeApi = useStoreApi();
  const { setViewport } = useReactFlow();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(MINIMAP_WIDTH * dpr);
    canvas.height = Math.round(MINIMAP_HEIGHT * dpr);
    let frame = 0;
    let mask = 'rgba(240, 240, 240, 0.6)';
    let marksAt = 0;
    let marksTimer: ReturnType<typeof setTimeout> | null = null;
    let bounds: Bounds & { nodes: readonly StakeholderFlowNode[] | null } = { nodes: null, minX: 0, minY: 0, maxX: 0, maxY: 0 };
    let marks: { image: HTMLCanvasElement; nodes: readonly StakeholderFlowNode[]; palette: LodPalette; x: number; y: number; scale: number } | null = null;
    const draw = () => {
      frame = 0;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const list = nodesRef.current;
      const { transform, width, height } = storeApi.getState();
      const [tx, ty, zoom] = transform;
      // Where the people are changes with the nodes only, not with each pan or zoom frame.
      if (bounds.nodes !== list) bounds = boundsOf(list);
      const { minX, minY, maxX, maxY } = bounds;
      const view = { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
      const f = minimapFrame(list.length ? { minX, minY, maxX, maxY } : null, view);
      frameRef.current = f;
      const palette = paletteRef.current;
      // The marks are cached, drawn framing the people alone: a pan or zoom only moves the window
      // and scales that image, the people are drawn again only when they change.
      // While people are dragged the nodes change every frame: the marks follow at most every
      // MARKS_EVERY_MS (the window still moves every frame).
      const sinceMarks = performance.now() - marksAt;
      if (marks && marks.nodes !== list && marks.palette === palette && sinceMarks < MARKS_EVERY_MS) {
        if (!marksTimer) marksTimer = setTimeout(() => ((marksTimer = null), request()), MARKS_EVERY_MS - sinceMarks);
      } else if (!marks || marks.nodes !== list || marks.palette !== palette) {
        marksAt = performance.now();
        const m = list.length ? minimapFrame({ minX, minY, maxX, maxY }, { x: minX, y: minY, width: maxX - minX, height: maxY - minY }) : f;
        const image = marks?.image ?? document.createElement('canvas');
        image.width = canvas.width;
        image.height = canvas.height;
        const mctx = image.getContext('2d');
        if (mctx && list.length >= PIXEL_MARKS_FROM && typeof mctx.createImageData === 'function') paintMarks(mctx, list, palette, m, dpr);
        else if (mctx) {
          mctx.setTransform(dpr, 0, 0, dpr, 0, 0);
          mctx.clearRect(0, 0, MINIMAP_WIDTH, MINIMAP_HEIGHT);
          let fill = '';
          for (const n of list) {
            const colour = palette.stance[n.data.person.stance] ?? palette.stance.unknown;
            if (colour !== fill) mctx.fillStyle = fill = colour;
            mctx.fillRect((n.position.x - m.x) / m.scale, (n.position.y - m.y) / m.scale, Math.max(1, (n.width ?? 150) / m.scale), Math.max(1, (n.height ?? 76) / m.scale));
          }
        }
        marks = { image, nodes: list, palette, x: m.x, y: m.y, scale: m.scale };
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, MINIMAP_WIDTH, MINIMAP_HEIGHT);
      const k = marks.scale / f.scale;
      ctx.drawImage(marks.image, (marks.x - f.x) / f.scale, (marks.y - f.y) / f.scale, MINIMAP_WIDTH * k, MINIMAP_HEIGHT * k);
      // Everything outside the view is veiled.
      ctx.beginPath();
      ctx.rect(0, 0, MINIMAP_WIDTH, MINIMAP_HEIGHT);
      ctx.rect((view.x - f.x) / f.scale, (view.y - f.y) / f.scale, view.width / f.scale, view.height / f.scale);
      ctx.fillStyle = mask;
      ctx.fill('evenodd');
    };
    const request = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    drawRef.current = request;
    themeRef.current = () => {
      // Reading computed style forces a style pass: only on mount and theme changes.
      mask = getComputedStyle(canvas).getPropertyValue('--xy-minimap-mask-background-color').trim() || mask;
      request();
    };
    themeRef.current();
    const unsubscribe = storeApi.subscribe((s, p) => {
      if (s.transform !== p.transform || s.width !== p.width || s.height !== p.height) request();
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      if (marksTimer) clearTimeout(marksTimer);
      drawRef.current = null;
      themeRef.current = null;
    };
  }, [storeApi]);

  useEffect(() => {
    nodesRef.current = nodes;
    drawRef.current?.();
  }, [nodes]);

  useEffect(() => {
    paletteRef.current = lodPalette(colorMode);
    themeRef.current?.();
  }, [colorMode]);

  // Drag to pan: the view follows the pointer (one minimap pixel is `scale` flow units).
  const dragRef = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    dragRef.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const last = dragRef.current;
    if (!last) return;
    const [tx, ty, zoom] = storeApi.getState().transform;
    const scale = frameRef.current.scale;
    void setViewport({ x: tx - (event.clientX - last.x) * scale * zoom, y: ty - (event.clientY - last.y) * scale * zoom, zoom });
    dragRef.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerUp = () => {
    dragRef.current = null;
  };

  // Scroll to zoom about the view's centre.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { transform, width, height, minZoom, maxZoom } = storeApi.getState();
      const [tx, ty, zoom] = transform;
      const next = Math.min(maxZoom, Math.max(minZoom, zoom * Math.pow(2, -event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002))));
      const cx = (width / 2 - tx) / zoom;
      const cy = (height / 2 - ty) / zoom;
      void setViewport({ x: width / 2 - cx * next, y: height / 2 - cy * next, zoom: next });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [storeApi, setViewport]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap lod-minimap" data-testid="rf__minimap">
      <canvas
        ref={canvasRef}
        className="react-flow__minimap-svg"
        style={{ width: MINIMAP_WIDTH, height: MINIMAP_HEIGHT, display: 'block', touchAction: 'none' }}
        role="img"
        aria-label="Minimap"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
    </Panel>
  );
}

export const LodMiniMap = memo(LodMiniMapView);
