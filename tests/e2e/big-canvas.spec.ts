import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { NODE_HEIGHT, nodeWidth } from '../../src/domain/defaults';
import { expect, storeAndOpen, test } from './fixtures';

/**
 * A whole company on the canvas: zoomed out there is no DOM node per person, and everything the
 * hand does to people still works through the marks (canvas/lod/useLodPointer.ts). Waits are on
 * the store's state, never on time: this must hold on a loaded 2-core machine.
 */
const SIZE = Number(process.env.BIG_CANVAS_SIZE ?? 20_000);

// Generous: on a loaded 2-core machine each step at 20,000 people can take many seconds.
test.describe.configure({ timeout: 900_000 });

type Person = { id: string; x: number; y: number; name: string; influence: number };
type AppWindow = {
  __influenceMap: {
    store: { getState(): { selectedNodes: Set<string>; renaming: string | null; doc: { stakeholders: Record<string, Person> } } };
  };
};
const selected = (page: Page) => page.evaluate(() => [...(window as unknown as AppWindow).__influenceMap.store.getState().selectedNodes].sort());
const positionOf = (page: Page, id: string) => page.evaluate((i) => {
  const p = (window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders[i];
  return { x: p.x, y: p.y };
}, id);
const peopleCount = (page: Page) => page.evaluate(() => Object.keys((window as unknown as AppWindow).__influenceMap.store.getState().doc?.stakeholders ?? {}).length);

/** React Flow's viewport (translate and scale) and where its pane is on the page. */
const view = (page: Page) =>
  page.evaluate(() => {
    const style = (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform;
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(style)!;
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    return { tx: Number(m[1]), ty: Number(m[2]), zoom: Number(m[3]), left: pane.left, top: pane.top, width: pane.width, height: pane.height };
  });

/**
 * People's cards on the page, in screen pixels, from the store and the viewport (there are no
 * DOM nodes to ask). Sizes as the canvas draws them: domain/defaults.
 */
async function screenCards(page: Page) {
  const v = await view(page);
  // As one JSON string: Playwright's serialiser takes seconds over 20,000 objects.
  const people = JSON.parse(
    await page.evaluate(() => JSON.stringify(Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders).map((p) => ({ id: p.id, x: p.x, y: p.y, name: p.name, influence: p.influence })))),
  ) as Pick<Person, 'id' | 'x' | 'y' | 'name' | 'influence'>[];
  return {
    v,
    cards: people.map((p) => ({
      id: p.id,
      name: p.name,
      left: v.left + v.tx + p.x * v.zoom,
      top: v.top + v.ty + p.y * v.zoom,
      right: v.left + v.tx + (p.x + nodeWidth(p.influence)) * v.zoom,
      bottom: v.top + v.ty + (p.y + NODE_HEIGHT) * v.zoom,
    })),
  };
}

/** A person near the middle of the pane whose card centre is theirs alone and not under any panel. */
async function freePerson(page: Page) {
  const { v, cards } = await screenCards(page);
  const cx = v.left + v.width / 2;
  const cy = v.top + v.height / 2;
  const byDistance = cards
    .map((c) => ({ ...c, x: (c.left + c.right) / 2, y: (c.top + c.bottom) / 2 }))
    .sort((a, b) => (a.x - cx) ** 2 + (a.y - cy) ** 2 - ((b.x - cx) ** 2 + (b.y - cy) ** 2));
  for (const c of byDistance.slice(0, 50)) {
    if (cards.some((o) => o.id !== c.id && c.x >= o.left && c.x <= o.right && c.y >= o.top && c.y <= o.bottom)) continue;
    const onCanvas = await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return !!el && (el.classList.contains('react-flow__pane') || el.classList.contains('lod-layer'));
    }, c);
    if (onCanvas) return c;
  }
  throw new Error('no free person near the middle');
}

async function openCompany(page: Page) {
  const doc = generateOrganisation(SIZE, 5);
  await storeAndOpen(page, doc);
  await expect.poll(() => peopleCount(page), { timeout: 120_000 }).toBe(SIZE);
  // Drawn on the canvas layer.
  await expect.poll(async () => Number(await page.locator('canvas.lod-layer').getAttribute('data-lod-marks')), { timeout: 120_000 }).toBeGreaterThan(100);
  return doc;
}

