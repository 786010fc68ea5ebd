/**
 * Level of detail, the data side: when the map is zoomed out so far that cards cannot be read,
 * people are drawn as marks and ties as lines on one <canvas> (see renderer.ts) instead of as
 * thousands of DOM cards and SVG paths. This module turns the (cached) React Flow node and edge
 * objects into flat typed arrays the renderer walks without allocating. Pure: no DOM.
 */
import { TIE_COLOUR_CHOICES, TIE_LINE_STYLES, type Stance, type TieColourChoice, type TieKind, type TieLineStyle } from '../../domain/types';
import { LINE_DASH, type TieLook } from '../../io/palette';
import type { StakeholderFlowNode, TieFlowEdge } from '../flow-mapping';
import { runSteps, runStepsWithPauses, type Steps } from '../../domain/next-task';

/** Below this zoom, cards are too small to read (a 150-unit card is under ~70 px): draw marks. */
export const LOD_ZOOM = 0.45;

/**
 * Maps smaller than this keep full cards at every zoom: a few hundred cards are cheap, and a small
 * map fitted into view (often around zoom 0.4) stays readable.
 */
export const LOD_MIN_PEOPLE = 200;

/** React Flow store selector: zoomed out past the threshold (whatever the map's size). */
export const isBelowLodZoom = (s: { transform: [number, number, number] }): boolean => s.transform[2] < LOD_ZOOM;

/** React Flow store selector: the canvas draws marks instead of cards (zoomed out on a large map). */
export const showsLodMarks = (s: { transform: [number, number, number]; nodeLookup: { size: number } }): boolean => isBelowLodZoom(s) && s.nodeLookup.size >= LOD_MIN_PEOPLE;

export const MARK_SELECTED = 1;
export const MARK_FADED = 2;
export const MARK_ME = 4;
/** In the scene only as a tie's end: its mark is not drawn (it is already on the layer below). */
export const MARK_HIDDEN = 8;

export const TIE_KIND_ORDER: readonly TieKind[] = ['reports-to', 'trust', 'influence', 'tension'];
/**
 * Every look a tie can have zoomed out: the built-in kinds in TIE_KIND_ORDER, then each colour
 * choice of a map's own kinds in each line style (4 + 8 x 3 looks; x 4 states still fits a byte).
 */
export const LOD_TIE_LOOKS: readonly { kind: TieKind | null; choice: TieColourChoice | null; line: TieLineStyle }[] = [
  ...TIE_KIND_ORDER.map((kind) => ({ kind, choice: null, line: 'solid' as TieLineStyle })),
  ...TIE_COLOUR_CHOICES.flatMap((choice) => TIE_LINE_STYLES.map((line) => ({ kind: null, choice, line }))),
];

/** A tie's look index in LOD_TIE_LOOKS, from the look the edge mapper gave it (io/palette.ts tieLook). */
export function lodLookIndex(kind: string, look: TieLook | undefined): number {
  const builtIn = (TIE_KIND_ORDER as readonly string[]).indexOf(kind);
  if (builtIn >= 0) return builtIn;
  const choice = Math.max(0, TIE_COLOUR_CHOICES.indexOf(look?.choice ?? 'slate'));
  const dash = JSON.stringify(look?.dash ?? null);
  const line = Math.max(0, TIE_LINE_STYLES.findIndex((l) => JSON.stringify(LINE_DASH[l]) === dash));
  return TIE_KIND_ORDER.length + choice * TIE_LINE_STYLES.length + line;
}
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
  /** LOD_TIE_LOOKS index * 4 + state. */
  tieStyle: Uint8Array;
  bounds: Bounds;
}

const EMPTY_BOUNDS: Bounds = { minX: 0, minY: 0, maxX: 0, maxY: 0 };

export function stanceColourKey(stance: Stance): string {
  return `stance:${stance}`;
}

export interface BuildOptions {
  /** Only these people get marks; the others are only ends of ties (see createSceneSplitter). */
  marked?: ReadonlySet<string>;
  /** Draw selected people and ties as unselected (the selection is drawn on top instead). */
  ignoreSelection?: boolean;
}

