import { describe, expect, it } from 'vitest';
import { exportGexf } from '../../../src/io/gexf';
import { exportGraphml } from '../../../src/io/graphml';
import { importFile, importTiesFile } from '../../../src/io/import';
import { exportBackupJson, exportMapJson } from '../../../src/io/map-file';
import { MAP_KEYWORD, embedText } from '../../../src/io/png';
import { tinyPng } from '../helpers/png';
import { exportPeopleCsv, exportTiesCsv } from '../../../src/io/csv';
import { MAX_IMPORT_BYTES } from '../../../src/io/text';
import { carried, carriedTies, enc, sampleDoc } from './helpers';

function ok(result: ReturnType<typeof importFile>) {
  if (!result.ok) throw new Error(result.error);
  return result;
}


describe('importFile: every format, always a new map', () => {
  const doc = sampleDoc();

  it('JSON: exact, with a fresh map id', () => {
    const r = ok(importFile('plan.json', enc(exportMapJson(doc)), { now: 7 }));
    expect(r.format).toBe('json');
    expect(r.doc.map.id).not.toBe(doc.map.id);
    expect(r.doc).toEqual({ ...doc, map: { ...doc.map, id: r.doc.map.id, createdAt: 7, updatedAt: 7 } });
    expect(r.summary).toBe('5 people and 7 ties from "plan.json".');
  });

  it('backup: every map, each new', () => {
    const r = ok(importFile('backup.json', enc(exportBackupJson([doc, doc]))));
    expect(r.format).toBe('backup');
    expect(r.docs).toHaveLength(2);
    expect(r.docs[0].map.id).not.toBe(r.docs[1].map.id);
    expect(r.summary).toMatch(/^2 maps with 10 people and 14 ties/);
  });

  it('PNG with an embedded map, whatever the file is called', () => {
    const png = embedText(tinyPng(), MAP_KEYWORD, exportMapJson(doc));
    const r = ok(importFile('picture.dat', png));
    expect(r.format).toBe('png');
    expect(carried(r.doc)).toEqual(carried(doc));
  });

  it('PNG without a map, and with a damaged one', () => {
    expect(importFile('x.png', tinyPng())).toMatchObject({ ok: false, error: expect.stringMatching(/PNG image with no map in it/) });
    expect(importFile('x.png', embedText(tinyPng(), MAP_KEYWORD, '{oops'))).toMatchObject({ ok: false, error: expect.stringMatching(/map inside the image is damaged/) });
  });

  it('GraphML and GEXF by content, even with the wrong extension', () => {
    const g = ok(importFile('network.txt', enc(exportGraphml(doc))));
    expect(g.format).toBe('graphml');
    expect(carriedTies(g.doc)).toEqual(carriedTies(doc));
    const x = ok(importFile('network.xml', enc(exportGexf(doc))));
    expect(x.format).toBe('gexf');
    expect(carried(x.doc)).toEqual(carried(doc));
  });

  it('people CSV, then its ties CSV added to that map', () => {
    const r = ok(importFile('people.csv', enc(exportPeopleCsv(doc))));
    expect(r.format).toBe('people-csv');
    expect(carried(r.doc)).toEqual(carried(doc));
    const ties = importTiesFile(r.doc, 'ties.csv', enc(exportTiesCsv(doc)));
    if (!ties.ok) throw new Error(ties.error);
    expect(carriedTies(ties.doc)).toEqual(carriedTies(doc));
    expect(ties.summary).toBe('7 ties added from "ties.csv".');
    expect(importFile('ties.csv', enc(exportTiesCsv(doc)))).toMatchObject({ ok: false, error: expect.stringMatching(/is a ties file/) });
  });

  it('org chart CSV with guessed columns', () => {
    const r = ok(importFile('hr.csv', enc('Employee ID,Full name,Job title,Reports to\n1,Ann,CEO,\n2,Bob,CTO,1\n3,Cat,Dev,2\n4,Dan,Dev,9\n')));
    expect(r.format).toBe('org-chart-csv');
    expect(Object.keys(r.doc.ties)).toHaveLength(2);
    expect(r.doc.map.name).toBe('hr');
    expect(r.problems.join()).toMatch(/Row 5 \("Dan"\): manager "9" matches nobody/);
  });
});

