import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMapDocument } from '../../../src/domain/factories';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { weightToStrength } from '../../../src/io/graph-import';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { parseXml } from '../../../src/io/xml';
import { carried, carriedTies, sampleDoc } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/io');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const expected = JSON.parse(read('networkx-expected.json'));

const formats = [
  { name: 'GraphML', write: exportGraphml, read: importGraphml, ext: 'graphml' },
  { name: 'GEXF', write: (d: Parameters<typeof exportGraphml>[0]) => exportGexf(d, new Date('2025-01-01')), read: importGexf, ext: 'gexf' },
];

describe.each(formats)('$name', (format) => {
  it('round-trips what the format carries', () => {
    const doc = sampleDoc();
    const xml = format.write(doc);
    expect(parseXml(xml).ok).toBe(true);
    const back = format.read(xml);
    if (!back.ok) throw new Error(back.error);
    expect(back.problems).toEqual([]);
    expect(carried(back.doc)).toEqual(carried(doc));
    expect(carriedTies(back.doc)).toEqual(carriedTies(doc));
    expect(back.doc.map.name).toBe(doc.map.name);
    expect(back.doc.map.settings.levels).toEqual(doc.map.settings.levels);
  });

  it('keeps custom level names', () => {
    const doc = sampleDoc();
    doc.map.settings = { levels: ['Board', 'VP', 'Staff'], leadershipLevel: 0, cadenceDays: [10, 20, 30] };
    for (const s of Object.values(doc.stakeholders)) s.seniority = Math.min(s.seniority, 2);
    const back = format.read(format.write(doc));
    if (!back.ok) throw new Error(back.error);
    expect(back.doc.map.settings.levels).toEqual(['Board', 'VP', 'Staff']);
    expect(carried(back.doc)).toEqual(carried(doc));
  });

  it('escapes all text', () => {
    const xml = format.write(sampleDoc());
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('reads the directed network NetworkX wrote', () => {
    const result = format.read(read(`networkx-directed.${format.ext}`));
    if (!result.ok) throw new Error(result.error);
    const doc = result.doc;
    expect(Object.keys(doc.stakeholders).sort()).toEqual(Object.keys(expected.directed.names).sort());
    for (const [id, name] of Object.entries(expected.directed.names)) expect(doc.stakeholders[id].name).toBe(name);
    expect(doc.stakeholders.ana).toMatchObject({ title: 'Chief Executive', department: 'Board', seniority: 0, influence: 5, stance: 'champion' });
    expect(doc.stakeholders.ana.tags).toContain('office:Paris');
    expect(doc.stakeholders.dee.seniority).toBe(3);
    // Positions kept as a shape: relative order and spacing survive (GEXF flips Gephi's y axis).
    const ana = doc.stakeholders.ana;
    const ben = doc.stakeholders.ben;
    const cai = doc.stakeholders.cai;
    expect(cai.x - ben.x).toBeCloseTo(300 + (format.ext === 'gexf' ? (doc.stakeholders.ben.influence - cai.influence) * 9 : 0));
    expect(Math.abs(ben.y - ana.y)).toBeCloseTo(200);
    const ties = Object.values(doc.ties);
    expect(ties).toHaveLength(expected.directed.edges);
    expect(ties.find((t) => t.source === 'ben' && t.target === 'ana')).toMatchObject({ kind: 'reports-to', strength: 2, mutual: false });
    expect(ties.find((t) => t.source === 'cai' && t.target === 'ben')).toMatchObject({ kind: 'influence', strength: 3 });
    const weighted = ['dee>ana', 'cai>dee', 'ana>dee'].map((k) => ties.find((t) => `${t.source}>${t.target}` === k)!);
    expect(weighted.map((t) => [t.kind, t.mutual, t.strength, t.note])).toEqual([
      ['trust', false, 1, 'weight: 0.2'],
      ['trust', false, 2, 'weight: 0.5'],
      ['trust', false, 3, 'weight: 0.9'],
    ]);
  });

  it('reads the undirected karate club NetworkX wrote, with a layout', () => {
    const result = format.read(read(`networkx-karate.${format.ext}`));
    if (!result.ok) throw new Error(result.error);
    const doc = result.doc;
    expect(Object.keys(doc.stakeholders)).toHaveLength(expected.karate.nodes);
    expect(Object.keys(doc.ties)).toHaveLength(expected.karate.edges);
    expect(Object.values(doc.ties).every((t) => t.kind === 'trust' && t.mutual)).toBe(true);
    expect(doc.stakeholders['0'].name).toBe('0');
    expect(doc.stakeholders['0'].tags).toContain(`club:${expected.karate.clubs['0']}`);
    const spots = new Set(Object.values(doc.stakeholders).map((s) => `${s.x},${s.y}`));
    expect(spots.size).toBe(expected.karate.nodes);
    const strengths = new Set(Object.values(doc.ties).map((t) => t.strength));
    expect([...strengths].sort()).toEqual([1, 2, 3]);
  });

  it('reports edges to unknown nodes, self-loops and duplicate ids by element', () => {
    const xml = format.ext === 'graphml'
      ? '<graphml><graph edgedefault="directed"><node id="a"/><node id="a"/><node id="b"/><edge source="a" target="zz"/><edge id="e2" source="b" target="b"/><edge source="a" target="b"/><edge source="a" target="b"/></graph></graphml>'
      : '<gexf><graph defaultedgetype="directed"><nodes><node id="a" label="A"/><node id="a" label="A2"/><node id="b" label="B"/></nodes><edges><edge source="a" target="zz"/><edge id="e2" source="b" target="b"/><edge source="a" target="b"/><edge source="a" target="b"/></edges></graph></gexf>';
    const result = format.read(xml);
    if (!result.ok) throw new Error(result.error);
    const text = result.problems.join('\n');
    expect(text).toMatch(/Node "a".*used by an earlier node/);
    expect(text).toMatch(/Edge 1 \("a" → "zz"\): it points to node "zz", which is not in the file/);
    expect(text).toMatch(/Edge "e2" .*themselves/);
    expect(text).toMatch(/Edge 4 .*already a trust tie/);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(3);
    expect(Object.keys(result.doc.ties)).toHaveLength(1);
  });

  it('refuses malformed XML with the line, and the other XML format', () => {
    const bad = format.read(`<${format.ext === 'graphml' ? 'graphml' : 'gexf'}><graph>\n<node id="a">\n</graph>`);
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/malformed at line \d+/) });
    expect(format.read('<svg></svg>')).toMatchObject({ ok: false, error: expect.stringMatching(/root element is <svg>/) });
  });

  it('exports an empty map', () => {
    const back = format.read(format.write(createMapDocument('Empty')));
    expect(back.ok && Object.keys(back.doc.stakeholders)).toEqual([]);
  });
});

