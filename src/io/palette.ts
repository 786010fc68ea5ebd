/**
 * The app's colours and tie symbols, in one place. Everything that draws the map takes them from
 * here: the CSS custom properties of the page (`cssVariables`, applied by ui/theme.ts), the
 * level-of-detail canvas layer (canvas/lod/draw.ts), the legend, and the SVG/PNG/GEXF exports.
 * So the screen, the legend and an exported image cannot drift apart.
 *
 * Colours are hex strings (they work in CSS, SVG, canvas and GEXF alike). Department colours are
 * derived from the department name's hue with the saturation and lightness given here.
 */
import { departmentHue } from '../domain/describe';
import { customKind, isBuiltInKind } from '../domain/tie-kinds';
import type { MapSettings, Stance, Tie, TieColourChoice, TieKind, TieKindId, TieLineStyle } from '../domain/types';

export type ColourMode = 'light' | 'dark';

export interface Theme {
  /** Page behind the panels. */
  bg: string;
  /** Panels and cards. */
  surface: string;
  /** Quiet fills: inputs, the seniority badge, a card without a department. */
  surface2: string;
  border: string;
  borderStrong: string;
  text: string;
  mutedText: string;
  accent: string;
  accentSoft: string;
  /** Text on the accent colour. */
  accentText: string;
  danger: string;
  dangerSoft: string;
  warningSoft: string;
  focus: string;
  /** The map's background on screen, and an exported image's in this mode. */
  canvas: string;
  canvasDot: string;
  shadow: string;
  shadowLg: string;
  stance: Record<Stance, string>;
  tie: Record<TieKind, string>;
  /** The colour choices for a map's own tie kinds (readable on this theme's canvas). */
  tieChoice: Record<TieColourChoice, string>;
  /** Seniority badge: every level, and levels counted as senior leadership. */
  level: { fill: string; text: string };
  seniorLevel: { fill: string; text: string };
  /** Department band and department text: saturation and lightness (percent) of the department's hue. */
  departmentBand: readonly [number, number];
  departmentText: readonly [number, number];
}

/** A colour in each mode: [light, dark]. */
type Pair = readonly [string, string];
type ColourName = { [K in keyof Theme]: Theme[K] extends string ? K : never }[keyof Theme];

/** Every colour as [light, dark], side by side, so a colour is chosen for both modes at once. */
const COLOURS = {
  bg: ['#f6f7f9', '#0f1218'],
  surface: ['#ffffff', '#171b23'],
  surface2: ['#f1f3f6', '#1f2430'],
  border: ['#dfe3ea', '#2a3140'],
  borderStrong: ['#c6ccd7', '#3a4354'],
  text: ['#1c2230', '#e6e9ef'],
  mutedText: ['#5b6475', '#9aa3b5'],
  accent: ['#4338ca', '#8b87f7'],
  accentSoft: ['#e8e7fb', '#25244a'],
  accentText: ['#ffffff', '#0f1218'],
  danger: ['#b42318', '#f87171'],
  dangerSoft: ['#fdecea', '#3b1818'],
  warningSoft: ['#fff6e0', '#352a10'],
  focus: ['#2563eb', '#60a5fa'],
  canvas: ['#fbfbfd', '#12151c'],
  canvasDot: ['#cfd5df', '#2c3342'],
  shadow: ['0 1px 2px rgba(16, 24, 40, 0.06), 0 1px 3px rgba(16, 24, 40, 0.08)', '0 1px 2px rgba(0, 0, 0, 0.4)'],
  shadowLg: ['0 12px 32px rgba(16, 24, 40, 0.18)', '0 12px 32px rgba(0, 0, 0, 0.5)'],
} satisfies Record<ColourName, Pair>;
const STANCE_COLOURS: Record<Stance, Pair> = { champion: ['#15803d', '#4ade80'], supporter: ['#0d9488', '#2dd4bf'], neutral: ['#64748b', '#94a3b8'], sceptic: ['#d97706', '#fbbf24'], blocker: ['#dc2626', '#f87171'], unknown: ['#94a3b8', '#64748b'] };
const TIE_COLOURS: Record<TieKind, Pair> = { influence: ['#4338ca', '#a5a1ff'], trust: ['#0f766e', '#2dd4bf'], 'reports-to': ['#98a2b3', '#5d6678'], tension: ['#dc2626', '#f87171'] };
const TIE_CHOICE_COLOURS: Record<TieColourChoice, Pair> = { violet: ['#7c3aed', '#c4b5fd'], amber: ['#b45309', '#fbbf24'], rose: ['#e11d48', '#fb7185'], sky: ['#0369a1', '#7dd3fc'], lime: ['#4d7c0f', '#a3e635'], slate: ['#475569', '#94a3b8'], orange: ['#c2410c', '#fb923c'], pink: ['#be185d', '#f9a8d4'] };