describe('importFile: bad input gives a clear message', () => {
  it('empty files', () => {
    expect(importFile('a.csv', new Uint8Array())).toEqual({ ok: false, error: '"a.csv" is empty.' });
    expect(importFile('a.json', enc('  \n\t '))).toEqual({ ok: false, error: '"a.json" is empty.' });
  });

  it('malformed JSON and XML', () => {
    expect(importFile('a.json', enc('{"type": "influence-map",'))).toMatchObject({ ok: false, error: expect.stringMatching(/^"a.json": The file is not valid JSON/) });
    expect(importFile('a.graphml', enc('<graphml><graph><node id="a"></graph></graphml>'))).toMatchObject({ ok: false, error: expect.stringMatching(/malformed at line 1/) });
    expect(importFile('a.json', enc('not json at all'))).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
  });

  it('wrong file types', () => {
    expect(importFile('a.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({ ok: false, error: expect.stringMatching(/Excel.*CSV UTF-8/) });
    expect(importFile('a.pdf', enc('%PDF-1.4 ...'))).toMatchObject({ ok: false, error: expect.stringMatching(/PDF/) });
    expect(importFile('a.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: false, error: expect.stringMatching(/image other than PNG/) });
    expect(importFile('page.html', enc('<!DOCTYPE html><html><body>hi</body></html>'))).toMatchObject({ ok: false, error: expect.stringMatching(/web page/) });
    expect(importFile('a.svg', enc('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ ok: false, error: expect.stringMatching(/neither GraphML nor GEXF/) });
    expect(importFile('a.json', enc('{"hello": 1}'))).toMatchObject({ ok: false, error: expect.stringMatching(/not an Influence Map file/) });
    expect(importFile('a.bin', new Uint8Array([1, 0, 2, 0, 3]))).toMatchObject({ ok: false, error: expect.stringMatching(/binary/) });
  });

  it('UTF-8 BOM is stripped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('name,title\nZoë,CEO\n')]);
    const r = ok(importFile('bom.csv', bytes));
    expect(Object.values(r.doc.stakeholders)[0].name).toBe('Zoë');
    expect(r.problems).toEqual([]);
    const json = ok(importFile('bom.json', new Uint8Array([0xef, 0xbb, 0xbf, ...enc(exportMapJson(sampleDoc()))])));
    expect(json.format).toBe('json');
  });

  it('non-UTF-8 is read as Windows-1252 with a note', () => {
    const bytes = new Uint8Array([...enc('name,title\nZo'), 0xeb, ...enc(',Caf'), 0xe9, 0x80, 0x0a]);
    const r = ok(importFile('excel.csv', bytes));
    expect(Object.values(r.doc.stakeholders)[0]).toMatchObject({ name: 'Zoë', title: 'Café€' });
    expect(r.problems[0]).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it('UTF-16 with a BOM', () => {
    const text = 'name\nÅsa\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(Object.values(ok(importFile('u16.csv', bytes)).doc.stakeholders)[0].name).toBe('Åsa');
  });

  it('missing required column', () => {
    expect(importFile('a.csv', enc('colour,size\nred,3\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/missing required column.*"colour", "size"/) });
    expect(importFile('a.csv', enc('name,title\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/header row but no people/) });
  });

  it('duplicate ids', () => {
    const r = ok(importFile('a.csv', enc('id,name\n1,Ann\n1,Bob\n')));
    expect(r.problems).toEqual(['Row 3: the id "1" was already used on row 2; skipped.']);
    expect(r.summary).toMatch(/1 row with problems skipped/);
  });

  it('a tie to an unknown person', () => {
    const file = JSON.parse(exportMapJson(sampleDoc()));
    file.ties.push({ id: 'tx', source: 'p-me', target: 'nobody', kind: 'trust' });
    const r = ok(importFile('a.json', enc(JSON.stringify(file))));
    expect(r.problems).toEqual(['A trust tie (tx) pointed to a person who is not on the map; it was left out.']);
  });

  it('manager cycles and self-managers', () => {
    const r = ok(importFile('org.csv', enc('name,manager\nA,B\nB,A\nC,C\n')));
    expect(r.problems).toEqual(['Row 4 ("C") is listed as their own manager; no reports-to tie made.', "Manager cycle: A → B → A (rows 2, 3). A's link to B was dropped."]);
  });

  it('names of 10,000 characters are cut with a note, in every format', () => {
    const long = 'x'.repeat(10_000);
    const csv = ok(importFile('a.csv', enc(`name\n${long}\n`)));
    expect(Object.values(csv.doc.stakeholders)[0].name).toHaveLength(500);
    expect(csv.problems[0]).toMatch(/the name was 10,000 characters long; it was cut to 500/);
    const d = sampleDoc();
    d.stakeholders['p-me'].name = long;
    for (const [name, text] of [['a.json', exportMapJson(d)], ['a.graphml', exportGraphml(d)], ['a.gexf', exportGexf(d)]]) {
      const r = ok(importFile(name, enc(text)));
      expect(r.doc.stakeholders['p-me'].name, name).toHaveLength(500);
      expect(r.problems.join(), name).toMatch(/cut to 500/);
    }
  });

  it('refuses files over the limit with a clear message', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    expect(importFile('huge.csv', big)).toEqual({ ok: false, error: `"huge.csv" is 50.0 MB; Influence Map imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024}.0 MB. Split it, or remove columns or notes you do not need.` });
  });

  it('keeps HTML and script in text fields literally', () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const r = ok(importFile('a.csv', enc(`name,title,department,notes,tags\n"${payload}","${payload}","${payload}","${payload}","${payload}"\n`)));
    expect(Object.values(r.doc.stakeholders)[0]).toMatchObject({ name: payload, title: payload, department: payload, notes: payload, tags: [payload] });
  });

  it('never throws, even on a non-array argument', () => {
    expect(importFile('x', 'nope' as unknown as Uint8Array)).toMatchObject({ ok: false });
  });

  it('imports 5,000 people (timed in npm run bench)', () => {
    const lines = ['id,name,title,department,manager'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},Person ${i},Title,Dept ${i % 20},${i ? Math.floor((i - 1) / 7) : ''}`);
    const r = ok(importFile('big.csv', enc(lines.join('\n'))));
    expect(Object.keys(r.doc.stakeholders)).toHaveLength(5000);
  });
});
