/**
 * A locked map is only ever stored sealed, whatever path writes it (issue 16). After each path
 * (storage cleared, a deletion racing a save, snapshots, duplicate, restore as a new map, backup)
 * every IndexedDB database and store, Cache Storage and localStorage are searched for each secret.
 */
import type { Page } from '@playwright/test';
import { dropStakeholder, expect, newMap, nodeByName, test, waitSaved } from './fixtures';

const PASS = 'blue tiger orchard';
const MAP = 'Project Nightjar';
const PERSON = 'Xena Secretname';
const NOTE = 'Plans to leave in March';

/** Where each secret was found at rest, as "store: secret" lines (empty when none). */
async function secretsAtRest(page: Page, secrets: string[]): Promise<string[]> {
  return page.evaluate(async (secrets) => {
    const found: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const texts = (value: unknown, out: string[]) => {
      if (typeof value === 'string') out.push(value);
      else if (value instanceof ArrayBuffer) out.push(decoder.decode(value));
      else if (ArrayBuffer.isView(value)) out.push(decoder.decode(value));
      else if (Array.isArray(value)) for (const v of value) texts(v, out);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          out.push(k);
          texts(v, out);
        }
      }
      return out;
    };
    const check = (where: string, content: string[]) => {
      for (const secret of secrets) if (content.some((t) => t.includes(secret))) found.push(`${where}: ${secret}`);
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store);
        const [values, keys] = await Promise.all([request(tx.objectStore(store).getAll()), request(tx.objectStore(store).getAllKeys())]);
        check(`IndexedDB ${name}/${store}`, [...texts(values, []), ...texts(keys, [])]);
      }
      db.close();
    }
    const local: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      local.push(key, localStorage.getItem(key) ?? '');
    }
    check('localStorage', local);
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const req of await cache.keys()) {
        const response = await cache.match(req);
        check(`Cache Storage ${cacheName} ${req.url}`, [req.url, (await response?.text()) ?? '']);
      }
    }
    return found;
  }, secrets);
}

