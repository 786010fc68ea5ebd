import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMapDocument, createStakeholder } from '../../src/domain/factories';
import { exportMapJson } from '../../src/io/map-file';
import { expect, test } from './fixtures';

const FIXTURES = 'tests/fixtures/personal';

interface Doc {
  map: { id: string; name: string };
  stakeholders: Record<string, { id: string; name: string; title: string; company?: string; linkedinUrl?: string; interactions: { date: string; kind: string; note: string; ref?: string }[] }>;
}

const openDoc = (page: Page): Promise<Doc> => page.evaluate(() => (window as unknown as { __influenceMap: { store: { getState(): { doc: unknown } } } }).__influenceMap.store.getState().doc as never);
const byName = (doc: Doc, name: string) => Object.values(doc.stakeholders).find((p) => p.name === name)!;

async function pick(page: Page, name: string, buffer: Buffer = readFileSync(`${FIXTURES}/${name}`)) {
  await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  // Reading happens in a worker; on a busy machine the dialog can take a while.
  await expect(page.getByRole('dialog')).toBeVisible({ timeout: 60_000 });
}

/** A map with Me, Priya and Tom (with their work addresses), opened through Import. */
async function openWorkMap(page: Page) {
  const doc = createMapDocument('Work', 1);
  const people = [
    createStakeholder({ id: 'me', name: 'Me Myself', email: 'me@acme.example', x: 0, y: 0 }),
    createStakeholder({ id: 'priya', name: 'Priya Natarajan', email: 'priya.n@acme.example', x: 400, y: 0 }),
    createStakeholder({ id: 'tom', name: 'Tom Berg', email: 'tom.berg@acme.example', x: 0, y: 300 }),
  ];
  for (const p of people) doc.stakeholders[p.id] = p;
  doc.map.meId = 'me';
  await page.goto('/');
  await pick(page, 'work.json', Buffer.from(exportMapJson(doc)));
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
}

async function setRange(page: Page, from: string, to: string) {
  const dialog = page.getByRole('dialog', { name: 'Import calendar' });
  await dialog.getByLabel('From', { exact: true }).fill(from);
  await dialog.getByLabel('To', { exact: true }).fill(to);
}

test.setTimeout(240_000);

