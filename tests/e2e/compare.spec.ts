import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';
import type { Page } from '@playwright/test';

async function snapshot(page: Page, name: string) {
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByLabel('Snapshot name').fill(name);
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('list', { name: 'Snapshots' }).getByText(name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
}

test('compare a snapshot with now, and step through the history on the timeline', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Uma');
  await dropStakeholder(page, 650, 300);
  await page.getByLabel('Name', { exact: true }).fill('Val');
  await waitSaved(page);
  await snapshot(page, 'First');

  await nodeByName(page, 'Uma').click();
  await page.getByLabel('Stance', { exact: true }).selectOption('champion');
  await waitSaved(page);
  await snapshot(page, 'Second');

  await nodeByName(page, 'Val').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await waitSaved(page);

  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Compare First with now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare versions' });
  const changes = dialog.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  await expect(changes).toHaveText(['Val was removed.', 'Uma: Unknown → Champion.']);
  // The canvas draws the later map with the removed person as a ghost and the changed one marked.
  await expect(dialog.locator('.react-flow__node')).toHaveCount(2);
  await expect(dialog.locator('.react-flow__node.change--removed')).toContainText('Val');
  await expect(dialog.locator('.react-flow__node.change--changed')).toContainText('Uma');
  await expect(dialog.getByRole('list', { name: 'Legend' })).toContainText('Removed 1');
  await expect(dialog.getByText('1 person removed and 1 changed.', { exact: true })).toBeVisible();
  await expect(dialog.getByText('Analysing both versions…')).toBeHidden();
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });

  // The timeline steps one version at a time: First -> Second, then Second -> Now.
  const timeline = dialog.getByRole('slider', { name: 'Timeline' });
  await timeline.fill('1');
  await expect(dialog.getByText('Step 1 of 2')).toBeVisible();
  await expect(changes).toHaveText(['Uma: Unknown → Champion.']);
  await timeline.fill('2');
  await expect(changes).toHaveText(['Val was removed.']);

  // Comparing changes nothing: the map is as it was.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(nodeByName(page, 'Uma')).toBeVisible();
});
