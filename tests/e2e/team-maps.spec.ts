/**
 * Team maps in two browsers (two browser contexts = two people with separate storage), against
 * the real team server (server/src/main.js) started by the test on its own port with a temporary
 * data directory, serving the test build (dist-e2e) and /collab on one origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect as baseExpect, nodeByName, test } from './fixtures';

// Two browsers and a server on a shared, busy machine: generous waits (nothing here is timed).
// Actions get the same bound as assertions: without one, a click on a button that never becomes
// enabled waits out the whole test (a rotate-key run once hung for 5 minutes and said nothing
// about where); now it fails at that step, naming it.
const expect = baseExpect.configure({ timeout: 45_000 });
test.describe.configure({ timeout: 300_000 });
test.use({ actionTimeout: 45_000 });

const PORT = Number(process.env.TEAM_E2E_PORT ?? Number(process.env.E2E_PORT ?? 4317) + 100);
const ORIGIN = `http://127.0.0.1:${PORT}`;
test.use({ baseURL: ORIGIN });

interface Server {
  stop(): Promise<void>;
  start(): Promise<void>;
}

function teamServer(dataDir: string): Server {
  let child: ChildProcess | null = null;
  return {
    async start() {
      child = spawn(process.execPath, ['server/src/main.js'], {
        env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: 'dist-e2e', THROTTLE_PER_MINUTE: '0', QUIET: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`team server did not start: ${out}`)), 20_000);
        child!.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('team server at')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child!.stderr!.on('data', (c: Buffer) => (out += c.toString()));
        child!.once('exit', (code) => reject(new Error(`team server exited (${code}): ${out}`)));
      });
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
  };
}

let server: Server;
let dataDir: string;
test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'im-team-e2e-'));
  server = teamServer(dataDir);
  await server.start();
});
test.afterEach(async ({ page }) => {
  // Close the page first: a page left open while its server stops logs the reconnection it
  // tries ("connection refused"), and every browser test fails on a console error.
  await page.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Store = { getState(): Record<string, never> & { doc: { stakeholders: Record<string, { id: string; name: string; title: string }> } | null } };
const app = (page: Page) => page.evaluate.bind(page);

async function person(page: Page, name: string): Promise<{ id: string; name: string; title: string } | undefined> {
  return app(page)((n: string) => {
    const store = (window as unknown as { __influenceMap: { store: Store } }).__influenceMap.store;
    return Object.values(store.getState().doc?.stakeholders ?? {}).find((s) => s.name === n);
  }, name);
}

/** Alice's map with two people, shared; returns the two links. */
async function aliceShares(page: Page): Promise<{ invite: string; view: string }> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).first().click();
  await expect(page.locator('.react-flow__pane')).toBeVisible();
  await page.evaluate(() => {
    const s = (window as unknown as { __influenceMap: { store: { getState(): { addStakeholderAt(p: { x: number; y: number }, f: { name: string }): string; renameMap(n: string): void } } } }).__influenceMap.store.getState();
    s.renameMap('Buying committee');
    s.addStakeholderAt({ x: 100, y: 100 }, { name: 'Priya' });
    s.addStakeholderAt({ x: 400, y: 100 }, { name: 'Tom' });
  });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  await dialog.getByLabel('Your name').fill('Alice');
  await dialog.getByRole('button', { name: 'Share this map' }).click();
  const shared = page.getByRole('dialog', { name: 'Shared map' });
  await expect(shared.getByLabel('Invite link', { exact: true })).toHaveValue(/#\/join\//);
  const invite = await shared.getByLabel('Invite link', { exact: true }).inputValue();
  const view = await shared.getByLabel('View-only link', { exact: true }).inputValue();
  await expect(page.getByTestId('team-status')).toHaveText('Connected');
  await shared.getByRole('button', { name: 'Close' }).click();
  return { invite, view };
}

async function joiner(browser: Browser, link: string, name: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: ORIGIN, viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await expect(nodeByName(page, 'Priya')).toBeVisible();
  await expect(page.getByTestId('team-status')).toHaveText(/^Connected/);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('dialog', { name: 'Shared map' }).getByLabel('Your name').fill(name);
  await page.getByRole('dialog', { name: 'Shared map' }).getByRole('button', { name: 'Close' }).click();
  return { context, page, errors };
}

/** How the page's last join read the map: through the room's snapshot ('used'), or value by value. */
async function joinedVia(page: Page): Promise<string | undefined> {
  return app(page)(() => (window as unknown as { __influenceMap: { team(): { lastJoin: { snapshot: { kind: string } } | null } } }).__influenceMap.team().lastJoin?.snapshot.kind);
}

async function rename(page: Page, from: string, to: string) {
  await nodeByName(page, from).click();
  await page.getByLabel('Name', { exact: true }).fill(to);
}

