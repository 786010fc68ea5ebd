import { connect, dropStakeholder, expect, newMap, nodeByName, storedPositions, test, waitSaved } from './fixtures';

test('build a small map with the mouse, reload, and find everything where it was', async ({ page }) => {
  await newMap(page);
  await expect(page.getByText('Start by adding people')).toBeVisible();

  await dropStakeholder(page, 300, 200);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('Priya');
  await page.getByLabel('Title', { exact: true }).fill('VP Sales');
  await page.getByLabel('Department').fill('Sales');
  await page.getByLabel('Stance', { exact: true }).selectOption('champion');

  await dropStakeholder(page, 650, 420);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.getByLabel('Name', { exact: true }).fill('Tom');

  // The card appears where it was dropped: its centre is under the drop point.
  const tomBox = (await nodeByName(page, 'Tom').boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  expect(Math.abs(tomBox.x + tomBox.width / 2 - (pane.x + 650))).toBeLessThan(3);
  expect(Math.abs(tomBox.y + tomBox.height / 2 - (pane.y + 420))).toBeLessThan(3);

  await connect(page, 'Priya', 'Tom');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByTestId('tie-sentence')).toHaveText('Priya influences Tom (moderate)');
  await page.getByLabel('Kind').selectOption('trust');
  await page.getByLabel('Strength').selectOption('3');
  await expect(page.getByTestId('tie-sentence')).toHaveText('Priya and Tom trust each other (strong)');

  await waitSaved(page);
  const before = await storedPositions(page);
  await page.reload();
  await expect(nodeByName(page, 'Priya')).toBeVisible();
  await expect(nodeByName(page, 'Tom')).toBeVisible();
  expect(await storedPositions(page)).toEqual(before);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge .tie--trust')).toHaveCount(1);
  await expect(nodeByName(page, 'Priya')).toContainText('VP Sales');
});

test('refuses self-ties and duplicates with a message', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Ana');
  await dropStakeholder(page, 700, 300);
  await page.getByLabel('Name', { exact: true }).fill('Ben');
  await connect(page, 'Ana', 'Ben');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await connect(page, 'Ana', 'Ben');
  await expect(page.getByRole('alert').filter({ hasText: 'already' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
});

test('undo and redo every change, from the keyboard and the toolbar', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  // Typed over the selected default name: the keystrokes are the only edits of this step (a
  // separate fill('') first was its own step whenever a loaded machine took over a second).
  await page.getByLabel('Name', { exact: true }).selectText();
  await page.getByLabel('Name', { exact: true }).pressSequentially('Cho', { delay: 60 });
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('n');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  // Move Cho by dragging: one undo step for the whole drag.
  const cho = nodeByName(page, 'Cho');
  const box = (await cho.boundingBox())!;
  const start = await storedPositions(page);
  await page.mouse.move(box.x + 40, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 40 + i * 10, box.y + 30 + i * 5);
  await page.mouse.up();
  const moved = await storedPositions(page);
  expect(moved.Cho.x - start.Cho.x).toBeGreaterThanOrEqual(90);

  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Control+z');
  expect((await storedPositions(page)).Cho).toEqual(start.Cho);
  await page.keyboard.press('Control+Shift+z');
  expect((await storedPositions(page)).Cho).toEqual(moved.Cho);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  // Typing "Cho" key by key was one step: one undo brings back the name before it, not "Ch".
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.person__name-text')).toHaveText(['Person 1']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});
