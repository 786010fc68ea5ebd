/** Issue 16, items 13-15: formats written and read safely (line breaks, formulas, DOCTYPEs). */
import { describe, expect, it } from 'vitest';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { sampleDoc } from './helpers';

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
