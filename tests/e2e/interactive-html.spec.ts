import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Each test exports, then opens the file in a second browser context: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

interface AppWindow {
  __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, { name: string; notes: string }> } | null } } };
}

async function openSample(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 60_000 });
}

/** Export -> Interactive HTML with the given options; the file as saved on disk. */
async function exportHtml(page: Page, path: string, options: { redacted?: boolean; passphrase?: string } = {}) {
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menuitem', { name: 'Interactive HTML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export interactive HTML' });
  if (options.redacted) await dialog.getByRole('checkbox', { name: /Redacted/ }).check();
  if (options.passphrase) {
    await dialog.getByRole('checkbox', { name: /Lock with a passphrase/ }).check();
    await dialog.getByLabel('Passphrase', { exact: true }).fill(options.passphrase);
    await dialog.getByLabel('Repeat the passphrase').fill(options.passphrase);
  }
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export HTML' }).click();
  await (await download).saveAs(path);
  await expect(page.getByRole('dialog', { name: 'Export interactive HTML' })).toHaveCount(0);
  return path;
}

/**
 * Opens a saved file from disk in a browser context of its own, recording every request the page
 * makes (and refusing any but the file itself) and every console error (a CSP violation is one).
 */
async function openFromDisk(browser: Browser, path: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const fileUrl = pathToFileURL(path).href;
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => {
    if (r.url() !== fileUrl) requests.push(r.url());
  });
  await context.route(/.*/, (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(fileUrl);
  return { page, requests, errors, close: () => context.close() };
}

test('Export -> Interactive HTML: the file opens from disk with no request, shows the people, finds one and shows the insights', async ({ page, browser }, info) => {
  await openSample(page);
  const names = await page.evaluate(() => Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc!.stakeholders).map((s) => s.name));
  const path = await exportHtml(page, info.outputPath('map.html'));
  const html = readFileSync(path, 'utf8');
  expect(html).toContain("default-src 'none'");
  expect(html).not.toMatch(/<script[^>]*\bsrc=|<link[^>]*\bhref="(?!data:)/);

  const viewer = await openFromDisk(browser, path);
  const v = viewer.page;
  await expect(v.getByRole('status', { name: 'View only' })).toBeVisible({ timeout: 60_000 });
  await expect(v.locator('.react-flow__node')).toHaveCount(names.length);
  await expect(v.locator('.react-flow__node', { hasText: 'Helena Brandt' })).toBeVisible();

  // Find
  await v.getByRole('button', { name: /^Find/ }).first().click();
  await v.getByRole('combobox', { name: 'Search people' }).fill('Marcus');
  await expect(v.getByRole('listbox', { name: 'People found' }).getByRole('option', { name: /Marcus Okafor/ })).toBeVisible();
  await v.keyboard.press('Enter');
  await expect(v.getByLabel('Name', { exact: true })).toHaveValue('Marcus Okafor');
  await expect(v.getByLabel('Name', { exact: true })).toBeDisabled();

  // Insights (computed in the page: no worker)
  await v.getByRole('tab', { name: /Insights/ }).click();
  await expect(v.getByRole('tabpanel')).toContainText(/broker|advis|leader/i);
  await expect(v.getByRole('tab', { name: /Insights/ }).getByLabel('updating')).toHaveCount(0);

  // Nothing can be changed: N and Delete do nothing. The card clicked is the one Find brought into
  // view: a card outside the view would make Playwright scroll React Flow's clipped box, which moves
  // the canvas under the pointer (the click then retries until the test times out).
  await v.locator('.react-flow__node', { hasText: 'Marcus Okafor' }).click();
  await v.keyboard.press('Delete');
  await v.keyboard.press('n');
  await expect(v.locator('.react-flow__node')).toHaveCount(names.length);

  expect(viewer.requests, 'requests made by the page').toEqual([]);
  expect(viewer.errors, 'console errors').toEqual([]);
  await viewer.close();
});

test('a locked interactive page asks for the passphrase, refuses a wrong one and opens with the right one', async ({ page, browser }, info) => {
  await openSample(page);
  const path = await exportHtml(page, info.outputPath('locked.html'), { passphrase: 'amber otter violin' });
  const html = readFileSync(path, 'utf8');
  expect(html).not.toContain('Helena Brandt');

  const viewer = await openFromDisk(browser, path);
  const v = viewer.page;
  await expect(v.getByRole('heading', { name: 'This map is locked' })).toBeVisible({ timeout: 60_000 });
  await v.getByLabel('Passphrase').fill('wrong words here');
  await v.getByRole('button', { name: 'Open' }).click();
  await expect(v.getByRole('alert')).toHaveText('That passphrase is not right.', { timeout: 30_000 });
  await v.getByLabel('Passphrase').fill('amber otter violin');
  await v.getByRole('button', { name: 'Open' }).click();
  await expect(v.locator('.react-flow__node', { hasText: 'Helena Brandt' })).toBeVisible({ timeout: 30_000 });
  expect(viewer.requests).toEqual([]);
  expect(viewer.errors).toEqual([]);
  await viewer.close();
});

test('a redacted interactive page contains no real name or note', async ({ page, browser }, info) => {
  await openSample(page);
  const people = await page.evaluate(() => Object.values((window as unknown as AppWindow).__influenceMap.store.getState().doc!.stakeholders));
  const path = await exportHtml(page, info.outputPath('redacted.html'), { redacted: true });
  expect(path).toMatch(/redacted\.html$/);
  const html = readFileSync(path, 'utf8');
  // The whole file holds no full name and no note; the map inside holds no part of any name
  // (the viewer's own code may well contain a word such as "Sam").
  const data = /<script type="application\/json" id="influence-map-data">([\s\S]*?)<\/script>/.exec(html)![1];
  expect(data.length).toBeGreaterThan(1000);
  for (const p of people) {
    expect(html).not.toContain(p.name);
    for (const part of p.name.split(/\s+/).filter((w) => w.length > 1)) expect(data, p.name).not.toMatch(new RegExp(`\\b${part.replace(/[^\p{L}]/gu, '.')}\\b`, 'u'));
    if (p.notes) expect(html).not.toContain(p.notes.slice(0, 30));
  }
  const viewer = await openFromDisk(browser, path);
  await expect(viewer.page.locator('.react-flow__node')).toHaveCount(people.length, { timeout: 60_000 });
  await expect(viewer.page.getByText('Redacted: initials instead of names')).toBeVisible();
  expect(viewer.requests).toEqual([]);
  expect(viewer.errors).toEqual([]);
  await viewer.close();
});
