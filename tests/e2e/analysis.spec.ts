import { expect, nodeByName, test } from './fixtures';

test('the sample organisation shows brokers, leadership advisors and a path from Me to the CEO', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(nodeByName(page, 'Helena Brandt')).toBeVisible();
  // Broker badges appear on the canvas once the worker has answered.
  await expect(page.locator('.person__badge', { hasText: 'Broker' }).first()).toBeVisible();

  await page.getByRole('tab', { name: /Insights/ }).click();
  const brokers = page.getByRole('region', { name: 'Key brokers' });
  await expect(brokers.getByRole('listitem').first()).toContainText(/lies on \d+% of the strongest routes/);
  const advisors = page.getByRole('region', { name: 'Who advises the senior leaders' });
  await expect(advisors.getByRole('listitem').first()).toBeVisible();

  await page.getByLabel('Person to reach').selectOption({ label: 'Helena Brandt' });
  const paths = page.getByTestId('introduction-paths');
  await expect(paths.getByRole('listitem').first()).toContainText(/^BestAsk .+Helena Brandt\.$/);
  // The path lens fades everyone who is not on a path.
  await expect(page.locator('.person--faded').first()).toBeAttached();
  await expect(page.locator('.react-flow__edge .tie--highlighted').first()).toBeAttached();

  // The Brokers lens fades everyone but the top brokers.
  await page.getByRole('radio', { name: 'Brokers' }).click();
  const badges = await page.locator('.person__badge').count();
  await expect(page.locator('.react-flow__node .person:not(.person--faded)')).toHaveCount(badges);
});

test('the Metrics table sorts, filters and selects the person on the canvas', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  const table = page.getByRole('table', { name: 'Metrics' });
  await expect(table.getByRole('row')).toHaveCount(41);
  await table.getByRole('button', { name: 'Informal influence (PageRank)' }).click();
  const firstPr = Number(await table.getByRole('row').nth(1).getByRole('cell').nth(7).textContent());
  const secondPr = Number(await table.getByRole('row').nth(2).getByRole('cell').nth(7).textContent());
  expect(firstPr).toBeGreaterThanOrEqual(secondPr);
  await page.getByLabel('Department').selectOption('Finance');
  await expect(table.getByRole('row')).not.toHaveCount(41);
  const finance = await table.getByRole('rowheader').allTextContents();
  expect(finance.length).toBeGreaterThan(1);
  await table.getByRole('rowheader').first().getByRole('button').click();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(finance[0]);
  await expect(page.getByRole('region', { name: 'What the map says' })).toBeVisible();
});

test('results update after an edit', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  const table = page.getByRole('table', { name: 'Metrics' });
  await expect(table.getByRole('row')).toHaveCount(41);
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('n');
  await expect(table.getByRole('row')).toHaveCount(42);
});

test('Export → Metrics CSV writes one row per person with every required column', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await expect(page.locator('.person__badge', { hasText: 'Broker' }).first()).toBeVisible();
  await page.getByRole('button', { name: /^Export/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Metrics CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Sample organisation metrics.csv');
  const text = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  for (const column of ['id', 'name', 'department', 'seniority', 'is_senior_leader', 'degree', 'in_degree', 'out_degree', 'betweenness', 'betweenness_unweighted', 'pagerank', 'closeness', 'constraint', 'effective_size', 'brokerage_role', 'cluster', 'leaders_advised', 'hidden_influence']) {
    expect(header).toContain(column);
  }
  expect(lines).toHaveLength(41);
  expect(text).not.toMatch(/\de-\d/);
});
