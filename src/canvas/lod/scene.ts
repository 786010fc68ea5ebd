/**
 * Level of detail, the data side: when the map is zoomed out so far that cards cannot be read,
 * people are drawn as marks and ties as lines on one <canvas> (see renderer.ts) instead of as
 * thousands of DOM cards and SVG paths. This module turns the (cached) React Flow node and edge
 * objects into flat typed arrays the renderer walks without allocating. Pure: no DOM.
 */
import type { Stance, TieKind } from '../../domain/types';
import type { StakeholderFlowNode, TieFlowEdge } from '../flow-mapping';

/** Below this zoom, cards are too small to read (a 150-unit card is under ~70 px): draw marks. */
export const LOD_ZOOM = 0.45;

/**
 * Maps smaller than this keep full cards at every zoom: a few hundred cards are cheap, and a small
 * map fitted into view (often around zoom 0.4) stays readable.
 */
export const LOD_MIN_PEOPLE = 200;

/** React Flow store selector: zoomed out past the threshold (whatever the map's size). */
export const isBelowLodZoom = (s: { transform: [number, number, number] }): boolean => s.transform[2] < LOD_ZOOM;

/** React Flow store selector: true when the canvas should draw marks instead of cards. */
export const isLodZoom = (s: { transform: [number, number, number]; nodeLookup: { size: number } }): boolean => s.transform[2] < LOD_ZOOM && s.nodeLookup.size >= LOD_MIN_PEOPLE;

export const MARK_SELECTED = 1;
export const MARK_FADED = 2;
export const MARK_ME = 4;

export const TIE_KIND_ORDER: readonly TieKind[] = ['reports-to', 'trust', 'influence', 'tension'];
/** Tie states, drawn in this order (faded first, selected last, on top). */
export const TIE_FADED = 0;
export const TIE_NORMAL = 1;
export const TIE_HIGHLIGHTED = 2;
export const TIE_SELECTED = 3;

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface LodScene {
  /** People, in flow coordinates (top-left corner and size of the card). */
  count: number;
  ids: string[];
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  flags: Uint8Array;
  /** Index into `colours` per person. */
  colour: Uint16Array;
  /** Fill colours: "stance:<stance>" (resolved from the theme when drawn) or a CSS colour. */
  colours: string[];
  /** Ties, as indices into the people arrays. */
  tieCount: number;
  tieFrom: Int32Array;
  tieTo: Int32Array;
  /** TIE_KIND_ORDER index * 4 + state. */
  tieStyle: Uint8Array;
  bounds: Bounds;
}

const EMPTY_BOUNDS: Bounds = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

export function stanceColourKey(stance: Stance): string {
  return `stance:${stance}`;
}

/** Flattens nodes and edges; ties whose ends are missing are left out. */
export function buildScene(nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[]): LodScene {
  const count = nodes.length;
  const ids = new Array<string>(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const w = new Float64Array(count);
  const h = new Float64Array(count);
  const flags = new Uint8Array(count);
  const colour = new Uint16Array(count);
  const colours: string[] = [];
  const colourIndex = new Map<string, number>();
  const index = new Map<string, number>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    ids[i] = node.id;
    index.set(node.id, i);
    const px = node.position.x;
    const py = node.position.y;
    const pw = node.width ?? 150;
    const ph = node.height ?? 76;
    x[i] = px;
    y[i] = py;
    w[i] = pw;
    h[i] = ph;
    if (px < minX) minX = px;
    if (py < minY) minY = py;
    if (px + pw > maxX) maxX = px + pw;
    if (py + ph > maxY) maxY = py + ph;
    const data = node.data;
    flags[i] = (node.selected ? MARK_SELECTED : 0) | (data.faded ? MARK_FADED : 0) | (data.isMe ? MARK_ME : 0);
    const key = data.colour || stanceColourKey(data.person.stance);
    let c = colourIndex.get(key);
    if (c === undefined) {
      c = colours.length;
      colours.push(key);
      colourIndex.set(key, c);
    }
    colour[i] = c;
  }
  const tieFrom = new Int32Array(edges.length);
  const tieTo = new Int32Array(edges.length);
  const tieStyle = new Uint8Array(edges.length);
  let tieCount = 0;
  for (const edge of edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined || !edge.data) continue;
    const { tie, faded, highlighted } = edge.data;
    const state = edge.selected ? TIE_SELECTED : highlighted ? TIE_HIGHLIGHTED : faded ? TIE_FADED : TIE_NORMAL;
    tieFrom[tieCount] = a;
    tieTo[tieCount] = b;
    tieStyle[tieCount] = Math.max(0, TIE_KIND_ORDER.indexOf(tie.kind)) * 4 + state;
    tieCount++;
  }
  return {
    count,
    ids,
    x,
    y,
    w,
    h,
    flags,
    colour,
    colours,
    tieCount,
    tieFrom,
    tieTo,
    tieStyle,
    bounds: count ? { minX, minY, maxX, maxY } : EMPTY_BOUNDS,
  };
}

/** Index of the topmost person whose card contains the flow point, or -1 (used by tests and tools). */
export function personAt(scene: LodScene, fx: number, fy: number): number {
  for (let i = scene.count - 1; i >= 0; i--) {
    if (fx >= scene.x[i] && fx <= scene.x[i] + scene.w[i] && fy >= scene.y[i] && fy <= scene.y[i] + scene.h[i]) return i;
  }
  return -1;
}
