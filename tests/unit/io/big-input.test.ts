/** Issue 16 items 10-13: inputs big enough to break naive code (call-stack spreads, quadratic loops). */
import { describe, expect, it } from 'vitest';
import { importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { importGraphml } from '../../../src/io/graphml';
import { MAX_IMPORT_PEOPLE, MAX_IMPORT_TIE_ROWS, MAX_PROBLEM_LINES, importFile, importTiesFile } from '../../../src/io/import';
import { MAX_COORDINATE, countCsvRecords } from '../../../src/io/text';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import { enc } from './helpers';

const N = 200_000;

describe('200,000 positioned people (issue 16 item 12)', () => {
  it('GraphML: read without "Maximum call stack size exceeded"', () => {
    const parts = ['<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/><graph>'];
    for (let i = 0; i < N; i++) parts.push(`<node id="n${i}"><data key="x">${(i % 500) * 300}</data><data key="y">${Math.floor(i / 500) * 120}</data></node>`);
    parts.push('</graph></graphml>');
    const result = importGraphml(parts.join(''));
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(N);
    expect(result.doc.stakeholders.n501).toMatchObject({ x: 300, y: 120 });
  }, 60_000);

  it('CSV: read without "Maximum call stack size exceeded", some people placed by the app', () => {
    const lines = ['name,x,y'];
    for (let i = 0; i < N; i++) lines.push(i % 10 === 0 ? `P${i},,` : `P${i},${(i % 500) * 300},${Math.floor(i / 500) * 120}`);
    const table = parseCsvTable(lines.join('\n'));
    if (!table.ok) throw new Error(table.error);
    const result = importPeopleCsv(table.table);
    if (!result.ok) throw new Error(result.error);
    const people = Object.values(result.doc.stakeholders);
    expect(people).toHaveLength(N);
    // Those without a position are laid out below everyone who had one.
    const lowestPlaced = Math.floor((N - 1) / 500) * 120;
    expect(people.filter((p) => p.name === 'P0' || p.name === 'P10').every((p) => p.y > lowestPlaced)).toBe(true);
  }, 60_000);
});

describe('GraphML extremes (issue 16 item 13)', () => {
  it('reads graphs nested 60 levels deep (yEd groups) instead of dropping the inner ones', () => {
    let inner = '<node id="deepest"/>';
    for (let depth = 60; depth >= 1; depth--) inner = `<node id="g${depth}"><graph id="in${depth}">${inner}</graph></node>`;
    const result = importGraphml(`<graphml><graph>${inner}<edge source="g1" target="deepest"/></graph></graphml>`);
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(61);
    expect(Object.keys(result.doc.ties)).toHaveLength(1);
  });

  it('refuses nesting past the XML limit with the line, rather than dropping people', () => {
    let inner = '<node id="x"/>';
    for (let depth = 0; depth < 300; depth++) inner = `<node id="g${depth}"><graph>${inner}</graph></node>`;
    expect(importGraphml(`<graphml><graph>${inner}</graph></graphml>`)).toMatchObject({ ok: false, error: expect.stringMatching(/nested more than 500 deep/) });
  });

  it.each([
    ['GraphML', (x: string, y: string) => importGraphml(`<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/><graph><node id="a"><data key="x">${x}</data><data key="y">${y}</data></node><node id="b"><data key="x">0</data><data key="y">0</data></node><node id="c"><data key="x">300</data><data key="y">0</data></node></graph></graphml>`)],
    ['CSV', (x: string, y: string) => {
      const table = parseCsvTable(`name,x,y\na,${x},${y}\nb,0,0\nc,300,0\n`);
      if (!table.ok) throw new Error(table.error);
      const r = importPeopleCsv(table.table);
      return r.ok ? { ok: true as const, doc: r.doc, problems: r.problems } : r;
    }],
  ])('%s: positions of ±1e308 are clamped and reported', (_name, read) => {
    const result = read('1e308', '-1e308');
    if (!result.ok) throw new Error(result.error);
    for (const p of Object.values(result.doc.stakeholders)) {
      expect(Math.abs(p.x)).toBeLessThanOrEqual(MAX_COORDINATE);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(MAX_COORDINATE);
    }
    expect(result.problems.join('\n')).toMatch(/2 positions lay further than 10,000,000 from the centre/);
  });
});

describe('JSON positions of ±1e308 (issue 16 item 13)', () => {
  it('are clamped and reported like the other formats', () => {
    const file = { type: 'influence-map', version: 1, map: { id: 'm', name: 'M' }, stakeholders: [{ id: 'a', name: 'A', x: 1e308, y: -1e308 }, { id: 'b', name: 'B', x: 10, y: 20 }], ties: [] };
    const result = importFile('m.json', enc(JSON.stringify(file)));
    if (!result.ok) throw new Error(result.error);
    const a = Object.values(result.doc.stakeholders).find((p) => p.name === 'A')!;
    expect([a.x, a.y]).toEqual([MAX_COORDINATE, -MAX_COORDINATE]);
    expect(Object.values(result.doc.stakeholders).find((p) => p.name === 'B')).toMatchObject({ x: 10, y: 20 });
    expect(result.problems.join('\n')).toMatch(/2 positions lay further than 10,000,000/);
  });
});

describe('files bigger than the app handles are refused before reading (issue 16 item 10)', () => {
  const csv = (rows: number) => {
    const lines = ['name,title'];
    for (let i = 0; i < rows; i++) lines.push(`P${i},E`);
    return enc(lines.join('\n'));
  };

  // How fast the refusal comes is a benchmark's business, not a unit test's (noisy machines).
  it.each([200_000, 1_000_000])('a %i-row people CSV is refused, saying the limit', (rows) => {
    const result = importFile('everyone.csv', csv(rows));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining(`has ${rows.toLocaleString('en-US')} rows; Influence Map handles up to 50,000 people in one map today`) });
  });

  it('a CSV at the limit is still read', () => {
    const result = importFile('company.csv', csv(MAX_IMPORT_PEOPLE));
    expect(result.ok && Object.keys(result.doc.stakeholders).length).toBe(MAX_IMPORT_PEOPLE);
  }, 60_000);

  it('quoted line breaks are not counted as rows', () => {
    expect(countCsvRecords('name,notes\r\na,"line 1\nline 2"\r\nb,x\r\n')).toBe(3);
    expect(countCsvRecords('name\na')).toBe(2);
  });

  it('GraphML, GEXF and JSON with more people than the limit are refused', () => {
    const nodes = (n: number) => Array.from({ length: n }, (_, i) => `<node id="${i}"/>`).join('');
    expect(importFile('big.graphml', enc(`<graphml><graph>${nodes(MAX_IMPORT_PEOPLE + 1)}</graph></graphml>`))).toMatchObject({ ok: false, error: expect.stringContaining('more than 50,000 nodes') });
    expect(importFile('big.gexf', enc(`<gexf><graph><nodes>${nodes(MAX_IMPORT_PEOPLE + 1)}</nodes></graph></gexf>`))).toMatchObject({ ok: false, error: expect.stringContaining('more than 50,000 nodes') });
    const json = JSON.stringify({ type: 'influence-map', version: 1, map: {}, stakeholders: Array.from({ length: MAX_IMPORT_PEOPLE + 1 }, (_, i) => ({ id: `p${i}` })), ties: [] });
    expect(importFile('big.json', enc(json))).toMatchObject({ ok: false, error: expect.stringContaining('50,001 people') });
  });
});

