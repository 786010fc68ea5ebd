import { readFileSync } from 'node:fs';
import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';


test('version history: take a snapshot, restore it here (undoable) and as a new map', async ({ page }) => {
  await newMap(page);
  await page.getByLabel('Map name').fill('Team map');
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Uma');
  await waitSaved(page);
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByLabel('Snapshot name').fill('Before Val');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('list', { name: 'Snapshots' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Close' }).click();

  await dropStakeholder(page, 650, 300);
  await page.getByLabel('Name', { exact: true }).fill('Val');
  await waitSaved(page);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Restore here' }).click();
  await page.getByRole('dialog', { name: 'Restore this snapshot here?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(nodeByName(page, 'Uma')).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  await page.getByRole('button', { name: 'Undo' }).isDisabled();
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Restore as new map' }).click();
  await expect(page.getByRole('list', { name: 'Maps' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByLabel('Map name')).toHaveValue(/Team map \(Before Val\)/);
});

test('restoring a snapshot in place is one undo step', async ({ page }) => {
  await newMap(page);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill('Wes');
  await waitSaved(page);
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('list', { name: 'Snapshots' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Close' }).click();
  await dropStakeholder(page, 650, 300);
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Restore here' }).click();
  await page.getByRole('dialog', { name: 'Restore this snapshot here?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('a database written by schema version 1 opens in the current app with all data intact', async ({ page, baseURL }) => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/storage/v1-database.json', 'utf8')) as { tables: Record<string, Record<string, unknown>[]> };
  // Seed from a second page of the same origin, before the app first opens the database.
  const seeder = await page.context().newPage();
  await seeder.goto(`${baseURL}/favicon.svg`);
  await seeder.evaluate(
    (tables) =>
      new Promise<void>((resolve, reject) => {
        // Exactly the version 1 layout, written with the raw IndexedDB API (no app code involved).
        const request = indexedDB.open('influence-map', 10);
        request.onupgradeneeded = () => {
          const db = request.result;
          const maps = db.createObjectStore('maps', { keyPath: 'id' });
          maps.createIndex('updatedAt', 'updatedAt');
          for (const name of ['stakeholders', 'ties']) {
            const store = db.createObjectStore(name, { keyPath: ['mapId', 'id'] });
            store.createIndex('mapId', 'mapId');
          }
          db.createObjectStore('settings', { keyPath: 'key' });
        };
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(Object.keys(tables), 'readwrite');
          for (const [name, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(name).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
    fixture.tables,
  );
  await seeder.close();
  await page.goto('/');
  const maps = page.getByRole('list', { name: 'Maps' });
  await expect(maps.getByRole('listitem')).toHaveCount(fixture.tables.maps.length);
  for (const m of fixture.tables.maps) {
    await maps.getByRole('button', { name: new RegExp(String(m.name)) }).first().click();
    await expect(page.getByLabel('Map name')).toHaveValue(String(m.name));
    const people = fixture.tables.stakeholders.filter((s) => s.mapId === m.id);
    const ties = fixture.tables.ties.filter((t) => t.mapId === m.id);
    // Counted in the open document: cards outside the stored viewport are not drawn.
    const counts = () =>
      page.evaluate(() => {
        const doc = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: object; ties: object } } } } }).__influenceMap.store.getState().doc;
        return [Object.keys(doc.stakeholders).length, Object.keys(doc.ties).length];
      });
    await expect.poll(counts).toEqual([people.length, ties.length]);
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    for (const p of people) await expect(nodeByName(page, String(p.name))).toBeVisible();
  }
  // The upgraded database takes new writes, including version history (added in schema 2).
  await page.getByRole('button', { name: 'Version history' }).click();
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('list', { name: 'Snapshots' }).getByRole('listitem')).toHaveCount(1);
});
