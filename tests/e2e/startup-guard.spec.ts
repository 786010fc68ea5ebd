import { dropStakeholder, expect, newMap, test, waitSaved } from './fixtures';

/** Issue 16 item 10: a map must never make the app unopenable. */
test('a map that never finished opening is not reopened at the next start', async ({ page }) => {
  await newMap(page);
  await page.getByLabel('Map name').fill('Big org');
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Dana');
  await waitSaved(page);

  // The page goes away before the map it was opening got painted (a map too big to draw froze
  // it for minutes, so the user closed the tab). Here: animation frames never come, as in a
  // frozen page, and the page is reloaded.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test:no-paint')) window.requestAnimationFrame = () => 0;
  });
  await page.evaluate(() => sessionStorage.setItem('test:no-paint', '1'));
  await page.reload();
  await expect(page.getByLabel('Map name')).toHaveValue('Big org');
  expect(await page.evaluate(() => localStorage.getItem('influence-map:opening'))).toContain('Big org');

  // The next start opens the list of maps instead, and says why.
  await page.evaluate(() => sessionStorage.removeItem('test:no-paint'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('“Big org” did not finish opening last time');
  await expect(page.getByRole('alert')).toContainText('started on your list of maps');
  await expect(page.locator('.react-flow__pane')).toHaveCount(0);
  const maps = page.getByRole('list', { name: 'Maps' });
  await expect(maps).toContainText('Big org');

  // Opening it from the list works, and once drawn it is reopened normally again.
  await maps.getByRole('button', { name: /^Big org 1 person/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('influence-map:opening'))).toBeNull();
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByText('did not finish opening')).toHaveCount(0);
});

test('a 1,000,000-row CSV is refused with the limit, and the app keeps working', async ({ page }) => {
  await newMap(page);
  const lines = ['name,title'];
  for (let i = 0; i < 1_000_000; i++) lines.push(`P${i},E`);
  await page.getByLabel('Import file').setInputFiles({ name: 'everyone.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('has 1,000,000 rows; Influence Map handles up to 50,000 people in one map today', { timeout: 30_000 });
  await dialog.getByRole('button', { name: /close|ok/i }).first().click();
  await dropStakeholder(page, 300, 200);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
});
