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

const OUTLOOK_ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

/** RFC 5545 folding at 75 octets (ASCII here), as Outlook writes long lines. */
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(` ${line.slice(i, i + 74)}`);
  return parts.join('\r\n');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar export as Outlook writes it: its VTIMEZONE with rules from 1601, `events` meetings
 * spread over `years` years up to 2025-12-31 (one every few working hours), each with an organiser
 * and 2 to 6 attendees from a pool of 300 colleagues, CRLF line ends and folded long lines. A weekly
 * 1:1 series is included as one recurring event. Deterministic.
 */
export function outlookStyleIcs(events: number, years = 10): string {
  const out = ['BEGIN:VCALENDAR', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'VERSION:2.0', 'METHOD:PUBLISH', 'X-WR-CALNAME:Calendar', ...OUTLOOK_ZONE];
  const startDay = Date.UTC(2025 - years + 1, 0, 1) / 86_400_000;
  const days = years * 365;
  let state = 12345;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const person = (i: number) => `ATTENDEE;CN="Colleague ${i}";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:colleague.${i}@example.com`;
  for (let e = 0; e < events; e++) {
    const d = new Date((startDay + Math.floor((e / events) * days)) * 86_400_000);
    const stamp = `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
    const hour = 8 + Math.floor(rand() * 9);
    out.push('BEGIN:VEVENT');
    out.push(`UID:040000008200E00074C5B7101A82E0080000000000000000000000000000000000000000${String(e).padStart(8, '0')}`);
    out.push(`DTSTAMP:${stamp}T070000Z`);
    out.push(`DTSTART;TZID=W. Europe Standard Time:${stamp}T${pad2(hour)}0000`);
    out.push(`DTEND;TZID=W. Europe Standard Time:${stamp}T${pad2(hour)}3000`);
    out.push(fold(`SUMMARY;LANGUAGE=en-us:Project review ${e} with the platform, data and product teams about the quarterly roadmap`));
    out.push(fold(`ORGANIZER;CN="Colleague ${e % 300}":mailto:colleague.${e % 300}@example.com`));
    const n = 2 + Math.floor(rand() * 5);
    for (let k = 0; k < n; k++) out.push(fold(person(Math.floor(rand() * 300))));
    out.push('STATUS:CONFIRMED', 'END:VEVENT');
  }
  out.push('BEGIN:VEVENT', 'UID:weekly-one-to-one', 'DTSTAMP:20150101T070000Z');
  out.push(`DTSTART;TZID=W. Europe Standard Time:${2025 - years + 1}0105T100000`, `DTEND;TZID=W. Europe Standard Time:${2025 - years + 1}0105T103000`);
  out.push('RRULE:FREQ=WEEKLY;BYDAY=MO', 'SUMMARY:1:1', person(1), person(2), 'END:VEVENT');
  out.push('END:VCALENDAR');
  return `${out.join('\r\n')}\r\n`;
}

/** A CSV of about `bytes` characters (meetings as rows), the papaparse baseline for the same file size. */
export function meetingsCsvOfSize(bytes: number): string {
  const lines = ['Subject,Start Date,Start Time,End Date,End Time,Meeting Organizer,Required Attendees'];
  let size = lines[0].length;
  for (let i = 0; size < bytes; i++) {
    const line = `"Project review ${i} with the platform, data and product teams",2025-01-01,10:00,2025-01-01,10:30,Colleague ${i % 300},"Colleague ${(i * 7) % 300};Colleague ${(i * 11) % 300};Colleague ${(i * 13) % 300}"`;
    lines.push(line);
    size += line.length + 2;
  }
  return `${lines.join('\r\n')}\r\n`;
}
