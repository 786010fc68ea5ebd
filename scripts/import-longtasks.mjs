/* global window, document */
// Times a 50,000-row HR CSV import the way a user does it and records every main-thread task
// over 50 ms (Long Tasks API), from the file chosen until the map is stored.
//
//   node scripts/import-longtasks.mjs --dir=dist-e2e [--rows=50000] [--port=4508] [--profile=out.cpuprofile] [--trace=out.json] [--gexf]
//
// Serves the given test build (vite build --mode e2e) with `vite preview` on 127.0.0.1, drives
// Debian's Chromium with playwright-core and prints JSON: read (file chosen -> Import dialog),
// open (Import -> map drawn), stored (Import -> saved), and the long tasks. With --profile, the
// page's main thread is also sampled (CDP Profiler) from the file chosen until the map is stored,
// and the profile written for Chromium's DevTools or a script to read; with --trace, a Chromium
// trace of the same stretch (layout, paint, garbage collection and IPC too, which a CPU profile
// shows as idle), for DevTools' Performance panel or a script to read. With --gexf the file is a
// GEXF as NetworkX writes it instead (the same company, positions, five ties per person: about
// 56 MB at 50,000 people), written to a temporary folder and removed afterwards.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium-path.mjs';
import { importFigures, importFinished, watchImport } from './import-timing.mjs';
import { servePreview } from './preview-server.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

/** An HR export: Employee ID, Name, Job Title, Department, Manager ID (spans of control 3-8). */
export function hrCsv(rows, seed = 7) {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const departments = ['Sales', 'Engineering', 'Finance', 'Marketing', 'People', 'Operations'];
  const manager = new Int32Array(rows).fill(-1);
  const dept = new Array(rows).fill('Executive');
  let next = 1;
  for (let m = 0; m < rows && next < rows; m++) {
    const span = m === 0 ? 6 : 3 + Math.floor(random() * 6);
    for (let k = 0; k < span && next < rows; k++, next++) {
      manager[next] = m;
      dept[next] = m === 0 ? departments[k] : dept[m];
    }
  }
  const lines = ['Employee ID,Name,Job Title,Department,Manager ID'];
  for (let i = 0; i < rows; i++) lines.push(`E${100000 + i},Person ${i},${i === 0 ? 'Chief Executive' : `${dept[i]} role`},${dept[i]},${manager[i] >= 0 ? `E${100000 + manager[i]}` : ''}`);
  return `${lines.join('\n')}\n`;
}

