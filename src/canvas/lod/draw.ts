/**
 * Level of detail, the drawing: people as filled rectangles at their card's size, ties as straight
 * centre-to-centre lines, batched into one path per (kind, state) and one fill per colour, so a
 * frame costs a handful of canvas calls however many people there are. Only what intersects the
 * visible rectangle is drawn.
 */
import type { Stance, TieColourChoice, TieKind } from '../../domain/types';
import { LINE_DASH, PALETTE, TIE_DASH, type ColourMode } from '../../io/palette';
import { LOD_TIE_LOOKS, MARK_FADED, MARK_HIDDEN, MARK_ME, MARK_SELECTED, TIE_HIGHLIGHTED, TIE_SELECTED, type LodScene } from './scene';

export interface LodPalette {
  stance: Record<Stance, string>;
  tie: Record<TieKind, string>;
  /** Dash per kind in screen px (null: solid), as on the cards' canvas. */
  tieDash: Record<TieKind, readonly number[] | null>;
  /** Colours of a map's own tie kinds, by colour choice. */
  tieChoice: Record<TieColourChoice, string>;
  accent: string;
  /** Outline for "Me". */
  text: string;
}

const lodPalettes: Record<ColourMode, LodPalette> = {
  light: fromTheme('light'),
  dark: fromTheme('dark'),
};

function fromTheme(mode: ColourMode): LodPalette {
  const theme = PALETTE[mode];
  return { stance: theme.stance, tie: theme.tie, tieDash: TIE_DASH, tieChoice: theme.tieChoice, accent: theme.accent, text: theme.text };
}

/** The layer's colours for a colour mode: the app's one palette (io/palette.ts). Same object per mode. */
export function lodPalette(mode: string): LodPalette {
  return mode === 'dark' ? lodPalettes.dark : lodPalettes.light;
}

export const DEFAULT_PALETTE: LodPalette = lodPalettes.light;

