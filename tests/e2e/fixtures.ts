import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every browser test fails on a console error, an uncaught exception, or any request that leaves
 * the app's own origin: the app must never talk to anyone else.
 */
export const test = base.extend<{ guard: { errors: string[]; foreign: string[] } }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const errors: string[] = [];
      const foreign: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.context().on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
      });
      await use({ errors, foreign });
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const nodeByName = (page: Page, name: string) => page.locator('.react-flow__node').filter({ has: page.locator('.person__name-text', { hasText: new RegExp(`^${name}$`) }) });

export async function newMap(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).first().click();
  await expect(page.locator('.react-flow__pane')).toBeVisible();
}

/** Drags the palette's Stakeholder onto the canvas at a point relative to the canvas. */
export async function dropStakeholder(page: Page, x: number, y: number) {
  const item = page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Stakeholder' });
  await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Draws a tie with the mouse, from a dot on one card to the middle of another. */
export async function connect(page: Page, from: string, to: string) {
  const source = nodeByName(page, from);
  await source.hover();
  const handle = source.locator('.person__handle[data-handlepos="right"]');
  const hb = (await handle.boundingBox())!;
  const tb = (await nodeByName(page, to).boundingBox())!;
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(hb.x + 40, hb.y + 20, { steps: 5 });
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 10 });
  await page.mouse.up();
}

export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
}

export async function storedPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const app = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, { name: string; x: number; y: number }> } } } } }).__influenceMap;
    const out: Record<string, { x: number; y: number }> = {};
    for (const s of Object.values(app.store.getState().doc.stakeholders)) out[s.name] = { x: s.x, y: s.y };
    return out;
  });
}

/** Opens the app and stores `doc` through the test handle, which opens it (fitted to the view). */
export async function storeAndOpen(page: Page, doc: unknown) {
  await page.goto('/');
  await page.waitForFunction(() => !!(window as unknown as { __influenceMap?: unknown }).__influenceMap);
  // The document crosses as one JSON string: Playwright's own argument serialiser walks every value
  // and took 43 s for a 20,000-person map on a loaded 2-core machine (JSON: well under a second).
  await page.evaluate(async (json) => {
    const app = (window as unknown as { __influenceMap: { workspace: { createMap(doc: unknown): Promise<unknown> } } }).__influenceMap;
    await app.workspace.createMap(JSON.parse(json));
  }, JSON.stringify(doc));
}

export interface LongTask {
  start: number;
  ms: number;
}
type LongTaskWindow = { __longTasks: LongTask[] };

/** Records every main-thread task over 50 ms (Long Tasks API) from the next page load on. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded so far that ended at or after `since` (the page's performance.now()). */
export function longTasksSince(page: Page, since = 0): Promise<LongTask[]> {
  return page.evaluate((from) => (window as unknown as LongTaskWindow).__longTasks.filter((t) => t.start + t.ms >= from), since);
}
