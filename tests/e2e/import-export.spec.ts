import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { generateOrganisation } from '../../src/analysis/generate';
import { NODE_HEIGHT, nodeWidth } from '../../src/domain/defaults';
import { createMapDocument, createStakeholder, createTie } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';
import { exportMapJson } from '../../src/io/map-file';
import { PALETTE } from '../../src/io/palette';
import { expect, test } from './fixtures';

const FIXTURES = 'tests/fixtures/e2e';

interface StoredDoc {
  map: { id: string; name: string };
  stakeholders: Record<string, { id: string; name: string; title: string; x: number; y: number }>;
  ties: Record<string, { source: string; target: string; kind: string; strength: number; mutual: boolean }>;
}

async function openDoc(page: Page): Promise<StoredDoc> {
  return page.evaluate(() => (window as unknown as { __influenceMap: { store: { getState(): { doc: unknown } } } }).__influenceMap.store.getState().doc as never);
}

async function storedMaps(page: Page): Promise<{ id: string; name: string; people: number; ties: number }[]> {
  return page.evaluate(() => (window as unknown as { __influenceMap: { workspace: { repo: { listMaps(): Promise<never> } } } }).__influenceMap.workspace.repo.listMaps());
}

async function loadStored(page: Page, id: string): Promise<StoredDoc | null> {
  return page.evaluate(async (mapId) => {
    const loaded = await (window as unknown as { __influenceMap: { workspace: { repo: { loadMap(id: string): Promise<{ doc: unknown } | null> } } } }).__influenceMap.workspace.repo.loadMap(mapId);
    return (loaded?.doc ?? null) as never;
  }, id);
}

/** Picks a file in the app's hidden import input (what the Import button opens). */
async function importFile(page: Page, name: string, buffer: Buffer, mimeType = 'application/octet-stream') {
  await page.getByLabel('Import file').setInputFiles({ name, mimeType, buffer });
}

function sentences(doc: StoredDoc): string[] {
  const name = (id: string) => doc.stakeholders[id]?.name;
  return Object.values(doc.ties)
    .map((t) => `${name(t.source)} ${t.kind} ${name(t.target)} ${t.strength} ${t.mutual}`)
    .sort();
}

/** A small map with every tie kind, people spread out so ties are long. */
function tiedMap(): MapDocument {
  const doc = createMapDocument('Atlas & <Partners>', 1);
  const people = [
    createStakeholder({ name: 'Priya Shah', title: 'CFO', department: 'Finance', influence: 5, stance: 'champion', seniority: 0, x: 0, y: 0, notes: 'secret note' }),
    createStakeholder({ name: 'Tom Berg', title: 'Controller', department: 'Finance', influence: 3, stance: 'sceptic', seniority: 2, x: 600, y: 0 }),
    createStakeholder({ name: 'Lena Ortiz', title: 'Analyst', department: 'Sales', influence: 2, stance: 'neutral', seniority: 3, x: 0, y: 420 }),
    createStakeholder({ name: 'Omar Haddad', title: 'Sales lead', department: 'Sales', influence: 4, stance: 'blocker', seniority: 1, x: 600, y: 420 }),
  ];
  for (const p of people) doc.stakeholders[p.id] = p;
  const [priya, tom, lena, omar] = people;
  for (const t of [
    createTie(priya.id, tom.id, 'influence', { strength: 3 }),
    createTie(lena.id, priya.id, 'reports-to'),
    createTie(omar.id, tom.id, 'tension', { mutual: true }),
    createTie(lena.id, omar.id, 'trust', { strength: 2, mutual: true }),
  ]) {
    doc.ties[t.id] = t;
  }
  return doc;
}

/** Minimal PNG decoder (8-bit RGBA or RGB, non-interlaced), enough for the app's exports. */
function decodePng(bytes: Buffer): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number, number] } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 6;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colourType = data[9];
      expect(data[12]).toBe(0);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? out[(y - 1) * stride + i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = v & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const i = Math.round(y) * stride + Math.round(x) * channels;
      return [out[i], out[i + 1], out[i + 2], channels === 4 ? out[i + 3] : 255];
    },
  };
}

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