/** A map with a secret name, person and note, locked through the dialog. */
async function lockedMap(page: Page) {
  await newMap(page);
  await page.getByLabel('Map name').fill(MAP);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill(PERSON);
  await page.getByLabel('Notes', { exact: true }).fill(NOTE);
  await waitSaved(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await lockOpenMap(page);
}

async function lockOpenMap(page: Page) {
  await page.getByRole('button', { name: 'Lock with a passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock this map with a passphrase' });
  await expect(dialog).toContainText('Locking does not erase what was stored before');
  await dialog.getByLabel('New passphrase').fill(PASS);
  await dialog.getByLabel('Repeat the passphrase').fill(PASS);
  await dialog.getByLabel('I understand a forgotten passphrase cannot be recovered').check();
  await dialog.getByRole('button', { name: 'Lock map' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await waitSaved(page);
}

async function unlock(page: Page) {
  await expect(page.getByRole('heading', { name: 'This map is locked' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

const notice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

test('storage cleared under an open locked map: written again sealed, and it still asks for the passphrase', async ({ page, context }) => {
  await lockedMap(page);
  expect(await secretsAtRest(page, [MAP, PERSON, NOTE])).toEqual([]);
  const other = await context.newPage();
  await other.goto(new URL('/favicon.svg', page.url()).toString());
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('influence-map');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  await other.close();
  await expect(notice(page, 'saved again')).toBeVisible();
  expect(await secretsAtRest(page, [MAP, PERSON, NOTE])).toEqual([]);
  await expect(notice(page, 'locked with its passphrase as before')).toBeVisible();
  await page.reload();
  await unlock(page);
  await expect(nodeByName(page, PERSON)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Map name')).toHaveValue(MAP);
});

test('a locked map deleted in one tab while another saves stays deleted; that tab is told and nothing is left', async ({ page, context }) => {
  await lockedMap(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await unlock(other);
  await expect(nodeByName(other, PERSON)).toBeVisible({ timeout: 20_000 });
  // The other tab keeps saving edits (a save always under way) while this one deletes the map.
  await other.evaluate(() => {
    type App = {
      store: { getState(): { doc: { stakeholders: Record<string, unknown> } | null; updateStakeholder(id: string, patch: object, key: string): void } };
      workspace: { flush(): Promise<void> };
    };
    const app = (window as unknown as { __influenceMap: App }).__influenceMap;
    let i = 0;
    const timer = setInterval(() => {
      const doc = app.store.getState().doc;
      if (!doc) return clearInterval(timer);
      const id = Object.keys(doc.stakeholders)[0];
      app.store.getState().updateStakeholder(id, { title: `Edit ${++i} in the other tab` }, `race-${i}`);
      void app.workspace.flush();
    }, 10);
  });
  await other.waitForTimeout(300);
  await page.getByRole('list', { name: 'Maps' }).getByRole('button', { name: `Delete ${MAP}` }).click();
  await page.getByRole('button', { name: 'Delete map' }).click();
  await expect(notice(other, 'This map was deleted in another tab.')).toBeVisible();
  await other.waitForTimeout(500);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Maps' })).toHaveCount(0);
  await expect(page.getByText('Locked map')).toHaveCount(0);
  expect(await secretsAtRest(page, [MAP, PERSON, NOTE, 'in the other tab'])).toEqual([]);
  const records = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('influence-map');
      r.onsuccess = () => resolve(r.result);
    });
    const count = (name: string) =>
      new Promise<number>((resolve) => {
        const r = db.transaction(name).objectStore(name).count();
        r.onsuccess = () => resolve(r.result);
      });
    const counts = [await count('maps'), await count('stakeholders'), await count('snapshots')];
    db.close();
    return counts;
  });
  expect(records).toEqual([0, 0, 0]);
  await other.close();
});

test('snapshots (names before and after the lock), duplicate, restore as a new map and backup of a locked map keep every secret sealed', async ({ page }) => {
  const before = 'Before the Nightjar reorg';
  const after = 'After Xena promotion';
  await newMap(page);
  await page.getByLabel('Map name').fill(MAP);
  await dropStakeholder(page, 300, 200);
  await page.getByLabel('Name', { exact: true }).fill(PERSON);
  await page.getByLabel('Notes', { exact: true }).fill(NOTE);
  await waitSaved(page);
  const snapshot = async (name: string) => {
    await page.getByRole('button', { name: 'Version history' }).click();
    const dialog = page.getByRole('dialog', { name: 'Version history' });
    await dialog.getByLabel('Snapshot name').fill(name);
    await dialog.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(dialog.getByRole('list', { name: 'Snapshots' })).toContainText(name);
    return dialog;
  };
  await (await snapshot(before)).getByRole('button', { name: 'Close' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await lockOpenMap(page);
  const history = await snapshot(after);
  await expect(history.getByRole('list', { name: 'Snapshots' })).toContainText(before);
  const secrets = [MAP, PERSON, NOTE, before, after];
  expect(await secretsAtRest(page, secrets)).toEqual([]);

  // Restore as a new map: locked with the same passphrase.
  await history.getByRole('listitem').filter({ hasText: after }).getByRole('button', { name: 'Restore as new map' }).click();
  await expect(notice(page, 'The copy is locked with the same passphrase as the original.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Map name')).toHaveValue(`${MAP} (${after})`);
  expect(await secretsAtRest(page, secrets)).toEqual([]);

  // Duplicate: the same.
  await page.getByRole('list', { name: 'Maps' }).getByRole('button', { name: `Duplicate ${MAP}`, exact: true }).click();
  await expect(page.getByLabel('Map name')).toHaveValue(`${MAP} (copy)`);
  await expect(notice(page, 'The copy is locked with the same passphrase as the original.')).toBeVisible();
  await waitSaved(page);
  expect(await secretsAtRest(page, secrets)).toEqual([]);

  // Back up all maps: the three locked maps are in the file, still sealed, and the notice says so.
  await page.getByRole('button', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Back up all maps' }).click();
  const text = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).toContain('"influence-map-sealed"');
  await expect(notice(page, 'They are locked and stay encrypted in the file')).toBeVisible();

  // After a reload every copy asks for the passphrase and opens with it.
  await page.reload();
  await unlock(page);
  await expect(nodeByName(page, PERSON)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Map name')).toHaveValue(`${MAP} (copy)`);
});
