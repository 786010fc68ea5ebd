// Where the main thread's long tasks go on a large map: CPU profiles (Chrome DevTools Protocol)
// of opening a stored map, crossing the level-of-detail zoom both ways and dragging a person.
//
//   npx vite build --mode e2e --minify false --outDir /tmp/profile-dist   (readable names)
//   node scripts/bench.mjs --sizes=200 --smoke   (once: builds bench/dist/node, the generator)
//   node scripts/profile-canvas.mjs --dist=/tmp/profile-dist --size=20000 [--port=4420] [--phases=open,lod,drag,analysis]
//
// For each busy stretch over 50 ms (consecutive non-idle samples) it prints the functions with
// the most time under them (inclusive) and by themselves (self), so a long task can be read as
// "1.2 s, of which 800 ms in mapNodes". A measuring tool, not a test; nothing is asserted.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium-path.mjs';
import { servePreview } from './preview-server.mjs';

/* global window, document */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const DIST = arg('dist', '/tmp/profile-dist');
const SIZE = Number(arg('size', '20000'));
const PORT = Number(arg('port', '4420'));
const PHASES = arg('phases', 'open,lod,drag').split(',');
const TOP = Number(arg('top', '14'));

const { generateOrganisation } = await import(pathToFileURL(resolve(ROOT, 'bench/dist/node/bench-node.mjs')).href);

/** Busy stretches of the profile and, for each over 50 ms, where the time went. */
function analyse(profile, label) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const idle = (n) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName) && n.callFrame.functionName !== '(garbage collector)';
  const { samples, timeDeltas } = profile;
  const stretches = [];
  let cur = null;
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(samples[i]);
    if (idle(node)) {
      if (cur) stretches.push(cur);
      cur = null;
      continue;
    }
    if (!cur) cur = { start: (t - profile.startTime) / 1000, ms: 0, self: new Map(), total: new Map() };
    cur.ms += dt;
    const selfName = name(node);
    cur.self.set(selfName, (cur.self.get(selfName) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const nm = name(byId.get(id));
      if (seen.has(nm)) continue;
      seen.add(nm);
      cur.total.set(nm, (cur.total.get(nm) ?? 0) + dt);
    }
  }
  if (cur) stretches.push(cur);
  // Where the time between tasks went: main-thread busy time per 500 ms of the profile.
  const buckets = [];
  for (const st of stretches) buckets[Math.floor(st.start / 500)] = (buckets[Math.floor(st.start / 500)] ?? 0) + st.ms;
  console.log(`\n${label}: main thread busy ${stretches.reduce((a, st) => a + st.ms, 0).toFixed(0)} ms of ${((t - profile.startTime) / 1000).toFixed(0)} ms; per 500 ms: ${[...buckets].map((b) => (b ?? 0).toFixed(0)).join(' ')}`);
  const long = stretches.filter((s) => s.ms > 50);
  console.log(`\n=== ${label}: ${long.length} busy stretches over 50 ms, ${long.map((s) => s.ms.toFixed(0)).join(', ')} ms`);
  for (const s of long.filter((x) => x.ms > 100)) {
    console.log(`\n--- at ${s.start.toFixed(0)} ms: ${s.ms.toFixed(0)} ms`);
    const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, v]) => `   ${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n');
    console.log(`  inclusive:\n${top(new Map([...s.total].filter(([k]) => !k.startsWith('(root)'))))}`);
    console.log(`  self:\n${top(s.self)}`);
  }
}

async function profiled(cdp, label, run) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.PROFILE_OUT) (await import('node:fs')).writeFileSync(`${process.env.PROFILE_OUT}-${label.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
  analyse(profile, label);
}

const transformOf = (page) => page.evaluate(() => {
  const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
});

