import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { expect, storeAndOpen, test } from './fixtures';
import { freeMarks } from './lod-marks';

type AppWindow = { __influenceMap: { store: { getState(): { selectedNodes: Set<string>; doc: { stakeholders: Record<string, unknown> } } } } };
const selected = (page: Page) => page.evaluate(() => [...(window as unknown as AppWindow).__influenceMap.store.getState().selectedNodes].sort());
const peopleCount = (page: Page) => page.evaluate(() => Object.keys((window as unknown as AppWindow).__influenceMap.store.getState().doc.stakeholders).length);
const transformOf = (page: Page) => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
const paintedPixels = (page: Page, selector: string) =>
  page.locator(selector).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });

async function openOrganisation(page: Page, size: number) {
  const doc = generateOrganisation(size, 5);
  await storeAndOpen(page, doc);
  await expect(page.locator('canvas.lod-layer')).toHaveAttribute('data-lod-marks', String(size));
  return doc;
}

/** Zoomed out there are no DOM nodes to find people by: marks from the store and the viewport. */
const freeNodes = freeMarks;

test('zoomed out on a large map: shift-click adds to the selection, double-click adds a person', async ({ page }) => {
  await openOrganisation(page, 300);
  const [a, b] = await freeNodes(page, 2);
  await page.mouse.click(a.x, a.y);
  await expect.poll(() => selected(page)).toEqual([a.id]);
  await page.keyboard.down('Shift');
  await page.mouse.click(b.x, b.y);
  await page.keyboard.up('Shift');
  await expect.poll(() => selected(page)).toEqual([a.id, b.id].sort());

  // Double-click on the empty canvas adds a person there.
  const empty = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = pane.top + 30; y < pane.bottom - 30; y += 9) for (let x = pane.left + 30; x < pane.right - 30; x += 9) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    throw new Error('no empty point');
  });
  await page.mouse.dblclick(empty.x, empty.y);
  await expect.poll(() => peopleCount(page)).toBe(301);
});

test('the minimap of a large map is one painted canvas; dragging in it pans the map', async ({ page }) => {
  await openOrganisation(page, 300);
  const minimap = page.getByRole('img', { name: 'Minimap' });
  await expect(minimap).toBeVisible();
  expect(await minimap.evaluate((e) => e.tagName)).toBe('CANVAS');
  await expect.poll(() => paintedPixels(page, '.lod-minimap canvas')).toBeGreaterThan(500);
  const box = (await minimap.boundingBox())!;
  const before = await transformOf(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => transformOf(page)).not.toBe(before);
});

test('while a mark is dragged the map keeps drawing it under the pointer, and everyone else', async ({ page }) => {
  await openOrganisation(page, 300);
  const [node] = await freeNodes(page, 1);
  const painted = await paintedPixels(page, 'canvas.lod-layer');
  await page.mouse.move(node.x, node.y);
  await page.mouse.down();
  await page.mouse.move(node.x + 60, node.y + 40, { steps: 8 });
  // Mid-drag: the mark is drawn at the pointer, and the rest of the map is still there.
  await expect
    .poll(() =>
      page.locator('canvas.lod-layer').evaluate((c: HTMLCanvasElement, p) => {
        const r = c.getBoundingClientRect();
        const px = c.getContext('2d')!.getImageData(Math.round(p.x - r.x), Math.round(p.y - r.y), 1, 1).data;
        return px[3];
      }, { x: node.x + 60, y: node.y + 40 }),
    )
    .toBeGreaterThan(0);
  expect(await paintedPixels(page, 'canvas.lod-layer')).toBeGreaterThan(painted * 0.8);
  const renders = Number(await page.locator('canvas.lod-layer').getAttribute('data-lod-renders'));
  await page.mouse.up();
  // Dropped: the whole map is drawn again (in the raster worker) with the person in the new place.
  await expect.poll(async () => Number(await page.locator('canvas.lod-layer').getAttribute('data-lod-renders'))).toBeGreaterThan(renders);
  await expect.poll(() => paintedPixels(page, 'canvas.lod-layer')).toBeGreaterThan(painted * 0.8);
});

test('zoomed out there are no cards to Tab to: the stand-in zooms in to the first person, whose card takes focus', async ({ page }) => {
  await openOrganisation(page, 300);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const entry = page.locator('[data-lod-entry]');
  await expect(entry).toHaveText(/^300 people, zoomed out/);
  await entry.focus();
  await page.keyboard.press('Enter');
  // The view is at a readable zoom, cards are back, and the keyboard is on a person's card.
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('react-flow__node') ?? false)).toBe(true);
  const first = await page.evaluate(() => document.activeElement!.getAttribute('data-id'));
  expect(Number(/scale\(([\d.e-]+)\)/.exec(await transformOf(page))?.[1])).toBeGreaterThanOrEqual(0.45);
  // Tab goes on to the next person in reading order.
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null)).not.toBe(first);
  expect(await page.evaluate(() => document.activeElement?.classList.contains('react-flow__node'))).toBe(true);
});
