/**
 * The last edit survives the page going away at once: a keystroke, then a close, a reload or a
 * navigation 0, 50, 100 or 400 ms later, and the reopened map has the keystroke. The page has no
 * time to finish an IndexedDB save, so this is the close journal's work (state/journal.ts).
 */
import type { Page } from '@playwright/test';
import { dropStakeholder, expect, newMap, test, waitSaved } from './fixtures';

async function personWithNotes(page: Page): Promise<string> {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Durable Dana');
  await page.getByLabel('Notes').fill('saved part');
  await waitSaved(page);
  return page.url();
}

/** Types one character into Notes and returns at once, as a user's last keystroke. */
async function lastKeystroke(page: Page, ch: string) {
  await page.getByLabel('Notes').press('End');
  await page.keyboard.type(ch);
}

async function notesAfterReopen(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.locator('.react-flow__node').filter({ hasText: 'Durable Dana' }).click();
  return page.getByLabel('Notes').inputValue();
}

for (const delay of [0, 50, 100, 400]) {
  test(`a keystroke ${delay} ms before the tab is closed is kept`, async ({ page, context }) => {
    const url = await personWithNotes(page);
    await lastKeystroke(page, 'Z');
    if (delay) await page.waitForTimeout(delay);
    await page.close();
    const reopened = await context.newPage();
    expect(await notesAfterReopen(reopened, url)).toBe('saved partZ');
    await waitSaved(reopened);
    // Replayed and then saved: a second reopen reads it from IndexedDB, with no journal left.
    expect(await reopened.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('journal')))).toEqual([]);
  });
}

test('a keystroke just before a reload, and just before navigating away, is kept', async ({ page }) => {
  const url = await personWithNotes(page);
  await lastKeystroke(page, 'R');
  await page.reload();
  await page.locator('.react-flow__node').filter({ hasText: 'Durable Dana' }).click();
  expect(await page.getByLabel('Notes').inputValue()).toBe('saved partR');
  await lastKeystroke(page, 'N');
  await page.goto('about:blank');
  expect(await notesAfterReopen(page, url)).toBe('saved partRN');
});

test('a locked map: the last edit survives a close, and localStorage never holds it in the clear', async ({ page, context }) => {
  const url = await personWithNotes(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('button', { name: 'Lock with a passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock this map with a passphrase' });
  await dialog.getByLabel('New passphrase').fill('blue tiger orchard');
  await dialog.getByLabel('Repeat the passphrase').fill('blue tiger orchard');
  await dialog.getByLabel('I understand a forgotten passphrase cannot be recovered').check();
  await dialog.getByRole('button', { name: 'Lock map' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await page.locator('.react-flow__node').filter({ hasText: 'Durable Dana' }).click();
  await lastKeystroke(page, 'S');
  // The sealed journal follows the edit a few milliseconds behind (Web Crypto is asynchronous):
  // wait for it (not for the save, which would clear it), then read what is at rest.
  const atRest = await expect
    .poll(() => page.evaluate(() => JSON.stringify({ ...localStorage })), { intervals: [5], timeout: 5_000 })
    .toContain('journal')
    .then(() => page.evaluate(() => JSON.stringify({ ...localStorage })));
  expect(atRest).not.toContain('Durable Dana');
  expect(atRest).not.toContain('saved part');
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto(url);
  await reopened.getByLabel('Passphrase').fill('blue tiger orchard');
  await reopened.getByRole('button', { name: 'Unlock' }).click();
  await reopened.locator('.react-flow__node').filter({ hasText: 'Durable Dana' }).click({ timeout: 20_000 });
  expect(await reopened.getByLabel('Notes').inputValue()).toBe('saved partS');
});