async function exportPng(page: Page, options: { density?: string; background?: string } = {}) {
  await page.getByRole('button', { name: /^Export/ }).first().click();
  await page.getByRole('menuitem', { name: 'PNG image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export PNG image' });
  await expect(dialog).toBeVisible();
  await dialog.getByText(options.density ?? '1x', { exact: true }).click();
  await dialog.getByText(options.background ?? 'White', { exact: true }).click();
  const download = page.waitForEvent('download');
  const started = Date.now();
  await dialog.getByRole('button', { name: 'Export PNG' }).click();
  const file = await download;
  const ms = Date.now() - started;
  await expect(dialog).toBeHidden();
  return { file, ms, bytes: readFileSync((await file.path())!) };
}

async function importAndConfirm(page: Page, name: string, buffer: Buffer, mimeType?: string) {
  await importFile(page, name, buffer, mimeType);
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
}

test('PNG export draws every person and the ties, and re-imports as an equal new map', async ({ page }) => {
  await page.goto('/');
  const original = tiedMap();
  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(original)), 'application/json');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const first = await openDoc(page);

  const { file, bytes } = await exportPng(page);
  expect(file.suggestedFilename()).toBe('Atlas & Partners .png'.replace('  ', ' ').replace(' .png', '.png'));
  const png = decodePng(bytes);

  // Project map coordinates into the image exactly as svg-render.ts lays it out (1x).
  const people = Object.values(first.stakeholders);
  const full = people.map((p) => ({ ...p, w: nodeWidth((original.stakeholders[p.id] ?? { influence: 3 }).influence) }));
  const minX = Math.min(...full.map((p) => p.x));
  const minY = Math.min(...full.map((p) => p.y));
  const contentW = Math.max(...full.map((p) => p.x + p.w)) - minX;
  const width = Math.ceil(Math.max(contentW + 80, 720));
  expect(png.width).toBe(width);
  const ox = (width - contentW) / 2 - minX;
  const oy = 64 + 40 - minY;
  const white = (c: number[]) => c[0] > 245 && c[1] > 245 && c[2] > 245;
  for (const p of full) {
    let ink = 0;
    for (let dx = 4; dx < p.w - 4; dx += 3) for (let dy = 4; dy < NODE_HEIGHT - 4; dy += 3) if (!white(png.pixel(p.x + ox + dx, p.y + oy + dy))) ink++;
    expect(ink, `ink on ${p.name}'s card`).toBeGreaterThan(40);
  }
  // The influence tie (Priya -> Tom) runs along the row between the two cards: its colour is there.
  const priya = full.find((p) => p.name === 'Priya Shah')!;
  const tom = full.find((p) => p.name === 'Tom Berg')!;
  const [r, g, b] = hex(PALETTE.light.tie.influence);
  let edge = 0;
  const y = priya.y + NODE_HEIGHT / 2 + oy;
  for (let x = priya.x + priya.w + ox + 10; x < tom.x + ox - 10; x++) {
    for (let dy = -4; dy <= 4; dy++) {
      const c = png.pixel(x, y + dy);
      if (Math.abs(c[0] - r) < 40 && Math.abs(c[1] - g) < 40 && Math.abs(c[2] - b) < 40) {
        edge++;
        break;
      }
    }
  }
  expect(edge, 'influence-coloured pixels between Priya and Tom').toBeGreaterThan(100);

  // Re-import the image: a second map, equal to the first, named so the two can be told apart.
  await importAndConfirm(page, 'atlas.png', bytes, 'image/png');
  await expect.poll(async () => (await storedMaps(page)).length).toBe(2);
  const second = await openDoc(page);
  expect(second.map.id).not.toBe(first.map.id);
  expect(second.map.name).toBe(`${first.map.name} (2)`);
  expect(Object.values(second.stakeholders).map((s) => s.name).sort()).toEqual(people.map((p) => p.name).sort());
  expect(sentences(second)).toEqual(sentences(first));
});