test('share, join by link, edits both ways, presence, and Undo undoes only one’s own edits', async ({ page, browser }) => {
  const { invite } = await aliceShares(page);
  // The key is only in the fragment.
  expect(new URL(invite).hash).toMatch(/^#\/join\/[A-Za-z0-9_-]{22}\/e\.[A-Za-z0-9_-]{43}$/);
  const bob = await joiner(browser, invite, 'Bob');
  // Sharing sealed a whole-map snapshot: Bob's join read the map from it, not value by value.
  expect(await joinedVia(bob.page)).toBe('used');

  // Bob's Maps list has the map, marked shared, under its name.
  const maps = bob.page.getByRole('list', { name: 'Maps' });
  await expect(maps.getByRole('listitem')).toHaveCount(1);
  await expect(maps).toContainText('Buying committee');
  await expect(maps).toContainText('Shared');
  await expect(bob.page.getByTestId('team-status')).toHaveText('Connected');

  // Edits both ways.
  await rename(page, 'Priya', 'Priya Shah');
  await expect(nodeByName(bob.page, 'Priya Shah')).toBeVisible();
  await nodeByName(bob.page, 'Tom').click();
  await bob.page.getByLabel('Title', { exact: true }).fill('CTO');
  await expect.poll(async () => (await person(page, 'Tom'))?.title).toBe('CTO');

  // Presence: each sees the other's avatar; Bob's selection (Tom) is outlined on Alice's canvas.
  await expect(page.getByRole('img', { name: 'Bob' })).toBeVisible();
  await expect(bob.page.getByRole('img', { name: 'Alice' })).toBeVisible();
  const tomId = (await person(page, 'Tom'))!.id;
  await expect(page.locator(`.peer-selection[data-peer="Bob"][data-person="${tomId}"]`)).toBeVisible();

  // Alice's Undo takes back her rename, not Bob's title, on both screens.
  await page.locator('.react-flow__pane').click({ position: { x: 700, y: 500 } });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(nodeByName(page, 'Priya')).toBeVisible();
  await expect(nodeByName(bob.page, 'Priya')).toBeVisible();
  expect((await person(page, 'Tom'))?.title).toBe('CTO');
  expect((await person(bob.page, 'Tom'))?.title).toBe('CTO');

  // Bob's selection is outlined on the other views too, around Tom's card as that view lays it out.
  const outlinesTom = async (view: string) => {
    await page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: view }).click();
    const card = page.locator(`.react-flow__node[data-id="${tomId}"]`);
    const outline = page.locator(`.peer-selection[data-peer="Bob"][data-person="${tomId}"]`);
    await expect(outline).toBeVisible();
    await expect(card).toBeVisible();
    await expect
      .poll(async () => {
        const [c, o] = [(await card.boundingBox())!, (await outline.boundingBox())!];
        return o.x <= c.x && o.y <= c.y && o.x + o.width >= c.x + c.width && o.y + o.height >= c.y + c.height && o.width - c.width < 20;
      })
      .toBe(true);
  };
  await outlinesTom('Power–interest grid');
  await page.evaluate((id) => (window as unknown as { __influenceMap: { store: { getState(): { setMe(id: string): void } } } }).__influenceMap.store.getState().setMe(id), tomId);
  await outlinesTom('Me at the centre');
  await outlinesTom('Network');

  expect(bob.errors).toEqual([]);
  await bob.context.close();
});

test('a view-only member can look but not change the map', async ({ page, browser }) => {
  const { view } = await aliceShares(page);
  expect(new URL(view).hash).toMatch(/\/v\./);
  const viewer = await joiner(browser, view, 'Vic');
  await expect(viewer.page.getByTestId('team-status')).toHaveText('Connected · view only');
  // The dialog offers no invite link to a viewer.
  await viewer.page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(viewer.page.getByRole('dialog', { name: 'Shared map' }).getByLabel('Invite link', { exact: true })).toHaveCount(0);
  await viewer.page.getByRole('dialog', { name: 'Shared map' }).getByRole('button', { name: 'Close' }).click();
  // An edit is refused here…
  await viewer.page.evaluate(() => {
    const s = (window as unknown as { __influenceMap: { store: { getState(): { doc: { stakeholders: Record<string, { id: string; name: string }> }; updateStakeholder(id: string, p: object): void } } } }).__influenceMap.store.getState();
    const priya = Object.values(s.doc.stakeholders).find((p) => p.name === 'Priya')!;
    s.updateStakeholder(priya.id, { name: 'Changed by viewer' });
  });
  expect(await person(viewer.page, 'Changed by viewer')).toBeUndefined();
  // …while the owner's edits still reach the viewer.
  await rename(page, 'Tom', 'Tom Lee');
  await expect(nodeByName(viewer.page, 'Tom Lee')).toBeVisible();
  expect(await person(page, 'Changed by viewer')).toBeUndefined();
  expect(viewer.errors).toEqual([]);
  await viewer.context.close();
});

