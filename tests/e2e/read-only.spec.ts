import { expect, nodeByName, test } from './fixtures';

interface AppWindow {
  __influenceMap: { store: { getState(): { setReadOnly(v: boolean): void; doc: { stakeholders: Record<string, { name: string; x: number; y: number }>; ties: Record<string, unknown> } | null; selectedNodes: Set<string> } } };
}

const counts = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as AppWindow).__influenceMap.store.getState().doc!;
    return { people: Object.keys(doc.stakeholders).length, ties: Object.keys(doc.ties).length };
  });

const positionOf = (page: import('@playwright/test').Page, name: string) =>
  page.evaluate((n) => {
    const doc = (window as unknown as AppWindow).__influenceMap.store.getState().doc!;
    const p = Object.values(doc.stakeholders).find((s) => s.name === n)!;
    return { x: p.x, y: p.y };
  }, name);

test('view only: no edit by mouse or keyboard gets through; pan, zoom, select, Find and Insights still work', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => (window as unknown as AppWindow).__influenceMap.store.getState().setReadOnly(true));
  const before = await counts(page);

  await expect(page.getByRole('banner').getByRole('status', { name: 'View only' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Stakeholder' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Arrange ▾' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Find and select a card (still works), then try to drag, delete, rename and add.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Helena Brandt');
  await page.keyboard.press('Enter');
  const helena = nodeByName(page, 'Helena Brandt');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Helena Brandt');
  await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();
  const start = await positionOf(page, 'Helena Brandt');
  const box = (await helena.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 150, { steps: 8 });
  await page.mouse.up();
  // The card is not draggable (dragging it pans the view at most); its place in the map is kept.
  await expect(helena).not.toHaveClass(/\bdraggable\b/);
  expect(await positionOf(page, 'Helena Brandt')).toEqual(start);
  for (const key of ['Delete', 'Backspace', 'n', 'F2', 'Control+d', 'Control+z']) await page.keyboard.press(key);
  await page.locator('.react-flow__pane').dblclick({ position: { x: 30, y: 30 } });
  expect(await counts(page)).toEqual(before);
  await expect(page.locator('.person__name-input, .name-editor input')).toHaveCount(0);

  // Zoom still works.
  await page.keyboard.press('Escape');
  const zoomOf = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const z0 = await zoomOf();
  await page.getByRole('button', { name: /zoom in/i }).click();
  await expect.poll(zoomOf).not.toBe(z0);

  // Insights still work.
  await page.getByRole('tab', { name: /Insights/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText(/broker|advis|leader/i);
});
