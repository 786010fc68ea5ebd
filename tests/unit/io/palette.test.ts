import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE } from '../../../src/canvas/lod/draw';
import { TIE_DIRECTION_RULES } from '../../../src/domain/defaults';
import { createMapDocument, createStakeholder, createTie } from '../../../src/domain/factories';
import { STANCES, TIE_KINDS, type MapDocument, type TieKind } from '../../../src/domain/types';
import { PALETTE, buildMapScene, type SceneItem } from '../../../src/io/svg-render';
import { sampleDoc } from './helpers';

// Loaded lazily so that, on a tree without the new modules, the tests above still run and fail on their own.
const palette = () => import('../../../src/io/palette');
const measure = () => import('../../../src/io/text-measure');

const STYLESHEETS = ['src/ui/styles.css', 'src/canvas/canvas.css'].map((path) => ({ path, css: readFileSync(path, 'utf8') }));

type Group = Extract<SceneItem, { t: 'group' }>;
type Line = Extract<SceneItem, { t: 'line' }>;
type Text = Extract<SceneItem, { t: 'text' }>;

function contentOf(doc: MapDocument, background?: 'dark') {
  const scene = buildMapScene(doc, { background });
  const content = scene.items.find((i): i is Group => i.t === 'group' && !!i.lines)!;
  const cards = content.items.filter((i): i is Group => i.t === 'group');
  const lines = content.items.filter((i): i is Line => i.t === 'line');
  const legend = scene.items.filter((i): i is Group => i.t === 'group' && !i.lines).at(-1)!;
  return { scene, cards, lines, legend };
}

/** A map with one person per stance and every kind of tie, both directions where allowed. */
function everyKind(): MapDocument {
  const doc = createMapDocument('Every kind', 1);
  const people = STANCES.map((stance, i) => createStakeholder({ name: `P${i}`, stance, x: i * 300, y: (i % 2) * 300 }));
  for (const p of people) doc.stakeholders[p.id] = p;
  const [a, b, c, d, e, f] = people;
  for (const t of [
    createTie(a.id, b.id, 'influence', { mutual: false }),
    createTie(b.id, c.id, 'influence', { mutual: true }),
    createTie(c.id, d.id, 'trust', { mutual: true }),
    createTie(d.id, e.id, 'trust', { mutual: false }),
    createTie(e.id, f.id, 'reports-to'),
    createTie(f.id, a.id, 'tension'),
  ]) {
    doc.ties[t.id] = t;
  }
  return doc;
}

