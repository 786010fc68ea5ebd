import { generateOrganisation } from '../../src/analysis/generate';
import { networkxStyleGexf } from '../../bench/lib/formats';
import { expect, test } from './fixtures';
import { importFigures, importFinished, watchImport } from '../../scripts/import-timing.mjs';

/**
 * Importing a 2,000-person GEXF as NetworkX writes it (positions, ~10,000 ties), end to end in
 * the page: file chosen -> confirm dialog (read in a worker), then Import -> the map open and
 * drawn. The user's time reading the dialog is left out. Timing test: run with PERF=1.
 *
 * Tracing is off here: Playwright's trace snapshots the DOM around every action (and records the
 * 1.5 MB file handed to the input), which on a 2-core machine more than doubled the time measured.
 */
test.use({ trace: 'off' });

test('importing a 2,000-person GEXF takes under 3 s from file chosen to map open', async ({ page }) => {
  test.skip(!process.env.PERF, 'timing test: run with PERF=1 on a quiet machine');
  test.setTimeout(120_000);
  const people = 2000;
  const gexf = networkxStyleGexf(generateOrganisation(people, 7));
  await page.goto('/');
  await expect(page.getByLabel('Import file')).toBeAttached();
  await page.evaluate(watchImport, people);
  await page.getByLabel('Import file').setInputFiles({ name: 'network.gexf', mimeType: 'application/octet-stream', buffer: Buffer.from(gexf) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await expect(dialog).toContainText('Import 2,000 people');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => page.evaluate(importFinished), { timeout: 60_000 }).toBe(true);
  const { readMs, openMs, storedMs } = importFigures(await page.evaluate(() => (window as unknown as { __importTimes: Record<string, number> }).__importTimes));
  const read = Math.round(readMs);
  const open = Math.round(openMs);
  console.log(`GEXF import, ${people} people: ${read + open} ms (read ${read} ms to the dialog; Import -> map open and drawn ${open} ms; stored ${Math.round(storedMs)} ms after Import)`);
  expect(read + open).toBeLessThan(3000);
});
