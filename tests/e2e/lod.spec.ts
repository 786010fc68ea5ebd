import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { expect, storeAndOpen, test } from './fixtures';
import { freeMarks } from './lod-marks';

/** Stores a generated organisation and opens it (fitted: zoomed out to show everyone). */
async function openOrganisation(page: Page, size: number) {
  const doc = generateOrganisation(size, 5);
  await storeAndOpen(page, doc);
  return doc;
}

type AppWindow = { __influenceMap: { store: { getState(): { selectedNodes: Set<string>; doc: { stakeholders: Record<string, { x: number; y: number; name: string }> } } } } };
const selected = (page: Page) => page.evaluate(() => [...(window as unknown as AppWindow).__influenceMap.store.getState().selectedNodes]);
const positionOf = (page: Page, id: string) => page.evaluate((i) => (window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders[i], id);
const zoomOf = (page: Page) => page.evaluate(() => Number(/scale\(([\d.e-]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)?.[1]));

/** A node whose centre is not covered by anything else. */
async function freeNode(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')];
    nodes.sort((a, b) => {
      const d = (e: Element) => {
        const r = e.getBoundingClientRect();
        return (r.x + r.width / 2 - pane.x - pane.width / 2) ** 2 + (r.y + r.height / 2 - pane.y - pane.height / 2) ** 2;
      };
      return d(a) - d(b);
    });
    for (const el of nodes) {
      const r = el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      if (document.elementFromPoint(x, y)?.closest('.react-flow__node') === el) return { id: el.getAttribute('data-id')!, x, y, width: r.width, height: r.height };
    }
    throw new Error('no free node');
  });
}

test('zoomed out, a large map is drawn as marks on one canvas; selection, box selection and drag still work', async ({ page }) => {
  const doc = await openOrganisation(page, 300);
  const layer = page.locator('canvas.lod-layer');
  await expect(layer).toHaveAttribute('data-lod-marks', '300');
  expect(await zoomOf(page)).toBeLessThan(0.45);
  // No cards, no SVG ties, no DOM node per person: one canvas, hit-tested (lod/useLodPointer.ts).
  await expect(page.locator('.person__name-text')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // The canvas really has marks on it.
  const painted = await layer.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(1000);

  // Click a mark: selected, and the Inspector shows the person.
  const [node] = await freeMarks(page, 1);
  await page.mouse.click(node.x, node.y);
  await expect.poll(() => selected(page)).toEqual([node.id]);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(doc.stakeholders[node.id].name);

  // Drag a mark: it moves by about the distance dragged, in map units.
  const zoom = await zoomOf(page);
  const before = await positionOf(page, node.id);
  await page.mouse.move(node.x, node.y);
  await page.mouse.down();
  await page.mouse.move(node.x + 30, node.y + 20, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await positionOf(page, node.id)).x).not.toBe(before.x);
  const after = await positionOf(page, node.id);
  expect(Math.abs(after.x - before.x - 30 / zoom)).toBeLessThan(8 / zoom);
  expect(Math.abs(after.y - before.y - 20 / zoom)).toBeLessThan(8 / zoom);

  // Shift-drag on the canvas: a box selection of several marks.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(pane.x + pane.width * 0.35, pane.y + pane.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width * 0.6, pane.y + pane.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await selected(page)).length).toBeGreaterThan(3);
});

test('zoomed in, names are legible on full cards; selection and drag work there too', async ({ page }) => {
  await openOrganisation(page, 300);
  await expect(page.locator('canvas.lod-layer')).toHaveAttribute('data-lod-marks', '300');
  const [target] = await freeMarks(page, 1);
  // Zoom in on that person with the wheel until cards are readable.
  await page.mouse.move(target.x, target.y);
  for (let i = 0; i < 30 && (await zoomOf(page)) < 0.9; i++) await page.mouse.wheel(0, -200);
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.45);
  await expect(page.locator('canvas.lod-layer')).toHaveClass(/lod-layer--off/);
  const names = page.locator('.person__name-text');
  await expect(names.first()).toBeVisible();
  // Legible: real text at a readable size on screen.
  const size = await names.first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(size * (await zoomOf(page))).toBeGreaterThanOrEqual(6);
  await expect(page.locator('.react-flow__edge').first()).toBeAttached();

  const card = await freeNode(page);
  await page.mouse.click(card.x, card.y);
  await expect.poll(() => selected(page)).toEqual([card.id]);
  const before = await positionOf(page, card.id);
  await page.mouse.move(card.x, card.y);
  await page.mouse.down();
  await page.mouse.move(card.x + 60, card.y + 30, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await positionOf(page, card.id)).x).not.toBe(before.x);
  // Zoom back out: marks again, the moved person with them.
  for (let i = 0; i < 30 && (await zoomOf(page)) >= 0.3; i++) await page.mouse.wheel(0, 200);
  await expect(page.locator('canvas.lod-layer')).not.toHaveClass(/lod-layer--off/);
  await expect(page.locator('.person__name-text')).toHaveCount(0);
});
