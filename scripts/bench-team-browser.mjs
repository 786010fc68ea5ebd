// `npm run bench:team-browser`: joining a shared 2,000-person map in Chromium (link opened -> map
// drawn) against opening the same map locally in Chromium (navigation -> map drawn), same run,
// three rounds alternating. The target: join at most 2x the local open.
//
//   node scripts/bench-team-browser.mjs [--people=2000] [--rounds=3] [--no-build] [--no-snapshot]
//
// The room gets its sealed whole-map snapshot, as sharing from the app makes one (--no-snapshot:
// values only, the per-value join).
//
// Builds the test build (`vite build --mode e2e`, which exposes window.__influenceMap) into
// bench/dist/team-app and the Node bundle of src/sync into bench/dist/team-node, starts the real
// team server (server/src/main.js, 127.0.0.1, a free port, temporary data directory) serving
// that build, and fills a room from Node with the app's own sealing. "Map drawn" is the main
// bench's signal (scripts/bench.mjs): the view fitted and the cards or level-of-detail marks
// painted. Each round uses fresh browser contexts (nothing cached in IndexedDB).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { build } from 'vite';
import { chromiumPath, CHROMIUM_ARGS } from './chromium-path.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const PEOPLE = Number(args.get('people') ?? 2000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const APP_DIR = resolve(ROOT, 'bench/dist/team-app');
const fmt = (n, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (m) => console.log(`[bench:team-browser] ${m}`);

if (!args.has('no-build')) {
  log('building the test build …');
  const r = spawnSync('npx', ['vite', 'build', '--mode', 'e2e', '--outDir', APP_DIR, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
await build({
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  build: { ssr: resolve(ROOT, 'bench/lib/team-entry.ts'), outDir: resolve(ROOT, 'bench/dist/team-node'), emptyOutDir: true, target: 'node20', rollupOptions: { output: { entryFileNames: 'team-node.mjs' } } },
});
const lib = await import(pathToFileURL(resolve(ROOT, 'bench/dist/team-node/team-node.mjs')).href);

const dataDir = mkdtempSync(join(tmpdir(), 'im-bench-team-browser-'));
const server = spawn(process.execPath, ['server/src/main.js'], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: APP_DIR, THROTTLE_PER_MINUTE: '0', QUIET: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((ok, fail) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = out.match(/team server at (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) ok(m[1]);
  });
  server.once('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
});

let browser = null;
let owner = null;
try {
  // The room, filled from Node with the app's sealing; its owner stays connected (loaded room).
  const doc = lib.generateOrganisation(PEOPLE, 7);
  const { roomId, editSecret, ownerSecret } = lib.newRoom();
  const keys = await lib.deriveRoomKeys(roomId, editSecret, 'edit');
  const ydoc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace('http', 'ws')}/collab`, WebSocketPolyfill: WebSocket });
  let synced;
  const ready = new Promise((ok) => (synced = ok));
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: roomId, document: ydoc, token: await lib.creationToken(keys, ownerSecret), onSynced: () => synced() });
  owner = { provider, socket };
  provider.attach();
  await ready;
  log(`sealing ${fmt(Object.keys(doc.stakeholders).length)} people and ${fmt(Object.keys(doc.ties).length)} ties into the room …`);
  await lib.applyPlan(ydoc, { room: roomId, key: keys.sealKey }, lib.planChanges(null, doc), 'bench');
  // As the app does when sharing: the whole map sealed once more as the room's snapshot (if this build has one).
  if (lib.writeSnapshot && !args.has('no-snapshot')) await lib.writeSnapshot(ydoc, { room: roomId, key: keys.sealKey }, doc, 'bench');
  while (provider.hasUnsyncedChanges) await new Promise((r) => setTimeout(r, 50));

  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  /* global window, document, requestAnimationFrame */
  const instruments = () => {
    window.__drawnAt = null;
    const drawn = () => {
      const viewport = document.querySelector('.react-flow__viewport');
      const scale = viewport && /scale\(([\d.e-]+)\)/.exec(viewport.style.transform)?.[1];
      if (!scale || Number(scale) === 1) return false;
      if (document.querySelector('.react-flow__edge')) return true;
      const lod = document.querySelector('canvas.lod-layer[data-lod-marks]');
      return !!lod && lod.dataset.lodMarks !== '0';
    };
    const poll = () => (drawn() ? requestAnimationFrame(() => (window.__drawnAt = performance.now())) : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  };
  const context = async () => {
    const c = await browser.newContext({ viewport: { width: 1400, height: 860 }, serviceWorkers: 'block' });
    await c.addInitScript(instruments);
    await c.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (route) => (/^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
    return c;
  };
  const drawnAt = async (page) => (await page.waitForFunction(() => window.__drawnAt, null, { timeout: 600_000, polling: 100 })).jsonValue();

  const opens = [];
  const joins = [];
  for (let round = 0; round < ROUNDS; round++) {
    const local = await context();
    const seed = await local.newPage();
    await seed.goto(url);
    await seed.waitForFunction(() => !!window.__influenceMap);
    await seed.evaluate(async (d) => void (await window.__influenceMap.workspace.repository.createMap(d)), doc);
    await seed.close();
    const page = await local.newPage();
    await page.goto(`${url}/#/map/${encodeURIComponent(doc.map.id)}`);
    opens.push(await drawnAt(page));
    await local.close();

    const member = await context();
    const joiner = await member.newPage();
    await joiner.goto(`${url}/#/join/${roomId}/e.${editSecret}`);
    joins.push(await drawnAt(joiner));
    const people = await joiner.evaluate(() => Object.keys(window.__influenceMap.store.getState().doc?.stakeholders ?? {}).length);
    const via = await joiner.evaluate(() => window.__influenceMap.team?.().lastJoin?.snapshot.kind ?? 'no snapshot in this build');
    if (people !== Object.keys(doc.stakeholders).length) throw new Error(`the joined map has ${people} people`);
    await member.close();
    log(`round ${round + 1}: local open ${fmt(opens.at(-1))} ms, join ${fmt(joins.at(-1))} ms (snapshot: ${via})`);
  }
  const rows = [
    ['Open the map locally (navigation -> map drawn)', `${fmt(median(opens))} ms`, `median of ${ROUNDS}: ${opens.map((x) => fmt(x)).join(', ')} ms`],
    ['Join by link (link opened -> map drawn)', `${fmt(median(joins))} ms`, `median of ${ROUNDS}: ${joins.map((x) => fmt(x)).join(', ')} ms`],
    ['Join / local open', `${fmt(median(joins) / median(opens), 1)}x`, 'target at most 2x'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nTeam maps in Chromium, ${fmt(PEOPLE)} people, against the real server on 127.0.0.1\n`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
} finally {
  await browser?.close();
  owner?.provider.destroy();
  owner?.socket.destroy();
  await new Promise((ok) => {
    if (server.exitCode !== null) return ok();
    server.once('exit', ok);
    server.kill('SIGTERM');
  });
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
