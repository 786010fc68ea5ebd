import type { Page } from '@playwright/test';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import { exportMapJson } from '../../src/io/map-file';
import { expect, test } from './fixtures';

/**
 * Issues 10 and 12: a route through a reporting line (I advise Ben; Cho reports to Ben) and an
 * engineer three levels below the Chief Executive who has her ear, reported as an informal advisor.
 */
function orgMap() {
  const at = (i: number) => ({ x: (i % 4) * 260, y: Math.floor(i / 4) * 160 });
  const people = [
    createStakeholder({ id: 'me', name: 'Mia Lund', title: 'Analyst', department: 'Finance', seniority: 3, ...at(0) }),
    createStakeholder({ id: 'ben', name: 'Ben Ode', title: 'Finance Manager', department: 'Finance', seniority: 2, ...at(1) }),
    createStakeholder({ id: 'cho', name: 'Cho Park', title: 'Accountant', department: 'Finance', seniority: 3, ...at(2) }),
    createStakeholder({ id: 'ceo', name: 'Ana Diaz', title: 'Chief Executive', department: 'Executive', seniority: 0, ...at(4) }),
    createStakeholder({ id: 'vp', name: 'Vic Hale', title: 'VP Engineering', department: 'Engineering', seniority: 1, ...at(5) }),
    createStakeholder({ id: 'em', name: 'Eli May', title: 'Engineering Manager', department: 'Engineering', seniority: 2, ...at(6) }),
    createStakeholder({ id: 'rita', name: 'Rita Sol', title: 'Engineer', department: 'Engineering', seniority: 3, ...at(7) }),
  ];
  const ties = [
    createTie('me', 'ben', 'influence', { id: 't1', strength: 3 }),
    createTie('cho', 'ben', 'reports-to', { id: 't2' }),
    createTie('me', 'cho', 'tension', { id: 't3', strength: 3 }),
    createTie('vp', 'ceo', 'reports-to', { id: 't4' }),
    createTie('em', 'vp', 'reports-to', { id: 't5' }),
    createTie('rita', 'em', 'reports-to', { id: 't6' }),
    createTie('rita', 'ceo', 'influence', { id: 't7', strength: 3 }),
    createTie('ben', 'vp', 'reports-to', { id: 't8' }),
  ];
  const doc = documentFrom({ ...createMapMeta('Reporting lines', 0) }, people, ties);
  doc.map.meId = 'me';
  return doc;
}

async function importMap(page: Page) {
  await page.goto('/');
  await page.getByLabel('Import file').setInputFiles({ name: 'lines.json', mimeType: 'application/json', buffer: Buffer.from(exportMapJson(orgMap())) });
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
}

test('How do I reach: a reporting line is an introduction route, and the path says so', async ({ page }) => {
  await importMap(page);
  await page.getByRole('tab', { name: /Insights/ }).click();
  await page.getByLabel('Person to reach').selectOption({ label: 'Cho Park' });
  const paths = page.getByTestId('introduction-paths');
  await expect(paths.getByRole('listitem').first()).toHaveText(
    'BestAsk Ben Ode, who manages Cho Park. A reporting line counts as an introduction: a manager can introduce you to their reports and to their own manager.',
  );
  // The path lens lights the reporting line Ben -> Cho on the canvas.
  await expect(page.locator('.react-flow__edge .tie--reports-to.tie--highlighted')).toHaveCount(1);
});

test('Who advises the senior leaders: the engineer three levels below has the Chief Executive\'s ear', async ({ page }) => {
  await importMap(page);
  await page.getByRole('tab', { name: /Insights/ }).click();
  const advisors = page.getByRole('region', { name: 'Who advises the senior leaders' });
  const rita = advisors.getByTestId('advisor').filter({ hasText: 'Rita Sol' });
  await expect(rita).toContainText('Rita Sol (Engineer, 3 levels below) has the ear of Ana Diaz (Chief Executive).');
  await expect(rita).toContainText('informal');
  // The same count in the Metrics table, under the one label it has everywhere.
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  const table = page.getByRole('table', { name: 'Metrics' });
  const header = await table.getByRole('columnheader').allTextContents();
  const column = header.findIndex((h) => h.startsWith('Leaders advised informally'));
  expect(column).toBeGreaterThan(0);
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Rita Sol' }) });
  // Cells after the row header: the column index counts the row header as the first.
  await expect(row.getByRole('cell').nth(column - 1)).toHaveText('1');
});
