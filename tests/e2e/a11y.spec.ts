import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * An axe scan of every view and dialog, at 1024x700 with the browser's default text size and with
 * "very large" text (24 px). Any violation fails, with its rule, impact and the elements it found.
 */

async function openSample(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(40);
}

/** Scans the page, or only the part that changed (`within`): a full scan of a 40-person map takes
 * tens of seconds on a shared machine, and the header and sidebar are scanned once per test. */
async function scan(page: Page, where: string, within?: string) {
  // Let transitions and the analysis settle, so colours are final.
  await page.waitForTimeout(300);
  const builder = new AxeBuilder({ page });
  if (within) builder.include(within);
  const { violations } = await builder.analyze();
  const found = violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, `axe violations in ${where}`).toEqual([]);
}

const views = ['Network', 'Power–interest grid', 'Me at the centre', 'Focus'];

for (const text of [
  { name: 'default text', px: 0 },
  { name: 'very large text', px: 24 },
]) {
  test.describe(`at 1024x700 with ${text.name}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 700 });
      if (text.px) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Page.enable');
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: text.px, fixed: Math.round(text.px * 0.8) } });
      }
    });

    test('the empty start screen', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Explore a sample organisation' })).toBeVisible();
      await scan(page, 'start screen');
    });

    test('every view, and each side panel tab', async ({ page }) => {
      test.setTimeout(240_000);
      await openSample(page);
      await scan(page, 'Network, whole page');
      for (const v of views.slice(1)) {
        await page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: v }).click();
        await scan(page, v, '.main');
      }
      await page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: 'Network' }).click();
      for (const tab of ['Insights', 'My network', 'Details']) {
        await page.getByRole('tab', { name: tab }).click();
        await scan(page, `${tab} tab`, '.side');
      }
      await page.locator('.react-flow__node').filter({ has: page.locator('.person__me') }).click();
      await scan(page, 'Details of a person', '.side');
      await page.getByRole('button', { name: 'Metrics' }).click();
      await scan(page, 'Metrics table', '.metrics');
    });

    test('every dialog', async ({ page }) => {
      test.setTimeout(240_000);
      await openSample(page);
      const dialogs: [string, () => Promise<void>][] = [
        ['Keyboard shortcuts', () => page.getByRole('button', { name: 'Keyboard shortcuts' }).click()],
        ['Version history', () => page.getByRole('button', { name: 'Version history' }).click()],
        ['Find a person', () => page.getByRole('button', { name: /^Find/ }).click()],
        [
          'Export',
          async () => {
            await page.getByRole('button', { name: 'Export' }).click();
            await page.getByRole('menuitem', { name: 'PNG image' }).click();
          },
        ],
        ['Share', () => page.getByRole('button', { name: 'Share', exact: true }).click()],
        [
          'Interactive HTML',
          async () => {
            await page.getByRole('button', { name: 'Export' }).click();
            await page.getByRole('menuitem', { name: /Interactive HTML/ }).click();
          },
        ],
        ...(['contacts-4.0.vcf', 'Connections.csv', 'google.ics'] as const).map((file): [string, () => Promise<void>] => [
          `Import ${file}`,
          () => page.getByLabel('Import file').setInputFiles({ name: file, mimeType: 'application/octet-stream', buffer: readFileSync(`tests/fixtures/personal/${file}`) }),
        ]),
        [
          'Log a catch-up',
          async () => {
            await page.locator('.react-flow__node[data-id="p-eng-product"]').click({ button: 'right' });
            await page.getByRole('menuitem', { name: 'Log a catch-up' }).click();
          },
        ],
      ];
      for (const [name, open] of dialogs) {
        await open();
        const dialog = page.getByRole('dialog').first();
        // Imports are read in a worker: on a busy machine the preview takes a moment.
        await expect(dialog).toBeVisible({ timeout: 60_000 });
        await scan(page, `${name} dialog`, '[role="dialog"]');
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
      }
    });
  });
}