describe('one palette', () => {
  it('the stylesheets keep no colour of their own for what the palette provides, and every variable they use is defined', async () => {
    const { cssVariables } = await palette();
    for (const mode of ['light', 'dark'] as const) {
      const vars = cssVariables(PALETTE[mode]);
      for (const name of ['--stance-supporter', '--stance-sceptic', '--tie-influence', '--tie-trust', '--surface', '--text', '--canvas', '--level-fill', '--level-senior-fill']) expect(vars[name], `${mode} ${name}`).toMatch(/^#[0-9a-f]{6}$/);
      for (const { path, css } of STYLESHEETS) {
        for (const name of Object.keys(vars)) expect(css, `${path} must not define ${name} (io/palette.ts does)`).not.toMatch(new RegExp(`${name}\\s*:`));
      }
    }
    const provided = new Set(Object.keys(cssVariables(PALETTE.light)));
    expect(new Set(Object.keys(cssVariables(PALETTE.dark)))).toEqual(provided);
    for (const { path, css } of STYLESHEETS) {
      const declared = new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
      for (const [, name] of css.matchAll(/var\((--[\w-]+)/g)) {
        // --dept-hue is set per card by StakeholderNode; --xy-* are React Flow's own.
        if (name === '--dept-hue' || name.startsWith('--xy-')) continue;
        expect(provided.has(name) || declared.has(name), `${path} uses ${name}, which nothing defines`).toBe(true);
      }
    }
  });

  it('Supporter is teal, Sceptic amber and influence indigo on screen, in the level-of-detail layer and in exports', () => {
    expect(PALETTE.light.stance.supporter).toBe('#0d9488');
    expect(PALETTE.light.stance.sceptic).toBe('#d97706');
    expect(PALETTE.light.tie.influence).toBe('#4338ca');
    expect(DEFAULT_PALETTE.stance).toEqual(PALETTE.light.stance);
    expect(DEFAULT_PALETTE.tie).toEqual(PALETTE.light.tie);
  });

  it('exported cards and ties take their colours from the palette, light and dark', async () => {
    const { cardBorderColour } = await palette();
    for (const mode of ['light', 'dark'] as const) {
      const theme = PALETTE[mode];
      const doc = everyKind();
      const { cards, lines, legend } = contentOf(doc, mode === 'dark' ? 'dark' : undefined);
      const people = Object.values(doc.stakeholders);
      cards.forEach((card, i) => {
        const stance = people[i].stance;
        const outline = card.items.find((it) => it.t === 'rect' && it.stroke) as Extract<SceneItem, { t: 'rect' }>;
        expect(outline.stroke, `${mode} ${stance} border`).toBe(cardBorderColour(stance, theme));
        const dot = card.items.find((it) => it.t === 'circle') as Extract<SceneItem, { t: 'circle' }>;
        expect(dot.fill, `${mode} ${stance} dot`).toBe(theme.stance[stance]);
      });
      const ties = Object.values(doc.ties);
      for (const line of lines) expect(Object.values(theme.tie)).toContain(line.stroke);
      expect(new Set(lines.map((l) => l.stroke))).toEqual(new Set(ties.map((t) => theme.tie[t.kind as TieKind])));
      const dots = legend.items.filter((it): it is Extract<SceneItem, { t: 'circle' }> => it.t === 'circle').map((c) => c.fill);
      expect(dots).toEqual(STANCES.map((s) => theme.stance[s]));
    }
  });

  it('mixes as CSS color-mix(in srgb) does', async () => {
    const { mixColours, departmentColour } = await palette();
    expect(mixColours('#000000', '#ffffff', 0.55)).toBe('#737373');
    expect(mixColours('#0d9488', '#0d9488', 0.3)).toBe('#0d9488');
    // hsl(hue 62% 52%) as the stylesheet draws the band; no department: the quiet fill.
    expect(departmentColour('Sales')).toMatch(/^#[0-9a-f]{6}$/);
    expect(departmentColour('  ')).toBe(PALETTE.light.surface2);
  });
});

describe('one tie-symbol rule', () => {
  it('a one-way tie has one arrowhead at its target; a mutual tie (and tension) none', async () => {
    const { tieArrows } = await palette();
    expect(tieArrows({ kind: 'influence', mutual: false })).toEqual({ start: false, end: true });
    expect(tieArrows({ kind: 'influence', mutual: true })).toEqual({ start: false, end: false });
    expect(tieArrows({ kind: 'trust', mutual: false })).toEqual({ start: false, end: true });
    expect(tieArrows({ kind: 'trust', mutual: true })).toEqual({ start: false, end: false });
    expect(tieArrows({ kind: 'reports-to', mutual: true })).toEqual({ start: false, end: true });
    expect(tieArrows({ kind: 'tension', mutual: false })).toEqual({ start: false, end: false });
  });

  it('the exported ties and the exported legend follow it', () => {
    const doc = everyKind();
    const { lines, legend } = contentOf(doc);
    const ties = Object.values(doc.ties).sort((a, b) => Number(b.kind === 'reports-to') - Number(a.kind === 'reports-to'));
    expect(lines).toHaveLength(ties.length);
    lines.forEach((line, i) => {
      const tie = ties[i];
      const oneWay = tie.kind === 'reports-to' || (tie.kind !== 'tension' && !tie.mutual);
      expect({ kind: tie.kind, mutual: tie.mutual, start: !!line.start, end: !!line.end }).toEqual({ kind: tie.kind, mutual: tie.mutual, start: false, end: oneWay });
    });
    const samples = legend.items.filter((it): it is Line => it.t === 'line');
    expect(samples.map((l) => !!l.end || !!l.start)).toEqual(TIE_KINDS.map((kind) => kind === 'reports-to' || !TIE_DIRECTION_RULES[kind].defaultMutual));
    expect(samples.map((l) => l.dash ?? null)).toEqual(TIE_KINDS.map((kind) => (kind === 'trust' ? [6, 4] : kind === 'tension' ? [2, 3] : null)));
  });
});

describe('exported cards', () => {
  it('no two texts on a card overlap, and each stays on its card (widths estimated as in Node)', async () => {
    const { estimateTextWidth } = await measure();
    const doc = sampleDoc();
    for (const s of Object.values(doc.stakeholders)) {
      s.department = `${s.department} Office of the Chief Executive Officer`;
      s.title = `${s.title} and Senior Vice President of Partnerships`;
    }
    const { cards } = contentOf(doc);
    expect(cards.length).toBe(5);
    for (const card of cards) {
      const width = Math.max(...card.items.map((it) => (it.t === 'rect' ? it.x + it.w : 0)));
      const boxes = card.items
        .filter((it): it is Text => it.t === 'text')
        .map((t) => {
          const size = t.size ?? 16;
          const w = estimateTextWidth(t.text, { size, weight: t.weight ?? ((t as { bold?: boolean }).bold ? 700 : 400) });
          const x = t.anchor === 'end' ? t.x - w : t.x;
          return { text: t.text, x, right: x + w, top: t.y - 0.75 * size, bottom: t.y + 0.2 * size };
        });
      for (const b of boxes) {
        expect(b.right, `"${b.text}" ends on its card`).toBeLessThanOrEqual(width);
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(card.h!);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const apart = a.right <= b.x || b.right <= a.x || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `"${a.text}" and "${b.text}" overlap`).toBe(true);
        }
      }
    }
  });
});

describe('text fitting', () => {
  it('keeps text that fits, cuts the rest with an ellipsis, and gives up cleanly', async () => {
    const { estimateTextWidth, fitText } = await measure();
    const style = { size: 12, weight: 400 };
    expect(fitText('  Head   of Sales ', 500, style, estimateTextWidth)).toBe('Head of Sales');
    const cut = fitText('Office of the Chief Executive Officer', 80, style, estimateTextWidth);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, style)).toBeLessThanOrEqual(80);
    expect('Office of the Chief Executive Officer'.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.length).toBeGreaterThan(8);
    expect(fitText('Anything', 1, style, estimateTextWidth)).toBe('');
    expect(estimateTextWidth('W', { size: 12, weight: 700 })).toBeGreaterThan(estimateTextWidth('W', style));
    expect(estimateTextWidth('李', style)).toBeGreaterThan(estimateTextWidth('l', style));
  });
});

describe('card meta row (badge and department share the row as the screen does)', () => {
  it('keeps both at their natural width while they fit', async () => {
    const { metaRow } = await import('../../../src/io/card-layout');
    expect(metaRow(60, 40, 120, 5, 31.5)).toEqual([60, 40]);
  });
  it('shrinks the department three times as fast as the badge text, never below 3em', async () => {
    const { metaRow } = await import('../../../src/io/card-layout');
    const [badge, dept] = metaRow(110, 80, 150, 5, 31.5);
    expect(badge + 5 + dept).toBeCloseTo(150, 6);
    expect(110 - badge).toBeLessThan(80 - dept);
    const [, squeezed] = metaRow(140, 80, 150, 5, 31.5);
    expect(squeezed).toBe(31.5);
  });
});