describe('a 400,000-row ties CSV (issue 16 item 11)', () => {
  it('is read with its problems summarised and capped', () => {
    const doc = createMapDocument('Team');
    doc.stakeholders.a = createStakeholder({ id: 'a', name: 'Ann' });
    doc.stakeholders.b = createStakeholder({ id: 'b', name: 'Bo' });
    const lines = ['from,to,kind', 'a,b,trust'];
    for (let i = 1; i < 400_000; i++) lines.push(i % 50_000 === 0 ? 'a,a,trust' : `nobody${i},b,trust`);
    const result = importTiesFile(doc, 'ties.csv', enc(lines.join('\n')));
    if (!result.ok) throw new Error(result.error);
    expect(result.added).toBe(1);
    expect(result.skipped).toBe(399_999);
    expect(result.problemCount).toBe(399_999);
    expect(result.problems[0]).toBe('399,999 rows skipped: 399,992 name someone not found in the map, 7 join a person to themselves.');
    expect(result.problems.length).toBeLessThanOrEqual(102);
    expect(result.problems.at(-1)).toBe('… and 399,899 more skipped rows.');
    expect(result.summary).toMatch(/1 tie added from "ties.csv"; 399,999 rows with problems skipped/);
  }, 60_000);

  it('more rows than the ties limit are refused before reading', () => {
    const doc = createMapDocument('Team');
    const text = `from,to\n${'a,b\n'.repeat(MAX_IMPORT_TIE_ROWS + 1)}`;
    expect(importTiesFile(doc, 'huge.csv', enc(text))).toMatchObject({ ok: false, error: expect.stringContaining('has 500,001 rows; Influence Map adds up to 500,000 ties') });
  });
});

describe('skipped counts are true counts (issue 16 item 13)', () => {
  it('6,000 unreadable records: the count says 6,000 while the lines are capped', () => {
    const good = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
    const bad = Array.from({ length: 6_000 }, (_, i) => `not a person ${i}`);
    const file = { type: 'influence-map', version: 1, map: { id: 'm', name: 'M' }, stakeholders: [...good, ...bad], ties: [] };
    const result = importFile('m.json', enc(JSON.stringify(file)));
    if (!result.ok) throw new Error(result.error);
    expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEM_LINES + 1);
    expect(result.skipped).toBe(6_000);
    expect(result.problemCount).toBeGreaterThanOrEqual(6_000);
    expect(result.summary).toContain(`${result.skipped.toLocaleString('en-US')} records with problems skipped`);
  });
});

describe('a big ties CSV given to Import', () => {
  it('is recognised as ties (not refused as too many people), so it can be added to the open map', () => {
    const text = `from,to\n${'a,b\n'.repeat(MAX_IMPORT_PEOPLE + 10)}`;
    expect(importFile('ties.csv', enc(text))).toMatchObject({ ok: false, error: expect.stringContaining('is a ties file') });
  });
});
