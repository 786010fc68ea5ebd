import { describe, expect, it } from 'vitest';
import { addTieKind } from '../../../src/domain/tie-kinds';
import type { CustomTieKind, MapDocument } from '../../../src/domain/types';
import { addTiesFromCsv, exportTiesCsv, parseCsvTable } from '../../../src/io/csv';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { exportBackupJson, exportMapJson, readBackupFile, readMapJson } from '../../../src/io/map-file';
import { importFile } from '../../../src/io/import';
import { MAP_KEYWORD, embedText } from '../../../src/io/png';
import { buildMapScene, renderMapSvg } from '../../../src/io/svg-render';
import { PALETTE } from '../../../src/io/palette';
import { tinyPng } from '../helpers/png';
import { sampleDoc } from './helpers';

/** The sample map with two kinds of its own: a mentor line (influence, one-way, dashed violet) and friends (mutual, shown only). */
function docWithKinds(): MapDocument {
  let doc = sampleDoc();
  for (const fields of [
    { name: 'Mentor', colour: 'violet', line: 'dashed', mutual: false, meaning: 'influence' },
    { name: 'Friend', colour: 'amber', line: 'dotted', mutual: true, meaning: 'shown' },
  ] as const) {
    const r = addTieKind(doc, fields);
    if (!r.ok) throw new Error(r.error);
    doc = r.doc;
  }
  const [mentor, friend] = doc.map.settings.tieKinds!;
  doc.ties.t8 = { id: 't8', source: 'p-me', target: 'p-ceo', kind: mentor.id, strength: 3, mutual: false, note: 'monthly' };
  doc.ties.t9 = { id: 't9', source: 'p-me', target: 'p-ceo', kind: friend.id, strength: 1, mutual: true, note: '' };
  return doc;
}

const withoutId = (k: CustomTieKind) => ({ name: k.name, colour: k.colour, line: k.line, mutual: k.mutual, meaning: k.meaning });
/** Ties with their kind told by name, so formats that make kinds anew (new ids) compare equal. */
const namedTies = (doc: MapDocument) =>
  Object.values(doc.ties)
    .map((t) => ({ id: t.id, source: t.source, target: t.target, kind: doc.map.settings.tieKinds?.find((k) => k.id === t.kind)?.name ?? t.kind, strength: t.strength, mutual: t.mutual, note: t.note }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe("a map's own tie kinds in every format", () => {
  it('JSON map file and backup: kinds and ties exactly', () => {
    const doc = docWithKinds();
    const back = readMapJson(exportMapJson(doc));
    if (!back.ok) throw new Error(back.error);
    expect(back.problems).toEqual([]);
    expect(back.doc).toEqual(doc);
    const backup = readBackupFile(JSON.parse(exportBackupJson([doc])));
    expect(backup.ok && backup.maps[0].doc).toEqual(doc);
  });

  it('PNG with the map embedded', () => {
    const doc = docWithKinds();
    const r = importFile('map.png', embedText(tinyPng(), MAP_KEYWORD, exportMapJson(doc)));
    if (!r.ok) throw new Error(r.error);
    expect(r.docs[0].map.settings.tieKinds).toEqual(doc.map.settings.tieKinds);
    expect(namedTies(r.docs[0])).toEqual(namedTies(doc));
  });

  it.each([
    ['GraphML', exportGraphml, importGraphml],
    ['GEXF', (d: MapDocument) => exportGexf(d, new Date('2025-01-01')), importGexf],
  ] as const)('%s: kinds by name with colour, line, direction and meaning', (_name, write, read) => {
    const doc = docWithKinds();
    const back = read(write(doc));
    if (!back.ok) throw new Error(back.error);
    expect(back.problems).toEqual([]);
    expect(back.doc.map.settings.tieKinds!.map(withoutId)).toEqual(doc.map.settings.tieKinds!.map(withoutId));
    expect(namedTies(back.doc)).toEqual(namedTies(doc));
  });

  it('CSV ties: kind columns make the kinds again on a map without them', () => {
    const doc = docWithKinds();
    const csv = exportTiesCsv(doc);
    expect(csv.split('\r\n')[0]).toBe('id,from,to,from_name,to_name,kind,strength,direction,note,kind_colour,kind_line,kind_meaning');
    const bare: MapDocument = { ...doc, map: { ...doc.map, settings: { ...doc.map.settings, tieKinds: undefined } }, ties: Object.create(null) };
    delete bare.map.settings.tieKinds;
    const parsed = parseCsvTable(csv);
    if (!parsed.ok) throw new Error(parsed.error);
    const table = parsed.table;
    const back = addTiesFromCsv(bare, table);
    if ('ok' in back) throw new Error(back.error);
    // Each kind the bare map lacked is made again from the kind columns, and the import says so once per kind.
    expect(back.problems).toHaveLength(doc.map.settings.tieKinds!.length);
    for (const line of back.problems) expect(line).toMatch(/^Row \d+: kind ".+" is new to this map; added as a kind of its own \((counts as|shown only)/);
    expect(back.doc.map.settings.tieKinds!.map(withoutId)).toEqual(doc.map.settings.tieKinds!.map(withoutId));
    expect(namedTies(back.doc)).toEqual(namedTies(doc));
    // Read into the map that has them, a kind is found by name, not made twice.
    const again = addTiesFromCsv({ ...doc, ties: Object.create(null) }, table);
    if ('ok' in again) throw new Error(again.error);
    expect(again.doc.map.settings.tieKinds).toEqual(doc.map.settings.tieKinds);
    expect(again.problems).toEqual([]);
  });

  it("SVG/PNG scene: the kind's colour and dash, its arrowhead, and a legend row", () => {
    const doc = docWithKinds();
    const svg = renderMapSvg(doc);
    expect(svg).toContain(`stroke="${PALETTE.light.tieChoice.violet}"`);
    expect(svg).toContain('Mentor');
    expect(svg).toContain('Friend');
    const scene = buildMapScene(doc, { background: 'dark' });
    expect(scene.markers['c-violet']).toBe(PALETTE.dark.tieChoice.violet);
  });

  it('a third-party GraphML kind becomes a shown-only kind of the map', () => {
    const xml = `<?xml version="1.0"?><graphml><key id="k" for="edge" attr.name="kind" attr.type="string"/><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="k">customer of</data></edge></graph></graphml>`;
    const back = importGraphml(xml);
    if (!back.ok) throw new Error(back.error);
    const [tie] = Object.values(back.doc.ties);
    expect(back.doc.map.settings.tieKinds!.map(withoutId)).toEqual([{ name: 'customer of', colour: 'slate', line: 'solid', mutual: false, meaning: 'shown' }]);
    expect(tie.kind).toBe(back.doc.map.settings.tieKinds![0].id);
  });
});
