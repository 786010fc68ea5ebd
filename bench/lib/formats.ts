/**
 * Input files for the import benchmark, written the way other tools write them (not with the
 * app's own exporters, so the benchmark reads what users bring): a people CSV as a spreadsheet
 * saves it, and a GEXF as NetworkX's write_gexf writes it (numeric attribute ids, viz:position).
 */
import type { MapDocument } from '../../src/domain/types';

const LEVELS = ['Executive', 'Senior leader', 'Manager', 'Individual contributor'];

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** name,title,department,seniority,influence,email: one row per person, CRLF line ends. */
export function peopleCsv(doc: MapDocument): string {
  const lines = ['Name,Title,Department,Seniority,Influence,Email'];
  for (const s of Object.values(doc.stakeholders)) {
    const email = `${s.name.toLowerCase().replace(/[^a-z]+/g, '.')}.${s.id}@example.com`;
    lines.push([s.name, s.title, s.department, LEVELS[s.seniority] ?? '', s.influence, email].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** GEXF 1.2draft as NetworkX 2.8 writes it: node attributes, viz:position, kind/strength on edges. */
export function networkxStyleGexf(doc: MapDocument): string {
  const out: string[] = [];
  out.push("<?xml version='1.0' encoding='utf-8'?>");
  out.push(
    '<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
  );
  out.push('  <meta lastmodifieddate="2026-01-01">', '    <creator>NetworkX 2.8.8</creator>', '  </meta>');
  out.push('  <graph defaultedgetype="directed" mode="static" name="">');
  out.push('    <attributes mode="static" class="edge">', '      <attribute id="4" title="kind" type="string" />', '      <attribute id="5" title="strength" type="long" />', '    </attributes>');
  out.push(
    '    <attributes mode="static" class="node">',
    '      <attribute id="0" title="title" type="string" />',
    '      <attribute id="1" title="department" type="string" />',
    '      <attribute id="2" title="seniority" type="string" />',
    '      <attribute id="3" title="influence" type="long" />',
    '    </attributes>',
  );
  out.push('    <nodes>');
  for (const s of Object.values(doc.stakeholders)) {
    out.push(`      <node id="${xml(s.id)}" label="${xml(s.name)}">`);
    out.push(`        <viz:position x="${(s.x + 75).toFixed(1)}" y="${(-(s.y + 38)).toFixed(1)}" z="0.0" />`);
    out.push('        <attvalues>');
    out.push(`          <attvalue for="0" value="${xml(s.title)}" />`);
    out.push(`          <attvalue for="1" value="${xml(s.department)}" />`);
    out.push(`          <attvalue for="2" value="${xml(LEVELS[s.seniority] ?? '')}" />`);
    out.push(`          <attvalue for="3" value="${s.influence}" />`);
    out.push('        </attvalues>', '      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  let i = 0;
  for (const t of Object.values(doc.ties)) {
    out.push(`      <edge source="${xml(t.source)}" target="${xml(t.target)}" id="${i++}">`);
    out.push('        <attvalues>', `          <attvalue for="4" value="${t.kind}" />`, `          <attvalue for="5" value="${t.strength}" />`, '        </attvalues>', '      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>');
  return `${out.join('\n')}\n`;
}