const server = servePreview(DIST, PORT);
const { url } = server;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  await server.ready();
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
  const doc = generateOrganisation(SIZE, 7);
  const seed = await context.newPage();
  await seed.goto(url);
  await seed.waitForFunction(() => !!window.__influenceMap, null, { timeout: 60_000 });
  await seed.evaluate(async (d) => void (await window.__influenceMap.workspace.repo.createMap(d)), doc);
  await seed.close();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const cdp = await context.newCDPSession(page);
  const drawn = () => page.waitForFunction(() => Number(document.querySelector('canvas.lod-layer')?.dataset.lodMarks ?? 0) > 0, null, { timeout: 300_000, polling: 100 });
  if (PHASES.includes('open')) {
    // Opened once (caches warm, as the benchmark's seeding visit does), then profiled reopening.
    await page.goto(`${url}/#/map/${encodeURIComponent(doc.map.id)}`);
    await drawn();
    await page.waitForTimeout(1000);
    const t0 = Date.now();
    await profiled(cdp, `open ${SIZE}`, async () => {
      await page.reload();
      await drawn();
      await page.waitForTimeout(1500);
    });
    console.log(`open: reload → marks drawn ${Date.now() - t0} ms; long tasks ${JSON.stringify(await page.evaluate(() => window.__longTasks.sort((a, b) => b - a).slice(0, 10)))}`);
  } else {
    await page.goto(`${url}/#/map/${encodeURIComponent(doc.map.id)}`);
    await drawn();
  }
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  if (PHASES.includes('lod')) {
    const [, , zoom] = await transformOf(page);
    await page.evaluate(() => (window.__longTasks.length = 0));
    await profiled(cdp, `LOD switch in and out (from zoom ${zoom.toFixed(3)})`, async () => {
      await page.evaluate(() => window.__influenceMap && 0);
      // In: past LOD_ZOOM (cards), then back out (marks).
      await page.mouse.move(centre.x, centre.y);
      let steps = 0;
      while ((await transformOf(page))[2] < 0.6 && steps < 80) {
        await page.mouse.wheel(0, -100);
        await page.waitForTimeout(60);
        steps++;
      }
      await page.waitForTimeout(1500);
      console.log(`zoomed in to ${(await transformOf(page))[2].toFixed(3)} in ${steps} steps, cards ${await page.locator('.react-flow__node').count()}`);
      for (let i = 0; i < steps; i++) {
        await page.mouse.wheel(0, 100);
        await page.waitForTimeout(60);
      }
      await page.waitForTimeout(1500);
      console.log(`zoomed out to ${(await transformOf(page))[2].toFixed(3)}`);
    });
    console.log(`lod: long tasks ${JSON.stringify(await page.evaluate(() => window.__longTasks.sort((a, b) => b - a).slice(0, 10)))}`);
  }
  if (PHASES.includes('drag')) {
    const [tx, ty, zoom] = await transformOf(page);
    const person = await page.evaluate(([tx, ty, zoom, cx, cy, left, top]) => {
      let best = null;
      let d = Infinity;
      for (const p of Object.values(window.__influenceMap.store.getState().doc.stakeholders)) {
        const x = left + tx + (p.x + 40) * zoom;
        const y = top + ty + (p.y + 38) * zoom;
        const dd = (x - cx) ** 2 + (y - cy) ** 2;
        if (dd < d) { d = dd; best = { x, y }; }
      }
      return best;
    }, [tx, ty, zoom, centre.x, centre.y, pane.x, pane.y]);
    await page.evaluate(() => (window.__longTasks.length = 0));
    await profiled(cdp, 'node drag, 2 s', async () => {
      await page.mouse.move(person.x, person.y);
      await page.mouse.down();
      const t0 = Date.now();
      let i = 0;
      while (Date.now() - t0 < 2000) {
        i++;
        await page.mouse.move(person.x + 80 * Math.sin(i / 8) + i * 0.2, person.y + 48 * (1 - Math.cos(i / 8)));
      }
      await page.mouse.up();
      await page.waitForTimeout(800);
    });
    console.log(`drag: long tasks ${JSON.stringify(await page.evaluate(() => window.__longTasks.sort((a, b) => b - a).slice(0, 10)))}`);
  }
  if (PHASES.includes('analysis')) {
    // The analysis after an edit that changes the network: what the page does while the worker
    // runs and when its result lands.
    const state = () => page.evaluate(() => window.__influenceMap.store.getState().analysisState);
    await page.waitForFunction(() => window.__influenceMap.store.getState().analysisState === 'ready', null, { timeout: 900_000, polling: 200 });
    await page.waitForTimeout(1000);
    await page.evaluate(() => (window.__longTasks.length = 0));
    const t0 = Date.now();
    await profiled(cdp, 'analysis after a tie edit', async () => {
      await page.evaluate(() => {
        const { store } = window.__influenceMap;
        const ties = store.getState().doc.ties;
        let tie;
        // Not Object.values: listing 250,000 ties would be the harness's long task, not the app's.
        for (const id in ties) if ((tie = ties[id]).kind !== 'tension') break;
        store.getState().updateTie(tie.id, { strength: tie.strength === 3 ? 1 : 3 });
      });
      while ((await state()) !== 'updating' && Date.now() - t0 < 2000) await page.waitForTimeout(20);
      await page.waitForFunction(() => window.__influenceMap.store.getState().analysisState === 'ready', null, { timeout: 900_000, polling: 50 });
      console.log(`analysis: edit → ready ${Date.now() - t0} ms`);
      await page.waitForTimeout(1500);
    });
    console.log(`analysis: long tasks ${JSON.stringify(await page.evaluate(() => window.__longTasks.sort((a, b) => b - a).slice(0, 10)))}`);
  }
} finally {
  await browser.close();
  server.stop();
}
