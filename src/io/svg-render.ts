/**
 * The whole map as an image, drawn from the data (no DOM). `buildMapScene` makes ONE drawing
 * description (rects, lines, texts, circles in map units); `sceneToSvg` writes it as an SVG
 * string for the SVG export, and png-browser.ts draws the very same scene on a 2D canvas for
 * the PNG (no SVG rasterisation, which was the slow part for large maps).
 *
 * The image looks like the screen: colours, dashes, line widths and arrowheads come from the one
 * palette (palette.ts) the canvas and the legend use, and cards are laid out as the canvas lays
 * them out (card-layout.ts), with texts measured and cut to their room.
 * The image is fitted to all cards with a margin, with the map title above and a legend below.
 * All user text is escaped. `redacted` draws initials instead of names (notes are never drawn).
 */
import { STANCE_LABELS, TIE_DIRECTION_RULES, TIE_KIND_LABELS, nodeWidth } from '../domain/defaults';
import { STANCES, TIE_KINDS } from '../domain/types';
import type { MapDocument, Stakeholder, Tie } from '../domain/types';
import { CARD, cardItems } from './card-layout';
import { NODE_HEIGHT } from './graph-import';
import { ARROWHEAD, PALETTE, TIE_DASH, hexToRgb, lookColour, tieArrows, tieLook, tieWidth, type TieLook } from './palette';
import { customKinds } from '../domain/tie-kinds';
import type { Theme } from './palette';
import { createTextMeasurer, fitText, type MeasureText } from './text-measure';
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
  /** Text widths for laying out cards (default: a canvas where there is one, else an estimate). */
  measure?: MeasureText;
}

/** What an arrowhead sits on: the colour key of the tie's look (`tieLook`: a built-in kind or `c-<choice>`). */
export type MarkerKind = string;

/**
 * One drawing primitive, in map units. Groups translate their children and give them a default
 * font size and text colour (as SVG's inherited attributes do). `cls` names a piece (written as
 * an SVG class, so the image's parts can be told apart: cards, ties, their texts).
 */
export type SceneItem =
  | { t: 'rect'; x: number; y: number; w: number; h: number; rx?: number; fill?: string; stroke?: string; sw?: number }
  /** A fill with its left corners rounded by `r` (a card's department band). */
  | { t: 'band'; x: number; y: number; w: number; h: number; r: number; fill: string }
  /** The stance wash across a card: tint `i` of the scene, fading out to the right. */
  | { t: 'tint'; x: number; y: number; w: number; h: number; i: number }
  /**
   * A polyline (flat [x0, y0, x1, y1, ...]); `elbow` marks a vertical-horizontal-vertical path.
   * Arrowheads (ARROWHEAD.size long, the point on the end point) point along the line.
   */
  | { t: 'line'; pts: number[]; stroke: string; sw: number; dash?: readonly number[]; elbow?: boolean; start?: MarkerKind; end?: MarkerKind; cls?: string }
  | { t: 'text'; x: number; y: number; text: string; size?: number; weight?: number; fill?: string; anchor?: 'end' | 'middle'; cls?: string }
  /** `title`: what the circle stands for (an SVG tooltip; not drawn). */
  | { t: 'circle'; cx: number; cy: number; r: number; fill: string; title?: string }
  /** `lines`: written one child per line in the SVG (the map's content group). */
  /** `h`: the group's height (a card), so a drawing of part of the image can skip it. */
  | { t: 'group'; x: number; y: number; items: SceneItem[]; size?: number; fill?: string; lines?: boolean; h?: number; cls?: string };

export interface MapScene {
  /** Size in map units. */
  width: number;
  height: number;
  title: string;
  font: string;
  /** Arrowhead colour per look key (every built-in kind and colour choice). */
  markers: Record<MarkerKind, string>;
  /** Colours of the stance washes (SceneItem 'tint' refers to them by index). */
  tints: string[];
  items: SceneItem[];
}

/** The stance wash on cards (as the stylesheet's): this opacity at the left edge, none from `until` of the width. */
export const TINT = CARD.wash;

export interface RenderedSvg {
  svg: string;
  /** Size in map units (CSS pixels at scale 1). */
  width: number;
  height: number;
}

