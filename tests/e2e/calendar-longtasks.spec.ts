import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { outlookStyleIcs } from '../../bench/lib/formats';
import { createMapDocument, createStakeholder } from '../../src/domain/factories';
import { exportMapJson } from '../../src/io/map-file';
import { expect, longTasksSince, recordLongTasks, test } from './fixtures';

/**
 * Not a check but a measurement, run on demand (it takes a minute or two):
 *   MEASURE_CALENDAR=20000 E2E_PORT=5000 npx playwright test tests/e2e/calendar-longtasks.spec.ts --reporter=line
 * Opens a map of 40 colleagues, chooses a 10-year Outlook calendar export of that many events
 * (bench/lib/formats.ts) and prints the time from the file chosen to the preview drawn, then to
 * the preview redrawn for the whole ten years, with the main-thread tasks over 50 ms (Long Tasks
 * API) of each step. MEASURE_PROFILE=<dir> also writes the page's CPU profile of each step.
 */
const EVENTS = Number(process.env.MEASURE_CALENDAR ?? 0);
test.skip(!EVENTS, 'set MEASURE_CALENDAR=<events> to measure');
test.describe.configure({ timeout: 600_000 });
// Playwright's trace snapshots and its expect() retries run on the page's main thread: both are
// kept out of the measured steps (waitForFunction reads the summary's text only).
test.use({ trace: 'off' });


async function openColleagues(page: Page) {
  const doc = createMapDocument('Work', 1);
  for (let i = 0; i < 40; i++) {
    const p = createStakeholder({ id: `c${i}`, name: `Colleague ${i}`, email: `colleague.${i}@example.com`, x: (i % 8) * 260, y: Math.floor(i / 8) * 150 });
    doc.stakeholders[p.id] = p;
  }
  await page.goto('/');
  await page.getByLabel('Import file').setInputFiles({ name: 'work.json', mimeType: 'application/json', buffer: Buffer.from(exportMapJson(doc)) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 60_000 });
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.locator('.react-flow__node')).toHaveCount(40, { timeout: 60_000 });
}

test('long tasks from a large calendar chosen to its preview', async ({ page }) => {
  await recordLongTasks(page);
  await openColleagues(page);
  // Chosen from the disk, as a user does: a buffer handed to setInputFiles is rebuilt on the page's
  // main thread by the test driver, a long task of its own.
  const ics = outlookStyleIcs(EVENTS, 10);
  const file = join(mkdtempSync(join(tmpdir(), 'calendar-')), 'outlook-10-years.ics');
  writeFileSync(file, ics);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  const step = async (name: string, action: () => Promise<void>) => {
    await page.waitForTimeout(1000);
    const since = await page.evaluate(() => performance.now());
    if (process.env.MEASURE_PROFILE) await cdp.send('Profiler.start');
    const started = Date.now();
    await action();
    const ms = Date.now() - started;
    if (process.env.MEASURE_PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`${process.env.MEASURE_PROFILE}/calendar-${name}.cpuprofile`, JSON.stringify(profile));
    }
    await page.waitForTimeout(500);
    const tasks = (await longTasksSince(page, since)).filter((t) => t.start >= since).map((t) => t.ms);
    tasks.sort((a, b) => b - a);
    return { step: name, ms, longTasks: tasks.length, over100: tasks.filter((t) => t > 100).length, longestMs: tasks[0] ?? 0, top: tasks.slice(0, 6) };
  };
  const summaryShows = (text: RegExp) =>
    page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="calendar-summary"]')?.textContent ?? ''), text.source, { timeout: 300_000, polling: 100 });
  // As a date picker sets the field: one input event, without Playwright's locator work (fill()
  // resolves the label on the page's main thread, inside the task measured).
  const setDate = (id: string, value: string) =>
    page.evaluate(([fieldId, date]) => {
      const input = document.getElementById(fieldId) as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, date);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, [id, value]);
  const summary = page.getByRole('dialog', { name: 'Import calendar' }).getByTestId('calendar-summary');
  const chosen = await step('preview', async () => {
    await page.getByLabel('Import file').setInputFiles(file);
    await summaryShows(/meetings? in the range/);
  });
  const before = await summary.textContent();
  // The range changed back and forth three times: on a loaded machine a task's wall time varies.
  const toggles = [];
  for (let round = 0; round < 3; round++) {
    toggles.push(
      await step(`ten-years-${round}`, async () => {
        await setDate('cal-from', '2016-01-01');
        await setDate('cal-to', '2025-12-31');
        await summaryShows(/^\d{1,3},\d{3} meetings in the range/);
      }),
    );
    await setDate('cal-from', '2025-06-01');
    await setDate('cal-to', '2025-06-30');
    await summaryShows(/^\d{1,3} meetings? in the range/);
  }
  console.log(JSON.stringify({ events: EVENTS, bytes: ics.length, summaryFirst: before, steps: [chosen, ...toggles] }));
  const shots = process.env.MEASURE_SHOTS;
  if (shots) {
    // The preview's "Show more" rows at 1024 x 700: light, dark, and 24 px text.
    await setDate('cal-from', '2025-01-01');
    await setDate('cal-to', '2025-12-31');
    await page.setViewportSize({ width: 1024, height: 700 });
    const more = page.getByRole('button', { name: /^Show \d+ more meetings$/ });
    const shoot = async (name: string) => {
      await more.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/calendar-more-${name}.png` });
    };
    await shoot('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 19 } });
    await shoot('large-text');
    await page.getByRole('button', { name: /^Show \d+ more people$/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/calendar-more-people-large-text.png` });
  }
});
