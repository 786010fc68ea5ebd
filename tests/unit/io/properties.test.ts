/** Property-based tests: no input makes any importer throw, and the outputs stay consistent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StakeholderSchema, TieSchema } from '../../../src/domain/schemas';
import type { MapDocument } from '../../../src/domain/types';
import { addTiesFromCsv, parseCsvTable } from '../../../src/io/csv';
import { importGexf, exportGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { importFile } from '../../../src/io/import';
import { exportMapJson, readMapFile, readMapJson } from '../../../src/io/map-file';
import { buildOrgChart } from '../../../src/io/org-chart-csv';
import { MAP_KEYWORD, embedText, extractText } from '../../../src/io/png';
import { renderMapSvg } from '../../../src/io/svg-render';
import { layoutForest } from '../../../src/io/tree-layout';
import { parseXml } from '../../../src/io/xml';
import { enc, sampleDoc } from './helpers';

const NAMES = ['a.csv', 'a.json', 'a.graphml', 'a.gexf', 'a.png', 'a.xml', 'a', ''];
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '=1+1', '"', "'", '&amp;', ']]>', '\u0000', '\ufeff', '\r\n', ';', ','),
);

function consistent(doc: MapDocument): void {
  for (const s of Object.values(doc.stakeholders)) expect(StakeholderSchema.safeParse(s).success).toBe(true);
  for (const t of Object.values(doc.ties)) {
    expect(TieSchema.safeParse(t).success).toBe(true);
    expect(t.source in doc.stakeholders && t.target in doc.stakeholders).toBe(true);
  }
}

describe('no input makes an importer throw', () => {
  it('importFile on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 400 }), (name, bytes) => {
        const r = importFile(name, bytes);
        if (r.ok) consistent(r.doc);
      }),
      { numRuns: 300 },
    );
  });

  it('importFile on arbitrary text, CSV-like, JSON-like and XML-like', () => {
    const csvLike = fc.array(fc.array(nastyText, { maxLength: 6 }), { maxLength: 8 }).map((rows) => ['name,manager,id,title', ...rows.map((r) => r.join(','))].join('\n'));
    const jsonLike = fc.jsonValue().map((v) => JSON.stringify(v));
    const mapLike = fc.record({ type: fc.constant('influence-map'), version: fc.constantFrom(1, 2, 0, '1'), map: fc.anything(), stakeholders: fc.array(fc.anything(), { maxLength: 5 }), ties: fc.array(fc.anything(), { maxLength: 5 }) }).map((v) => JSON.stringify(v));
    const xmlLike = fc.tuple(fc.constantFrom('graphml', 'gexf'), fc.array(nastyText, { maxLength: 6 })).map(([root, bits]) => `<${root}><graph>${bits.map((b, i) => `<node id="${b}"><data key="k">${b}</data></node><edge source="${b}" target="${i}"/>`).join('')}</graph></${root}>`);
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), csvLike, jsonLike, mapLike, xmlLike), (name, text) => {
        const r = importFile(name, enc(text));
        if (r.ok) {
          consistent(r.doc);
          expect(typeof r.summary).toBe('string');
        } else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('readMapFile on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), fc.array(fc.anything(), { maxLength: 4 }), (map, stakeholders, ties) => {
        const r = readMapFile({ type: 'influence-map', version: 1, map, stakeholders, ties });
        if (r.ok) consistent(r.doc);
      }),
    );
  });

  it('PNGs with damaged bytes', () => {
    const png = embedText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]), MAP_KEYWORD, exportMapJson(sampleDoc()));
    fc.assert(
      fc.property(fc.nat(png.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(png.length), (at, value, cut) => {
        const bytes = png.slice(0, Math.max(cut, 9));
        if (at < bytes.length) bytes[at] = value;
        expect(() => extractText(bytes, MAP_KEYWORD)).not.toThrow();
        importFile('a.png', bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('org charts from arbitrary rows: ties valid and no reports-to cycles', () => {
    const names = fc.constantFrom('A', 'B', 'C', 'D', 'E', 'a', ' b ', '', 'x@y.z');
    fc.assert(
      fc.property(fc.array(fc.record({ id: names, name: names, manager: names }), { maxLength: 12 }), (rows) => {
        const { doc } = buildOrgChart(rows, { key: 'id', name: 'name', manager: 'manager' });
        consistent(doc);
        const manager = new Map(Object.values(doc.ties).map((t) => [t.source, t.target]));
        for (const start of manager.keys()) {
          const seen = new Set<string>();
          let v: string | undefined = start;
          while (v !== undefined) {
            expect(seen.has(v)).toBe(false);
            seen.add(v);
            v = manager.get(v);
          }
        }
      }),
    );
  });

  it('ties CSV on arbitrary rows', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nastyText, nastyText, nastyText, nastyText), { maxLength: 8 }), (rows) => {
        const parsed = parseCsvTable(['from,to,kind,strength', ...rows.map((r) => r.join(','))].join('\n'));
        if (!parsed.ok) return;
        const r = addTiesFromCsv(sampleDoc(), parsed.table);
        if ('doc' in r) consistent(r.doc);
      }),
    );
  });
});

describe('round trips and exports hold for arbitrary text', () => {
  const person = fc.record({ name: nastyText, title: nastyText, department: nastyText, notes: nastyText, tag: nastyText });

  it('JSON is exact; GraphML/GEXF keep names and stay well-formed; SVG stays well-formed', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 4 }), (people) => {
        const doc = sampleDoc();
        Object.values(doc.stakeholders).forEach((s, i) => {
          const p = people[i % people.length];
          Object.assign(s, { name: p.name, title: p.title, department: p.department, notes: p.notes, tags: p.tag.trim() ? [p.tag] : [] });
        });
        const back = readMapJson(exportMapJson(doc));
        expect(back.ok && back.doc).toEqual(doc);
        expect(parseXml(renderMapSvg(doc)).ok).toBe(true);
        for (const [write, read] of [[exportGraphml, importGraphml], [exportGexf, importGexf]] as const) {
          const xml = write(doc);
          expect(parseXml(xml).ok).toBe(true);
          const r = read(xml);
          expect(r.ok).toBe(true);
          if (r.ok) expect(Object.keys(r.doc.stakeholders).sort()).toEqual(Object.keys(doc.stakeholders).sort());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('tree layout never overlaps cards, whatever the forest', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: 150, max: 230 })), { minLength: 1, maxLength: 30 }), (spec) => {
        const nodes = spec.map(([, w], i) => ({ id: `n${i}`, width: w }));
        const parent = new Map<string, string>();
        spec.forEach(([p], i) => {
          if (p >= 0 && p < spec.length) parent.set(`n${i}`, `n${p}`);
        });
        const { positions } = layoutForest(nodes, parent);
        expect(positions.size).toBe(nodes.length);
        for (let i = 0; i < nodes.length; i++) {
          for (let j = i + 1; j < nodes.length; j++) {
            const a = positions.get(nodes[i].id)!;
            const b = positions.get(nodes[j].id)!;
            const overlap = a.x < b.x + nodes[j].width - 0.01 && b.x < a.x + nodes[i].width - 0.01 && a.y < b.y + 90 && b.y < a.y + 90;
            expect(overlap).toBe(false);
          }
        }
      }),
    );
  });
});
