/** Issue 16 items 12-13: inputs big enough to break naive code (call-stack spreads, quadratic loops). */
import { describe, expect, it } from 'vitest';
import { importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { importGraphml } from '../../../src/io/graphml';

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
