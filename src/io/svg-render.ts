/**
 * The whole map as an image, drawn from the data (no DOM). `buildMapScene` makes ONE drawing
 * description (rects, lines, texts, circles in map units); `sceneToSvg` writes it as an SVG
 * string for the SVG export, and png-browser.ts draws the very same scene on a 2D canvas for
 * the PNG (no SVG rasterisation, which was the slow part for large maps).
 *
 * Cards match the canvas: rounded, width by influence (nodeWidth), a department colour band,
 * name, title, a seniority badge and the stance in its colour. Ties by kind: influence solid with
 * an arrowhead (both ends when mutual), width by strength; trust dashed, arrowhead only when
 * one-way; reports-to muted grey elbow lines with the arrow at the manager; tension red.
 * The image is fitted to all cards with a margin, with the map title above and a legend below.
 * All user text is escaped. `redacted` draws initials instead of names (notes are never drawn).
 */
import { STANCE_LABELS, TIE_KIND_LABELS, nodeWidth } from '../domain/defaults';
import { initials, levelName } from '../domain/describe';
import { STANCES, TIE_KINDS } from '../domain/types';
import type { MapDocument, Stakeholder, Tie, TieKind } from '../domain/types';
import { NODE_HEIGHT } from './graph-import';
import { PALETTE, departmentColour } from './palette';
import type { Theme } from './palette';
import { escapeXml } from './text';

export { PALETTE };

export interface SvgOptions {
  background?: 'white' | 'dark' | 'transparent';
  /** Initials instead of names; notes, e-mail and tags are never drawn anyway. */
  redacted?: boolean;
  /** Multiplies the width/height attributes (the viewBox stays in map units). Default 1. */
  scale?: number;
  /** Draw the map title (default true) and the legend (default true). */
  title?: boolean;
  legend?: boolean;
}

/** What an arrowhead sits on: the tie kind whose colour it takes. */
export type MarkerKind = TieKind;

/**
 * One drawing primitive, in map units. Groups translate their children and give them a default
 * font size and text colour (as SVG's inherited attributes do).
 */
export type SceneItem =
  | { t: 'rect'; x: number; y: number; w: number; h: number; rx?: number; fill?: string; stroke?: string; sw?: number }
  /** The coloured top band of a card `w` wide: rounded top corners (radius 9) inset by 1. */
  | { t: 'band'; w: number; fill: string }
  /**
   * A polyline (flat [x0, y0, x1, y1, ...]); `elbow` marks a vertical-horizontal-vertical path.
   * Arrowheads (the marker's tip at the end point, 10 units long) point along the line.
   */
  | { t: 'line'; pts: number[]; stroke: string; sw: number; dash?: boolean; elbow?: boolean; start?: MarkerKind; end?: MarkerKind }
  | { t: 'text'; x: number; y: number; text: string; size?: number; bold?: boolean; fill?: string; anchor?: 'end' | 'middle' }
  | { t: 'circle'; cx: number; cy: number; r: number; fill: string }
  /** `lines`: written one child per line in the SVG (the map's content group). */
  /** `h`: the group's height (a card), so a drawing of part of the image can skip it. */
  | { t: 'group'; x: number; y: number; items: SceneItem[]; size?: number; fill?: string; lines?: boolean; h?: number };

export interface MapScene {
  /** Size in map units. */
  width: number;
  height: number;
  title: string;
  font: string;
  /** Arrowhead colour per tie kind. */
  markers: Record<MarkerKind, string>;
  items: SceneItem[];
}

export interface RenderedSvg {
  svg: string;
  /** Size in map units (CSS pixels at scale 1). */
  width: number;
  height: number;
}

const MARGIN = 40;
const TITLE_HEIGHT = 64;
const LEGEND_HEIGHT = 76;
const MIN_WIDTH = 720;
export const SCENE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
/** Text size when neither the item nor a group says (SVG's default). */
export const DEFAULT_FONT_SIZE = 16;

export function renderMapSvg(doc: MapDocument, options: SvgOptions = {}): string {
  return renderMapSvgSized(doc, options).svg;
}

export function renderMapSvgSized(doc: MapDocument, options: SvgOptions = {}): RenderedSvg {
  const scene = buildMapScene(doc, options);
  const scale = Number.isFinite(options.scale) && options.scale! > 0 ? options.scale! : 1;
  return { svg: sceneToSvg(scene, scale), width: scene.width, height: scene.height };
}