/** Flattens nodes and edges; ties whose ends are missing are left out. */
export function buildScene(nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], options: BuildOptions = {}): LodScene {
  return runSteps(sceneSteps(nodes, edges, options, Infinity));
}

/**
 * People and ties flattened between two turns for the page (createSceneSplitter's prepare): 25,000
 * were tasks of over 100 ms on a slow 2-core machine while an opened company's ties came in.
 */
const SCENE_SLICE = 10_000;

/** buildScene's work, yielding after every `slice` people or ties. */
function* sceneSteps(nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], options: BuildOptions, slice: number): Steps<LodScene> {
  const { marked, ignoreSelection = false } = options;
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
    if (i > 0 && i % slice === 0) yield;
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
    flags[i] = (node.selected && !ignoreSelection ? MARK_SELECTED : 0) | (data.faded ? MARK_FADED : 0) | (data.isMe ? MARK_ME : 0) | (marked && !marked.has(node.id) ? MARK_HIDDEN : 0);
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
  for (let k = 0; k < edges.length; k++) {
    if (k > 0 && k % slice === 0) yield;
    const edge = edges[k];
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined || !edge.data) continue;
    const { tie, faded, highlighted } = edge.data;
    const state = edge.selected && !ignoreSelection ? TIE_SELECTED : highlighted ? TIE_HIGHLIGHTED : faded ? TIE_FADED : TIE_NORMAL;
    tieFrom[tieCount] = a;
    tieTo[tieCount] = b;
    // A map's own kind keeps its colour and line style zoomed out, as on the cards' canvas.
    tieStyle[tieCount] = lodLookIndex(tie.kind, edge.data.look) * 4 + state;
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

export interface SplitScene {
  /** Drawn once and cached: everything that does not move, drawn as if nothing were selected. */
  base: LodScene;
  /** Drawn every frame over the cached base: people being dragged, their ties, the selection. */
  top: LodScene | null;
}

/** The same mark in the base scene (selection aside)? */
const sameBaseNode = (a: StakeholderFlowNode, b: StakeholderFlowNode) =>
  a === b ||
  (a.id === b.id &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.data.faded === b.data.faded &&
    a.data.colour === b.data.colour &&
    a.data.isMe === b.data.isMe &&
    a.data.person.stance === b.data.person.stance);

/** The same line in the base scene (selection aside)? */
const sameBaseEdge = (a: TieFlowEdge, b: TieFlowEdge) =>
  a === b || (a.id === b.id && a.source === b.source && a.target === b.target && a.data?.tie.kind === b.data?.tie.kind && a.data?.look?.key === b.data?.look?.key && a.data?.look?.dash === b.data?.look?.dash && a.data?.faded === b.data?.faded && a.data?.highlighted === b.data?.highlighted);

/**
 * Splits the scene so that selecting or dragging does not redraw the whole map: the base (everyone
 * not being dragged, and the ties between them, drawn unselected) is rebuilt only when something
 * in it changed, so the renderer keeps its cached image; the top scene (the people being dragged
 * and their ties, selection outlines, selected ties) is small and drawn over it every frame. Node
 * and edge objects are cached by flow-mapping, so most comparisons are pointer comparisons.
 */
export interface SceneSplitter {
  (nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], movingIds: readonly string[] | null, positions?: Readonly<Record<string, { x: number; y: number }>> | null): SplitScene;
  /**
   * Builds the base scene of `nodes` and `edges` with nothing moving, a slice at a time with
   * `pause()` between (false from `stopped()` abandons it), so that a split of the same lists
   * afterwards finds it built: an opening company's 250,000 ties, after they are mapped in slices.
   */
  prepare(nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], pause: () => Promise<void>, stopped: () => boolean): Promise<void>;
}

