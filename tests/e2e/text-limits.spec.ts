/**
 * Issue 16, item 5: 120,000 characters pasted into Notes showed "Saved" and were gone after a
 * reload. Now the field keeps 100,000 and says so, and the reload shows the same 100,000.
 */
import { dropStakeholder, expect, newMap, test, waitSaved } from './fixtures';

test('an over-long paste into Notes is cut at the limit with a message, and a reload shows exactly what was saved', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Long Notes');
  const notes = page.getByRole('textbox', { name: 'Notes' });
  await notes.fill('n'.repeat(120_000));
  await expect(page.getByTestId('limit-note')).toHaveText('Notes can be at most 100,000 characters; the rest was not kept.');
  expect((await notes.inputValue()).length).toBe(100_000);
  await waitSaved(page);
  await page.reload();
  await page.locator('.react-flow__node').filter({ hasText: 'Long Notes' }).click();
  expect((await page.getByRole('textbox', { name: 'Notes' }).inputValue()).length).toBe(100_000);
});

test('one over-long level name is cut on its own; the other levels survive a reload', async ({ page }) => {
  await newMap(page);
  const level = page.getByLabel('Level 2 name');
  await level.fill('l'.repeat(250));
  await expect(page.getByTestId('limit-note')).toHaveText('A level name can be at most 200 characters; the rest was not kept.');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel('Level 1 name')).toHaveValue('Executive');
  await expect(page.getByLabel('Level 2 name')).toHaveValue('l'.repeat(200));
  await expect(page.getByLabel('Level 3 name')).toHaveValue('Manager');
});
