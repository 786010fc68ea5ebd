import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMapDocument, createStakeholder, createTie } from '../../src/domain/factories';
import { STANCES, type MapDocument } from '../../src/domain/types';
import { exportMapJson } from '../../src/io/map-file';
import { expect, test } from './fixtures';

/** One person per stance, and one tie of each kind in each direction the kind allows. */
function everyKindMap(): MapDocument {
  const doc = createMapDocument('Palette check', 1);
  const people = STANCES.map((stance, i) =>
    createStakeholder({ name: `Person ${stance}`, title: 'Lead', department: i % 2 ? 'Finance' : 'Sales', stance, influence: 3, seniority: i % 4, x: (i % 3) * 420, y: Math.floor(i / 3) * 300 }),
  );
  for (const p of people) doc.stakeholders[p.id] = p;
  const [a, b, c, d, e, f] = people;
  for (const t of [
    createTie(a.id, b.id, 'influence', { mutual: false, strength: 2 }),
    createTie(b.id, c.id, 'influence', { mutual: true, strength: 2 }),
    createTie(d.id, e.id, 'trust', { mutual: true, strength: 2 }),
    createTie(e.id, f.id, 'trust', { mutual: false, strength: 2 }),
    createTie(d.id, a.id, 'reports-to'),
    createTie(c.id, f.id, 'tension', { strength: 2 }),
  ]) {
    doc.ties[t.id] = t;
  }
  return doc;
}

/** People whose texts are longer than any card, at every level, one of them "Me". */
function crowdedMap(): MapDocument {
  const doc = createMapDocument('Crowded cards', 1);
  const long = [
    { name: 'Maximilian Alexander Fitzgerald-Montgomery', title: 'Senior Vice President of Global Strategic Partnerships', department: 'Office of the Chief Executive Officer' },
    { name: 'Ngozi Adeyemi', title: 'Head of Engineering', department: 'Research and Development Laboratories' },
    { name: 'Aisha Khan', title: 'Individual contributor with a long title', department: 'Executive Office' },
    { name: 'W', title: '', department: 'Customer Success and Support Operations' },
  ];
  const people = long.flatMap((p, i) => [0, 1, 2, 3].map((seniority) => createStakeholder({ ...p, seniority, influence: 1 + ((i + seniority) % 5), stance: STANCES[(i + seniority) % STANCES.length], x: seniority * 300, y: i * 140 })));
  for (const p of people) doc.stakeholders[p.id] = p;
  doc.map.meId = people[0].id;
  return doc;
}

