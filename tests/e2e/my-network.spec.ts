import type { Page } from '@playwright/test';
import { expect, test, waitSaved } from './fixtures';

type Person = { name: string; x: number; y: number; influence: number; interest: number; interactions: { date: string; kind: string; note: string }[] };

async function openSample(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(40);
}

function people(page: Page): Promise<Record<string, Person>> {
  return page.evaluate(() => {
    const app = (window as unknown as { __influenceMap?: { store: { getState(): { doc: { stakeholders: Record<string, Person> } | null } } } }).__influenceMap;
    return JSON.parse(JSON.stringify(app?.store.getState().doc?.stakeholders ?? {})) as Record<string, Person>;
  });
}

const card = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Jumps to a person through search (which also zooms in far enough to read the cards). */
async function find(page: Page, text: string) {
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Search people' });
  await input.fill(text);
  await expect(page.getByRole('listbox', { name: 'People found' }).getByRole('option').first()).toContainText(text);
  await input.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Find a person' })).toHaveCount(0);
}

test('log a catch-up from the card menu and from the Inspector; both survive a reload', async ({ page }) => {
  await openSample(page);
  await card(page, 'p-eng-product').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for Mei Chen' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Log a catch-up', 'Focus on this person', 'Collapse team (3 people)', 'What if Mei Chen leaves…', 'Mark as me', 'Delete']);
  await menu.getByRole('menuitem', { name: 'Log a catch-up' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a catch-up with Mei Chen' });
  await dialog.getByLabel('Kind').selectOption('coffee');
  await dialog.getByLabel('Note').fill('Reset after the on-call discussion');
  await dialog.getByRole('button', { name: 'Log catch-up' }).click();
  await expect(dialog).toHaveCount(0);

  await find(page, 'Sara Nilsson');
  await page.getByRole('tab', { name: 'Details' }).click();
  const relationship = page.getByRole('region', { name: 'Relationship' });
  await relationship.getByRole('button', { name: 'Log a catch-up' }).click();
  const second = page.getByRole('dialog', { name: 'Log a catch-up with Sara Nilsson' });
  await second.getByLabel('Kind').selectOption('meeting');
  await second.getByLabel('Note').fill('Architecture review');
  await second.getByRole('button', { name: 'Log catch-up' }).click();
  await expect(relationship.getByRole('list', { name: 'Interactions with Sara Nilsson' })).toContainText('Architecture review');
  await waitSaved(page);

  await page.reload();
  await expect.poll(async () => Object.keys(await people(page)).length).toBe(40);
  const after = await people(page);
  expect(after['p-eng-product'].interactions).toEqual([expect.objectContaining({ kind: 'coffee', note: 'Reset after the on-call discussion' })]);
  expect(after['p-eng-sara'].interactions).toEqual([expect.objectContaining({ kind: 'meeting', note: 'Architecture review' })]);
  // The catch-up also shows in My network: Mei Chen's repair has a last attempt now.
  await page.getByRole('tab', { name: 'My network' }).click();
  await expect(page.getByRole('region', { name: 'Relationships to repair' }).getByRole('listitem').first()).toContainText(/Last attempt \d{4}-\d{2}-\d{2}/);
});

test('the My network tab lists catch-ups, snoozes one and shows the network balance', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'My network' }).click();
  const due = page.getByRole('region', { name: 'Catch-ups due' });
  const first = due.getByRole('listitem').first();
  await expect(first).toContainText('not contacted yet');
  const name = (await first.locator('.person-link').textContent())!;
  await first.getByRole('button', { name: `Snooze ${name} for 7 days` }).click();
  await expect(due.locator('.person-link').filter({ hasText: new RegExp(`^${name}$`) })).toHaveCount(0);
  const balance = page.getByRole('region', { name: 'My network balance' });
  await expect(balance.getByRole('list', { name: 'Findings' })).toContainText('of your ties are with peers');
  await expect(balance.getByRole('figure', { name: 'By seniority' })).toBeVisible();
  const spots = page.getByRole('region', { name: 'Blind spots' });
  await spots.getByRole('button', { name: 'Show the path to Helena Brandt on the map' }).click();
  // The path lens is on for Helena (drawn as highlighted ties once zoomed in).
  const lens = () => page.evaluate(() => {
    const s = (window as unknown as { __influenceMap: { store: { getState(): { lens: string; pathTarget: string | null } } } }).__influenceMap.store.getState();
    return { lens: s.lens, pathTarget: s.pathTarget };
  });
  await expect.poll(lens).toEqual({ lens: 'path', pathTarget: 'p-ceo' });
  await find(page, 'Helena Brandt');
  await expect(page.locator('.react-flow__edge .tie--highlighted').first()).toBeAttached();
});

