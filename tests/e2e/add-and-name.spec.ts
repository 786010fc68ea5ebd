import type { Locator, Page } from '@playwright/test';
import { dropStakeholder, expect, newMap, nodeByName, test } from './fixtures';

/**
 * Adding and naming people, and reaching people and ties by keyboard (issue 10): what a new user
 * meets in the first five minutes.
 */

interface Person {
  name: string;
  x: number;
  y: number;
  department?: string;
}

type AppWindow = {
  __influenceMap: {
    store: {
      getState(): {
        doc: { stakeholders: Record<string, { id: string; name: string; x: number; y: number }>; ties: Record<string, { source: string; target: string; kind: string }> };
        snapToGrid: boolean;
        addStakeholderAt(p: { x: number; y: number }, fields: object): string;
        connect(a: string, b: string, kind?: string): boolean;
        clearSelection(): void;
      };
    };
  };
};

/** People put straight into the open map (setting up; the behaviour under test is not this). */
async function addPeople(page: Page, people: Person[]): Promise<Record<string, string>> {
  return page.evaluate((list) => {
    const state = () => (window as unknown as AppWindow).__influenceMap.store.getState();
    const ids: Record<string, string> = {};
    for (const p of list) ids[p.name] = state().addStakeholderAt({ x: p.x, y: p.y }, { name: p.name, department: p.department ?? '' });
    state().clearSelection();
    return ids;
  }, people);
}

async function docOf(page: Page) {
  return page.evaluate(() => {
    const state = (window as unknown as AppWindow).__influenceMap.store.getState();
    return { people: Object.values(state.doc.stakeholders), ties: Object.values(state.doc.ties), snap: state.snapToGrid };
  });
}

const names = async (page: Page) => (await docOf(page)).people.map((p) => p.name).sort();
const cardEditor = (page: Page) => page.getByRole('textbox', { name: 'Name on the card' });

async function inCanvas(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  if (!box) return false;
  return box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
}

test('N, then typing a name, names the new card; shortcut keys do nothing while typing; one undo per step', async ({ page }) => {
  await newMap(page);
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('n');
  await expect(cardEditor(page)).toBeFocused();
  // "n", "g", "f", "1" and "?" are shortcuts elsewhere: here they are letters of a name.
  await page.keyboard.type('Ngozi Adeyemi gf1?');
  await page.keyboard.press('Enter');
  await expect(nodeByName(page, 'Ngozi Adeyemi gf1\\?')).toBeVisible();
  expect(await names(page)).toEqual(['Ngozi Adeyemi gf1?']);
  const after = await docOf(page);
  expect(after.snap).toBe(false);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Focus is back on the card, so the keyboard carries on from there.
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute('aria-label', 'Ngozi Adeyemi gf1?');

  // Undo takes the naming back in one step, then the new person.
  await page.keyboard.press('Control+z');
  expect(await names(page)).toEqual(['Person 1']);
  await page.keyboard.press('Control+z');
  expect(await names(page)).toEqual([]);
});

test('Enter, F2 and double-click edit a card name in place; Escape cancels', async ({ page }) => {
  await newMap(page);
  await addPeople(page, [{ name: 'Tom Becker', x: 200, y: 150 }]);
  const tom = nodeByName(page, 'Tom Becker');

  await tom.dblclick();
  await expect(cardEditor(page)).toBeFocused();
  await expect(cardEditor(page)).toHaveValue('Tom Becker');
  await page.keyboard.type('Someone else');
  await page.keyboard.press('Escape');
  await expect(cardEditor(page)).toHaveCount(0);
  expect(await names(page)).toEqual(['Tom Becker']);

  // Focused card: Enter edits the name.
  await expect(page.locator('.react-flow__node:focus')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Tomas Becker');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['Tomas Becker']);

  // Selected card, focus elsewhere: F2 edits the name.
  await page.getByRole('button', { name: 'Undo' }).first().focus();
  await page.keyboard.press('F2');
  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Tom B.');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['Tom B.']);
});

test('a double-click on the canvas or a palette drop puts the cursor in the new name', async ({ page }) => {
  await newMap(page);
  await page.locator('.react-flow__pane').dblclick({ position: { x: 300, y: 200 } });
  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Priya Shah');
  await page.keyboard.press('Enter');
  await dropStakeholder(page, 650, 400);
  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Aisha Khan');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['Aisha Khan', 'Priya Shah']);
});

test('repeated N places new people in free space near the middle of the view, never on another card', async ({ page }) => {
  await newMap(page);
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  // Someone already sits in the middle of the view.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.locator('.react-flow__pane').dblclick({ position: { x: canvas.width / 2, y: canvas.height / 2 } });
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5; i++) {
    await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
  }
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  expect(boxes).toHaveLength(6);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `cards ${i} and ${j} overlap`).toBe(false);
    }
  }
  for (const b of boxes) expect(b.left >= canvas.x && b.right <= canvas.x + canvas.width && b.top >= canvas.y && b.bottom <= canvas.y + canvas.height).toBe(true);
});

