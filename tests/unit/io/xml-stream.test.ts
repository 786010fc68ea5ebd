/**
 * The chunked XML reader and the streamed GraphML/GEXF import (issue 15): where a file is cut
 * into chunks must never change what is read, and the people, ties and size limits hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GexfCollector, exportGexf, gexfFromXml } from '../../../src/io/gexf';
import { GraphmlCollector, exportGraphml, graphmlFromXml, importGraphml } from '../../../src/io/graphml';
import { HEAD_BYTES, importFile, importGraphStream, sizeRefusalOf } from '../../../src/io/import';
import type { ByteChunks, ImportResult } from '../../../src/io/import';
import { MAX_GRAPH_IMPORT_BYTES } from '../../../src/io/text';
import { XmlReader, parseXml } from '../../../src/io/xml';
import { carried, carriedTies, enc, sampleDoc } from './helpers';

/** Documents with every construct a cut can fall inside: tags, attributes, entities, CDATA, comments, a DOCTYPE, multi-byte text. */
const DOCUMENTS = [
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE graphml [
  <!ENTITY company "Acme > Corp">
  <!-- a comment with ] and > -->
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="title" attr.type="string"><default>none</default></key>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">CEO of &company; &amp; caf&#xe9; &#233;t&#233; 李小龙 🎉</data></node>
    <node id="__proto__" ><data key="d0"><![CDATA[ <b>&amp; ]]></data><!-- skip < me --></node>
    <node id='b' note="line&#10;break &lt;x&gt; a > b"/>
    <edge source="a" target="b"/><edge source="b" target="__proto__" directed='true'/>
  </graph>
</graphml>
`,
  exportGexf(sampleDoc(), new Date('2025-01-01')),
  exportGraphml(sampleDoc()),
];

const MALFORMED = ['<gexf><graph>\n<node id="a">\n</graph>', '<a>\n  <b x=1/></a>', '<a b="1" b="2"/>', '<a>\n<b>', '<a><!-- open', 'hello', '<a>\n\n  <b x="1"\n y="2" x="3"/></a>', '<a>é😀\n<b></c></a>'];

/** `text` cut at the given points (any order, repeats allowed). */
function cut(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of at) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

function readPieces(pieces: string[]) {
  const reader = new XmlReader();
  for (const piece of pieces) reader.write(piece);
  return reader.end();
}

const bytesOf = (pieces: Uint8Array[]): ByteChunks =>
  async function* () {
    for (const piece of pieces) yield piece;
  };

function cutBytes(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of at) {
    pieces.push(bytes.slice(from, p));
    from = p;
  }
  pieces.push(bytes.slice(from));
  return pieces;
}

/** What an import gives, without the fresh map id. */
function outcome(result: ImportResult) {
  if (!result.ok) return result;
  // Edges without an id get a fresh one: compare ties by what they say.
  const ties = carriedTies(result.doc)
    .map(({ id: _id, ...rest }) => JSON.stringify(rest))
    .sort();
  return { people: carried(result.doc), ties, name: result.doc.map.name, problems: result.problems, summary: result.summary, skipped: result.skipped };
}

describe('XmlReader fed in chunks', () => {
  it('gives the same tree as the whole text, wherever the chunks are cut (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCUMENTS), fc.array(fc.nat(), { maxLength: 40 }), (doc, points) => {
        expect(readPieces(cut(doc, points))).toEqual(parseXml(doc));
      }),
      { numRuns: 600 },
    );
  });

  it('cut into single characters, still the same tree', () => {
    for (const doc of DOCUMENTS) expect(readPieces([...doc])).toEqual(parseXml(doc));
  });

  it('reports the same problem at the same line and column wherever the chunks are cut (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MALFORMED), fc.array(fc.nat(), { maxLength: 10 }), (doc, points) => {
        const whole = parseXml(doc);
        expect(whole.ok).toBe(false);
        expect(readPieces(cut(doc, points))).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('counts lines across chunks for an element opened chunks earlier', () => {
    const result = readPieces(['<a>\n', '\n  <b', '>\n</a>']);
    expect(result).toEqual({ ok: false, error: 'The XML is malformed at line 4, column 1: expected the closing tag </b> (opened at line 3, column 3) instead of </a>.' });
  });

  it('stops at an element-count limit as the elements open', () => {
    const reader = new XmlReader({ limits: { node: 2 } });
    expect(reader.write('<g><node/><node/>')).toBe(true);
    expect(reader.write('<node/>')).toBe(false);
    expect(reader.end()).toMatchObject({ ok: false, exceeded: { name: 'node', max: 2 } });
  });
});

describe('GraphML and GEXF streamed from bytes', () => {
  const files: [string, string][] = [
    ['company.graphml', DOCUMENTS[0]],
    ['map.gexf', DOCUMENTS[1]],
    ['map.graphml', DOCUMENTS[2]],
  ];

  it('import the same map as importFile, wherever the bytes are cut, also inside multi-byte characters (property)', async () => {
    const expected = files.map(([name, text]) => outcome(importFile(name, enc(text), { now: 1 })));
    for (const e of expected) expect(e).toMatchObject({ people: expect.any(Array) });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(fc.nat(), { maxLength: 30 }), async (which, points) => {
        const [name, text] = files[which];
        const bytes = enc(text);
        const format = name.endsWith('.gexf') ? 'gexf' : 'graphml';
        const result = await importGraphStream(name, format, bytes.length, bytesOf(cutBytes(bytes, points)), { now: 1 });
        expect(outcome(result)).toEqual(expected[which]);
      }),
      { numRuns: 300 },
    );
  });

  it('decode UTF-16 and a UTF-8 BOM, and fall back to Windows-1252 with a note, as importFile does', async () => {
    const text = '<gexf><graph><nodes><node id="a" label="Zoë Ålund"/><node id="b" label="Łukasz"/></nodes></graph></gexf>';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 255;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
    const latin = Uint8Array.from('<gexf><graph><nodes><node id="a" label="Zo\u00eb"/></nodes></graph></gexf>', (c) => c.charCodeAt(0));
    for (const bytes of [utf16, bom, latin]) {
      for (const points of [[], [1], [3, 4, 5], [latin.length - 1]]) {
        const streamed = await importGraphStream('m.gexf', 'gexf', bytes.length, bytesOf(cutBytes(bytes, points)), { now: 1 });
        expect(outcome(streamed)).toEqual(outcome(importFile('m.gexf', bytes, { now: 1 })));
      }
    }
    const fallback = await importGraphStream('m.gexf', 'gexf', latin.length, bytesOf([latin]), { now: 1 });
    expect(fallback.ok && Object.values(fallback.doc.stakeholders)[0].name).toBe('Zoë');
    expect(fallback.ok && fallback.problems.join('\n')).toMatch(/not valid UTF-8/);
  });

  /** A GEXF of `nodes` people and `edges` ties, made a chunk at a time (never one string). */
  const generated = (nodes: number, edges: number): ByteChunks =>
    async function* () {
      yield enc('<gexf><graph defaultedgetype="directed"><nodes>');
      for (let i = 0; i < nodes; i += 1000) {
        let part = '';
        for (let j = i; j < Math.min(nodes, i + 1000); j++) part += `<node id="n${j}" label="P ${j}"/>`;
        yield enc(part);
      }
      yield enc('</nodes><edges>');
      for (let i = 0; i < edges; i += 5000) {
        let part = '';
        for (let j = i; j < Math.min(edges, i + 5000); j++) part += `<edge source="n${j % nodes}" target="n${((j % nodes) + 1 + Math.floor(j / nodes)) % nodes}"/>`;
        yield enc(part);
      }
      yield enc('</edges></graph></gexf>');
    };

  it('refuse more than 50,000 people as they are met, with the limit in words', async () => {
    const result = await importGraphStream('big.gexf', 'gexf', 1, generated(50_001, 0));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('"big.gexf" has more than 50,000 nodes; Influence Map handles up to 50,000 people in one map') });
  });

  it('refuse more than 500,000 ties, with the limit in words', async () => {
    const result = await importGraphStream('ties.gexf', 'gexf', 1, generated(10, 500_001));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('"ties.gexf" has more than 500,000 edges; Influence Map handles up to 500,000 ties in one map') });
  }, 60_000);

  it('accept GraphML and GEXF up to 100 MB, other files up to 20 MB', async () => {
    const gexfHead = enc('<?xml version="1.0"?><gexf version="1.2"><graph>');
    const csvHead = enc('Name,Title\nAnn,CEO\n');
    const mb = 1024 * 1024;
    expect(sizeRefusalOf('org.gexf', 56 * mb, gexfHead)).toBeNull();
    expect(sizeRefusalOf('org.xml', MAX_GRAPH_IMPORT_BYTES, gexfHead)).toBeNull();
    expect(sizeRefusalOf('org.csv', 21 * mb, csvHead)).toBe('"org.csv" is 21.0 MB; Influence Map imports files up to 20.0 MB. Split it, or remove columns or notes you do not need.');
    expect(sizeRefusalOf('org.gexf', 101 * mb, gexfHead)).toBe('"org.gexf" is 101.0 MB; Influence Map imports GraphML and GEXF files up to 100.0 MB and other files up to 20.0 MB. Split it, or remove attributes or notes you do not need.');
    const streamed = await importGraphStream('org.gexf', 'gexf', 101 * mb, generated(1, 0));
    expect(streamed).toEqual({ ok: false, error: expect.stringContaining('up to 100.0 MB') });
    expect(HEAD_BYTES).toBeGreaterThanOrEqual(4096);
  });

  it('read 20,000 people and 100,000 ties streamed, with a map that has them all', async () => {
    const result = await importGraphStream('company.gexf', 'gexf', 1, generated(20_000, 100_000));
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(20_000);
    expect(result.summary).toBe('20,000 people and 100,000 ties from "company.gexf".');
  }, 60_000);
});

describe('GEXF streaming builder (nodes and edges handed over one by one)', () => {
  const NETWORKX = `<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <meta><creator>NetworkX 2.8.8</creator></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node"><attribute id="0" title="title" type="string"><default>Staff</default></attribute></attributes>
    <attributes class="edge"><attribute id="1" title="kind" type="string"/></attributes>
    <nodes>
      <node id="a" label="Ann"><viz:position x="10" y="-20" z="0"/><attvalues><attvalue for="0" value="CEO"/></attvalues></node>
      <node id="b" label="Bo"/>
      <node id="c" label="Cy"><nodes><node id="nested" label="Not imported"/></nodes></node>
    </nodes>
    <edges>
      <edge source="a" target="b" type="directed"><attvalues><attvalue for="1" value="influence"/></attvalues></edge>
      <edge source="b" target="c" weight="2.5"/>
      <edge source="c" target="zz"/>
    </edges>
  </graph>
  <graph><nodes><node id="second-graph" label="Not imported either"/></nodes></graph>
</gexf>`;

  it('hands over only the elements at the place asked for, and leaves them out of the tree', () => {
    const taken: string[] = [];
    const parsed = parseXml(NETWORKX, { handOver: { node: { within: ['gexf', 'graph', 'nodes'], take: (n, up) => void taken.push(`${String(n['@id'])} in ${up.map((e) => Object.keys(e).length).length}`) } } });
    if (!parsed.ok) throw new Error(parsed.error);
    // The nested node stays inside its parent; both graphs' top-level nodes are handed over.
    expect(taken).toEqual(['a in 3', 'b in 3', 'c in 3', 'second-graph in 3']);
    const graphs = parsed.root.graph as Record<string, unknown>[];
    expect((graphs[0].nodes as Record<string, unknown>[])[0].node).toBeUndefined();
    expect(graphs[0].edges).toBeDefined();
  });

  it('gives the same map as reading the whole tree, for the first graph only', () => {
    const collector = new GexfCollector();
    const streamed = collector.result(parseXml(NETWORKX, { handOver: collector.handOver }), { mapName: 'x', now: 1 });
    const whole = gexfFromXml(parseXml(NETWORKX), { mapName: 'x', now: 1 });
    if (!streamed.ok || !whole.ok) throw new Error('not read');
    const strip = (r: typeof streamed & { ok: true }) => ({ people: carried(r.doc), ties: carriedTies(r.doc).map(({ id: _id, ...t }) => JSON.stringify(t)).sort(), problems: r.problems, skipped: r.skipped });
    expect(strip(streamed)).toEqual(strip(whole));
    expect(Object.values(streamed.doc.stakeholders).map((p) => p.name).sort()).toEqual(['Ann', 'Bo', 'Cy']);
    expect(streamed.doc.stakeholders.a.title).toBe('CEO');
    expect(streamed.doc.stakeholders.b.title).toBe('Staff');
  });

  it('gives the same map as reading the whole tree for every sample document, wherever the bytes are cut (property)', async () => {
    const text = exportGexf(sampleDoc(), new Date('2025-01-01'));
    const bytes = enc(text);
    const collector = new GexfCollector();
    const whole = gexfFromXml(parseXml(text), { mapName: 'm', now: 1 });
    const streamed = collector.result(parseXml(text, { handOver: collector.handOver }), { mapName: 'm', now: 1 });
    if (!whole.ok || !streamed.ok) throw new Error('not read');
    expect(carried(streamed.doc)).toEqual(carried(whole.doc));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), async (points) => {
        expect(outcome(await importGraphStream('map.gexf', 'gexf', bytes.length, bytesOf(cutBytes(bytes, points)), { now: 1 }))).toEqual(outcome(importFile('map.gexf', bytes, { now: 1 })));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the messages and their line and column for a malformed GEXF', () => {
    const bad = '<gexf><graph><nodes>\n<node id="a">\n</nodes></graph></gexf>';
    const collector = new GexfCollector();
    expect(collector.result(parseXml(bad, { handOver: collector.handOver }))).toEqual(gexfFromXml(parseXml(bad)));
    expect(gexfFromXml(parseXml(bad))).toEqual({ ok: false, error: expect.stringMatching(/^The XML is malformed at line 3, column 1: expected the closing tag <\/node>/) });
  });
});


describe('GraphML streaming builder (nodes, edges and hyperedges handed over as events)', () => {
  const YED = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="g" for="node" yfiles.type="nodegraphics"/>
  <key id="eg" for="edge" yfiles.type="edgegraphics"/>
  <key id="t" for="node" attr.name="title"><default>Staff</default></key>
  <key id="w" for="edge" attr.name="weight"/>
  <graph id="G" edgedefault="directed">
    <data key="t">not a node's</data>
    <edge source="a" target="b"><data key="w">2.5</data><data key="eg"><y:PolyLineEdge><y:EdgeLabel>advises</y:EdgeLabel></y:PolyLineEdge></data></edge>
    <node id="a"><data key="g"><y:ShapeNode><y:Geometry x="10" y="20" width="30" height="30"/><y:NodeLabel>Ann &amp; co</y:NodeLabel></y:ShapeNode></data></node>
    <node id="group"><data key="g"><y:ProxyAutoBoundsNode><y:Realizers><y:GroupNode><y:Geometry x="-5" y="-5"/><y:NodeLabel>  </y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph id="group:" edgedefault="undirected">
        <node id="b"><data key="t">Lead</data></node>
        <node id="c"><graph><node id="deep"/><edge source="deep" target="b"/></graph></node>
        <edge source="b" target="c"/>
        <hyperedge><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>
      </graph>
    </node>
    <node id="d"><node id="not-in-a-graph"/></node>
    <hyperedge><endpoint node="a"/><endpoint node="d"/><endpoint node="c"/></hyperedge>
  </graph>
  <graph><node id="second-graph"/></graph>
</graphml>`;
  const samples = [YED, DOCUMENTS[0], DOCUMENTS[2]];
  const strip = (r: ReturnType<typeof graphmlFromXml>) => (r.ok ? { people: carried(r.doc), ties: carriedTies(r.doc).map(({ id: _id, ...t }) => JSON.stringify(t)).sort(), problems: r.problems, skipped: r.skipped } : r);

  it('gives the same map as reading the whole tree, nested groups, yEd graphics and hyperedges included', () => {
    for (const doc of samples) {
      const collector = new GraphmlCollector();
      const streamed = collector.result(parseXml(doc, { handOver: collector.handOver }), { mapName: 'm', now: 1 });
      expect(strip(streamed)).toEqual(strip(graphmlFromXml(parseXml(doc), { mapName: 'm', now: 1 })));
    }
    const yed = importGraphml(YED, { now: 1 });
    if (!yed.ok) throw new Error(yed.error);
    expect(Object.keys(yed.doc.stakeholders)).toEqual(['a', 'group', 'b', 'c', 'deep', 'd']);
    expect(yed.doc.stakeholders.a).toMatchObject({ name: 'Ann & co', title: 'Staff' });
    expect(yed.doc.stakeholders.group.name).toBe('group');
    expect(yed.doc.stakeholders.b.title).toBe('Lead');
    expect(yed.problems).toContain('2 hyperedges (edges joining more than two nodes) cannot be shown; left out.');
    expect(Object.values(yed.doc.ties).map((t) => `${t.source}-${t.target}`)).toEqual(['deep-b', 'b-c', 'a-b']);
  });

  it('reads the same map wherever the text is cut into two pieces (every cut point)', () => {
    const whole = strip(importGraphml(YED, { now: 1 }));
    for (let at = 0; at <= YED.length; at++) {
      const collector = new GraphmlCollector();
      const reader = new XmlReader({ handOver: collector.handOver });
      reader.write(YED.slice(0, at));
      reader.write(YED.slice(at));
      expect(strip(collector.result(reader.end(), { now: 1 }))).toEqual(whole);
    }
  });

  it('names the line and column of a problem inside a handed-over node', () => {
    expect(importGraphml('<graphml><graph>\n<node id="a"><data key="x">1</date></node>\n</graph></graphml>')).toEqual({
      ok: false,
      error: 'The XML is malformed at line 2, column 29: expected the closing tag </data> (opened at line 2, column 14) instead of </date>.',
    });
  });
});

describe('GEXF streamed from bytes cut anywhere', () => {
  it('reads the same map for every cut point, inside tags, attribute values, entities and multi-byte characters', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?><gexf xmlns:viz="http://www.gexf.net/1.2draft/viz"><graph defaultedgetype="directed"><attributes class="node"><attribute id="0" title="title" type="string"/></attributes><nodes><node id="a" label="Zoë &amp; 😀"><viz:position x="1.5" y="-2"/><attvalues><attvalue for="0" value="Chef &#xe9;&lt;1&gt;"/></attvalues></node><node id="b" label="李"/></nodes><edges><edge source="a" target="b" weight="3"/></edges></graph></gexf>`;
    const bytes = enc(text);
    const expected = outcome(importFile('x.gexf', bytes, { now: 1 }));
    expect(expected).toMatchObject({ people: [expect.objectContaining({ name: 'Zoë & 😀', title: 'Chef é<1>' }), expect.objectContaining({ name: '李' })] });
    for (let at = 0; at <= bytes.length; at++) {
      expect(outcome(await importGraphStream('x.gexf', 'gexf', bytes.length, bytesOf([bytes.subarray(0, at), bytes.subarray(at)]), { now: 1 }))).toEqual(expected);
    }
  }, 60_000);
});