test('switching views and back keeps every network position', async ({ page }) => {
  await openSample(page);
  const before = await people(page);
  const views = page.getByRole('radiogroup', { name: 'View' });
  await views.getByRole('radio', { name: 'Power–interest grid' }).click();
  await expect(page.getByRole('application', { name: 'Power and interest grid' })).toBeVisible();
  await expect(page.locator('.grid-bg__label')).toHaveText(['Keep satisfied', 'Manage closely', 'Monitor', 'Keep informed']);
  await views.getByRole('radio', { name: 'Me at the centre' }).click();
  await expect(page.getByRole('application', { name: 'Me at the centre' })).toBeVisible();
  await expect(page.locator('.ego-bg__label').first()).toHaveText('1 step');
  await views.getByRole('radio', { name: 'Focus' }).click();
  await views.getByRole('radio', { name: 'Network' }).click();
  await expect(page.getByRole('application', { name: 'Map canvas' })).toBeVisible();
  const after = await people(page);
  for (const id of Object.keys(before)) expect({ id, x: after[id].x, y: after[id].y }).toEqual({ id, x: before[id].x, y: before[id].y });
});

test('dragging a person to another cell of the grid changes their scores in one undo step', async ({ page }) => {
  await openSample(page);
  const before = await people(page);
  expect(before['p-me']).toMatchObject({ influence: 2, interest: 5 });
  await page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: 'Power–interest grid' }).click();
  const frame = (await page.locator('.grid-bg__frame').boundingBox())!;
  const cellH = frame.height / 5;
  const node = (await card(page, 'p-me').boundingBox())!;
  const from = { x: node.x + node.width / 2, y: node.y + node.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y - 20, { steps: 4 });
  await page.mouse.move(from.x, from.y - 3 * cellH, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await people(page))['p-me'].influence).toBe(5);
  const after = (await people(page))['p-me'];
  expect(after).toMatchObject({ influence: 5, interest: 5, x: before['p-me'].x, y: before['p-me'].y });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await people(page))['p-me']).toMatchObject({ influence: 2, interest: 5 });
});

test('focus mode fades everyone outside the neighbourhood', async ({ page }) => {
  await openSample(page);
  await find(page, 'Jonas Weber');
  const views = page.getByRole('radiogroup', { name: 'View' });
  await views.getByRole('radio', { name: 'Focus' }).click();
  const focus = page.getByRole('group', { name: 'Focus' });
  await expect(focus.getByRole('combobox', { name: 'Focus on' })).toHaveValue('p-eng-platform');
  // Jonas and the people who report to him stay; his peer Mei Chen fades.
  await expect(card(page, 'p-eng-platform').locator('.person')).not.toHaveClass(/person--faded/);
  await expect(card(page, 'p-me').locator('.person')).not.toHaveClass(/person--faded/);
  await expect(card(page, 'p-eng-product').locator('.person')).toHaveClass(/person--faded/);
  // Two steps out reaches further: Tom Becker's other reports stay faded only at one step.
  await focus.getByRole('radio', { name: '2 steps' }).click();
  await expect(card(page, 'p-eng-product').locator('.person')).not.toHaveClass(/person--faded/);
  await views.getByRole('radio', { name: 'Network' }).click();
  await expect(page.locator('.react-flow__node .person--faded')).toHaveCount(0);
});

test('search jumps to a person; filters fade the others and clear', async ({ page }) => {
  await openSample(page);
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('f');
  await page.getByRole('combobox', { name: 'Search people' }).fill('fp&a');
  await expect(page.getByRole('listbox', { name: 'People found' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const victor = card(page, 'p-fpa');
  await expect(victor.locator('.person')).toHaveClass(/person--selected/);
  await expect(victor).toBeInViewport();

  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('dialog', { name: 'Filters' }).getByText('Finance', { exact: true }).click();
  await page.keyboard.press('Escape');
  const chips = page.getByRole('region', { name: 'Active filters' });
  await expect(chips).toContainText('Department: Finance');
  await expect(victor.locator('.person')).not.toHaveClass(/person--faded/);
  await expect(page.locator('.react-flow__node .person--faded').first()).toBeAttached();
  await chips.getByRole('button', { name: 'Clear filters' }).click();
  await expect(chips).toHaveCount(0);
  await expect(page.locator('.react-flow__node .person--faded')).toHaveCount(0);
});