test('a redacted PNG holds initials only: the embedded map has no names or notes', async ({ page }) => {
  await page.goto('/');
  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  await page.getByRole('button', { name: /^Export/ }).first().click();
  await page.getByRole('menuitem', { name: 'PNG image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export PNG image' });
  await dialog.getByRole('checkbox', { name: /Redacted/ }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toContain('(redacted).png');
  const text = readFileSync((await file.path())!).toString('latin1');
  expect(text).toContain('influence-map');
  for (const secret of ['Priya', 'Shah', 'secret note', 'Berg']) expect(text).not.toContain(secret);
});

test('org chart from CSV: guessed columns, a preview, then a new map with reports-to ties laid out top-down', async ({ page }) => {
  await page.goto('/');
  await importFile(page, 'Engineering org.csv', readFileSync(`${FIXTURES}/org-chart.csv`), 'text/csv');
  const dialog = page.getByRole('dialog', { name: 'Import org chart' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('Full name');
  await expect(dialog.getByLabel('Title')).toHaveValue('Job title');
  await expect(dialog.getByLabel('Department')).toHaveValue('Dept');
  await expect(dialog.getByLabel('Manager')).toHaveValue('Reports to');
  await expect(dialog.getByRole('table', { name: 'Preview' })).toContainText('Ada Lovelace');
  await expect(dialog).toContainText('Import 9 people and 8 reports-to ties, skip 1 row with problems?');
  await expect(dialog).toContainText('Row 11: no name');

  // Counts follow the mapping live.
  await dialog.getByLabel('Manager').selectOption('');
  await expect(dialog).toContainText('Import 9 people, skip 1 row with problems?');
  await dialog.getByLabel('Manager').selectOption('Reports to');
  await expect(dialog).toContainText('8 reports-to ties');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Map name')).toHaveValue('Engineering org');
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  const doc = await openDoc(page);
  const byName = Object.fromEntries(Object.values(doc.stakeholders).map((s) => [s.name, s]));
  const reports = Object.values(doc.ties).filter((t) => t.kind === 'reports-to');
  expect(reports).toHaveLength(8);
  for (const t of reports) expect(doc.stakeholders[t.target].y, 'manager above report').toBeLessThan(doc.stakeholders[t.source].y);
  expect(byName['Ada Lovelace'].y).toBeLessThan(byName['Grace Hopper'].y);
  expect(byName['Grace Hopper'].y).toBe(byName['Barbara Liskov'].y);
  expect((await storedMaps(page)).length).toBe(1);
});

test('a large org chart (built, sent and stored by the import worker) is a new map, stored whole, analysed, and the open map is left untouched', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  const first = await openDoc(page);
  const rows = 1500; // over LARGE_ORG_ROWS: the worker's path
  const lines = ['Employee ID,Name,Job Title,Department,Manager ID'];
  for (let i = 0; i < rows; i++) lines.push(`E${i},Person ${i},Role ${i},${['Sales', 'Finance'][i % 2]},${i ? `E${Math.floor((i - 1) / 4)}` : ''}`);
  await importFile(page, 'company.csv', Buffer.from(lines.join('\n')), 'text/csv');
  const dialog = page.getByRole('dialog', { name: 'Import org chart' });
  await expect(dialog).toContainText('Import 1,500 people and 1,499 reports-to ties', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByLabel('Map name')).toHaveValue('company', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Imported “company” as a new map.' })).toBeVisible({ timeout: 60_000 });
  const second = await openDoc(page);
  expect(second.map.id).not.toBe(first.map.id);
  expect(Object.keys(second.stakeholders)).toHaveLength(rows);
  expect(await loadStored(page, second.map.id)).toEqual(second);
  expect(await loadStored(page, first.map.id)).toEqual(first);
  // The analysis runs on the input the worker made for the map.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __influenceMap: { store: { getState(): { analysisState: string; analysis: { people: unknown[] } | null } } } }).__influenceMap.store.getState().analysis?.people.length), { timeout: 60_000 }).toBe(rows);
});

test('JSON export and import make a second map and leave the first untouched', async ({ page }) => {
  await page.goto('/');
  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  const first = await openDoc(page);
  await page.getByRole('button', { name: /^Export/ }).first().click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(JSON.parse(text).type).toBe('influence-map');

  await importFile(page, file.suggestedFilename(), Buffer.from(text), 'application/json');
  const dialog = page.getByRole('dialog', { name: /^Import/ });
  await expect(dialog).toContainText('Import 4 people and 4 ties?');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(async () => (await storedMaps(page)).length).toBe(2);
  const second = await openDoc(page);
  expect(second.map.id).not.toBe(first.map.id);
  expect(sentences(second)).toEqual(sentences(first));
  const stored = await loadStored(page, first.map.id);
  expect(stored).toEqual(first);
});

test('a malformed or wrong file shows a clear error and creates nothing', async ({ page }) => {
  await page.goto('/');
  await importFile(page, 'broken.json', readFileSync(`${FIXTURES}/broken.json`), 'application/json');
  let dialog = page.getByRole('dialog', { name: 'Could not import' });
  await expect(dialog.getByRole('alert')).toContainText('"broken.json"');
  await expect(dialog.getByRole('alert')).toContainText('not valid JSON');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();

  await importFile(page, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'image/png');
  dialog = page.getByRole('dialog', { name: 'Could not import' });
  await expect(dialog.getByRole('alert')).toContainText('no map in it');
  await dialog.getByRole('button', { name: 'OK' }).click();

  await importFile(page, 'empty.csv', Buffer.from(''), 'text/csv');
  await expect(page.getByRole('dialog', { name: 'Could not import' }).getByRole('alert')).toContainText('is empty');
  await page.getByRole('dialog', { name: 'Could not import' }).getByRole('button', { name: 'OK' }).click();
  expect(await storedMaps(page)).toEqual([]);
});

test('Cancel in the import dialog writes nothing; a backup restores every map as new maps', async ({ page }) => {
  await page.goto('/');
  await importFile(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  await page.getByRole('dialog', { name: /^Import/ }).getByRole('button', { name: 'Cancel' }).click();
  expect(await storedMaps(page)).toEqual([]);

  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  await page.getByRole('button', { name: /^Export/ }).first().click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Back up all maps' }).click();
  const backup = readFileSync((await (await download).path())!);
  expect(JSON.parse(backup.toString('utf8')).type).toBe('influence-map-backup');
  await importFile(page, 'backup.json', backup, 'application/json');
  const dialog = page.getByRole('dialog', { name: 'Restore backup' });
  await expect(dialog).toContainText('Import 4 people and 4 ties?');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect.poll(async () => (await storedMaps(page)).length).toBe(2);
});

test('ties CSV is added to the open map as one undoable change', async ({ page }) => {
  await page.goto('/');
  await importFile(page, 'Engineering org.csv', readFileSync(`${FIXTURES}/org-chart.csv`), 'text/csv');
  await page.getByRole('dialog', { name: 'Import org chart' }).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  const before = Object.keys((await openDoc(page)).ties).length;
  const ties = 'from,to,kind,strength\nAlan Turing,Ada Lovelace,influence,3\nDonald Knuth,Alan Turing,trust,2\nNobody,Ada Lovelace,influence,1\n';
  await page.getByRole('button', { name: /^Arrange/ }).click();
  await page.getByRole('menuitem', { name: 'Add ties from CSV…' }).click();
  await page.getByLabel('Ties CSV file').setInputFiles({ name: 'ties.csv', mimeType: 'text/csv', buffer: Buffer.from(ties) });
  const dialog = page.getByRole('dialog', { name: 'Add ties from CSV' });
  await expect(dialog).toContainText('Add 2 ties, skip 1 row with problems?');
  await expect(dialog).toContainText('Row 4');
  await dialog.getByRole('button', { name: 'Add ties' }).click();
  await expect.poll(async () => Object.keys((await openDoc(page)).ties).length).toBe(before + 2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => Object.keys((await openDoc(page)).ties).length).toBe(before);
});

test('Arrange: org chart, network and tidy selection each move cards in one undo step', async ({ page }) => {
  await page.goto('/');
  await importAndConfirm(page, 'atlas.json', Buffer.from(exportMapJson(tiedMap())), 'application/json');
  const start = await openDoc(page);
  const where = (doc: StoredDoc) => Object.fromEntries(Object.values(doc.stakeholders).map((s) => [s.name, { x: s.x, y: s.y }]));

  await page.getByRole('button', { name: /^Arrange/ }).click();
  await page.getByRole('menuitem', { name: 'Network' }).click();
  await expect.poll(async () => JSON.stringify(where(await openDoc(page)))).not.toBe(JSON.stringify(where(start)));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => where(await openDoc(page))).toEqual(where(start));

  await page.getByRole('button', { name: /^Arrange/ }).click();
  await page.getByRole('menuitem', { name: 'Org chart' }).click();
  await expect.poll(async () => {
    const w = where(await openDoc(page));
    return w['Priya Shah'].y < w['Lena Ortiz'].y && JSON.stringify(w) !== JSON.stringify(where(start));
  }).toBe(true);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => where(await openDoc(page))).toEqual(where(start));

  await page.evaluate(() => {
    const app = (window as unknown as { __influenceMap: { store: { getState(): { selectAll(): void } } } }).__influenceMap;
    app.store.getState().selectAll();
  });
  await page.getByRole('button', { name: /^Arrange/ }).click();
  await page.getByRole('menuitem', { name: 'Tidy selection' }).click();
  await expect.poll(async () => new Set(Object.values(where(await openDoc(page))).map((p) => p.y)).size).toBe(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => where(await openDoc(page))).toEqual(where(start));
});

for (const size of [500, 2000]) {
  test(`PNG export of ${size} people covers the whole map (under 3 s with PERF=1)`, async ({ page }) => {
    // 2,000 people (about 10,000 ties): drawn on canvases by two workers, 2.1-3 s click-to-download
    // here with --trace off; Playwright's trace (DOM snapshots around every action) adds 0.5-1.5 s
    // on a loaded 2-core machine. Measured on demand with PERF=1.
    test.skip(size > 500 && !process.env.PERF, 'timing test: run with PERF=1 on a quiet machine');
    test.setTimeout(120_000);
    await page.goto('/');
    const doc = generateOrganisation(size, 7);
    await importAndConfirm(page, `org ${size}.json`, Buffer.from(exportMapJson(doc)), 'application/json');
    await expect(page.getByLabel('Map name')).not.toHaveValue('');
    const { ms, bytes } = await exportPng(page, { density: '2x' });
    const png = decodePng(bytes);
    console.log(`PNG export, ${size} people: ${ms} ms, ${png.width} x ${png.height} px, ${(bytes.length / 1e6).toFixed(1)} MB`);
    expect(png.width).toBeGreaterThan(500);
    // Timing only on demand: a loaded 2-core machine is no place to assert seconds.
    if (process.env.PERF) expect(ms).toBeLessThan(3000);
  });
}

test('Arrange > Org chart of 1,000 people finishes in under 2 s', async ({ page }) => {
  // ELK itself takes about 0.7-1 s for this chart (tests/unit/layout); the layout worker loads and
  // warms ELK as soon as a 300+ person org opens. Click-to-first-frame 0.9-1.0 s here with
  // --trace off, 2-2.8 s with the trace's DOM snapshots. Measured on demand with PERF=1.
  test.skip(!process.env.PERF, 'timing test: run with PERF=1 on a quiet machine');
  test.setTimeout(120_000);
  await page.goto('/');
  const doc = createMapDocument('Big org', 1);
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const s = createStakeholder({ name: `Person ${i}`, x: (i % 40) * 200, y: Math.floor(i / 40) * 120 });
    doc.stakeholders[s.id] = s;
    ids.push(s.id);
    if (i > 0) {
      const t = createTie(s.id, ids[Math.floor((i - 1) / 6)], 'reports-to');
      doc.ties[t.id] = t;
    }
  }
  await importAndConfirm(page, 'big org.json', Buffer.from(exportMapJson(doc)), 'application/json');
  await page.evaluate(() => {
    const w = window as unknown as { __influenceMap: { store: { getState(): { doc: unknown; drag: unknown }; subscribe(fn: (s: { doc: unknown; drag: unknown }) => void): void } }; __arrange: { start: number; moving?: number; done?: number } };
    const store = w.__influenceMap.store;
    const before = store.getState().doc;
    w.__arrange = { start: 0 };
    store.subscribe((s) => {
      if (s.drag && w.__arrange.moving === undefined) w.__arrange.moving = performance.now();
      if (s.doc !== before && w.__arrange.done === undefined) w.__arrange.done = performance.now();
    });
  });
  await page.getByRole('button', { name: /^Arrange/ }).click();
  await page.evaluate(() => {
    const w = window as unknown as { __arrange: { start: number } };
    document.querySelector<HTMLElement>('[role="menuitem"]')!.addEventListener('click', () => (w.__arrange.start = performance.now()), { capture: true });
  });
  await page.getByRole('menuitem', { name: 'Org chart' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __arrange: { done?: number } }).__arrange.done !== undefined)).toBe(true);
  const t = await page.evaluate(() => (window as unknown as { __arrange: { start: number; moving?: number; done: number } }).__arrange);
  const layoutMs = Math.round((t.moving ?? t.done) - t.start);
  const ms = Math.round(t.done - t.start);
  console.log(`Arrange > Org chart, 1,000 people: layout ${layoutMs} ms (click to first animation frame), ${ms} ms to committed positions`);
  expect(layoutMs).toBeLessThan(2000);
  expect(ms).toBeLessThan(3000);
});
