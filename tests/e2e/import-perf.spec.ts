import { generateOrganisation } from '../../src/analysis/generate';
import { networkxStyleGexf } from '../../bench/lib/formats';
import { expect, test } from './fixtures';

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
  await page.evaluate((n) => {
    type T = { chosen?: number; shown?: number; click?: number; open?: number; drawn?: number; saved?: number; saving?: boolean };
    type State = { doc: { stakeholders: Record<string, unknown> } | null; save: { state: string } };
    const w = window as unknown as { __t: T; __influenceMap: { store: { subscribe(fn: (s: State) => void): () => void } } };
    const t: T = (w.__t = {});
    document.querySelector('input[aria-label="Import file"]')!.addEventListener('change', () => (t.chosen = performance.now()), { capture: true, once: true });
    // The confirm dialog's Import button appearing.
    const seen = new MutationObserver(() => {
      const button = [...document.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent === 'Import');
      if (!button || t.shown !== undefined) return;
      t.shown = performance.now();
      button.addEventListener('click', () => (t.click = performance.now()), { capture: true });
      seen.disconnect();
    });
    seen.observe(document.body, { childList: true, subtree: true });
    w.__influenceMap.store.subscribe((s) => {
      if (t.open === undefined && s.doc && Object.keys(s.doc.stakeholders).length === n) {
        t.open = performance.now();
        requestAnimationFrame(() => setTimeout(() => (t.drawn = performance.now())));
      }
      if (t.open !== undefined && s.save.state === 'saving') t.saving = true;
      if (t.saving && t.saved === undefined && s.save.state === 'saved') t.saved = performance.now();
    });
  }, people);
  await page.getByLabel('Import file').setInputFiles({ name: 'network.gexf', mimeType: 'application/octet-stream', buffer: Buffer.from(gexf) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await expect(dialog).toContainText('Import 2,000 people');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __t: { drawn?: number; saved?: number } }).__t), { timeout: 60_000 }).toMatchObject({ drawn: expect.any(Number), saved: expect.any(Number) });
  const t = await page.evaluate(() => (window as unknown as { __t: Record<string, number> }).__t);
  const read = Math.round(t.shown - t.chosen);
  const open = Math.round(t.drawn - t.click);
  console.log(`GEXF import, ${people} people: ${read + open} ms (read ${read} ms to the dialog; Import -> map open and drawn ${open} ms; stored ${Math.round(t.saved - t.click)} ms after Import)`);
  expect(read + open).toBeLessThan(3000);
});
