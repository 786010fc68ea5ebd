/** Issue 16, items 13-15: formats written and read safely (line breaks, formulas, DOCTYPEs). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPeopleCsv, importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { sniffText } from '../../../src/io/detect';
import { neutraliseCell, restoreCell, startsFormula } from '../../../src/io/formula';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { importFile } from '../../../src/io/import';
import { enc, sampleDoc } from './helpers';

const MULTI_LINE = 'first line\nsecond line\r\nthird\tcolumn\rlast';

describe('GEXF and GraphML attributes keep line breaks', () => {
  const doc = sampleDoc();
  doc.stakeholders['p-me'] = { ...doc.stakeholders['p-me'], notes: MULTI_LINE };
  doc.ties.t3 = { ...doc.ties.t3, note: 'a\nb' };

  it('GEXF writes line breaks and tabs in attribute values as character references', () => {
    const xml = exportGexf(doc, new Date('2025-01-01'));
    const attrValues = [...xml.matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
    expect(attrValues.some((v) => v.includes('&#10;'))).toBe(true);
    // No attribute value holds a raw line break, tab or carriage return (a reader turns those into spaces).
    expect(attrValues.filter((v) => /[\n\r\t]/.test(v))).toEqual([]);
    expect(xml).toContain('first line&#10;second line&#13;&#10;third&#9;column&#13;last');
  });

  it.each([
    ['GEXF', (d: typeof doc) => exportGexf(d, new Date('2025-01-01')), importGexf],
    ['GraphML', exportGraphml, importGraphml],
  ] as const)('%s round trip keeps multi-line notes exactly', (_name, write, read) => {
    const back = read(write(doc));
    if (!back.ok) throw new Error(back.error);
    expect(back.doc.stakeholders['p-me'].notes).toBe(MULTI_LINE);
    expect(back.doc.ties.t3.note).toBe('a\nb');
  });
});

describe('CSV formula guard (issue 16 item 15)', () => {
  it('guards every way a spreadsheet reaches a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\n=1+1', ' =1+1', '  @x', '\u3000=1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝1']) {
      expect(neutraliseCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['plain', 'a=b', "O'Brien", '1 - 2', '']) expect(neutraliseCell(cell)).toBe(cell);
  });

  it('a CSV written by us never starts a cell a spreadsheet would run, and every text survives the round trip (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^['\s=+\-@＝＋－＠\t\r\n]{0,4}[a-z=]{0,3}$/)), (text) => {
        const written = neutraliseCell(text);
        return !startsFormula(written) && restoreCell(written) === text;
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps an apostrophe the user typed ('=x) through export and import", () => {
    const doc = sampleDoc();
    doc.stakeholders['p-me'] = { ...doc.stakeholders['p-me'], name: "'=x", title: "''+1", notes: '\n=HYPERLINK("x")', department: '＝1' };
    const table = parseCsvTable(exportPeopleCsv(doc));
    if (!table.ok) throw new Error(table.error);
    const back = importPeopleCsv(table.table);
    if (!back.ok) throw new Error(back.error);
    const me = back.doc.stakeholders['p-me'];
    expect([me.name, me.title, me.notes, me.department]).toEqual(["'=x", "''+1", '\n=HYPERLINK("x")', '＝1']);
  });

  it('reads a CSV from another tool literally: its apostrophes were not added by us', () => {
    const table = parseCsvTable("name,title\n'=x,'+1\n");
    if (!table.ok) throw new Error(table.error);
    expect(table.table.rows[0].cells).toEqual({ name: "'=x", title: "'+1" });
  });
});

describe('GraphML with an internal DOCTYPE subset (issue 16 item 15)', () => {
  const xml = `<?xml version="1.0"?>
<!DOCTYPE graphml [
  <!ENTITY company "Acme > Corp">
  <!-- a comment with ] and > -->
  <!ATTLIST node note CDATA "x]>">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="title" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">CEO of &company;</data></node>
    <node id="b"/>
    <edge source="a" target="b"/>
  </graph>
</graphml>`;

  it('is recognised as GraphML and read, without expanding the declared entity', () => {
    expect(sniffText(xml, 'x.graphml')).toBe('graphml');
    expect(sniffText(xml, 'x.xml')).toBe('graphml');
    const result = importFile('company.xml', enc(xml));
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(2);
    expect(Object.keys(result.doc.ties)).toHaveLength(1);
    expect(Object.values(result.doc.stakeholders).find((p) => p.name === 'a')?.title).toBe('CEO of &company;');
    expect(result.problems.join('\n')).toMatch(/declares entities.*not expanded/);
  });
});