describe('GraphML specifics', () => {
  it('reads yEd node graphics for label and position, and nested groups', () => {
    const xml = `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
      <key for="node" id="d6" yfiles.type="nodegraphics"/><key for="node" id="d1" attr.name="description" attr.type="string"/>
      <graph id="G" edgedefault="directed">
        <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30" width="80" x="120.5" y="-40"/><y:NodeLabel>Alice &amp; Co</y:NodeLabel></y:ShapeNode></data><data key="d1">Long text</data></node>
        <node id="grp"><graph id="grp:"><node id="n1"><data key="d6"><y:ShapeNode><y:Geometry x="300" y="10"/><y:NodeLabel>Bob</y:NodeLabel></y:ShapeNode></data></node></graph></node>
        <edge source="n0" target="n1"/>
      </graph></graphml>`;
    const result = importGraphml(xml);
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.stakeholders.n0).toMatchObject({ name: 'Alice & Co', x: 120.5, y: -40, notes: 'Long text' });
    expect(result.doc.stakeholders.n1).toMatchObject({ name: 'Bob', x: 300, y: 10 });
    expect(Object.values(result.doc.ties)[0]).toMatchObject({ kind: 'trust', mutual: false });
  });

  it('uses key defaults and spreads positions packed within -1..1', () => {
    const xml = '<graphml><key id="k" for="node" attr.name="department" attr.type="string"><default>Ops</default></key><key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/><graph edgedefault="undirected"><node id="a"><data key="x">-1</data><data key="y">0</data></node><node id="b"><data key="x">1</data><data key="y">0.5</data></node></graph></graphml>';
    const result = importGraphml(xml);
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.stakeholders.a.department).toBe('Ops');
    expect(Math.hypot(result.doc.stakeholders.b.x - result.doc.stakeholders.a.x, result.doc.stakeholders.b.y - result.doc.stakeholders.a.y)).toBeCloseTo(250, -1);
    expect(result.problems.join()).toMatch(/spread out/);
  });
});

describe('weightToStrength', () => {
  it('uses whole weights 1-3 as they are', () => {
    const f = weightToStrength([1, 2, 3, 3]);
    expect([1, 2, 3].map(f)).toEqual([1, 2, 3]);
  });
  it('splits other weights into terciles by rank', () => {
    const weights = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    expect(weights.map(weightToStrength(weights))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect([5, 5, 5].map(weightToStrength([5, 5, 5]))).toEqual([2, 2, 2]);
    expect(weightToStrength([])(4)).toBe(2);
  });
});
