import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';
import type { Page } from '@playwright/test';

const HISTORY = 'Stance history: Unknown → Sceptic (12 Mar 2026) → Neutral (3 Jun 2026)';

async function expectGridArrow(page: Page) {
  await page.getByRole('radio', { name: 'Power–interest grid' }).click();
  const chip = page.locator('.react-flow__node').filter({ hasText: 'Rita Sol' });
  await expect(chip.getByRole('img', { name: 'Needs to be Supporter (now Neutral)' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Target stance legend' })).toContainText('1 person is not yet where you need them.');
}

test('stance history with dates, a target stance and its arrow on the grid survive a reload', async ({ page }) => {
  // Days pass between the two stance edits: the clock is set, timers keep running.
  await page.clock.setFixedTime(new Date('2026-03-12T10:00:00'));
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Rita Sol');
  await page.getByLabel('Stance', { exact: true }).selectOption('sceptic');
  await page.clock.setFixedTime(new Date('2026-06-03T10:00:00'));
  await page.getByLabel('Stance', { exact: true }).selectOption('neutral');
  await page.getByLabel('Target stance').selectOption('supporter');
  const details = page.getByRole('region', { name: 'Inspector' });
  await expect(details.getByText(HISTORY, { exact: true })).toBeVisible();
  await expect(details.getByText('Not yet where you need them: 1 step short of Supporter.')).toBeVisible();
  await waitSaved(page);

  await expectGridArrow(page);
  await page.getByRole('tab', { name: 'My network' }).click();
  const targets = page.getByRole('region', { name: 'Where you need them' });
  await expect(targets).toContainText('1 person is not yet where you need them.');
  await expect(targets.getByRole('listitem')).toHaveText(['Rita Sol Neutral → Supporter']);
  await page.getByRole('tab', { name: 'Details' }).click();
  if (process.env.SHOT_DIR) await shots(page, process.env.SHOT_DIR);

  await page.reload();
  await page.getByRole('radio', { name: 'Network' }).click();
  await nodeByName(page, 'Rita Sol').click();
  await expect(page.getByLabel('Target stance')).toHaveValue('supporter');
  await expect(page.getByLabel('Stance', { exact: true })).toHaveValue('neutral');
  await expect(details.getByText(HISTORY, { exact: true })).toBeVisible();
  await expectGridArrow(page);
});

/** Screenshots for the reviewer at 1024x700, light and dark (SHOT_DIR=... only). */
async function shots(page: Page, dir: string) {
  await page.setViewportSize({ width: 1024, height: 700 });
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => localStorage.setItem('influence-map:theme', t), theme);
    await page.reload();
    await page.getByRole('radio', { name: 'Power–interest grid' }).click();
    await page.locator('.react-flow__node').filter({ hasText: 'Rita Sol' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${dir}/stance-${theme}.png` });
    await page.getByRole('tab', { name: 'My network' }).click();
    await page.screenshot({ path: `${dir}/stance-network-${theme}.png` });
    await page.getByRole('tab', { name: 'Details' }).click();
  }
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.evaluate(() => localStorage.removeItem('influence-map:theme'));
}