const MARGIN = 40;
const TITLE_HEIGHT = 64;
const LEGEND_HEIGHT = 84;
const MIN_WIDTH = 720;
/** The page's font list (the stylesheet's --font), so measured widths hold on screen and in the file. */
export const SCENE_FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
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
  // A map's own kinds in use get a row of their own under the usual legend.
  const legendH = showLegend ? LEGEND_HEIGHT + (usedCustomKinds(doc).length ? CUSTOM_LEGEND_ROW : 0) : 0;
  const width = Math.ceil(Math.max(contentW + 2 * MARGIN, showTitle || showLegend ? MIN_WIDTH : 0));
  const height = Math.ceil(titleH + contentH + 2 * MARGIN + legendH);
  return { width, height, showTitle, showLegend, titleH, legendH, ox: round((width - contentW) / 2 - minX), oy: round(titleH + MARGIN - minY) };
}

/** Height of the legend row of a map's own tie kinds. */
const CUSTOM_LEGEND_ROW = 24;

/** The map's own kinds that at least one tie has, in the settings' order (the legend lists these). */
function usedCustomKinds(doc: MapDocument) {
  const kinds = customKinds(doc.map.settings);
  if (!kinds.length) return [];
  const used = new Set<string>();
  for (const t of Object.values(doc.ties)) used.add(t.kind);
  return kinds.filter((k) => used.has(k.id));
}

/** The one drawing description of the map, shared by the SVG and PNG exports. */
export function buildMapScene(doc: MapDocument, options: SvgOptions = {}): MapScene {
  const theme = options.background === 'dark' ? PALETTE.dark : PALETTE.light;
  const measure = options.measure ?? createTextMeasurer(SCENE_FONT);
  const people = Object.values(doc.stakeholders);
  const ties = Object.values(doc.ties);
  const { width, height, showTitle, showLegend, titleH, legendH, ox, oy } = frame(doc, options);

  const items: SceneItem[] = [];
  if (options.background !== 'transparent') items.push({ t: 'rect', x: 0, y: 0, w: width, h: height, fill: options.background === 'dark' ? theme.canvas : '#ffffff' });
  if (showTitle) {
    const titleStyle = { size: 22, weight: 700 };
    items.push({ t: 'text', x: MARGIN, y: 38, size: titleStyle.size, weight: titleStyle.weight, fill: theme.text, text: fitText(doc.map.name || 'Untitled map', width - 2 * MARGIN, titleStyle, measure) });
    items.push({ t: 'text', x: MARGIN, y: 56, size: 12, fill: theme.mutedText, text: `${people.length.toLocaleString('en-US')} ${people.length === 1 ? 'person' : 'people'}, ${ties.length.toLocaleString('en-US')} ${ties.length === 1 ? 'tie' : 'ties'}` });
  }
  const content: SceneItem[] = [];
  // Reports-to lines first (behind), then the other ties, then the cards.
  const byId = doc.stakeholders;
  const order = [...ties].sort((a, b) => Number(b.kind === 'reports-to') - Number(a.kind === 'reports-to'));
  for (const tie of order) {
    const a = byId[tie.source];
    const b = byId[tie.target];
    if (a && b && a !== b) content.push(edge(tie, a, b, theme, tieLook(doc.map.settings, tie.kind)));
  }
  const redacted = options.redacted === true;
  const tints = STANCES.map((stance) => theme.stance[stance]);
  for (const s of people) {
    const w = nodeWidth(s.influence);
    const card = cardItems({ person: s, width: w, height: NODE_HEIGHT, settings: doc.map.settings, isMe: doc.map.meId === s.id, redacted }, theme, measure, STANCES.indexOf(s.stance));
    content.push({ t: 'group', x: round(s.x), y: round(s.y), items: card, h: NODE_HEIGHT, cls: `card card--${s.stance}` });
  }
  items.push({ t: 'group', x: ox, y: oy, items: content, lines: true });
  if (!people.length) items.push({ t: 'text', x: width / 2, y: titleH + MARGIN + 60, anchor: 'middle', size: 14, fill: theme.mutedText, text: 'This map has no people yet.' });
  if (showLegend) items.push(legend(theme, height - legendH + 8, measure, doc, width - 2 * MARGIN));
  const markers: Record<MarkerKind, string> = { ...theme.tie };
  for (const [choice, colour] of Object.entries(theme.tieChoice)) markers[`c-${choice}`] = colour;
  return { width, height, title: doc.map.name, font: SCENE_FONT, markers, tints, items };
}

// ---- SVG --------------------------------------------------------------------------------------