/** The image's size in map units: only where the cards are matters (cheap; no drawing). */
export function mapImageSize(doc: MapDocument, options: Pick<SvgOptions, 'title' | 'legend'> = {}): { width: number; height: number } {
  const { width, height } = frame(doc, options);
  return { width, height };
}

function frame(doc: MapDocument, options: Pick<SvgOptions, 'title' | 'legend'>) {
  const showTitle = options.title !== false;
  const showLegend = options.legend !== false;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let any = false;
  for (const id in doc.stakeholders) {
    const s = doc.stakeholders[id];
    const w = nodeWidth(s.influence);
    any = true;
    if (s.x < minX) minX = s.x;
    if (s.y < minY) minY = s.y;
    if (s.x + w > maxX) maxX = s.x + w;
    if (s.y + NODE_HEIGHT > maxY) maxY = s.y + NODE_HEIGHT;
  }
  if (!any) {
    minX = 0;
    minY = 0;
    maxX = 400;
    maxY = 120;
  }
  const contentW = maxX - minX;
  const contentH = maxY - minY;
  const titleH = showTitle ? TITLE_HEIGHT : 0;
  const legendH = showLegend ? LEGEND_HEIGHT : 0;
  const width = Math.ceil(Math.max(contentW + 2 * MARGIN, showTitle || showLegend ? MIN_WIDTH : 0));
  const height = Math.ceil(titleH + contentH + 2 * MARGIN + legendH);
  return { width, height, showTitle, showLegend, titleH, legendH, ox: round((width - contentW) / 2 - minX), oy: round(titleH + MARGIN - minY) };
}

/** The one drawing description of the map, shared by the SVG and PNG exports. */
export function buildMapScene(doc: MapDocument, options: SvgOptions = {}): MapScene {
  const dark = options.background === 'dark';
  const theme = dark ? PALETTE.dark : PALETTE.light;
  const people = Object.values(doc.stakeholders);
  const ties = Object.values(doc.ties);
  const { width, height, showTitle, showLegend, titleH, legendH, ox, oy } = frame(doc, options);

  const items: SceneItem[] = [];
  if (options.background !== 'transparent') items.push({ t: 'rect', x: 0, y: 0, w: width, h: height, fill: theme.background });
  if (showTitle) {
    items.push({ t: 'text', x: MARGIN, y: 38, size: 22, bold: true, fill: theme.text, text: truncate(doc.map.name || 'Untitled map', Math.floor((width - 2 * MARGIN) / 12)) });
    items.push({ t: 'text', x: MARGIN, y: 56, size: 12, fill: theme.mutedText, text: `${people.length} ${people.length === 1 ? 'person' : 'people'}, ${ties.length} ${ties.length === 1 ? 'tie' : 'ties'}` });
  }
  const content: SceneItem[] = [];
  // Reports-to lines first (behind), then the other ties, then the cards.
  const byId = doc.stakeholders;
  const order = [...ties].sort((a, b) => Number(b.kind === 'reports-to') - Number(a.kind === 'reports-to'));
  for (const tie of order) {
    const a = byId[tie.source];
    const b = byId[tie.target];
    if (a && b && a !== b) content.push(edge(tie, a, b, theme));
  }
  const redacted = options.redacted === true;
  for (const s of people) content.push(card(s, doc, theme, redacted, dark));
  items.push({ t: 'group', x: ox, y: oy, items: content, lines: true });
  if (!people.length) items.push({ t: 'text', x: width / 2, y: titleH + MARGIN + 60, anchor: 'middle', size: 14, fill: theme.mutedText, text: 'This map has no people yet.' });
  if (showLegend) items.push(legend(theme, height - legendH + 8));
  return { width, height, title: doc.map.name, font: SCENE_FONT, markers: { ...theme.tie }, items };
}

// ---- SVG --------------------------------------------------------------------------------------

/** Writes a scene as an SVG document (`scale` multiplies width/height; the viewBox stays). */
export function sceneToSvg(scene: MapScene, scale = 1): string {
  const { width, height } = scene;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${round(width * scale)}" height="${round(height * scale)}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(scene.font)}">`);
  out.push(`<title>${escapeXml(scene.title)}</title>`);
  const markers = TIE_KINDS.map((kind) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${scene.markers[kind]}"/></marker>`);
  out.push(`<defs>${markers.join('')}</defs>`);
  for (const item of scene.items) out.push(item.t === 'group' && item.lines ? linesGroupSvg(item) : itemSvg(item));
  out.push('</svg>');
  return out.join('\n');
}

