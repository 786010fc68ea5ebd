import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { expect, longTasksSince, recordLongTasks, storeAndOpen, test } from './fixtures';

/**
 * Not a check but a measurement, run on demand (issue 15: "the first drag after a 2,000-person
 * map opens: no task over 50 ms"):
 *   MEASURE_FIRST_DRAG=2000 E2E_PORT=5000 npx playwright test tests/e2e/first-drag-longtasks.spec.ts --reporter=line
 * Stores a generated organisation, reloads (a fresh page: nothing of the drag path has run yet),
 * waits until the map is drawn and the analysis has landed, then drags the person nearest the
 * middle for a second and prints the main-thread tasks over 50 ms (Long Tasks API) from the press
 * to 500 ms after the drop.
 */
const SIZE = Number(process.env.MEASURE_FIRST_DRAG ?? 0);
test.skip(!SIZE, 'set MEASURE_FIRST_DRAG=<people> to measure');
test.describe.configure({ timeout: 600_000 });

type AppWindow = { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, { x: number; y: number }> } | null; analysis: unknown } } } };
const people = (page: Page) => page.evaluate(() => Object.keys((window as unknown as AppWindow).__influenceMap?.store.getState().doc?.stakeholders ?? {}).length);

/** The middle of the card nearest the pane's centre (a DOM card, or a mark zoomed out). */
function personNearMiddle(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)!;
    const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let best = { x: cx, y: cy };
    let bestD = Infinity;
    for (const p of Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc!.stakeholders)) {
      const x = pane.left + tx + (p.x + 40) * zoom;
      const y = pane.top + ty + (p.y + 38) * zoom;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD && document.elementFromPoint(x, y)?.closest('.react-flow')) {
        bestD = d;
        best = { x, y };
      }
    }
    return best;
  });
}

test('long tasks of the first drag after a large map opens', async ({ page }) => {
  await recordLongTasks(page);
  await storeAndOpen(page, generateOrganisation(SIZE, 5));
  await expect.poll(() => people(page), { timeout: 300_000 }).toBe(SIZE);
  await expect(page.getByText('Saved', { exact: false }).first()).toBeVisible({ timeout: 300_000 });

  await page.reload();
  await expect.poll(() => people(page), { timeout: 300_000, intervals: [250] }).toBe(SIZE);
  await expect.poll(() => page.evaluate(() => !!(window as unknown as AppWindow).__influenceMap.store.getState().analysis), { timeout: 300_000, intervals: [250] }).toBe(true);
  await page.waitForTimeout(2000);
  const from = await personNearMiddle(page);
  const positions = () => page.evaluate(() => JSON.stringify(Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc!.stakeholders).map((p) => [p.x, p.y])));
  const before = await positions();
  const pressedAt = await page.evaluate(() => performance.now());
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < 1000) {
    i++;
    await page.mouse.move(from.x + 60 * Math.sin(i / 8) + i * 0.2, from.y + 36 * (1 - Math.cos(i / 8)));
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  const tasks = await longTasksSince(page, pressedAt);
  const ms = tasks.map((t) => t.ms).sort((a, b) => b - a);
  // The gesture moved someone (a press on empty canvas would pan: no drag measured).
  expect(await positions()).not.toBe(before);
  const zoomedOut = await page.locator('.canvas--lod').count();
  console.log(JSON.stringify({ people: SIZE, zoomedOut: zoomedOut > 0, moves: i, longTasks: ms.length, longestMs: ms[0] ?? 0, top: ms.slice(0, 8) }));
});