function pick<K extends string>(table: Record<K, Pair>, mode: 0 | 1): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(table) as K[]) out[key] = table[key][mode];
  return out;
}

/**
 * One mode's theme from the tables. The seniority badges are the quiet fill with muted text, and
 * the accent pair for senior leadership; department bands have the same saturation and lightness
 * in both modes, department text is lighter in dark mode.
 */
function themeOf(mode: 0 | 1): Theme {
  const c = pick(COLOURS, mode);
  return {
    ...c,
    stance: pick(STANCE_COLOURS, mode),
    tie: pick(TIE_COLOURS, mode),
    tieChoice: pick(TIE_CHOICE_COLOURS, mode),
    level: { fill: c.surface2, text: c.mutedText },
    seniorLevel: { fill: c.accentSoft, text: c.accent },
    departmentBand: [62, 52],
    departmentText: mode === 0 ? [45, 42] : [60, 70],
  };
}

const light = themeOf(0);
const dark = themeOf(1);

export const PALETTE: Readonly<Record<ColourMode, Theme>> = { light, dark };

/** Colours for "Colour by: cluster", in order. */
export const CLUSTER_COLOURS = ['#4f46e5', '#0d9488', '#d97706', '#db2777', '#16a34a', '#0284c7', '#9333ea', '#dc2626', '#65a30d', '#c2410c', '#0891b2', '#7c3aed'] as const;

/**
 * The CSS custom properties of a theme. The stylesheet only refers to these names; it holds no
 * colour of its own for them.
 */
export function cssVariables(theme: Theme): Record<string, string> {
  const vars: Record<string, string> = {
    '--bg': theme.bg,
    '--surface': theme.surface,
    '--surface-2': theme.surface2,
    '--border': theme.border,
    '--border-strong': theme.borderStrong,
    '--text': theme.text,
    '--text-muted': theme.mutedText,
    '--accent': theme.accent,
    '--accent-soft': theme.accentSoft,
    '--accent-text': theme.accentText,
    '--danger': theme.danger,
    '--danger-soft': theme.dangerSoft,
    '--warning-soft': theme.warningSoft,
    '--focus': theme.focus,
    '--canvas': theme.canvas,
    '--canvas-dot': theme.canvasDot,
    '--shadow': theme.shadow,
    '--shadow-lg': theme.shadowLg,
    '--level-fill': theme.level.fill,
    '--level-text': theme.level.text,
    '--level-senior-fill': theme.seniorLevel.fill,
    '--level-senior-text': theme.seniorLevel.text,
    // Used as hsl(var(--dept-hue) var(--dept-band-sl)): the hue is per card.
    '--dept-band-sl': `${theme.departmentBand[0]}% ${theme.departmentBand[1]}%`,
    '--dept-text-sl': `${theme.departmentText[0]}% ${theme.departmentText[1]}%`,
  };
  for (const [stance, colour] of Object.entries(theme.stance)) vars[`--stance-${stance}`] = colour;
  for (const [kind, colour] of Object.entries(theme.tie)) vars[`--tie-${kind}`] = colour;
  for (const [choice, colour] of Object.entries(theme.tieChoice)) vars[`--tie-c-${choice}`] = colour;
  return vars;
}

// ---- Tie symbols ----------------------------------------------------------------------------------

/**
 * Dash pattern per kind (in px at zoom 1, or map units in an export); null is a solid line.
 * Influence and reports-to are solid, trust dashed, tension dotted.
 */
export const TIE_DASH: Readonly<Record<TieKind, readonly number[] | null>> = {
  influence: null,
  trust: [6, 4],
  'reports-to': null,
  tension: [2, 3],
};

/** Names of the colour choices for a map's own tie kinds, as the settings list them. */
export const TIE_CHOICE_LABELS: Record<TieColourChoice, string> = {
  violet: 'Violet',
  amber: 'Amber',
  rose: 'Rose',
  sky: 'Sky blue',
  lime: 'Lime',
  slate: 'Slate',
  orange: 'Orange',
  pink: 'Pink',
};

