import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';

test('lock a map with a passphrase: it opens only with the passphrase, a wrong one changes nothing', async ({ page }) => {
  await newMap(page);
  await page.getByLabel('Map name').fill('Confidential');
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Xena Secret');
  await waitSaved(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });

  await page.getByRole('button', { name: 'Lock with a passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock this map with a passphrase' });
  await expect(dialog).toContainText('cannot be recovered');
  await dialog.getByLabel('New passphrase').fill('blue tiger orchard');
  await dialog.getByLabel('Repeat the passphrase').fill('blue tiger orchard');
  const lockButton = dialog.getByRole('button', { name: 'Lock map' });
  await expect(lockButton).toBeDisabled();
  await dialog.getByLabel('I understand a forgotten passphrase cannot be recovered').check();
  await lockButton.click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(nodeByName(page, 'Xena Secret')).toBeVisible();

  // Nothing readable is left at rest.
  const atRest = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('influence-map');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (name: string) =>
      new Promise<unknown[]>((resolve) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result);
      });
    const text = JSON.stringify([await all('maps'), await all('stakeholders')]);
    db.close();
    return text;
  });
  expect(atRest).not.toContain('Xena Secret');
  expect(atRest).not.toContain('Confidential');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'This map is locked' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Maps' })).toContainText('Locked map');
  await page.getByLabel('Passphrase').fill('wrong words here');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That passphrase is not right. Nothing was changed.' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Passphrase').fill('blue tiger orchard');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nodeByName(page, 'Xena Secret')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Map name')).toHaveValue('Confidential');

  // Edits keep saving while unlocked; "Lock now" asks for the passphrase again.
  await nodeByName(page, 'Xena Secret').click();
  await page.getByLabel('Title', { exact: true }).fill('Chief Secrets Officer');
  await waitSaved(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { name: 'This map is locked' })).toBeVisible();
  await page.getByLabel('Passphrase').fill('blue tiger orchard');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nodeByName(page, 'Xena Secret')).toContainText('Chief Secrets Officer', { timeout: 20_000 });
});

test('locking in one tab keeps an edit another tab saved meanwhile, and tells that tab', async ({ page, context }) => {
  await newMap(page);
  await page.getByLabel('Map name').fill('Two tabs');
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Xena Secret');
  await waitSaved(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(nodeByName(other, 'Xena Secret')).toBeVisible();

  await page.getByRole('button', { name: 'Lock with a passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock this map with a passphrase' });
  await dialog.getByLabel('New passphrase').fill('blue tiger orchard');
  await dialog.getByLabel('Repeat the passphrase').fill('blue tiger orchard');
  await dialog.getByLabel('I understand a forgotten passphrase cannot be recovered').check();
  // With the dialog open, the other tab saves an edit and shows "Saved"; this tab has not seen it.
  // (Before, the edit was made while the key was being derived, which on a loaded machine could
  // land after the lock: that is the documented case of typing a lock overtakes, not this one.)
  await other.evaluate(async () => {
    type App = { store: { getState(): { doc: { stakeholders: Record<string, unknown> }; updateStakeholder(id: string, patch: object): void } }; workspace: { flush(): Promise<void> } };
    const app = (window as unknown as { __influenceMap: App }).__influenceMap;
    const id = Object.keys(app.store.getState().doc.stakeholders)[0];
    app.store.getState().updateStakeholder(id, { title: 'Saved in the other tab' });
    await app.workspace.flush();
  });
  await expect(other.getByTestId('save-status')).toHaveText('Saved');
  await dialog.getByRole('button', { name: 'Lock map' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });

  // The other tab is told, and asked for the passphrase.
  await expect(other.getByRole('heading', { name: 'This map is locked' })).toBeVisible();
  await expect(other.getByRole('status').filter({ hasText: 'locked with a passphrase in another tab' })).toBeVisible();
  await other.getByLabel('Passphrase').fill('blue tiger orchard');
  await other.getByRole('button', { name: 'Unlock' }).click();
  await expect(nodeByName(other, 'Xena Secret')).toContainText('Saved in the other tab', { timeout: 20_000 });
  // And the tab that locked shows it too.
  await expect(nodeByName(page, 'Xena Secret')).toContainText('Saved in the other tab');
  await other.close();
});