/** Writes a scene as an SVG document (`scale` multiplies width/height; the viewBox stays). */
export function sceneToSvg(scene: MapScene, scale = 1): string {
  const { width, height } = scene;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${round(width * scale)}" height="${round(height * scale)}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(scene.font)}">`);
  out.push(`<title>${escapeXml(scene.title)}</title>`);
  const markers = Object.keys(scene.markers).map(
    (kind) =>
      `<marker id="arrow-${kind}" viewBox="${ARROWHEAD.viewBox}" refX="${ARROWHEAD.refX}" refY="${ARROWHEAD.refY}" markerWidth="${ARROWHEAD.size}" markerHeight="${ARROWHEAD.size}" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="${ARROWHEAD.path}" fill="${scene.markers[kind]}"/></marker>`,
  );
  const tints = scene.tints.map(
    (colour, i) => `<linearGradient id="tint-${i}"><stop offset="0" stop-color="${colour}" stop-opacity="${TINT.opacity}"/><stop offset="${TINT.until}" stop-color="${colour}" stop-opacity="0"/></linearGradient>`,
  );
  out.push(`<defs>${markers.join('')}${tints.join('')}</defs>`);
  for (const item of scene.items) out.push(item.t === 'group' && item.lines ? linesGroupSvg(item) : itemSvg(item));
  out.push('</svg>');
  return out.join('\n');
}

/** The map's content group: one line per child (as the SVG has always been written). */
function linesGroupSvg(group: Extract<SceneItem, { t: 'group' }>): string {
  return [groupOpen(group), ...group.items.map(itemSvg), '</g>'].join('\n');
}

function groupOpen(g: Extract<SceneItem, { t: 'group' }>): string {
  return `<g${g.cls ? ` class="${g.cls}"` : ''} transform="translate(${g.x} ${g.y})"${g.size !== undefined ? ` font-size="${g.size}"` : ''}${g.fill !== undefined ? ` fill="${g.fill}"` : ''}>`;
}

function itemSvg(item: SceneItem): string {
  switch (item.t) {
    case 'rect': {
      const at = item.x || item.y ? `x="${item.x}" y="${item.y}" ` : '';
      const fill = item.fill ? ` fill="${item.fill}"` : item.stroke ? ' fill="none"' : '';
      return `<rect ${at}width="${item.w}" height="${item.h}"${item.rx ? ` rx="${item.rx}"` : ''}${fill}${item.stroke ? ` stroke="${item.stroke}" stroke-width="${item.sw ?? 1}"` : ''}/>`;
    }
    case 'band': {
      const { x, y, w, h } = item;
      const r = Math.min(item.r, w, h / 2);
      return `<path d="M${round(x + w)},${y} H${round(x + r)} A${r},${r} 0 0 0 ${x},${round(y + r)} V${round(y + h - r)} A${r},${r} 0 0 0 ${round(x + r)},${round(y + h)} H${round(x + w)} Z" fill="${item.fill}"/>`;
    }
    case 'tint':
      return `<rect x="${item.x}" y="${item.y}" width="${round(item.w)}" height="${round(item.h)}" fill="url(#tint-${item.i})"/>`;
    case 'line': {
      const p = item.pts;
      const cls = item.cls ? ` class="${item.cls}"` : '';
      const dash = item.dash ? ` stroke-dasharray="${item.dash.join(' ')}"` : '';
      const start = item.start ? ` marker-start="url(#arrow-${item.start})"` : '';
      const end = item.end ? ` marker-end="url(#arrow-${item.end})"` : '';
      if (item.elbow) return `<path${cls} d="M${p[0]},${p[1]} V${p[3]} H${p[4]} V${p[7]}" fill="none" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
      if (p.length === 4) return `<line${cls} x1="${p[0]}" y1="${p[1]}" x2="${p[2]}" y2="${p[3]}" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
      return `<polyline${cls} points="${p.join(' ')}" fill="none" stroke="${item.stroke}" stroke-width="${item.sw}"${dash}${start}${end}/>`;
    }
    case 'text':
      return `<text${item.cls ? ` class="${item.cls}"` : ''} x="${item.x}" y="${item.y}"${item.anchor ? ` text-anchor="${item.anchor}"` : ''}${item.size !== undefined ? ` font-size="${item.size}"` : ''}${item.weight && item.weight !== 400 ? ` font-weight="${item.weight}"` : ''}${item.fill ? ` fill="${item.fill}"` : ''}>${escapeXml(item.text)}</text>`;
    case 'circle':
      return item.title
        ? `<circle cx="${item.cx}" cy="${item.cy}" r="${item.r}" fill="${item.fill}"><title>${escapeXml(item.title)}</title></circle>`
        : `<circle cx="${item.cx}" cy="${item.cy}" r="${item.r}" fill="${item.fill}"/>`;
    case 'group':
      return `${groupOpen(item)}${item.items.map(itemSvg).join('')}</g>`;
  }
}

