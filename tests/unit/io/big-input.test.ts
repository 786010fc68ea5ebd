/** Issue 16 items 12-13: inputs big enough to break naive code (call-stack spreads, quadratic loops). */
import { describe, expect, it } from 'vitest';
import { importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { importGraphml } from '../../../src/io/graphml';
import { MAX_COORDINATE } from '../../../src/io/text';

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