/** World -> screen: screen = world * zoom + (tx, ty); the visible world rectangle. */
export interface View {
  tx: number;
  ty: number;
  zoom: number;
  /** Visible world rectangle (anything outside is skipped). */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function viewFor(tx: number, ty: number, zoom: number, width: number, height: number): View {
  return { tx, ty, zoom, minX: -tx / zoom, minY: -ty / zoom, maxX: (width - tx) / zoom, maxY: (height - ty) / zoom };
}

export interface DrawStats {
  marks: number;
  ties: number;
}

const TIE_WIDTH = [0.8, 1, 2.5, 2.5];
const TIE_ALPHA = [0.12, 0.55, 1, 1];

/** Tie indices grouped by style (LOD_TIE_LOOKS index * 4 + state), in drawing order. */
function tiesByStyle(scene: LodScene): { order: Int32Array; start: Int32Array } {
  const styles = LOD_TIE_LOOKS.length * 4;
  const start = new Int32Array(styles + 1);
  for (let t = 0; t < scene.tieCount; t++) start[scene.tieStyle[t] + 1]++;
  for (let s = 0; s < styles; s++) start[s + 1] += start[s];
  const next = start.slice(0, styles);
  const order = new Int32Array(scene.tieCount);
  for (let t = 0; t < scene.tieCount; t++) order[next[scene.tieStyle[t]]++] = t;
  return { order, start };
}

/** Styles in drawing order: faded first, selected last (on top); within a state, by look. */
function* styleOrder(): Generator<{ style: number; state: number; look: number }> {
  for (let state = 0; state < 4; state++) for (let look = 0; look < LOD_TIE_LOOKS.length; look++) yield { style: look * 4 + state, state, look };
}

function tieColour(palette: LodPalette, state: number, look: number): string {
  const l = LOD_TIE_LOOKS[look];
  return state === TIE_SELECTED || state === TIE_HIGHLIGHTED ? palette.accent : l.kind ? palette.tie[l.kind] : palette.tieChoice[l.choice!];
}

/** Faint ties (state 0) stay solid: a dash pattern on a hairline only reads as noise. */
function tieDash(palette: LodPalette, state: number, look: number): readonly number[] | null {
  const l = LOD_TIE_LOOKS[look];
  return state > 0 ? (l.kind ? palette.tieDash[l.kind] : LINE_DASH[l.line]) : null;
}

/** Is either end of the tie in view (a line wholly to one side of the view is skipped)? */
function tieEnds(scene: LodScene, t: number, view: View, out: Float64Array): boolean {
  const { x, y, w, h } = scene;
  const a = scene.tieFrom[t];
  const b = scene.tieTo[t];
  const ax = x[a] + w[a] / 2;
  const ay = y[a] + h[a] / 2;
  const bx = x[b] + w[b] / 2;
  const by = y[b] + h[b] / 2;
  if ((ax < view.minX && bx < view.minX) || (ax > view.maxX && bx > view.maxX) || (ay < view.minY && by < view.minY) || (ay > view.maxY && by > view.maxY)) return false;
  out[0] = ax * view.zoom + view.tx;
  out[1] = ay * view.zoom + view.ty;
  out[2] = bx * view.zoom + view.tx;
  out[3] = by * view.zoom + view.ty;
  return true;
}

/** Ties as one stroked path per kind and state, so 25,000 lines are a few stroke calls. */
function drawTies(ctx: CanvasRenderingContext2D, scene: LodScene, palette: LodPalette, view: View): number {
  const { order, start } = tiesByStyle(scene);
  const ends = new Float64Array(4);
  let ties = 0;
  ctx.lineCap = 'butt';
  for (const { style, state, look } of styleOrder()) {
    if (start[style] === start[style + 1]) continue;
    let any = false;
    ctx.beginPath();
    for (let i = start[style]; i < start[style + 1]; i++) {
      if (!tieEnds(scene, order[i], view, ends)) continue;
      ctx.moveTo(ends[0], ends[1]);
      ctx.lineTo(ends[2], ends[3]);
      any = true;
      ties++;
    }
    if (!any) continue;
    ctx.strokeStyle = tieColour(palette, state, look);
    ctx.globalAlpha = TIE_ALPHA[state];
    ctx.lineWidth = TIE_WIDTH[state];
    const dash = tieDash(palette, state, look);
    ctx.setLineDash(dash ? (dash as number[]) : []);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  return ties;
}

/**
 * Draws the scene into a context whose transform maps screen px (CSS px) to its pixels. The
 * caller clears. Returns what was drawn.
 */
export function drawScene(ctx: CanvasRenderingContext2D, scene: LodScene, palette: LodPalette, view: View): DrawStats {
  const { tx, ty, zoom } = view;
  const { x, y, w, h, flags } = scene;
  let ties = 0;
  let marks = 0;
  if (scene.tieCount) ties = drawTies(ctx, scene, palette, view);
  // Marks: grouped by colour, faded ones first and translucent; at least 2 x 1.5 px so a person never vanishes.
  const visible: number[][] = scene.colours.map(() => []);
  const emphasised: number[] = [];
  for (let i = 0; i < scene.count; i++) {
    if (x[i] + w[i] < view.minX || x[i] > view.maxX || y[i] + h[i] < view.minY || y[i] > view.maxY) continue;
    if (flags[i] & MARK_HIDDEN) {
      // Only an end of a tie here (its mark is on the layer below), but a selection is outlined.
      if (flags[i] & MARK_SELECTED) emphasised.push(i);
      continue;
    }
    visible[scene.colour[i]].push(i);
    if (flags[i] & (MARK_SELECTED | MARK_ME)) emphasised.push(i);
  }
  for (let pass = 0; pass < 2; pass++) {
    const faded = pass === 0;
    ctx.globalAlpha = faded ? 0.22 : 1;
    for (let c = 0; c < visible.length; c++) {
      const list = visible[c];
      if (!list.length) continue;
      const key = scene.colours[c];
      ctx.fillStyle = key.startsWith('stance:') ? (palette.stance[key.slice(7) as Stance] ?? palette.stance.unknown) : key;
      for (const i of list) {
        if (((flags[i] & MARK_FADED) !== 0) !== faded) continue;
        ctx.fillRect(x[i] * zoom + tx, y[i] * zoom + ty, Math.max(2, w[i] * zoom), Math.max(1.5, h[i] * zoom));
        marks++;
      }
    }
  }
  ctx.globalAlpha = 1;
  for (const i of emphasised) {
    const selected = (flags[i] & MARK_SELECTED) !== 0;
    ctx.strokeStyle = selected ? palette.accent : palette.text;
    ctx.lineWidth = selected ? 2 : 1.25;
    const pad = selected ? 2 : 1;
    ctx.strokeRect(x[i] * zoom + tx - pad, y[i] * zoom + ty - pad, Math.max(2, w[i] * zoom) + 2 * pad, Math.max(1.5, h[i] * zoom) + 2 * pad);
  }
  return { marks, ties };
}