/** `rgba()` of a hex colour at an opacity (the canvas's gradient stops). */
export function withOpacity(hex: string, opacity: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${opacity})`;
}

// ---- The map's pieces ---------------------------------------------------------------------------

function round(n: number): number {
  return Math.round(n * 100) / 100;
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

function edge(tie: Tie, a: Stakeholder, b: Stakeholder, theme: Theme, look: TieLook): SceneItem {
  const from = boxOf(a);
  const to = boxOf(b);
  const stroke = lookColour(look, theme);
  const sw = tieWidth(tie.kind, tie.strength);
  const arrows = tieArrows(tie);
  const dash = look.dash;
  const cls = `tie tie--${look.cls}${tie.mutual ? ' tie--mutual' : ''}`;
  let line: Extract<SceneItem, { t: 'line' }>;
  if (tie.kind === 'reports-to' && to.cy + to.hh < from.cy - from.hh - 10) {
    // Elbow from the person's top edge up to the manager's bottom edge.
    const top = from.cy - from.hh;
    const bottom = to.cy + to.hh;
    const mid = round((top + bottom) / 2);
    const x1 = round(from.cx);
    const x2 = round(to.cx);
    line = { t: 'line', pts: [x1, round(top), x1, mid, x2, mid, x2, round(bottom + 2)], elbow: true, stroke, sw, cls };
  } else {
    const [x1, y1] = exitPoint(from, to.cx, to.cy);
    const [x2, y2] = exitPoint(to, from.cx, from.cy);
    line = { t: 'line', pts: [x1, y1, x2, y2], stroke, sw, cls };
  }
  if (dash) line.dash = dash;
  if (arrows.start) line.start = look.key;
  if (arrows.end) line.end = look.key;
  return line;
}

/** Tie kinds (each in its usual direction, as the on-screen legend shows them), stances, and the arrow rule. */
function legend(theme: Theme, top: number, measure: MeasureText, doc: MapDocument, room: number): SceneItem {
  const items: SceneItem[] = [];
  const label = { size: 11, weight: 400 };
  let x = 0;
  for (const kind of TIE_KINDS) {
    const mutual = TIE_DIRECTION_RULES[kind].defaultMutual;
    const arrows = tieArrows({ kind, mutual });
    const line: Extract<SceneItem, { t: 'line' }> = { t: 'line', pts: [x, 12, x + 40, 12], stroke: theme.tie[kind], sw: tieWidth(kind, 2), cls: `legend__tie legend__tie--${kind}` };
    const dash = TIE_DASH[kind];
    if (dash) line.dash = dash;
    if (arrows.end) line.end = kind;
    const text = TIE_KIND_LABELS[kind];
    items.push(line, { t: 'text', x: x + 50, y: 16, text });
    x += 50 + Math.ceil(measure(text, label)) + 28;
  }
  x = 0;
  for (const stance of STANCES) {
    const text = STANCE_LABELS[stance];
    items.push({ t: 'circle', cx: x + 6, cy: 40, r: 5, fill: theme.stance[stance] }, { t: 'text', x: x + 16, y: 44, text });
    x += 16 + Math.ceil(measure(text, label)) + 22;
  }
  items.push({ t: 'text', x: 0, y: 64, text: 'Arrowheads: the way a one-way tie runs; mutual ties have none.' });
  x = 0;
  for (const kind of usedCustomKinds(doc)) {
    const look = tieLook(doc.map.settings, kind.id);
    const text = fitText(kind.name, 200, label, measure);
    const step = 50 + Math.ceil(measure(text, label)) + 28;
    if (x + step > room + 28) break;
    const line: Extract<SceneItem, { t: 'line' }> = { t: 'line', pts: [x, 84, x + 40, 84], stroke: lookColour(look, theme), sw: tieWidth(kind.id, 2), cls: `legend__tie legend__tie--custom` };
    if (look.dash) line.dash = look.dash;
    if (!kind.mutual) line.end = look.key;
    items.push(line, { t: 'text', x: x + 50, y: 88, text });
    x += step;
  }
  return { t: 'group', x: MARGIN, y: top, size: label.size, fill: theme.mutedText, items, cls: 'legend' };
}
