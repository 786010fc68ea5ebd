// How big a stored map's pack (storage/packs.ts) is and how long Chromium takes to read it back:
// a generated organisation is stored through the page's repository, then its pack is read three
// times with `db.packs.get`. A measuring tool, not a test; nothing is asserted.
//
//   npx vite build --mode e2e --outDir /tmp/e2e-dist
//   node scripts/bench.mjs --sizes=200 --smoke   (once: builds bench/dist/node, the generator)
//   node scripts/measure-pack.mjs --dist=/tmp/e2e-dist --size=50000 [--port=4431]
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium-path.mjs';
import { servePreview } from './preview-server.mjs';

/* global window */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const DIST = arg('dist', '/tmp/e2e-dist');
const SIZE = Number(arg('size', '50000'));
const PORT = Number(arg('port', '4431'));
const { generateOrganisation } = await import(pathToFileURL(resolve(ROOT, 'bench/dist/node/bench-node.mjs')).href);

const server = servePreview(DIST, PORT);
const { url } = server;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  await server.ready();
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => !!window.__influenceMap, null, { timeout: 30_000 });
  const doc = generateOrganisation(SIZE, 7);
  await page.evaluate(async (d) => void (await window.__influenceMap.workspace.repo.createMap(d)), doc);
  const out = await page.evaluate(async (id) => {
    const { db } = window.__influenceMap.workspace.repo;
    const readMs = [];
    let pack;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      pack = await db.packs.get(id);
      readMs.push(Math.round(performance.now() - t));
    }
    const size = (slices) => {
      let bytes = 0;
      let chars = 0;
      for (const s of slices) for (const v of Object.values(s)) {
        if (ArrayBuffer.isView(v)) bytes += v.byteLength;
        else if (typeof v === 'string') chars += v.length;
      }
      return { arrayMB: +(bytes / 1e6).toFixed(2), textMillionChars: +(chars / 1e6).toFixed(2) };
    };
    return { format: pack.format, people: size(pack.stakeholders), ties: size(pack.ties), readMs };
  }, doc.map.id);
  console.log(JSON.stringify({ size: SIZE, ...out }));
} finally {
  await browser.close();
  server.stop();
}
