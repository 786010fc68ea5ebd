/**
 * LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data). The file starts
 * with a few lines of notes ("Notes:", a sentence about e-mail addresses, a blank line) before the
 * header row: First Name, Last Name, URL, Email Address, Company, Position, Connected On. Read
 * with papaparse from the header on; line numbers in messages are the file's own. Pure; never throws.
 */
import Papa from 'papaparse';
import type { ContactRecord } from '../domain/contacts-import';
import { quote } from './text';

const REQUIRED = ['first name', 'last name'];
const HEADER_LINE = /^\uFEFF?\s*"?first name"?\s*,\s*"?last name"?\s*,/i;

/** Whether the text looks like a Connections.csv (its header within the first lines). */
export function isLinkedinConnections(text: string): boolean {
  return headerLineIndex(text) !== null;
}

function headerLineIndex(text: string): number | null {
  const lines = text.slice(0, 8192).split(/\r\n|\n|\r/);
  for (let i = 0; i < Math.min(lines.length, 20); i++) {
    if (HEADER_LINE.test(lines[i]) && /url/i.test(lines[i]) && /connected on/i.test(lines[i])) return i;
  }
  return null;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** "15 Mar 2024" (LinkedIn's form), "2024-03-15" or "03/15/2024" as YYYY-MM-DD; null otherwise. */
export function parseConnectedOn(value: string): string | null {
  const v = value.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[\s-]+([A-Za-z]{3})[a-z]*[\s-]+(\d{4})$/.exec(v);
  if (match) [d, m, y] = [Number(match[1]), MONTHS[match[2].toLowerCase()] ?? 0, Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v))) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  if (!m || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type ContactsParse = { ok: true; records: ContactRecord[]; problems: string[] } | { ok: false; error: string };

export function parseLinkedinConnections(text: string, fileName: string): ContactsParse {
  try {
    return parse(text, fileName);
  } catch (error) {
    return { ok: false, error: `${quote(fileName, 60)} could not be read as LinkedIn connections (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function parse(text: string, fileName: string): ContactsParse {
  const label = quote(fileName, 60);
  const headerAt = headerLineIndex(text);
  if (headerAt === null) {
    return { ok: false, error: `${label} is not LinkedIn's Connections.csv: no header row "First Name, Last Name, URL, Email Address, Company, Position, Connected On" in its first 20 lines.` };
  }
  const lines = text.split(/\r\n|\n|\r/);
  const body = lines.slice(headerAt).join('\n');
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  for (const r of REQUIRED) if (!fields.includes(r)) return { ok: false, error: `${label}, line ${headerAt + 1}: the header has no "${r}" column.` };
  const problems: string[] = [];
  for (const e of parsed.errors.slice(0, 20)) problems.push(`${label}, line ${headerAt + 2 + (e.row ?? 0)}: ${e.message}.`);
  const records: ContactRecord[] = [];
  // papaparse rows do not carry line numbers: count the lines each record spans (quoted line breaks).
  let line = headerAt + 2;
  for (const row of parsed.data) {
    const get = (k: string) => (row[k] ?? '').trim();
    const name = `${get('first name')} ${get('last name')}`.replace(/\s+/g, ' ').trim();
    const at = line;
    line += 1 + Object.values(row).reduce((n, v) => n + (typeof v === 'string' ? (v.match(/\r\n|\n|\r/g)?.length ?? 0) : 0), 0);
    if (!name) {
      problems.push(`${label}, line ${at}: no name; skipped.`);
      continue;
    }
    const connectedText = get('connected on');
    const connectedOn = connectedText ? parseConnectedOn(connectedText) : null;
    if (connectedText && !connectedOn) problems.push(`${label}, line ${at} (${quote(name)}): "Connected On" ${quote(connectedText)} is not a date; not logged.`);
    const email = get('email address');
    records.push({ line: at, name, title: get('position'), company: get('company'), emails: email ? [email] : [], phone: '', linkedinUrl: get('url'), connectedOn });
  }
  if (records.length === 0) return { ok: false, error: `${label} has the Connections.csv header but no connections after it.` };
  return { ok: true, records, problems };
}
