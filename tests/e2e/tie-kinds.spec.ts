import { readFileSync } from 'node:fs';
import { connect, dropStakeholder, expect, newMap, test, waitSaved } from './fixtures';

type Doc = { map: { id: string; settings: { tieKinds?: { id: string; name: string; colour: string; meaning: string }[] } }; ties: Record<string, { kind: string }> };
const openDoc = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __influenceMap: { store: { getState(): { doc: unknown } } } }).__influenceMap.store.getState().doc as Doc);

test('add a tie kind of your own, draw it, reload, and export/import it as JSON', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 250, 200);
  await page.getByLabel('Name', { exact: true }).fill('Ana');
  // The second person from the keyboard (Enter on the palette item adds one near the middle).
  await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Stakeholder' }).press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.getByLabel('Name', { exact: true }).fill('Ben');
  await page.locator('.react-flow__pane').click({ position: { x: 450, y: 500 } });

  // Map settings: a "Mentor" kind, violet, that counts as influence.
  await page.getByRole('button', { name: 'Add tie kind' }).click();
  const kind = page.getByRole('group', { name: /^Tie kind / });
  await kind.getByLabel('Kind name').fill('Mentor');
  await kind.getByLabel('Colour').selectOption('violet');
  await kind.getByLabel('Counts as').selectOption('influence');
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('Mentor');

  // Draw a mentor tie and an influence tie between the same two people: two lines.
  await page.getByRole('region', { name: 'Palette' }).getByLabel('Mentor').check({ force: true });
  await connect(page, 'Ana', 'Ben');
  await expect(page.getByTestId('tie-sentence')).toHaveText('Mentor tie from Ana to Ben (moderate)');
  await page.getByRole('region', { name: 'Palette' }).getByLabel('Influence').check({ force: true });
  await connect(page, 'Ana', 'Ben');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge .tie--custom')).toHaveCount(1);

  await waitSaved(page);
  await page.reload();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge .tie--custom')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('Mentor');
  const first = await openDoc(page);
  expect(first.map.settings.tieKinds?.map((k) => [k.name, k.colour, k.meaning])).toEqual([['Mentor', 'violet', 'influence']]);

  await page.getByRole('button', { name: /^Export/ }).first().click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'JSON' }).click();
  const file = await download;
  const text = readFileSync((await file.path())!, 'utf8');
  await page.getByLabel('Import file').setInputFiles({ name: 'mentor.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(async () => (await openDoc(page)).map.id).not.toBe(first.map.id);
  const second = await openDoc(page);
  expect(second.map.settings.tieKinds).toEqual(first.map.settings.tieKinds);
  expect(Object.values(second.ties).map((t) => t.kind).sort()).toEqual(Object.values(first.ties).map((t) => t.kind).sort());
  await expect(page.locator('.react-flow__edge .tie--custom')).toHaveCount(1);
});