test('letting go of a tie on empty canvas makes a new person there, tied, with the name ready to type', async ({ page }) => {
  await newMap(page);
  await addPeople(page, [{ name: 'Priya Shah', x: 150, y: 150 }]);
  // Trust ties are drawn dashed in their own colour: the line that follows the pointer looks the same.
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('2');
  const priya = nodeByName(page, 'Priya Shah');
  await priya.hover();
  const handle = (await priya.locator('.person__handle[data-handlepos="right"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 150, handle.y + 60, { steps: 5 });
  await page.mouse.move(handle.x + 300, handle.y + 120, { steps: 5 });
  const line = page.locator('.react-flow__connectionline .tie--trust .react-flow__edge-path');
  await expect(line).toHaveCount(1);
  const look = await line.evaluate((el) => ({ dash: getComputedStyle(el).strokeDasharray, stroke: getComputedStyle(el).stroke }));
  const trustColour = await page.evaluate(() => {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    probe.style.stroke = 'var(--tie-trust)';
    document.querySelector('.react-flow')!.appendChild(probe);
    const colour = getComputedStyle(probe).stroke;
    probe.remove();
    return colour;
  });
  expect(look.dash).not.toBe('none');
  expect(look.stroke).toBe(trustColour);
  await page.mouse.up();

  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Sam Okoro');
  await page.keyboard.press('Enter');
  const doc = await docOf(page);
  const byName = Object.fromEntries(doc.people.map((p) => [p.name, p.id]));
  expect(Object.keys(byName).sort()).toEqual(['Priya Shah', 'Sam Okoro']);
  expect(doc.ties).toEqual([expect.objectContaining({ source: byName['Priya Shah'], target: byName['Sam Okoro'], kind: 'trust' })]);
  // The new card sits where the tie was let go.
  const sam = (await nodeByName(page, 'Sam Okoro').boundingBox())!;
  expect(Math.abs(sam.x + sam.width / 2 - (handle.x + 300))).toBeLessThan(4);
  // Adding the person and the tie is one undo step.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  expect((await docOf(page)).ties).toEqual([]);
  expect(await names(page)).toEqual(['Priya Shah']);
});

test('Ctrl+D names the copy "Tom Becker (copy)", then "(copy 2)"', async ({ page }) => {
  await newMap(page);
  await addPeople(page, [{ name: 'Tom Becker', x: 200, y: 150 }]);
  await nodeByName(page, 'Tom Becker').click();
  await page.keyboard.press('Control+d');
  await nodeByName(page, 'Tom Becker').click();
  await page.keyboard.press('Control+d');
  expect(await names(page)).toEqual(['Tom Becker', 'Tom Becker (copy 2)', 'Tom Becker (copy)']);
});

test('ties read as their sentence; Tab visits people in reading order, off-screen ones too, then ties', async ({ page }) => {
  await newMap(page);
  // Tom is first in the DOM, Priya first in reading order.
  const ids = await addPeople(page, [
    { name: 'Tom Becker', x: 400, y: 110 },
    { name: 'Priya Shah', x: 100, y: 100 },
    { name: 'Far Away', x: 6000, y: 3000 },
  ]);
  await page.evaluate((p) => {
    const state = (window as unknown as AppWindow).__influenceMap.store.getState();
    state.connect(p['Priya Shah'], p['Tom Becker'], 'influence');
    state.clearSelection();
  }, ids);
  const tie = page.locator('.react-flow__edge');
  await expect(tie).toHaveAttribute('aria-label', 'Priya Shah influences Tom Becker (moderate)');
  await expect(page.getByRole('group', { name: 'Priya Shah influences Tom Becker (moderate)' })).toHaveCount(1);
  // Off screen (small maps mount every card; it is just outside the canvas).
  expect(await inCanvas(page, nodeByName(page, 'Far Away'))).toBe(false);

  await nodeByName(page, 'Priya Shah').click();
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('aria-label', 'Priya Shah');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Tom Becker');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Far Away');
  expect(await inCanvas(page, nodeByName(page, 'Far Away'))).toBe(true);
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Priya Shah influences Tom Becker (moderate)');
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Far Away');

  // Tab into the canvas from the view bar lands on the first person in reading order, whichever
  // card the DOM has first.
  await page.getByRole('toolbar', { name: 'View options' }).getByRole('button', { name: /^Find/ }).focus();
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Priya Shah');

  // Coming back from the zoom controls with Shift+Tab lands on the last tie, not on a card.
  await page.getByRole('button', { name: /zoom in/i }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveAttribute('aria-label', 'Priya Shah influences Tom Becker (moderate)');
});

test('Add tie keeps the keyboard with the person; Find then Enter focuses the card found', async ({ page }) => {
  await newMap(page);
  await addPeople(page, [
    { name: 'Priya Shah', x: 100, y: 100 },
    { name: 'Tom Becker', x: 400, y: 110 },
    { name: 'Far Away', x: 5000, y: 2500 },
  ]);
  await nodeByName(page, 'Priya Shah').click();
  await page.getByLabel('Tie to').selectOption({ label: 'Tom Becker' });
  await page.getByRole('button', { name: 'Add tie' }).click();
  await expect(page.getByLabel('Tie to')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Priya Shah' })).toBeVisible();
  expect((await docOf(page)).ties).toHaveLength(1);

  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Far Away');
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute('aria-label', 'Far Away');
});

test('a filter fits the view to the people who pass it', async ({ page }) => {
  await newMap(page);
  await addPeople(page, [
    { name: 'Priya Shah', x: 100, y: 100, department: 'Sales' },
    { name: 'Marcus Okafor', x: 4000, y: 2500, department: 'Finance' },
  ]);
  expect(await inCanvas(page, nodeByName(page, 'Marcus Okafor'))).toBe(false);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('dialog', { name: 'Filters' }).getByText('Finance', { exact: true }).click();
  await expect(nodeByName(page, 'Marcus Okafor')).toBeVisible();
  await expect.poll(() => inCanvas(page, nodeByName(page, 'Marcus Okafor'))).toBe(true);
});

test('keyboard only: Enter on the palette adds a person whose name is ready to type', async ({ page }) => {
  await newMap(page);
  await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Stakeholder' }).focus();
  await page.keyboard.press('Enter');
  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Ngozi Adeyemi');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['Ngozi Adeyemi']);
  // On the card now: F2 opens the name again, Esc leaves it as it was.
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute('aria-label', 'Ngozi Adeyemi');
  await page.keyboard.press('F2');
  await page.keyboard.type('x');
  await page.keyboard.press('Escape');
  expect(await names(page)).toEqual(['Ngozi Adeyemi']);
});

test('keyboard only from the start screen: Enter on New map leaves the keyboard on the canvas, where N adds a person', async ({ page }) => {
  await page.goto('/');
  await page.locator('.empty').getByRole('button', { name: 'New map' }).focus();
  await page.keyboard.press('Enter');
  // The button is gone with the start screen: the canvas has the keyboard, not the page.
  await expect(page.getByRole('application', { name: 'Map canvas' })).toBeFocused();
  await page.keyboard.press('n');
  await expect(cardEditor(page)).toBeFocused();
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Enter');
  expect(await names(page)).toEqual(['Ada Lovelace']);
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute('aria-label', 'Ada Lovelace');
});

test('Find then Enter focuses the card found in the power–interest grid and in Me at the centre too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  for (const view of ['Power–interest grid', 'Me at the centre']) {
    await page.getByRole('button', { name: view }).or(page.getByRole('radio', { name: view })).or(page.getByRole('tab', { name: view })).first().click();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Sara Nilsson');
    await page.keyboard.press('Enter');
    await expect(page.locator(':focus'), view).toHaveAttribute('aria-label', 'Sara Nilsson');
  }
});