async function openMap(page: Page, doc: MapDocument) {
  await page.getByLabel('Import file').setInputFiles({ name: 'map.json', mimeType: 'application/json', buffer: Buffer.from(exportMapJson(doc)) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(Object.keys(doc.stakeholders).length);
}

async function exportSvg(page: Page, background: 'White' | 'Dark'): Promise<string> {
  await page.getByRole('button', { name: /^Export/ }).first().click();
  await page.getByRole('menuitem', { name: 'SVG image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export SVG image' });
  await dialog.getByText(background, { exact: true }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export SVG' }).click();
  const file = await download;
  await expect(dialog).toBeHidden();
  return readFileSync((await file.path())!, 'utf8');
}

interface Look {
  /** rgb of the card border, by stance */
  border: Record<string, number[]>;
  /** rgb of the stance dot, by stance */
  dot: Record<string, number[]>;
  /** rgb of the card's fill, the seniority badge's fill and text, by stance (one person per stance) */
  fill: Record<string, number[]>;
  badge: Record<string, number[]>;
  badgeText: Record<string, number[]>;
  /** by "kind" or "kind mutual" */
  ties: Record<string, { stroke: number[]; width: number; dash: number[]; start: boolean; end: boolean; head: number[] | null }>;
  /** legend: tie kind -> has an arrowhead; stance -> rgb */
  legendArrows: Record<string, boolean>;
  legendDots: Record<string, number[]>;
}

/**
 * Reads the look of the map from the screen, or (when `svg` is given) from the exported SVG
 * placed in the page, as the browser computes it; colours as RGB via a canvas pixel, so
 * `#0d9488`, `rgb(13, 148, 136)` and `color(srgb ...)` compare equal.
 */
function readLook(page: Page, svg: string | null): Promise<Look> {
  return page.evaluate((svgText) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const rgb = (colour: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const dashOf = (value: string) => (value === 'none' || !value ? [] : value.split(/[\s,]+/).map((v) => Number.parseFloat(v)));
    const look: Look = { border: {}, dot: {}, fill: {}, badge: {}, badgeText: {}, ties: {}, legendArrows: {}, legendDots: {} };
    const markerFill = (root: ParentNode, url: string | null) => {
      const id = url?.match(/#([^)"']+)/)?.[1];
      const path = id ? root.querySelector(`[id="${id}"] path`) : null;
      return path ? rgb(getComputedStyle(path).fill) : null;
    };
    if (svgText === null) {
      for (const card of document.querySelectorAll<HTMLElement>('.person')) {
        const stance = [...card.classList].find((c) => /^person--(champion|supporter|neutral|sceptic|blocker|unknown)$/.test(c))!.slice(8);
        look.border[stance] = rgb(getComputedStyle(card).borderTopColor);
        look.dot[stance] = rgb(getComputedStyle(card.querySelector('.person__stance')!).backgroundColor);
        look.fill[stance] = rgb(getComputedStyle(card).backgroundColor);
        const level = getComputedStyle(card.querySelector('.person__level')!);
        look.badge[stance] = rgb(level.backgroundColor);
        look.badgeText[stance] = rgb(level.color);
      }
      for (const g of document.querySelectorAll<SVGGElement>('.react-flow__edge g.tie')) {
        const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
        const style = getComputedStyle(path);
        const key = `${g.dataset.kind}${g.classList.contains('tie--mutual') ? ' mutual' : ''}`;
        const start = path.getAttribute('marker-start');
        const end = path.getAttribute('marker-end');
        look.ties[key] = { stroke: rgb(style.stroke), width: Number.parseFloat(style.strokeWidth), dash: dashOf(style.strokeDasharray), start: !!start, end: !!end, head: markerFill(document, end ?? start) };
      }
      const legend = document.querySelector('[aria-label="Legend"]')!;
      for (const symbol of legend.querySelectorAll<SVGSVGElement>('svg.tie-symbol')) {
        const kind = [...symbol.classList].find((c) => c.startsWith('tie--'))!.slice(5);
        look.legendArrows[kind] = symbol.querySelectorAll('path').length > 0;
      }
      for (const dot of legend.querySelectorAll<HTMLElement>('.legend__dot')) {
        const stance = [...dot.classList].find((c) => c.startsWith('legend__dot--'))!.slice(13);
        look.legendDots[stance] = rgb(getComputedStyle(dot).backgroundColor);
      }
      return look;
    }
    const host = document.createElement('div');
    host.style.cssText = 'position:fixed;left:0;top:0;width:10px;height:10px;overflow:hidden';
    document.body.append(host);
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const root = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
    host.append(root);
    for (const card of root.querySelectorAll<SVGGElement>('g.card')) {
      const stance = [...card.classList].find((c) => c.startsWith('card--'))!.slice(6);
      const outline = [...card.querySelectorAll('rect')].find((r) => r.getAttribute('stroke'))!;
      look.border[stance] = rgb(getComputedStyle(outline).stroke);
      look.dot[stance] = rgb(getComputedStyle(card.querySelector('circle')!).fill);
      look.fill[stance] = rgb(getComputedStyle(card.querySelector('rect')!).fill);
      const level = card.querySelector<SVGTextElement>('.card__level')!;
      const levelBox = level.getBBox();
      const badge = [...card.querySelectorAll('rect')].find((r) => {
        const b = r.getBBox();
        return b.height < 20 && b.x <= levelBox.x && b.x + b.width >= levelBox.x + levelBox.width;
      })!;
      look.badge[stance] = rgb(getComputedStyle(badge).fill);
      look.badgeText[stance] = rgb(getComputedStyle(level).fill);
    }
    for (const line of root.querySelectorAll<SVGElement>('.tie')) {
      const kind = [...line.classList].find((c) => c.startsWith('tie--') && c !== 'tie--mutual')!.slice(5);
      const key = `${kind}${line.classList.contains('tie--mutual') ? ' mutual' : ''}`;
      const style = getComputedStyle(line);
      const start = line.getAttribute('marker-start');
      const end = line.getAttribute('marker-end');
      look.ties[key] = { stroke: rgb(style.stroke), width: Number.parseFloat(style.strokeWidth), dash: dashOf(style.strokeDasharray), start: !!start, end: !!end, head: markerFill(root, end ?? start) };
    }
    for (const line of root.querySelectorAll<SVGElement>('.legend__tie')) {
      const kind = [...line.classList].find((c) => c.startsWith('legend__tie--'))!.slice(13);
      look.legendArrows[kind] = !!(line.getAttribute('marker-end') || line.getAttribute('marker-start'));
    }
    const legendCircles = [...root.querySelectorAll<SVGCircleElement>('.legend circle')];
    const stances = ['champion', 'supporter', 'neutral', 'sceptic', 'blocker', 'unknown'];
    legendCircles.forEach((c, i) => (look.legendDots[stances[i]] = rgb(getComputedStyle(c).fill)));
    host.remove();
    return look;
  }, svg);
}

/** Equal within `tolerance` per channel (CSS color-mix and the export's mix round independently). */
function expectClose(actual: number[] | null, expected: number[] | null, what: string, tolerance = 2) {
  expect(actual, what).not.toBeNull();
  expect(expected, what).not.toBeNull();
  const off = Math.max(...actual!.map((v, i) => Math.abs(v - expected![i])));
  expect(off, `${what}: screen rgb(${expected!.join(', ')}), export rgb(${actual!.join(', ')})`).toBeLessThanOrEqual(tolerance);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the exported SVG (${theme}) has the screen's card, stance and seniority colours, tie strokes, dashes and arrowheads, and the legend's`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('influence-map:theme', t), theme);
    await page.goto('/');
    await openMap(page, everyKindMap());
    await expect(page.locator('.react-flow__edge')).toHaveCount(6);
    const screen = await readLook(page, null);
    const svg = await exportSvg(page, theme === 'dark' ? 'Dark' : 'White');
    const file = await readLook(page, svg);

    expect(Object.keys(screen.border).sort()).toEqual([...STANCES].sort());
    for (const stance of STANCES) {
      expectClose(file.border[stance], screen.border[stance], `${stance} card border`);
      expectClose(file.dot[stance], screen.dot[stance], `${stance} stance dot`, 0);
      expectClose(file.fill[stance], screen.fill[stance], `${stance} card fill`, 0);
      expectClose(file.badge[stance], screen.badge[stance], `${stance} card's seniority badge`, 0);
      expectClose(file.badgeText[stance], screen.badgeText[stance], `${stance} card's seniority text`, 0);
      expectClose(file.legendDots[stance], screen.dot[stance], `${stance} in the exported legend`, 0);
      expectClose(screen.legendDots[stance], screen.dot[stance], `${stance} in the on-screen legend`, 0);
    }
    expect(Object.keys(file.ties).sort()).toEqual(Object.keys(screen.ties).sort());
    expect(Object.keys(screen.ties)).toHaveLength(6);
    for (const [key, onScreen] of Object.entries(screen.ties)) {
      const exported = file.ties[key];
      expectClose(exported.stroke, onScreen.stroke, `${key} tie stroke`, 0);
      expect(exported.width, `${key} tie width`).toBe(onScreen.width);
      expect(exported.dash, `${key} tie dash`).toEqual(onScreen.dash);
      expect({ start: exported.start, end: exported.end }, `${key} arrowheads`).toEqual({ start: onScreen.start, end: onScreen.end });
      if (onScreen.head) expectClose(exported.head, onScreen.head, `${key} arrowhead colour`, 0);
    }
    // One rule: a one-way tie has one arrowhead, a mutual tie none.
    for (const [key, t] of Object.entries(screen.ties)) expect({ key, start: t.start, end: t.end }).toEqual({ key, start: false, end: !key.endsWith('mutual') && !key.startsWith('tension') });
    expect(file.legendArrows).toEqual(screen.legendArrows);
    expect(screen.legendArrows).toEqual({ influence: true, trust: false, 'reports-to': true, tension: false });
  });
}

test('exported cards: no text overlaps another or the stance dot, every text stays on its card, long texts end in an ellipsis', async ({ page }) => {
  await page.goto('/');
  const doc = crowdedMap();
  await openMap(page, doc);
  const svg = await exportSvg(page, 'White');
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  const cards = await page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('g.card')].map((card) => {
      const outline = [...card.querySelectorAll('rect')].find((r) => r.getAttribute('stroke'))!.getBBox();
      const box = (b: DOMRect) => ({ x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height });
      const texts = [...card.querySelectorAll<SVGTextElement>('text')].map((t) => ({ text: t.textContent ?? '', cls: t.getAttribute('class') ?? '', ...box(t.getBBox()) }));
      const dot = box(card.querySelector('circle')!.getBBox());
      const badges = [...card.querySelectorAll('rect')].filter((r) => !r.getAttribute('stroke') && r.getBBox().height < 20).map((r) => box(r.getBBox()));
      return { card: box(outline), texts, dot, badges };
    }),
  );
  expect(cards).toHaveLength(Object.keys(doc.stakeholders).length);
  const overlap = (a: { x: number; y: number; right: number; bottom: number }, b: typeof a) => Math.min(a.right, b.right) - Math.max(a.x, b.x) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y) > 0.5;
  let cut = 0;
  for (const { card, texts, dot, badges } of cards) {
    for (const t of texts) {
      expect(t.x, `"${t.text}" starts on its card`).toBeGreaterThanOrEqual(card.x);
      expect(t.right, `"${t.text}" ends on its card`).toBeLessThanOrEqual(card.right - 2);
      expect(t.y, `"${t.text}" below the card's top`).toBeGreaterThanOrEqual(card.y);
      expect(t.bottom, `"${t.text}" above the card's bottom`).toBeLessThanOrEqual(card.bottom);
      expect(overlap(t, dot), `"${t.text}" clear of the stance dot`).toBe(false);
      if (t.text.endsWith('…')) cut++;
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        // The "Me" tag's text sits on its own pill; every other pair must be apart.
        expect(overlap(texts[i], texts[j]), `"${texts[i].text}" and "${texts[j].text}" overlap`).toBe(false);
      }
    }
    const level = texts.find((t) => t.cls === 'card__level')!;
    expect(level, 'every card shows its seniority').toBeTruthy();
    const badge = badges.find((b) => overlap(b, level));
    expect(badge && level.right <= badge.right + 0.5 && level.x >= badge.x, `"${level.text}" inside its badge`).toBe(true);
    const department = texts.find((t) => t.cls === 'card__department');
    if (department) expect(overlap(department, badge!), `"${department.text}" clear of the badge`).toBe(false);
  }
  expect(cut, 'long names, titles and departments cut with an ellipsis').toBeGreaterThan(8);
});