test('edits made while the server is down are kept and merged when it is back', async ({ page, browser, guard }) => {
  const { invite } = await aliceShares(page);
  const bob = await joiner(browser, invite, 'Bob');
  // The server serves the app too: stopped while a page still fetches a part of the app it loads
  // on demand (a worker, a dialog), that fetch fails as "net::ERR_CONNECTION_RESET" on the
  // console, which is not what this test is about.
  for (const p of [page, bob.page]) await p.waitForLoadState('networkidle');
  await server.stop();
  await expect(page.getByTestId('team-status')).toHaveText('Offline: changes are kept here');
  await expect(bob.page.getByTestId('team-status')).toHaveText('Offline: changes are kept here');

  await rename(page, 'Priya', 'Priya offline');
  await nodeByName(bob.page, 'Priya').click();
  await bob.page.getByLabel('Title', { exact: true }).fill('CFO');
  await rename(bob.page, 'Tom', 'Tom offline');

  await server.start();
  await expect(page.getByTestId('team-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(bob.page.getByTestId('team-status')).toHaveText('Connected', { timeout: 20_000 });
  for (const p of [page, bob.page]) {
    await expect.poll(async () => (await person(p, 'Priya offline'))?.title).toBe('CFO');
    await expect(nodeByName(p, 'Tom offline')).toBeVisible();
  }
  // The browser logs the refused reconnection attempts while the server was down; nothing else.
  const isReconnect = (e: string) => /WebSocket connection to .*\/collab/.test(e);
  expect(bob.errors.filter((e) => !isReconnect(e))).toEqual([]);
  guard.errors.splice(0, guard.errors.length, ...guard.errors.filter((e) => !isReconnect(e)));
  await bob.context.close();
});

test('rotating the key: old links are refused with a clear message, the new link joins', async ({ page, browser }) => {
  const old = await aliceShares(page);
  const bob = await joiner(browser, old.invite, 'Bob');

  // Only the owner is offered the rotation; Bob (an editor who joined) is not.
  await bob.page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(bob.page.getByRole('dialog', { name: 'Shared map' }).getByRole('button', { name: 'Rotate key…' })).toHaveCount(0);
  await bob.page.getByRole('dialog', { name: 'Shared map' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Shared map' });
  await dialog.getByRole('button', { name: 'Rotate key…' }).click();
  await dialog.getByRole('button', { name: 'Rotate key', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('New links are ready');
  const invite = await dialog.getByLabel('Invite link', { exact: true }).inputValue();
  const view = await dialog.getByLabel('View-only link', { exact: true }).inputValue();
  expect(invite).not.toBe(old.invite);
  expect(view).not.toBe(old.view);
  expect(new URL(invite).hash.split('/')[2]).not.toBe(new URL(old.invite).hash.split('/')[2]);
  await expect(page.getByTestId('team-status')).toHaveText('Connected');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Bob, on the old link, is told and keeps his copy read-only.
  await expect(bob.page.getByTestId('team-status')).toHaveText('Link replaced: read-only');
  await expect(bob.page.getByRole('status', { name: 'View only' })).toBeVisible();
  await expect(nodeByName(bob.page, 'Priya')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Share', exact: true }).click();
  const bobDialog = bob.page.getByRole('dialog', { name: 'Shared map' });
  await expect(bobDialog.getByRole('alert')).toHaveText('This link was replaced by the map’s owner; ask them for the new link.');
  // Alice's edits no longer reach the old link.
  await rename(page, 'Tom', 'Tom after rotation');
  // He can keep it as a private map, editable again.
  await bobDialog.getByRole('button', { name: 'Keep as a private map' }).click();
  await expect(bob.page.getByTestId('team-status')).toHaveCount(0);
  await expect(bob.page.getByRole('status', { name: 'View only' })).toHaveCount(0);
  // The dialog now offers to share it afresh, like any private map.
  await bob.page.getByRole('dialog', { name: 'Share this map' }).getByRole('button', { name: 'Close' }).click();
  expect(await person(bob.page, 'Tom after rotation')).toBeUndefined();
  await rename(bob.page, 'Priya', 'Priya private');
  await expect(nodeByName(bob.page, 'Priya private')).toBeVisible();
  await bob.context.close();

  // A newcomer with an old link is refused with the message; with the new link, joins.
  const carol = await browser.newContext({ baseURL: ORIGIN, viewport: { width: 1400, height: 860 } });
  const carolPage = await carol.newPage();
  await carolPage.goto(old.view);
  await expect(carolPage.getByText('This link was replaced by the map’s owner; ask them for the new link.')).toBeVisible();
  await carol.close();
  const dan = await joiner(browser, view, 'Dan');
  await expect(nodeByName(dan.page, 'Tom after rotation')).toBeVisible();
  // The rotation sealed the new room's snapshot under the new key.
  expect(await joinedVia(dan.page)).toBe('used');
  await expect(dan.page.getByTestId('team-status')).toHaveText('Connected · view only');
  // Alice keeps editing in the new room.
  await rename(page, 'Priya', 'Priya new room');
  await expect(nodeByName(dan.page, 'Priya new room')).toBeVisible();
  expect(dan.errors).toEqual([]);
  await dan.context.close();
});
