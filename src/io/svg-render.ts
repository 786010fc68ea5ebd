/**
 * The whole map as an SVG string, drawn from the data (no DOM), for the SVG export and as the
 * single rendering path for PNG (png-browser.ts draws this SVG onto a canvas). Building strings
 * keeps 2,000 people well under a second.
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
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function renderMapSvg(doc: MapDocument, options: SvgOptions = {}): string {
  return renderMapSvgSized(doc, options).svg;
}

export function renderMapSvgSized(doc: MapDocument, options: SvgOptions = {}): RenderedSvg {
  const dark = options.background === 'dark';
  const theme = dark ? PALETTE.dark : PALETTE.light;
  const showTitle = options.title !== false;
  const showLegend = options.legend !== false;
  const scale = Number.isFinite(options.scale) && options.scale! > 0 ? options.scale! : 1;
  const people = Object.values(doc.stakeholders);
  const ties = Object.values(doc.ties);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of people) {
    const w = nodeWidth(s.influence);
    minX = Math.min(minX, s.x);
    minY = Math.min(minY, s.y);
    maxX = Math.max(maxX, s.x + w);
    maxY = Math.max(maxY, s.y + NODE_HEIGHT);
  }
  if (!people.length) {
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
  const ox = round((width - contentW) / 2 - minX);
  const oy = round(titleH + MARGIN - minY);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${round(width * scale)}" height="${round(height * scale)}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`);
  out.push(`<title>${escapeXml(doc.map.name)}</title>`);
  out.push(defs(theme));
  if (options.background !== 'transparent') out.push(`<rect width="${width}" height="${height}" fill="${theme.background}"/>`);
  if (showTitle) {
    out.push(`<text x="${MARGIN}" y="38" font-size="22" font-weight="700" fill="${theme.text}">${escapeXml(truncate(doc.map.name || 'Untitled map', Math.floor((width - 2 * MARGIN) / 12)))}</text>`);
    out.push(`<text x="${MARGIN}" y="56" font-size="12" fill="${theme.mutedText}">${people.length} ${people.length === 1 ? 'person' : 'people'}, ${ties.length} ${ties.length === 1 ? 'tie' : 'ties'}</text>`);
  }
  out.push(`<g transform="translate(${ox} ${oy})">`);
  // Reports-to lines first (behind), then the other ties, then the cards.
  const byId = doc.stakeholders;
  const order = [...ties].sort((a, b) => Number(b.kind === 'reports-to') - Number(a.kind === 'reports-to'));
  for (const tie of order) {
    const a = byId[tie.source];
    const b = byId[tie.target];
    if (a && b && a !== b) out.push(edge(tie, a, b, theme));
  }
  for (const s of people) out.push(card(s, doc, theme, options.redacted === true, dark));
  out.push('</g>');
  if (!people.length) out.push(`<text x="${width / 2}" y="${titleH + MARGIN + 60}" text-anchor="middle" font-size="14" fill="${theme.mutedText}">This map has no people yet.</text>`);
  if (showLegend) out.push(legend(theme, height - legendH + 8));
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function truncate(text: string, maxChars: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= maxChars) return chars.join('');
  return `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

function strokeWidth(tie: Tie): number {
  return tie.kind === 'reports-to' ? 1.5 : 1 + tie.strength;
}

function defs(theme: Theme): string {
  const markers = TIE_KINDS.map((kind) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.tie[kind]}"/></marker>`);
  return `<defs>${markers.join('')}</defs>`;
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

function edge(tie: Tie, a: Stakeholder, b: Stakeholder, theme: Theme): string {
  const from = boxOf(a);
  const to = boxOf(b);
  const colour = theme.tie[tie.kind];
  const width = strokeWidth(tie);
  if (tie.kind === 'reports-to') {
    // Elbow from the person's top edge up to the manager's bottom edge.
    const top = from.cy - from.hh;
    const bottom = to.cy + to.hh;
    if (bottom < top - 10) {
      const mid = round((top + bottom) / 2);
      return `<path d="M${round(from.cx)},${round(top)} V${mid} H${round(to.cx)} V${round(bottom + 2)}" fill="none" stroke="${colour}" stroke-width="${width}" marker-end="url(#arrow-reports-to)"/>`;
    }
  }
  const [x1, y1] = exitPoint(from, to.cx, to.cy);
  const [x2, y2] = exitPoint(to, from.cx, from.cy);
  const dash = tie.kind === 'trust' ? ' stroke-dasharray="7 5"' : '';
  const arrows = arrowsFor(tie.kind, tie.mutual);
  const start = arrows.start ? ` marker-start="url(#arrow-${tie.kind})"` : '';
  const end = arrows.end ? ` marker-end="url(#arrow-${tie.kind})"` : '';
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" stroke-width="${width}"${dash}${start}${end}/>`;
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

function card(s: Stakeholder, doc: MapDocument, theme: Theme, redacted: boolean, dark: boolean): string {
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
  const parts = [
    `<g transform="translate(${round(s.x)} ${round(s.y)})">`,
    `<rect width="${w}" height="${h}" rx="10" fill="${theme.card}" stroke="${stance}" stroke-width="2"/>`,
    `<path d="M1,10 A9,9 0 0 1 10,1 H${w - 10} A9,9 0 0 1 ${w - 1},10 Z" fill="${band}"/>`,
    `<text x="12" y="32" font-size="14" font-weight="700" fill="${theme.text}">${escapeXml(truncate(name, chars(14, w - 24)))}</text>`,
  ];
  if (s.title.trim()) parts.push(`<text x="12" y="50" font-size="12" fill="${theme.mutedText}">${escapeXml(truncate(s.title, chars(12, w - 24)))}</text>`);
  if (s.department.trim()) parts.push(`<text x="12" y="64" font-size="10" fill="${theme.mutedText}">${escapeXml(truncate(s.department, chars(10, w - 24)))}</text>`);
  parts.push(`<rect x="10" y="${h - 22}" width="${round(badgeW)}" height="16" rx="8" fill="${theme.badge}"/>`);
  parts.push(`<text x="17" y="${h - 10.5}" font-size="10" fill="${theme.badgeText}">${escapeXml(badgeText)}</text>`);
  parts.push(`<circle cx="${round(w - 12 - stanceText.length * 6.2 - 7)}" cy="${h - 14}" r="4" fill="${stance}"/>`);
  parts.push(`<text x="${w - 12}" y="${h - 10}" font-size="10" text-anchor="end" fill="${stance}">${stanceText}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function legend(theme: Theme, top: number): string {
  const out: string[] = [`<g transform="translate(${MARGIN} ${top})" font-size="11" fill="${theme.mutedText}">`];
  TIE_KINDS.forEach((kind, i) => {
    const x = i * 150;
    const sample: Tie = { id: '', source: '', target: '', kind, strength: 2, mutual: kind === 'tension' || kind === 'trust', note: '' };
    const dash = kind === 'trust' ? ' stroke-dasharray="7 5"' : '';
    const arrows = arrowsFor(kind, kind === 'trust' ? false : sample.mutual);
    const end = arrows.end ? ` marker-end="url(#arrow-${kind})"` : '';
    out.push(`<line x1="${x}" y1="12" x2="${x + 40}" y2="12" stroke="${theme.tie[kind]}" stroke-width="${strokeWidth(sample)}"${dash}${end}/>`);
    out.push(`<text x="${x + 50}" y="16">${TIE_KIND_LABELS[kind]}</text>`);
  });
  STANCES.forEach((stance, i) => {
    const x = i * 105;
    out.push(`<circle cx="${x + 6}" cy="40" r="5" fill="${theme.stance[stance]}"/>`);
    out.push(`<text x="${x + 16}" y="44">${STANCE_LABELS[stance]}</text>`);
  });
  out.push('</g>');
  return out.join('');
}
