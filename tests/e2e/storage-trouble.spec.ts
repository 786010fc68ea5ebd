import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';

test('quota exceeded: the work stays on screen, the error says so, a copy can be downloaded, and a retry saves it', async ({ page, guard }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Quinn');
  await waitSaved(page);
  // From now on every write fails as a full disk would.
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.put;
    (window as unknown as { __restorePut: () => void }).__restorePut = () => {
      IDBObjectStore.prototype.put = original;
    };
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByLabel('Title', { exact: true }).fill('Head of Quality');
  const banner = page.getByRole('alert').filter({ hasText: 'no room left' });
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Not saved');
  await expect(nodeByName(page, 'Quinn')).toContainText('Head of Quality');
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download a copy (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);

  await page.evaluate(() => (window as unknown as { __restorePut: () => void }).__restorePut());
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await waitSaved(page);
  await page.reload();
  await expect(nodeByName(page, 'Quinn')).toContainText('Head of Quality');
  // The failed writes surface as console errors from Dexie; they are the point of this test.
  guard.errors.length = 0;
});

test('storage cleared by the browser: the open map is written again from the screen', async ({ page, context }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Rosa');
  await waitSaved(page);
  // Another page of the same origin deletes the database, as "Clear site data" would.
  const other = await context.newPage();
  await other.goto(new URL('/favicon.svg', page.url()).toString());
  await other.evaluate(() => new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase('influence-map');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  }));
  await other.close();
  await expect(page.getByRole('alert').filter({ hasText: 'cleared' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'saved again' })).toBeVisible();
  await page.reload();
  await expect(nodeByName(page, 'Rosa')).toBeVisible();
});

test('an upgrade in another tab: this tab says it must reload and offers a copy', async ({ page, context }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await waitSaved(page);
  const other = await context.newPage();
  await other.goto(new URL('/favicon.svg', page.url()).toString());
  await other.evaluate(() => new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('influence-map', 1000);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  }));
  const banner = page.getByRole('alert').filter({ hasText: 'updated in another tab' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Download a copy (JSON)' })).toBeVisible();
  await other.close();
});

test('storage unavailable: an unsaved map in memory, clearly marked, with a download', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'not letting the app store data' });
  await expect(banner).toBeVisible();
  await dropStakeholder(page, 300, 200);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download a copy (JSON)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
});