const xmlText = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * The same company as a GEXF as NetworkX's write_gexf writes it: title and department attributes,
 * viz:position (laid out on a grid, Gephi's y up), the reporting lines as "reports-to" edges and
 * trust edges up to five ties per person (about 56 MB at 50,000 people).
 */
export function companyGexf(people, seed = 7) {
  const rows = hrCsv(people, seed).trim().split('\n').slice(1).map((line) => line.split(','));
  const index = new Map(rows.map((r, i) => [r[0], i]));
  const out = [
    "<?xml version='1.0' encoding='utf-8'?>",
    '<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
    '  <meta lastmodifieddate="2026-01-01">',
    '    <creator>NetworkX 2.8.8</creator>',
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static" name="">',
    '    <attributes mode="static" class="edge">',
    '      <attribute id="2" title="kind" type="string" />',
    '    </attributes>',
    '    <attributes mode="static" class="node">',
    '      <attribute id="0" title="title" type="string" />',
    '      <attribute id="1" title="department" type="string" />',
    '      <attribute id="3" title="seniority" type="string" />',
    '      <attribute id="4" title="influence" type="long" />',
    '    </attributes>',
    '    <nodes>',
  ];
  const manages = new Set(rows.map((r) => r[4]));
  rows.forEach(([id, name, title, department], i) => {
    const level = i === 0 ? 'Executive' : manages.has(id) ? 'Manager' : 'Individual contributor';
    out.push(`      <node id="${xmlText(id)}" label="${xmlText(name)}">`);
    out.push(`        <viz:position x="${((i % 250) * 260 + 75).toFixed(1)}" y="${(-(Math.floor(i / 250) * 140 + 38)).toFixed(1)}" z="0.0" />`);
    out.push('        <attvalues>', `          <attvalue for="0" value="${xmlText(title)}" />`, `          <attvalue for="1" value="${xmlText(department)}" />`, `          <attvalue for="3" value="${level}" />`, `          <attvalue for="4" value="${1 + (i % 5)}" />`, '        </attvalues>', '      </node>');
  });
  out.push('    </nodes>', '    <edges>');
  let edge = 0;
  const push = (source, target, kind) => {
    out.push(`      <edge source="${source}" target="${target}" id="${edge++}">`, '        <attvalues>', `          <attvalue for="2" value="${kind}" />`, '        </attvalues>', '      </edge>');
  };
  rows.forEach(([id, , , , manager]) => manager && index.has(manager) && push(id, manager, 'reports-to'));
  // Each round over the people gives everyone a different partner (a fixed step per round), so
  // the ties are distinct: the same step in every round repeated the first round's ties, and the
  // importer left out 150,000 of 250,000 as repeats.
  for (let i = 0; edge < people * 5; i++) {
    const a = i % people;
    const b = trustPartner(i, people);
    push(rows[a][0], rows[b][0], 'trust');
  }
  out.push('    </edges>', '  </graph>', '</gexf>');
  return `${out.join('\n')}\n`;
}

/** Someone other than person `i % people`, different in each round over the people. */
export function trustPartner(i, people) {
  const a = i % people;
  const round = Math.floor(i / people);
  return (a + 1 + ((a * 7919 + round * 104729 + 13) % (people - 1))) % people;
}

export async function measureImport(url, file, rows, { headless = true, profile = null, trace = null } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => !!window.__influenceMap && !!document.querySelector('input[aria-label="Import file"]'), null, { timeout: 60_000 });
    await page.evaluate(watchImport, rows);
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    if (trace) await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel'] });
    await page.locator('input[aria-label="Import file"]').setInputFiles(file);
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click({ timeout: 600_000 });
    try {
      await page.waitForFunction(importFinished, null, { timeout: Number(arg('timeout', '900000')), polling: 200 });
    } catch (error) {
      console.error('import did not finish:', JSON.stringify(await page.evaluate(() => ({ times: window.__importTimes, status: document.querySelector('[role="status"]')?.textContent, save: window.__influenceMap.store.getState().save, people: Object.keys(window.__influenceMap.store.getState().doc?.stakeholders ?? {}).length }))));
      throw error;
    }
    const times = await page.evaluate(() => window.__importTimes);
    if (trace) await browser.stopTracing();
    if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= times.chosen && t.start <= times.saved);
    return { rows, ...importFigures(times), longTasksOver100: tasks.filter((t) => t.ms > 100).length, longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.ms), 0), tasks };
  } finally {
    await browser.close();
  }
}

async function main() {
  const dir = arg('dir', 'dist-e2e');
  const rows = Number(arg('rows', '50000'));
  const port = Number(arg('port', '4508'));
  const tmp = mkdtempSync(join(tmpdir(), 'import-longtasks-'));
  const gexf = process.argv.includes('--gexf');
  const file = join(tmp, gexf ? `company-${rows}.gexf` : `hr-${rows}.csv`);
  writeFileSync(file, gexf ? companyGexf(rows) : hrCsv(rows));
  console.error(`${file}: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
  const server = servePreview(dir, port);
  try {
    await server.ready();
    const result = await measureImport(`${server.url}/`, file, rows, { profile: arg('profile', null), trace: arg('trace', null) });
    console.log(JSON.stringify({ ...result, tasks: result.tasks.filter((t) => t.ms > 100) }, null, 1));
  } finally {
    server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