test("exported cards are laid out like the screen's: name, title, seniority badge, department and stance dot in the same places", async ({ page }) => {
  await page.goto('/');
  const doc = crowdedMap();
  await openMap(page, doc);
  type Box = [number, number, number, number] | null;
  // Each card's parts in card units (px at zoom 1), keyed by the person's position on the map.
  const screen = await page.evaluate(() => {
    const { store } = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, { x: number; y: number }> } } } } }).__influenceMap;
    const people = store.getState().doc.stakeholders;
    const out: Record<string, Record<string, Box>> = {};
    for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const card = node.querySelector<HTMLElement>('.person')!;
      const frame = card.getBoundingClientRect();
      const zoom = frame.width / card.offsetWidth;
      /** `text`: the extent of the text itself (a block is wider than its text), up to where it is cut. */
      const part = (selector: string, text = false): Box => {
        const el = node.querySelector(selector);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        let right = r.right;
        if (text) {
          const range = document.createRange();
          range.selectNodeContents(el);
          right = Math.min(right, range.getBoundingClientRect().right);
        }
        return [(r.x - frame.x) / zoom, (r.y - frame.y) / zoom, (right - r.x) / zoom, r.height / zoom];
      };
      const p = people[node.dataset.id!];
      out[`${Math.round(p.x)},${Math.round(p.y)}`] = { name: part('.person__name-text', true), title: part('.person__title', true), level: part('.person__level'), department: part('.person__dept', true), dot: part('.person__stance') };
    }
    return out;
  });
  const svg = await exportSvg(page, 'White');
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  const file = await page.evaluate(() => {
    const out: Record<string, Record<string, Box>> = {};
    for (const g of document.querySelectorAll<SVGGElement>('g.card')) {
      const [, x, y] = g.getAttribute('transform')!.match(/translate\(([-\d.]+) ([-\d.]+)\)/)!.map(Number);
      const part = (selector: string): Box => {
        const el = g.querySelector<SVGGraphicsElement>(selector);
        if (!el) return null;
        const r = el.getBBox();
        return [r.x, r.y, r.width, r.height];
      };
      const level = part('.card__level');
      // The badge is the rect under the level's text (the screen measures the badge, padding included).
      const badge = [...g.querySelectorAll('rect')].map((r) => r.getBBox()).find((r) => level && r.height < 20 && r.x <= level[0] && r.x + r.width >= level[0] + level[2]);
      out[`${Math.round(x)},${Math.round(y)}`] = { name: part('.card__name'), title: part('.card__title'), level: badge ? [badge.x, badge.y, badge.width, badge.height] : null, department: part('.card__department'), dot: part('circle') };
    }
    return out;
  });
  expect(Object.keys(file).sort()).toEqual(Object.keys(screen).sort());
  const centreY = (b: NonNullable<Box>) => b[1] + b[3] / 2;
  for (const [at, parts] of Object.entries(screen)) {
    for (const [part, box] of Object.entries(parts)) {
      const exported = file[at][part];
      if (part === 'title' && !exported) continue; // an empty title keeps its (blank) line on screen
      expect(exported === null, `${part} of the card at ${at}: drawn in both or neither`).toBe(box === null);
      if (!box || !exported) continue;
      expect(Math.abs(exported[0] - box[0]), `${part} of the card at ${at}: left edge, screen ${box[0].toFixed(1)}, export ${exported[0].toFixed(1)}`).toBeLessThanOrEqual(part === 'level' || part === 'dot' ? 1 : 2);
      expect(Math.abs(centreY(exported) - centreY(box)), `${part} of the card at ${at}: vertical centre`).toBeLessThanOrEqual(1.5);
      // Text is cut where the screen cuts it, give or take a character.
      expect(exported[0] + exported[2], `${part} of the card at ${at}: right edge`).toBeLessThanOrEqual(box[0] + box[2] + 2);
      expect(exported[0] + exported[2], `${part} of the card at ${at}: right edge`).toBeGreaterThanOrEqual(box[0] + box[2] - 16);
    }
  }
});