/** The map's content group: one line per child (as the SVG has always been written). */
function linesGroupSvg(group: Extract<SceneItem, { t: 'group' }>): string {
  return [groupOpen(group), ...group.items.map(itemSvg), '</g>'].join('\n');
}

function groupOpen(g: Extract<SceneItem, { t: 'group' }>): string {
  return `<g transform="translate(${g.x} ${g.y})"${g.size !== undefined ? ` font-size="${g.size}"` : ''}${g.fill !== undefined ? ` fill="${g.fill}"` : ''}>`;
}

function itemSvg(item: SceneItem): string {
  switch (item.t) {
    case 'rect': {
      const at = item.x || item.y ? `x="${item.x}" y="${item.y}" ` : '';
      return `<rect ${at}width="${item.w}" height="${item.h}"${item.rx ? ` rx="${item.rx}"` : ''}${item.fill ? ` fill="${item.fill}"` : ''}${item.stroke ? ` stroke="${item.stroke}" stroke-width="${item.sw ?? 1}"` : ''}/>`;
    }
    case 'band':
      return `<path d="M1,10 A9,9 0 0 1 10,1 H${item.w - 10} A9,9 0 0 1 ${item.w - 1},10 Z" fill="${item.fill}"/>`;
    case 'line': {
      const p = item.pts;
      const dash = item.dash ? ' stroke-dasharray="7 5"' : '';
      const start = item.start ? ` marker-start="url(#arrow-${item.start})"` : '';
      const end = item.end ? ` marker-end="url(#arrow-${item.end})"` : '';
      if (item.elbow) return `<path d="M${p[0]},${p[1]} V${p[3]} H${p[4]} V${p[7]}" fill="none" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
      if (p.length === 4) return `<line x1="${p[0]}" y1="${p[1]}" x2="${p[2]}" y2="${p[3]}" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
      return `<polyline points="${p.join(' ')}" fill="none" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
    }
    case 'text':
      return `<text x="${item.x}" y="${item.y}"${item.anchor ? ` text-anchor="${item.anchor}"` : ''}${item.size !== undefined ? ` font-size="${item.size}"` : ''}${item.bold ? ' font-weight="700"' : ''}${item.fill ? ` fill="${item.fill}"` : ''}>${escapeXml(item.text)}</text>`;
    case 'circle':
      return `<circle cx="${item.cx}" cy="${item.cy}" r="${item.r}" fill="${item.fill}"/>`;
    case 'group':
      return `${groupOpen(item)}${item.items.map(itemSvg).join('')}</g>`;
  }
}

// ---- The map's pieces ---------------------------------------------------------------------------

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function truncate(text: string, maxChars: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= maxChars) return chars.join('');
  return `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

function strokeWidth(tie: Pick<Tie, 'kind' | 'strength'>): number {
  return tie.kind === 'reports-to' ? 1.5 : 1 + tie.strength;
}

interface Box {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
}

function boxOf(s: Stakeholder): Box {
  const w = nodeWidth(s.influence);
  return { cx: s.x + w / 2, cy: s.y + NODE_HEIGHT / 2, hw: w / 2, hh: NODE_HEIGHT / 2 };
}

/** Where the line from the box centre towards (px, py) leaves the box, plus a small gap. */
function exitPoint(box: Box, px: number, py: number, gap = 3): [number, number] {
  const dx = px - box.cx;
  const dy = py - box.cy;
  if (dx === 0 && dy === 0) return [box.cx, box.cy];
  const t = Math.min(dx === 0 ? Infinity : (box.hw + gap) / Math.abs(dx), dy === 0 ? Infinity : (box.hh + gap) / Math.abs(dy));
  return [round(box.cx + dx * t), round(box.cy + dy * t)];
}

function edge(tie: Tie, a: Stakeholder, b: Stakeholder, theme: Theme): SceneItem {
  const from = boxOf(a);
  const to = boxOf(b);
  const stroke = theme.tie[tie.kind];
  const sw = strokeWidth(tie);
  if (tie.kind === 'reports-to') {
    // Elbow from the person's top edge up to the manager's bottom edge.
    const top = from.cy - from.hh;
    const bottom = to.cy + to.hh;
    if (bottom < top - 10) {
      const mid = round((top + bottom) / 2);
      const x1 = round(from.cx);
      const x2 = round(to.cx);
      return { t: 'line', pts: [x1, round(top), x1, mid, x2, mid, x2, round(bottom + 2)], elbow: true, stroke, sw, end: 'reports-to' };
    }
  }
  const [x1, y1] = exitPoint(from, to.cx, to.cy);
  const [x2, y2] = exitPoint(to, from.cx, from.cy);
  const arrows = arrowsFor(tie.kind, tie.mutual);
  const line: SceneItem = { t: 'line', pts: [x1, y1, x2, y2], stroke, sw };
  if (tie.kind === 'trust') line.dash = true;
  if (arrows.start) line.start = tie.kind;
  if (arrows.end) line.end = tie.kind;
  return line;
}

function arrowsFor(kind: TieKind, mutual: boolean): { start: boolean; end: boolean } {
  switch (kind) {
    case 'influence':
      return { start: mutual, end: true };
    case 'trust':
      return { start: false, end: !mutual };
    case 'reports-to':
      return { start: false, end: true };
    case 'tension':
      return { start: false, end: false };
  }
}

function card(s: Stakeholder, doc: MapDocument, theme: Theme, redacted: boolean, dark: boolean): SceneItem {
  const w = nodeWidth(s.influence);
  const h = NODE_HEIGHT;
  const stance = theme.stance[s.stance];
  const band = departmentColour(s.department, dark);
  const name = redacted ? initials(s.name) : s.name.trim() || 'Unnamed person';
  const chars = (size: number, room: number) => Math.max(3, Math.floor(room / (size * 0.56)));
  const level = levelName(s, doc.map.settings);
  const badgeText = truncate(level, chars(10, w / 2 - 8));
  const badgeW = Math.min(w / 2, [...badgeText].length * 10 * 0.58 + 14);
  const stanceText = STANCE_LABELS[s.stance];
  const items: SceneItem[] = [
    { t: 'rect', x: 0, y: 0, w, h, rx: 10, fill: theme.card, stroke: stance, sw: 2 },
    { t: 'band', w, fill: band },
    { t: 'text', x: 12, y: 32, size: 14, bold: true, fill: theme.text, text: truncate(name, chars(14, w - 24)) },
  ];
  if (s.title.trim()) items.push({ t: 'text', x: 12, y: 50, size: 12, fill: theme.mutedText, text: truncate(s.title, chars(12, w - 24)) });
  if (s.department.trim()) items.push({ t: 'text', x: 12, y: 64, size: 10, fill: theme.mutedText, text: truncate(s.department, chars(10, w - 24)) });
  items.push({ t: 'rect', x: 10, y: h - 22, w: round(badgeW), h: 16, rx: 8, fill: theme.badge });
  items.push({ t: 'text', x: 17, y: h - 10.5, size: 10, fill: theme.badgeText, text: badgeText });
  items.push({ t: 'circle', cx: round(w - 12 - stanceText.length * 6.2 - 7), cy: h - 14, r: 4, fill: stance });
  items.push({ t: 'text', x: w - 12, y: h - 10, size: 10, anchor: 'end', fill: stance, text: stanceText });
  return { t: 'group', x: round(s.x), y: round(s.y), items, h };
}

function legend(theme: Theme, top: number): SceneItem {
  const items: SceneItem[] = [];
  TIE_KINDS.forEach((kind, i) => {
    const x = i * 150;
    const mutual = kind === 'tension' || kind === 'trust';
    const arrows = arrowsFor(kind, kind === 'trust' ? false : mutual);
    const line: SceneItem = { t: 'line', pts: [x, 12, x + 40, 12], stroke: theme.tie[kind], sw: strokeWidth({ kind, strength: 2 }) };
    if (kind === 'trust') line.dash = true;
    if (arrows.end) line.end = kind;
    items.push(line, { t: 'text', x: x + 50, y: 16, text: TIE_KIND_LABELS[kind] });
  });
  STANCES.forEach((stance, i) => {
    const x = i * 105;
    items.push({ t: 'circle', cx: x + 6, cy: 40, r: 5, fill: theme.stance[stance] }, { t: 'text', x: x + 16, y: 44, text: STANCE_LABELS[stance] });
  });
  return { t: 'group', x: MARGIN, y: top, size: 11, fill: theme.mutedText, items };
}
