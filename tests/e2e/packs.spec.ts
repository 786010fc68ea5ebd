import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { expect, storeAndOpen, test, waitSaved } from './fixtures';

/**
 * A big map in the clear is also kept packed in one IndexedDB value (storage/packs.ts): in real
 * Chromium the pack is stored, the map reopens from it whole, an edit drops it and, once saves are
 * quiet, it is made again with the edit in it.
 */
type AppWindow = {
  __influenceMap: {
    store: { getState(): { doc: { map: { id: string }; stakeholders: Record<string, { name: string; title: string }> } | null; updateStakeholder(id: string, patch: { title: string }): void } };
    workspace: { repo: { db: { packs: { get(id: string): Promise<{ stamp: string } | undefined> } } } };
  };
};

const packStamp = (page: Page, id: string) => page.evaluate(async (i) => (await (window as unknown as AppWindow).__influenceMap.workspace.repo.db.packs.get(i))?.stamp ?? null, id);
const person = (page: Page, id: string) => page.evaluate((i) => (window as unknown as AppWindow).__influenceMap.store.getState().doc?.stakeholders[i] ?? null, id);
const peopleCount = (page: Page) => page.evaluate(() => Object.keys((window as unknown as AppWindow).__influenceMap.store.getState().doc?.stakeholders ?? {}).length);

test('a big map reopens from its pack; an edit drops the pack and, once saves are quiet, it is packed again with the edit', async ({ page }) => {
  test.setTimeout(120_000);
  const doc = generateOrganisation(1_000, 3);
  const size = Object.keys(doc.stakeholders).length;
  await storeAndOpen(page, doc);
  await expect.poll(() => peopleCount(page), { timeout: 60_000 }).toBe(size);
  const stamp = await packStamp(page, doc.map.id);
  expect(stamp).not.toBeNull();

  await page.reload();
  await expect.poll(() => peopleCount(page), { timeout: 60_000 }).toBe(size);
  const someone = Object.keys(doc.stakeholders)[9];
  expect(await person(page, someone)).toEqual(doc.stakeholders[someone]);
  expect(await packStamp(page, doc.map.id)).toBe(stamp);

  await page.evaluate((id) => (window as unknown as AppWindow).__influenceMap.store.getState().updateStakeholder(id, { title: 'Chief of Staff' }), someone);
  await waitSaved(page);
  // Dropped by the save itself, then made again about 10 s after the last save.
  await expect.poll(() => packStamp(page, doc.map.id)).not.toBe(stamp);
  await expect.poll(() => packStamp(page, doc.map.id), { timeout: 60_000 }).not.toBeNull();

  await page.reload();
  await expect.poll(() => peopleCount(page), { timeout: 60_000 }).toBe(size);
  expect((await person(page, someone))?.title).toBe('Chief of Staff');
});
