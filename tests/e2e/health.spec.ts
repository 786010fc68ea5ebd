import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createMapDocument, createStakeholder, createTie } from '../../src/domain/factories';
import { exportMapJson } from '../../src/io/map-file';
import { expect, test } from './fixtures';

// Relationship health (domain/health.ts) on a fixed "today", so every number below is worked out
// by hand: 2025-03-10. Me is tied to Priya (every 30 days, last spoke 2025-01-01: 68 days, at risk)
// and to Tom (every 14 days, nothing logged yet: no health until the calendar import).
const TODAY = new Date('2025-03-10T12:00:00');

async function pick(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await expect(page.getByRole('dialog')).toBeVisible({ timeout: 60_000 });
}

async function openMap(page: Page) {
  const doc = createMapDocument('Health', 1);
  const people = [
    createStakeholder({ id: 'me', name: 'Me Myself', email: 'me@acme.example', x: 300, y: 200 }),
    createStakeholder({ id: 'priya', name: 'Priya Natarajan', email: 'priya.n@acme.example', cadenceDays: 30, interactions: [{ id: 'i1', date: '2025-01-01', kind: 'coffee', note: '' }], x: 0, y: 0 }),
    createStakeholder({ id: 'tom', name: 'Tom Berg', email: 'tom.berg@acme.example', cadenceDays: 14, x: 600, y: 0 }),
  ];
  for (const p of people) doc.stakeholders[p.id] = p;
  for (const t of [createTie('me', 'priya', 'trust', { id: 'mp' }), createTie('tom', 'me', 'influence', { id: 'tm' })]) doc.ties[t.id] = t;
  doc.map.meId = 'me';
  await page.clock.setFixedTime(TODAY);
  await page.goto('/');
  await pick(page, 'health.json', Buffer.from(exportMapJson(doc)));
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
}

const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
const select = (page: Page, id: string) => page.evaluate((id) => (window as unknown as { __influenceMap: { store: { getState(): { select(ids: string[]): void } } } }).__influenceMap.store.getState().select([id]), id);

test.setTimeout(180_000);

test('health: shown on the tie, in Details and in Fading ties; logging catch-ups and a calendar import update it', async ({ page }) => {
  await openMap(page);
  // The canvas: the tie to Priya carries the at-risk marker and says so; the tie to Tom has none yet.
  await expect(edge(page, 'mp').locator('.tie-health--at-risk')).toHaveCount(1);
  await expect(edge(page, 'mp')).toHaveAttribute('aria-label', /; relationship at risk$/);
  await expect(edge(page, 'tm').locator('.tie-health')).toHaveCount(0);

  // My network: Fading ties and Details give the same words and numbers.
  await page.getByRole('tab', { name: 'My network' }).click();
  const fading = page.getByRole('list', { name: 'Fading ties' });
  await expect(fading.getByRole('listitem')).toHaveCount(1);
  await expect(fading.getByRole('listitem')).toContainText('Priya NatarajanAt riskLast spoke 68 days ago; you aim for every 30 days.');
  await select(page, 'priya');
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByTestId('relationship-health')).toHaveText('At risk Last spoke 68 days ago; you aim for every 30 days.');

  // Log two catch-ups in Details: today (with 2025-01-01, two contact days in 90 days: strong), then
  // 2025-02-20 (gaps of 50 and 18 days, median 34: "monthly").
  const relationship = page.getByRole('region', { name: 'Relationship' });
  for (const date of ['2025-03-10', '2025-02-20']) {
    await relationship.getByRole('button', { name: 'Log a catch-up' }).click();
    const log = page.getByRole('dialog', { name: 'Log a catch-up with Priya Natarajan' });
    await log.getByLabel('Date').fill(date);
    await log.getByRole('button', { name: 'Log catch-up' }).click();
    await expect(log).toHaveCount(0);
    if (date === '2025-03-10') await expect(page.getByTestId('relationship-health')).toHaveText('Strong Last spoke today; you aim for every 30 days.');
  }
  await expect(page.getByTestId('relationship-health')).toHaveText('Strong Last spoke today; you usually meet monthly; you aim for every 30 days.');
  await expect(edge(page, 'mp').locator('.tie-health--strong')).toHaveCount(1);
  await page.getByRole('tab', { name: 'My network' }).click();
  await expect(page.getByRole('region', { name: 'Fading ties' })).toContainText('No fading ties');

  // A calendar import logs Tom's weekly sync (last on 2025-02-10: 28 days ago, twice his 14 days): fading.
  await select(page, 'tom');
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByTestId('relationship-health')).toHaveText('Your tie has no health yet: log a catch-up to see how it is doing.');
  await pick(page, 'outlook.ics', readFileSync('tests/fixtures/personal/outlook.ics'));
  const calendar = page.getByRole('dialog', { name: 'Import calendar' });
  await calendar.getByLabel('From', { exact: true }).fill('2025-01-01');
  await calendar.getByLabel('To', { exact: true }).fill('2025-03-10');
  await calendar.getByRole('button', { name: 'Log meetings' }).click();
  await expect(calendar).toBeHidden();
  await expect(page.getByTestId('relationship-health')).toHaveText('Fading Last spoke 28 days ago; you usually meet weekly; you aim for every 14 days.');
  await expect(edge(page, 'tm').locator('.tie-health--fading')).toHaveCount(1);
  await expect(edge(page, 'tm')).toHaveAttribute('aria-label', /; relationship fading$/);
  await page.getByRole('tab', { name: 'My network' }).click();
  await expect(page.getByRole('list', { name: 'Fading ties' }).getByRole('listitem')).toContainText(['Tom BergFadingLast spoke 28 days ago; you usually meet weekly; you aim for every 14 days.']);
});