test('calendar: preview, Cancel changes nothing, Log meetings fills the log once, Undo removes it, and no request leaves the page', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await openWorkMap(page);
  const before = await openDoc(page);

  await pick(page, 'outlook.ics');
  const dialog = page.getByRole('dialog', { name: 'Import calendar' });
  await expect(dialog).toBeVisible();
  await setRange(page, '2025-01-01', '2025-06-30');
  await expect(dialog.getByTestId('calendar-summary')).toHaveText('8 meetings in the range, 5 included: 10 catch-ups for 2 people.');
  await expect(dialog.getByText('2025-01-15 All hands')).toBeVisible();
  await expect(dialog.getByText(/skipped: large meeting/)).toBeVisible();
  await expect(dialog.getByText(/line 75: "Focus time" on 2025-01-17 has no attendees/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await openDoc(page)).toEqual(before);

  await pick(page, 'outlook.ics');
  await setRange(page, '2025-01-01', '2025-06-30');
  await dialog.getByLabel('Keep titles').check();
  // Raising the limit includes the all-hands: the eight colleagues are not on the map, so it adds Priya's catch-up only.
  await dialog.getByLabel('Skip meetings with more people than').fill('12');
  await expect(dialog.getByTestId('calendar-summary')).toHaveText('8 meetings in the range, 6 included: 11 catch-ups for 2 people.');
  await dialog.getByLabel('Skip meetings with more people than').fill('8');
  await dialog.getByRole('button', { name: 'Log meetings' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Logged 10 meetings from "outlook.ics". Undo removes it all.')).toBeVisible();
  const after = await openDoc(page);
  expect(byName(after, 'Tom Berg').interactions.map((i) => [i.date, i.kind, i.note])).toEqual([
    ['2025-01-06', 'meeting', 'Platform sync'],
    ['2025-01-13', 'meeting', 'Platform sync'],
    ['2025-01-28', 'meeting', 'Platform sync (moved to Tuesday)'],
    ['2025-02-03', 'meeting', 'Platform sync'],
    ['2025-02-10', 'meeting', 'Platform sync'],
  ]);
  expect(byName(after, 'Me Myself').interactions).toEqual([]);

  // Details shows the new last contact.
  await page.locator('.react-flow__node').filter({ hasText: 'Tom Berg' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('Last contact2025-02-10');

  // The same file again logs nothing new.
  await pick(page, 'outlook.ics');
  await setRange(page, '2025-01-01', '2025-06-30');
  await expect(dialog.getByRole('button', { name: 'Log meetings' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Log meetings' }).click();
  await expect(page.getByText(/Logged 0 meetings from "outlook.ics". 10 meetings were already in the log./)).toBeVisible();
  expect(byName(await openDoc(page), 'Tom Berg').interactions).toHaveLength(5);

  // One Undo takes back the whole first import.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Undo' }).click();
  const undone = await openDoc(page);
  expect(byName(undone, 'Tom Berg').interactions).toEqual([]);
  expect(byName(undone, 'Priya Natarajan').interactions).toEqual([]);

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});

test('calendar: "Match to…" for an unsure attendee, "Add to map" for someone met often, and a suggested trust tie only when ticked', async ({ page }) => {
  await openWorkMap(page);
  await pick(page, 'google.ics');
  const dialog = page.getByRole('dialog', { name: 'Import calendar' });
  await setRange(page, '2025-01-01', '2025-06-30');
  // José is not on this map; Sam is met four times.
  const often = dialog.getByRole('region', { name: 'People you meet often who are not on the map' });
  await expect(often).toContainText('Sam Nguyen, 4 meetings');
  await often.getByRole('button', { name: 'Add Sam Nguyen to map' }).click();
  await dialog.getByLabel('Match José García to').selectOption({ label: 'Tom Berg' });
  await expect(dialog.getByTestId('calendar-summary')).toHaveText('4 meetings in the range, 4 included: 7 catch-ups for 2 people.');
  await dialog.getByRole('button', { name: 'Log meetings' }).click();
  await expect(dialog).toBeHidden();
  const doc = await openDoc(page);
  expect(byName(doc, 'Sam Nguyen').interactions).toHaveLength(4);
  expect(byName(doc, 'Tom Berg').interactions.map((i) => i.date)).toEqual(['2025-03-03', '2025-04-07', '2025-05-05']);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
});

test('LinkedIn Connections.csv: into the open map with matches shown first, Cancel changes nothing, Undo removes what it added; or into a new map', async ({ page }) => {
  await openWorkMap(page);
  const before = await openDoc(page);
  await pick(page, 'Connections.csv');
  const dialog = page.getByRole('dialog', { name: 'Import LinkedIn connections' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('contacts-summary')).toHaveText('2 matched to people on the map (empty fields filled, nothing overwritten), 3 added as new, 0 skipped. One change you can undo.');
  await expect(dialog.getByRole('table', { name: 'Matches' })).toContainText('Same person as Priya Natarajan (by e-mail)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await openDoc(page)).toEqual(before);

  await pick(page, 'Connections.csv');
  await dialog.getByLabel('What to do with Tom Berg').selectOption('Skip');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  const after = await openDoc(page);
  expect(Object.keys(after.stakeholders)).toHaveLength(6);
  expect(byName(after, 'Priya Natarajan')).toMatchObject({ title: 'VP Engineering', company: 'Acme Corp', linkedinUrl: 'https://www.linkedin.com/in/priya-natarajan-4b1a2' });
  expect(byName(after, 'Priya Natarajan').interactions).toEqual([expect.objectContaining({ date: '2023-03-14', note: 'Connected on LinkedIn' })]);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await openDoc(page)).toEqual(before);

  await pick(page, 'Connections.csv');
  await dialog.getByLabel('A new map').check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  expect((await openDoc(page)).map.name).toBe('LinkedIn connections');
});

test('vCards: 3.0 with QUOTED-PRINTABLE into the open map, and a broken calendar or vCard is refused naming the line', async ({ page }) => {
  await openWorkMap(page);
  await pick(page, 'contacts-3.0.vcf');
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await expect(dialog.getByTestId('contacts-summary')).toContainText('1 matched to people on the map');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  const doc = await openDoc(page);
  expect(byName(doc, 'José García')).toMatchObject({ title: 'Head of Sales, EMEA and a very long title that goes on', company: 'Globex, Inc.' });
  const before = await openDoc(page);

  await pick(page, 'broken.ics', Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Long\r\ntitle lost its fold\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'));
  await expect(page.getByRole('alert')).toHaveText('"broken.ics", line 4: "title lost its fold" is not an iCalendar line (a folded line must start with a space).');
  await page.getByRole('dialog').getByRole('button', { name: /^(OK|Close)$/ }).first().click();
  await pick(page, 'cut.vcf', Buffer.from('BEGIN:VCARD\r\nFN:Ann\r\n'));
  await expect(page.getByRole('alert')).toContainText('"cut.vcf": the card that starts on line 1 has no END:VCARD');
  expect(await openDoc(page)).toEqual(before);
});