export function createSceneSplitter(): SceneSplitter {
  let last: { key: string; nodes: readonly StakeholderFlowNode[]; edges: readonly TieFlowEdge[]; moving: ReadonlySet<string>; base: LodScene } | null = null;
  let lastTop: { edges: readonly TieFlowEdge[]; key: string; list: TieFlowEdge[] } | null = null;
  // Per node list (not per drag frame): where each node is, and who is selected.
  let lookup: { nodes: readonly StakeholderFlowNode[]; at: Map<string, number>; selected: number[] } | null = null;
  const baseReusable = (nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], key: string) => {
    if (!last || last.key !== key || last.nodes.length !== nodes.length || last.edges.length !== edges.length) return false;
    // The same lists (a drag whose positions come separately): nothing to compare.
    if (last.nodes === nodes && last.edges === edges) return true;
    const { moving } = last;
    for (let i = 0; i < nodes.length; i++) {
      const a = last.nodes[i];
      const b = nodes[i];
      if (a !== b && !(a.id === b.id && moving.has(b.id)) && !sameBaseNode(a, b)) return false;
    }
    if (last.edges !== edges) for (let i = 0; i < edges.length; i++) if (!sameBaseEdge(last.edges[i], edges[i])) return false;
    return true;
  };
  /**
   * `positions` (optional): where the people being dragged are now, when the nodes still carry
   * their positions before the drag (the canvas then keeps one node list for the whole drag, so
   * a drag frame costs what the few moving people cost, not a pass over everyone).
   */
  const split = (nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], movingIds: readonly string[] | null, positions?: Readonly<Record<string, { x: number; y: number }>> | null): SplitScene => {
    const key = movingIds?.length ? [...movingIds].sort().join('\n') : '';
    if (baseReusable(nodes, edges, key)) {
      last!.nodes = nodes;
      last!.edges = edges;
    } else {
      const moving = new Set(movingIds ?? []);
      const base = moving.size
        ? buildScene(
            nodes.filter((n) => !moving.has(n.id)),
            edges.filter((e) => !moving.has(e.source) && !moving.has(e.target)),
            { ignoreSelection: true },
          )
        : buildScene(nodes, edges, { ignoreSelection: true });
      last = { key, nodes, edges, moving, base };
    }
    const { moving, base } = last!;
    // The ties drawn on top change only with the edges or who is moving, not with each drag step.
    if (!lastTop || lastTop.edges !== edges || lastTop.key !== key) lastTop = { edges, key, list: edges.filter((e) => e.selected || moving.has(e.source) || moving.has(e.target)) };
    const topEdges = lastTop.list;
    if (!lookup || lookup.nodes !== nodes) {
      const at = new Map<string, number>();
      const selected: number[] = [];
      for (let i = 0; i < nodes.length; i++) {
        at.set(nodes[i].id, i);
        if (nodes[i].selected) selected.push(i);
      }
      lookup = { nodes, at, selected };
    }
    const picked = new Set<number>(lookup.selected);
    const pick = (id: string) => {
      const i = lookup!.at.get(id);
      if (i !== undefined) picked.add(i);
    };
    for (const id of moving) pick(id);
    for (const e of topEdges) {
      pick(e.source);
      pick(e.target);
    }
    // In drawing order, each at its dragged position when one is given.
    const topNodes = [...picked].sort((a, b) => a - b).map((i) => {
      const n = nodes[i];
      const p = positions?.[n.id];
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: p.x, y: p.y } } : n;
    });
    return { base, top: topNodes.length || topEdges.length ? buildScene(topNodes, topEdges, { marked: moving }) : null };
  };
  split.prepare = async (nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], pause: () => Promise<void>, stopped: () => boolean) => {
    if (baseReusable(nodes, edges, '')) return;
    const base = await runStepsWithPauses(sceneSteps(nodes, edges, { ignoreSelection: true }, SCENE_SLICE), pause, stopped);
    if (base) last = { key: '', nodes, edges, moving: new Set(), base };
  };
  return split;
}

/** Index of the topmost person whose card contains the flow point, or -1 (used by tests and tools). */
export function personAt(scene: LodScene, fx: number, fy: number): number {
  for (let i = scene.count - 1; i >= 0; i--) {
    if (fx >= scene.x[i] && fx <= scene.x[i] + scene.w[i] && fy >= scene.y[i] && fy <= scene.y[i] + scene.h[i]) return i;
  }
  return -1;
}
