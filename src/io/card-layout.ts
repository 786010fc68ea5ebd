/**
 * A person's card in an exported image, laid out as the canvas draws it (canvas/StakeholderNode
 * and the `.person` rules of the stylesheet): a department band down the left edge; the name
 * (with a "Me" tag), the title, then the seniority badge with the department beside it; the
 * stance as the border's tint, a wash from the left and a dot in the top right corner.
 *
 * The numbers below are the stylesheet's (in px at zoom 1). Texts are measured and cut with an
 * ellipsis where their room ends, so nothing on a card overlaps; the name stops short of the
 * stance dot.
 */
import { STANCE_LABELS } from '../domain/defaults';
import { initials, isSeniorLeader, levelName } from '../domain/describe';
import type { MapSettings, Stakeholder } from '../domain/types';
import { cardBorderColour, departmentColour, departmentTextColour, type Theme } from './palette';
import type { SceneItem } from './svg-render';
import { fitText, type MeasureText, type TextStyle } from './text-measure';

export const CARD = {
  radius: 10,
  border: 1.5,
  meBorder: 2.5,
  band: 6,
  padding: { top: 8, right: 10, bottom: 7, left: 9 },
  lineHeight: 1.4,
  rowGap: 1,
  metaGap: 3,
  name: { size: 13.5, weight: 650 },
  title: { size: 12, weight: 400 },
  meta: { size: 10.5, weight: 600 },
  me: { size: 10, weight: 700, padX: 5, gap: 5, radius: 4 },
  level: { padX: 5, radius: 4, maxShare: 0.6, gap: 5 },
  dot: { inset: 7, size: 8 },
  /** Room kept free right of the name for the stance dot. */
  nameClear: 9,
  /** The stance wash: this opacity at the left, none from this share of the width. */
  wash: { opacity: 0.09, until: 0.7 },
} as const;

/** Where a line of text in a line box `lineHeight` tall starting at `top` has its baseline. */
function baseline(top: number, style: TextStyle): number {
  const box = style.size * CARD.lineHeight;
  // Sans-serif ascent ~0.92 em and descent ~0.22 em, centred in the line box.
  return round(top + box / 2 + 0.35 * style.size);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface CardInput {
  person: Stakeholder;
  width: number;
  height: number;
  settings: MapSettings;
  isMe: boolean;
  redacted: boolean;
}

/** The card's drawing, in the card's own coordinates (0, 0 is its top left corner). */
export function cardItems({ person, width: w, height: h, settings, isMe, redacted }: CardInput, theme: Theme, measure: MeasureText, tint: number): SceneItem[] {
  const bw = isMe ? CARD.meBorder : CARD.border;
  const stance = theme.stance[person.stance];
  const { padding } = CARD;
  const left = bw + CARD.band + padding.left;
  const right = w - bw - padding.right;
  const room = right - left;
  const items: SceneItem[] = [
    { t: 'rect', x: bw / 2, y: bw / 2, w: w - bw, h: h - bw, rx: CARD.radius - bw / 2, fill: theme.surface },
    { t: 'tint', x: bw + CARD.band, y: bw, w: w - 2 * bw - CARD.band, h: h - 2 * bw, i: tint },
    { t: 'band', x: bw, y: bw, w: CARD.band, h: h - 2 * bw, r: CARD.band, fill: departmentColour(person.department, theme) },
    { t: 'rect', x: bw / 2, y: bw / 2, w: w - bw, h: h - bw, rx: CARD.radius - bw / 2, stroke: cardBorderColour(person.stance, theme), sw: bw },
  ];

  // Rows as the card's flex column stacks them, centred vertically.
  const lh = (s: TextStyle) => s.size * CARD.lineHeight;
  const content = lh(CARD.name) + CARD.rowGap + lh(CARD.title) + CARD.rowGap + CARD.metaGap + lh(CARD.meta);
  const inner = h - 2 * bw - padding.top - padding.bottom;
  const nameTop = bw + padding.top + (inner - content) / 2;
  const titleTop = nameTop + lh(CARD.name) + CARD.rowGap;
  const metaTop = titleTop + lh(CARD.title) + CARD.rowGap + CARD.metaGap;

  let nameLeft = left;
  if (isMe) {
    const tagW = measure('Me', CARD.me) + 2 * CARD.me.padX;
    const tagH = lh(CARD.me);
    const tagTop = round(nameTop + (lh(CARD.name) - tagH) / 2);
    items.push({ t: 'rect', x: left, y: tagTop, w: round(tagW), h: round(tagH), rx: CARD.me.radius, fill: theme.accent });
    items.push({ t: 'text', x: left + CARD.me.padX, y: baseline(tagTop, CARD.me), size: CARD.me.size, weight: CARD.me.weight, fill: theme.accentText, text: 'Me' });
    nameLeft = round(left + tagW + CARD.me.gap);
  }
  const name = redacted ? initials(person.name) : person.name.trim() || 'Unnamed person';
  const nameRoom = right - CARD.nameClear - nameLeft;
  items.push({ t: 'text', x: nameLeft, y: baseline(nameTop, CARD.name), size: CARD.name.size, weight: CARD.name.weight, fill: theme.text, text: fitText(name, nameRoom, CARD.name, measure), cls: 'card__name' });
  if (person.title.trim()) {
    items.push({ t: 'text', x: left, y: baseline(titleTop, CARD.title), size: CARD.title.size, fill: theme.mutedText, text: fitText(person.title, room, CARD.title, measure), cls: 'card__title' });
  }

  const senior = isSeniorLeader(person, settings);
  const colours = senior ? theme.seniorLevel : theme.level;
  const maxBadge = room * CARD.level.maxShare;
  const level = levelName(person, settings);
  const levelText = fitText(level, maxBadge - 2 * CARD.level.padX, CARD.meta, measure);
  // A cut level fills its badge's whole room, as the screen's ellipsis does.
  const badgeW = round(levelText === level.replace(/\s+/g, ' ').trim() ? Math.min(maxBadge, measure(levelText, CARD.meta) + 2 * CARD.level.padX) : maxBadge);
  items.push({ t: 'rect', x: left, y: round(metaTop), w: badgeW, h: round(lh(CARD.meta)), rx: CARD.level.radius, fill: colours.fill });
  items.push({ t: 'text', x: left + CARD.level.padX, y: baseline(metaTop, CARD.meta), size: CARD.meta.size, weight: CARD.meta.weight, fill: colours.text, text: levelText, cls: 'card__level' });
  if (person.department.trim()) {
    const deptLeft = round(left + badgeW + CARD.level.gap);
    const dept = fitText(person.department, right - deptLeft, CARD.meta, measure);
    if (dept) items.push({ t: 'text', x: deptLeft, y: baseline(metaTop, CARD.meta), size: CARD.meta.size, weight: CARD.meta.weight, fill: departmentTextColour(person.department, theme), text: dept, cls: 'card__department' });
  }

  const r = CARD.dot.size / 2;
  items.push({ t: 'circle', cx: w - bw - CARD.dot.inset - r, cy: bw + CARD.dot.inset + r, r, fill: stance, title: STANCE_LABELS[person.stance] });
  return items;
}