test(`a ${SIZE.toLocaleString('en')}-person map zoomed out: no DOM node per person; click, hover, drag, box selection, double-click and Find work on the marks`, async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCompany(page);
  expect((await view(page)).zoom).toBeLessThan(0.45);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Hover names the person; a click selects them and Details shows them.
  const person = await freePerson(page);
  await page.mouse.move(person.x, person.y);
  await expect(page.getByTestId('canvas')).toHaveAttribute('title', person.name);
  await page.mouse.click(person.x, person.y);
  await expect.poll(() => selected(page), { timeout: 30_000 }).toEqual([person.id]);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(person.name, { timeout: 30_000 });

  // A click on empty canvas clears the selection.
  const { v } = await screenCards(page);
  const empty = await emptyPoint(page);
  await page.mouse.click(empty.x, empty.y);
  await expect.poll(() => selected(page), { timeout: 30_000 }).toEqual([]);

  // Drag: the person moves by the distance dragged, in map units.
  const before = await positionOf(page, person.id);
  await page.mouse.move(person.x, person.y);
  await page.mouse.down();
  await page.mouse.move(person.x + 40, person.y + 25, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await positionOf(page, person.id)).x, { timeout: 60_000 }).not.toBe(before.x);
  const after = await positionOf(page, person.id);
  expect(Math.abs(after.x - before.x - 40 / v.zoom)).toBeLessThan(6 / v.zoom);
  expect(Math.abs(after.y - before.y - 25 / v.zoom)).toBeLessThan(6 / v.zoom);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Shift-drag from empty canvas: a box that selects the people inside it.
  const box = await boxFrom(page, empty, 160, 90);
  await page.keyboard.down('Shift');
  await page.mouse.move(box.startX, box.startY);
  await page.mouse.down();
  await page.mouse.move(box.endX, box.endY, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await selected(page)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const boxed = await selected(page);
  const { cards } = await screenCards(page);
  const inside = cards.filter((c) => c.left >= box.x0 + 1 && c.right <= box.x1 - 1 && c.top >= box.y0 + 1 && c.bottom <= box.y1 - 1).map((c) => c.id);
  const touching = new Set(cards.filter((c) => c.left <= box.x1 + 1 && c.right >= box.x0 - 1 && c.top <= box.y1 + 1 && c.bottom >= box.y0 - 1).map((c) => c.id));
  expect(inside.length).toBeGreaterThan(1);
  for (const id of inside) expect(boxed).toContain(id);
  for (const id of boxed) expect(touching.has(id)).toBe(true);

  // Dragging one of the selection moves all of them.
  const group = await freePersonAmong(page, new Set(boxed));
  const groupBefore = await Promise.all(boxed.map((id) => positionOf(page, id)));
  await page.mouse.move(group.x, group.y);
  await page.mouse.down();
  await page.mouse.move(group.x + 30, group.y - 20, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await positionOf(page, boxed[0])).x, { timeout: 60_000 }).not.toBe(groupBefore[0].x);
  const groupAfter = await Promise.all(boxed.map((id) => positionOf(page, id)));
  const dx = groupAfter.map((p, i) => Math.round(p.x - groupBefore[i].x));
  expect(new Set(dx).size).toBe(1);
  expect(await selected(page)).toEqual(boxed);

  // Shift-click adds a person to the selection; again takes them out.
  const other = await freePerson(page);
  await page.keyboard.down('Shift');
  await page.mouse.click(other.x, other.y);
  await page.keyboard.up('Shift');
  await expect.poll(() => selected(page), { timeout: 30_000 }).toEqual([...boxed, other.id].sort());

  // Right-click: the person's menu.
  await page.mouse.click(other.x, other.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for ${other.name}` });
  await expect(menu).toBeVisible({ timeout: 30_000 });
  await menu.getByRole('menuitem').first().focus();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0, { timeout: 30_000 });

  // Double-click: the person is named in place, on the one card mounted for it.
  await page.mouse.dblclick(other.x, other.y);
  await expect.poll(() => page.evaluate(() => (window as unknown as AppWindow).__influenceMap.store.getState().renaming), { timeout: 30_000 }).toBe(other.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  expect(await peopleCount(page)).toBe(SIZE);
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node')).toHaveCount(0, { timeout: 30_000 });

  // Find jumps to a person: selected, and the view zooms in to their card. (Generated names
  // repeat at this size: the first person found by that name.)
  const target = await page.evaluate((avoid) => {
    const p = Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders).find((q) => q.id !== avoid && q.name)!;
    return { id: p.id, name: p.name };
  }, other.id);
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search people' });
  await expect(search).toBeVisible({ timeout: 30_000 });
  await search.fill(target.name);
  await expect(page.getByRole('listbox', { name: 'People found' }).getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  await search.press('Enter');
  await expect.poll(async () => (await selected(page)).length, { timeout: 60_000 }).toBe(1);
  const [found] = await selected(page);
  expect(await page.evaluate((id) => (window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders[id].name, found)).toBe(target.name);
  await expect(page.locator(`.react-flow__node[data-id="${found}"]`)).toBeVisible({ timeout: 60_000 });
  // Zoomed in, React Flow holds only the people around the view (viewport-cull.ts): their ties
  // are still drawn, and cards keep coming as the view moves on.
  await expect(page.locator('.react-flow__edge').first()).toBeAttached({ timeout: 60_000 });
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.mouse.move(pane!.x + pane!.width - 40, pane!.y + pane!.height / 2);
  await page.mouse.down();
  await page.mouse.move(pane!.x + 40, pane!.y + pane!.height / 2, { steps: 12 });
  await page.mouse.up();
  // Everyone whose card is now wholly in view has one (a view's width on: past the old region).
  const inView = async () => {
    const { v, cards } = await screenCards(page);
    return cards.filter((c) => c.left >= v.left && c.right <= v.left + v.width && c.top >= v.top && c.bottom <= v.top + v.height).map((c) => c.id);
  };
  await expect.poll(async () => (await inView()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  for (const id of (await inView()).slice(0, 8)) await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeAttached({ timeout: 60_000 });
});

/** A point on the canvas with nobody under it, near the middle. */
async function emptyPoint(page: Page) {
  const { v, cards } = await screenCards(page);
  for (let r = 0; r < Math.min(v.width, v.height) / 2 - 20; r += 7) {
    for (let a = 0; a < 16; a++) {
      const x = v.left + v.width / 2 + r * Math.cos((a * Math.PI) / 8);
      const y = v.top + v.height / 2 + r * Math.sin((a * Math.PI) / 8);
      if (cards.some((c) => x >= c.left - 2 && x <= c.right + 2 && y >= c.top - 2 && y <= c.bottom + 2)) continue;
      const ok = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane') ?? false, { x, y });
      if (ok) return { x, y };
    }
  }
  throw new Error('no empty point');
}

/** A box from an empty point, towards the middle of the pane, that contains some people. */
async function boxFrom(page: Page, start: { x: number; y: number }, width: number, height: number) {
  const v = await view(page);
  const right = start.x < v.left + v.width / 2;
  const down = start.y < v.top + v.height / 2;
  const x1 = right ? start.x + width : start.x - width;
  const y1 = down ? start.y + height : start.y - height;
  return { x0: Math.min(start.x, x1), y0: Math.min(start.y, y1), x1: Math.max(start.x, x1), y1: Math.max(start.y, y1), startX: start.x, startY: start.y, endX: x1, endY: y1 };
}

/** One of these people whose card centre is theirs alone. */
async function freePersonAmong(page: Page, ids: Set<string>) {
  const { cards } = await screenCards(page);
  for (const c of cards) {
    if (!ids.has(c.id)) continue;
    const x = (c.left + c.right) / 2;
    const y = (c.top + c.bottom) / 2;
    if (cards.some((o) => o.id !== c.id && x >= o.left && x <= o.right && y >= o.top && y <= o.bottom)) continue;
    const ok = await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return !!el && (el.classList.contains('react-flow__pane') || el.classList.contains('lod-layer'));
    }, { x, y });
    if (ok) return { id: c.id, x, y };
  }
  throw new Error('no free person in the selection');
}