/** Dash per line style of a map's own tie kinds: the same patterns as trust (dashed) and tension (dotted). */
export const LINE_DASH: Readonly<Record<TieLineStyle, readonly number[] | null>> = { solid: null, dashed: [6, 4], dotted: [2, 3] };

/**
 * How a tie of any kind is drawn. `key` names its colour (`--tie-<key>`, `theme.tie[key]` for a
 * built-in kind, `c-<choice>` for a map's own kind) and its arrowhead marker; `cls` is the kind's
 * class (`tie--<cls>`: the built-in kind, or `custom`). An unknown kind is drawn slate and solid.
 */
export interface TieLook {
  cls: string;
  key: string;
  dash: readonly number[] | null;
  choice: TieColourChoice | null;
}

export function tieLook(settings: Pick<MapSettings, 'tieKinds'> | undefined, kind: TieKindId): TieLook {
  if (isBuiltInKind(kind)) return { cls: kind, key: kind, dash: TIE_DASH[kind], choice: null };
  const custom = customKind(settings, kind);
  const choice = custom?.colour ?? 'slate';
  return { cls: 'custom', key: `c-${choice}`, dash: LINE_DASH[custom?.line ?? 'solid'], choice };
}

/** The colour of a look in a theme (for the exports and the level-of-detail layer). */
export function lookColour(look: TieLook, theme: Theme): string {
  return look.choice ? theme.tieChoice[look.choice] : theme.tie[look.key as TieKind];
}

/** Every colour key a tie can have: the built-in kinds and the colour choices (one marker each). */
export const TIE_LOOK_KEYS: readonly string[] = [...Object.keys(light.tie), ...Object.keys(light.tieChoice).map((c) => `c-${c}`)];

const WIDTH_BY_STRENGTH: Record<number, number> = { 1: 1.5, 2: 2.5, 3: 4 };

/** Line width: by strength; a reporting line is always thin (it is structure, not a relationship). */
export function tieWidth(kind: TieKindId, strength: number): number {
  return kind === 'reports-to' ? 1.5 : (WIDTH_BY_STRENGTH[strength] ?? 2.5);
}

/**
 * The one arrowhead rule, for the canvas, the legend and every export: an arrowhead at the
 * receiving end of a one-way tie ("A influences B", "A trusts B", "A reports to B"); a mutual
 * tie has none (mutual influence or trust, and tension, which is always mutual).
 */
export function tieArrows(tie: Pick<Tie, 'kind' | 'mutual'>): { start: boolean; end: boolean } {
  const mutual = tie.kind === 'tension' || (tie.kind !== 'reports-to' && tie.mutual);
  return { start: false, end: !mutual };
}

/**
 * The arrowhead drawn at a line's end: a triangle in a 10 x 10 box whose point (refX, refY) sits
 * on the line's end, `size` units long whatever the line's width.
 */
export const ARROWHEAD = { path: 'M 0 0 L 10 5 L 0 10 z', viewBox: '0 0 10 10', refX: 9, refY: 5, size: 14 } as const;

// ---- Derived colours --------------------------------------------------------------------------------

/** The department's band colour (stable per department name), or the quiet fill when there is none. */
export function departmentColour(department: string, theme: Theme = light): string {
  if (!department.trim()) return theme.surface2;
  return hslToHex(departmentHue(department), theme.departmentBand[0] / 100, theme.departmentBand[1] / 100);
}

/** The department name's text colour on a card. */
export function departmentTextColour(department: string, theme: Theme = light): string {
  return hslToHex(departmentHue(department), theme.departmentText[0] / 100, theme.departmentText[1] / 100);
}

/** A card's border: its stance mixed with the border colour (as CSS `color-mix(in srgb, stance 55%, border)`). */
export function cardBorderColour(stance: Stance, theme: Theme): string {
  return mixColours(theme.stance[stance], theme.border, 0.55);
}

/** `weight` of `a` and the rest of `b`, mixed in sRGB (as CSS color-mix(in srgb, ...)). */
export function mixColours(a: string, b: string, weight: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return rgbToHex(x.map((v, i) => v * weight + y[i] * (1 - weight)) as [number, number, number]);
}

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255;
  };
  return rgbToHex([f(0), f(8), f(4)]);
}
