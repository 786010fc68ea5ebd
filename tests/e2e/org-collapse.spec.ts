import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { formatCount } from '../../src/domain/numbers';
import { orgTree, subtreeOf } from '../../src/domain/org-tree';
import type { MapDocument } from '../../src/domain/types';
import { expect, storeAndOpen, test } from './fixtures';

/** Someone whose name no other name contains, so Find's first hit is them. */
function uniquelyNamed(doc: MapDocument, ids: string[]): string {
  const names = Object.values(doc.stakeholders).map((s) => s.name.toLowerCase());
  const id = ids.find((i) => names.filter((n) => n.includes(doc.stakeholders[i].name.toLowerCase())).length === 1);
  if (!id) throw new Error('no uniquely named person');
  return id;
}

async function find(page: Page, name: string) {
  await page.getByRole('button', { name: /^Find/ }).click();
  await page.getByRole('combobox', { name: 'Search people' }).fill(name);
  await page.keyboard.press('Enter');
}

const lodMarks = (page: Page) => page.locator('canvas.lod-layer');

/** Fits the view, then zooms out until the level-of-detail layer draws (below zoom 0.45). */
async function zoomOut(page: Page) {
  await page.locator('.react-flow__controls-fitview').click();
  for (let i = 0; i < 12 && (await page.locator('canvas.lod-layer--off').count()) > 0; i++) {
    await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(150);
  }
}
const card = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test('a 300-person org chart: collapse a VP’s team, show 2 levels, find a hidden person, expand again', async ({ page }) => {
  const doc = generateOrganisation(300, 5);
  const tree = orgTree(doc);
  // g-1 … g-6 report to the chief executive g-0: the heads of department.
  const vp = uniquelyNamed(doc, ['g-1', 'g-2', 'g-3', 'g-4', 'g-5', 'g-6']);
  const team = subtreeOf(tree, vp);
  const deepest = [...tree.level].filter(([, level]) => level >= 4).map(([id]) => id);
  const hiddenPerson = uniquelyNamed(doc, deepest);

  await storeAndOpen(page, doc);
  // Zoomed out: everyone is a mark on the level-of-detail layer, and no DOM node per person.
  await expect(lodMarks(page)).toHaveAttribute('data-lod-marks', '300');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Collapse the VP's team from their card's menu.
  await find(page, doc.stakeholders[vp].name);
  await expect(card(page, vp).locator('.person__name-text')).toBeVisible();
  await card(page, vp).click({ button: 'right' });
  await page.getByRole('menuitem', { name: `Collapse team (${formatCount(team.length)} people)` }).click();
  const badge = card(page, vp).getByRole('button', { name: `Expand team (${formatCount(team.length)} people hidden)` });
  await expect(badge).toHaveText(`+${formatCount(team.length)}`);

  // Zoomed out again, the team is neither a card nor a mark.
  await zoomOut(page);
  await expect(lodMarks(page)).toHaveAttribute('data-lod-marks', String(300 - team.length));
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Show 2 levels: the chief executive and the heads of department.
  // The seven are far apart (departments side by side), so the view fitted to them is zoomed out:
  // seven marks, no cards.
  await page.getByRole('combobox', { name: 'Show levels' }).selectOption('2');
  await expect(lodMarks(page)).toHaveAttribute('data-lod-marks', '7');
  await expect(card(page, hiddenPerson)).toHaveCount(0);

  // The power/interest grid draws the same seven, each head of department with their "+N".
  const heads = [...tree.level].filter(([id, level]) => level === 2 && (tree.reports.get(id)?.length ?? 0) > 0).length;
  await page.getByRole('radio', { name: 'Power–interest grid' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.locator('.chip .person__team')).toHaveCount(heads);
  await page.getByRole('radio', { name: 'Network' }).click();

  // Find lands on someone four levels down: the teams above them open, and there they are.
  await find(page, doc.stakeholders[hiddenPerson].name);
  await expect(card(page, hiddenPerson).locator('.person__name-text')).toHaveText(doc.stakeholders[hiddenPerson].name);
  await expect(card(page, hiddenPerson)).toHaveClass(/selected/);
  await expect(page.getByRole('combobox', { name: 'Show levels' })).toHaveValue('custom');

  // Expand again: everyone is back, the map itself never changed.
  await page.getByRole('combobox', { name: 'Show levels' }).selectOption('all');
  await expect(page.locator('.person__team')).toHaveCount(0);
  await zoomOut(page);
  await expect(lodMarks(page)).toHaveAttribute('data-lod-marks', '300');
  const stored = await page.evaluate(() => {
    const app = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: object; ties: object }; collapsed: Set<string> } } } }).__influenceMap;
    const s = app.store.getState();
    return { people: Object.keys(s.doc.stakeholders).length, ties: Object.keys(s.doc.ties).length };
  });
  expect(stored).toEqual({ people: 300, ties: Object.keys(doc.ties).length });
});
