/**
 * CSV for spreadsheets: a people file (one row per person, every field) and a ties file.
 *
 * People columns: id, name, title, department, seniority (level name), influence, interest,
 *   stance, tags (separated by ";"), notes, email, x, y, cadence_days, next_follow_up, other_emails
 *   (separated by ";"), phone, company, linkedin_url, target_stance, stance_history
 *   ("2026-03-12:sceptic>neutral;…"). Files written before the contact or stance columns existed
 *   are still recognised as ours.
 * Ties columns: id, from, to, from_name, to_name, kind, strength, direction (one-way | mutual),
 *   note. On import `from`/`to` may be a person's id, e-mail or unique name. A map with kinds of
 *   its own writes those ties' kind as the kind's name and adds kind_colour, kind_line and
 *   kind_meaning (what it counts as); reading, a kind that is neither built in nor on the map
 *   becomes a kind of the map's own with those columns (shown only when they are missing).
 *
 * Formula injection: text cells a spreadsheet would run as a formula are written with a leading
 * apostrophe; numbers (x, y, scores) are written as plain numbers. Reading a file we wrote, that
 * apostrophe is removed again and nothing else (see formula.ts for the exact rule).
 */
import Papa from 'papaparse';
import { DEFAULT_LEVELS, STANCE_LABELS } from '../domain/defaults';
import { levelName } from '../domain/describe';
import { createMapDocument, createStakeholder, createTie } from '../domain/factories';
import { newId } from '../domain/ids';
import { StakeholderSchema, restore } from '../domain/schemas';
import { STANCES, TIE_KINDS } from '../domain/types';
import type { MapDocument, Stance, Stakeholder, Strength, Tie, TieKind, TieKindId } from '../domain/types';
import { aKindOfTie, customKind, customKinds, kindDirection, kindFinder, TIE_MEANING_LABELS, withTieKinds } from '../domain/tie-kinds';
import { MAX_TIE_KINDS } from '../domain/limits';
import { neutraliseCell, restoreCell } from './formula';
import { PersonIndex, TieIndex } from './person-index';
import { autoLayout } from './tree-layout';
import { nodeWidth } from '../domain/defaults';
import { CoordinateClamp, MAX_NOTES, MAX_SHORT_TEXT, MAX_TAG, clampText, matchKey, plural, quote, toNumber } from './text';
import { maxOf, minOf } from '../domain/extent';
import { copyRecord, emptyRecord, hasEntry } from '../domain/records';
import { withContact } from '../domain/contact';
import { parseStanceHistory, writeStanceHistory } from '../domain/stance-history';
import { TEXT_LIMITS } from '../domain/limits';

const PEOPLE_COLUMNS_V1 = ['id', 'name', 'title', 'department', 'seniority', 'influence', 'interest', 'stance', 'tags', 'notes', 'email', 'x', 'y', 'cadence_days', 'next_follow_up'] as const;
const PEOPLE_COLUMNS_V2 = [...PEOPLE_COLUMNS_V1, 'other_emails', 'phone', 'company', 'linkedin_url'] as const;
export const PEOPLE_COLUMNS = [...PEOPLE_COLUMNS_V2, 'target_stance', 'stance_history'] as const;
export const TIE_COLUMNS = ['id', 'from', 'to', 'from_name', 'to_name', 'kind', 'strength', 'direction', 'note'] as const;
/** The ties columns of a map with kinds of its own. */
export const TIE_COLUMNS_WITH_KINDS = [...TIE_COLUMNS, 'kind_colour', 'kind_line', 'kind_meaning'] as const;

export { neutraliseCell, restoreCell } from './formula';

/** Our own export's header rows: only in those files were apostrophes added by us (formula.ts). */
function isOurExport(headerRow: string[]): boolean {
  const same = (columns: readonly string[]) => headerRow.length === columns.length && columns.every((c, i) => headerRow[i] === c);
  return same(PEOPLE_COLUMNS) || same(PEOPLE_COLUMNS_V2) || same(PEOPLE_COLUMNS_V1) || same(TIE_COLUMNS) || same(TIE_COLUMNS_WITH_KINDS);
}

function unparse(fields: readonly string[], rows: (string | number)[][]): string {
  // Text cells are already neutralised; quoting is left to papaparse (RFC 4180).
  return Papa.unparse({ fields: [...fields], data: rows }, { newline: '\r\n' });
}

export function exportPeopleCsv(doc: MapDocument): string {
  const t = neutraliseCell;
  const rows = Object.values(doc.stakeholders).map((s) => [
    t(s.id),
    t(s.name),
    t(s.title),
    t(s.department),
    t(levelName(s, doc.map.settings)),
    s.influence,
    s.interest,
    s.stance,
    t(s.tags.map((tag) => tag.replace(/;/g, ',')).join(';')),
    t(s.notes),
    t(s.email),
    round(s.x),
    round(s.y),
    s.cadenceDays ?? '',
    s.nextFollowUp ?? '',
    t((s.otherEmails ?? []).join(';')),
    t(s.phone ?? ''),
    t(s.company ?? ''),
    t(s.linkedinUrl ?? ''),
    s.targetStance ?? '',
    writeStanceHistory(s.stanceHistory),
  ]);
  return unparse(PEOPLE_COLUMNS, rows);
}

export function exportTiesCsv(doc: MapDocument): string {
  const t = neutraliseCell;
  const own = customKinds(doc.map.settings).length > 0;
  const rows = Object.values(doc.ties).map((tie) => {
    const custom = customKind(doc.map.settings, tie.kind);
    const row: (string | number)[] = [
      t(tie.id),
      t(tie.source),
      t(tie.target),
      t(doc.stakeholders[tie.source]?.name ?? ''),
      t(doc.stakeholders[tie.target]?.name ?? ''),
      custom ? t(custom.name) : t(tie.kind),
      tie.strength,
      tie.mutual ? 'mutual' : 'one-way',
      t(tie.note),
    ];
    if (own) row.push(custom?.colour ?? '', custom?.line ?? '', custom?.meaning ?? '');
    return row;
  });
  return unparse(own ? TIE_COLUMNS_WITH_KINDS : TIE_COLUMNS, rows);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface CsvTable {
  headers: string[];
  /** Data rows keyed by header; `line` is the row number a spreadsheet shows (header is row 1). */
  rows: CsvRow[];
  problems: string[];
}

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface SkippedRow {
  row: number;
  reason: string;
  /** Why, in a few words shared by every row skipped for the same reason ("name nobody in the map"). */
  why?: string;
}

/**
 * Parses CSV text with a header row (delimiter detected: comma, semicolon, tab or pipe).
 * Blank rows are ignored; duplicate header names get " (2)", " (3)" so no column is lost.
 */
export function parseCsvTable(text: string): { ok: true; table: CsvTable } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' };
  let parsed: Papa.ParseResult<string[]>;
  try {
    parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  } catch (error) {
    return { ok: false, error: `The CSV could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  const problems: string[] = [];
  for (const e of parsed.errors.slice(0, 20)) {
    if (e.type === 'Delimiter') continue; // one column: fine, it is just a list
    problems.push(`Row ${(e.row ?? 0) + 1}: ${e.message}.`);
  }
  if (parsed.errors.length > 20) problems.push(`… and ${plural(parsed.errors.length - 20, 'more CSV error')}.`);
  const [headerRow, ...data] = parsed.data;
  if (!headerRow || headerRow.every((h) => h.trim() === '')) return { ok: false, error: 'The CSV has no header row.' };
  const headers: string[] = [];
  const seen = new Map<string, number>();
  headerRow.forEach((raw, i) => {
    let h = raw.trim() || `Column ${i + 1}`;
    const count = (seen.get(matchKey(h)) ?? 0) + 1;
    seen.set(matchKey(h), count);
    if (count > 1) {
      problems.push(`The column ${quote(h)} appears ${count} times; the extra one is called ${quote(`${h} (${count})`)}.`);
      h = `${h} (${count})`;
    }
    headers.push(h);
  });
  const rows: CsvRow[] = [];
  const ours = isOurExport(headerRow);
  data.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const record: Record<string, string> = emptyRecord();
    headers.forEach((h, j) => {
      const cell = cells[j] ?? '';
      record[h] = ours ? restoreCell(cell) : cell;
    });
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push(`Row ${i + 2} has more cells than there are columns; the extra cells were ignored.`);
    }
    rows.push({ line: i + 2, cells: record });
  });
  return { ok: true, table: { headers, rows, problems } };
}

/** The header row of CSV text, read without parsing the rest (for telling kinds of file apart). */
export function csvHeaders(text: string): string[] {
  try {
    const parsed = Papa.parse<string[]>(text, { preview: 1, skipEmptyLines: 'greedy' });
    return (parsed.data[0] ?? []).map((h) => h.trim());
  } catch {
    return [];
  }
}

/** Is this a ties file (from and to columns, no name)? Decided from the header row alone. */
export function isTiesHeader(headers: string[]): boolean {
  return !!findColumn(headers, 'from', 'source') && !!findColumn(headers, 'to', 'target') && !findColumn(headers, 'name');
}

/** Finds a column by any of its usual names (case, spaces, "_" and "-" ignored). */
export function findColumn(headers: string[], ...names: string[]): string | null {
  const wanted = new Set(names.map(normHeader));
  return headers.find((h) => wanted.has(normHeader(h))) ?? null;
}

export function normHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-./]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

/** Matches a level by name (case-insensitive), or by its number counted from 1 = most senior. */
export function matchLevel(value: string, levels: string[]): number | null {
  const key = matchKey(value);
  if (!key) return null;
  const exact = levels.findIndex((l) => matchKey(l) === key);
  if (exact >= 0) return exact;
  const synonyms: Record<string, number> = { exec: 0, executive: 0, 'c level': 0, 'senior leadership': 1, leader: 1, director: 1, 'senior leader': 1, manager: 2, ic: 3, 'individual contributor': 3, staff: 3 };
  if (levels.length === DEFAULT_LEVELS.length && levels.every((l, i) => l === DEFAULT_LEVELS[i]) && key in synonyms) return synonyms[key];
  return null;
}

function matchStance(value: string): Stance | null {
  const key = matchKey(value);
  if (!key) return null;
  return STANCES.find((s) => s === key || matchKey(STANCE_LABELS[s]) === key || (key === 'skeptic' && s === 'sceptic')) ?? null;
}

export interface PeopleCsvResult {
  ok: true;
  doc: MapDocument;
  problems: string[];
  skipped: SkippedRow[];
}

export interface PeopleCsvOptions {
  mapName?: string;
  /** Level names to match the seniority column against (default: the standard levels). */
  levels?: string[];
  now?: number;
}

/**
 * Reads a people CSV in this app's format (only "name" is required; every other column is
 * optional and may be in any order) into a new map. People without positions are laid out.
 */
export function importPeopleCsv(table: CsvTable, options: PeopleCsvOptions = {}): PeopleCsvResult | { ok: false; error: string } {
  const h = table.headers;
  const col = {
    id: findColumn(h, 'id'),
    name: findColumn(h, 'name', 'full name'),
    title: findColumn(h, 'title', 'job title'),
    department: findColumn(h, 'department', 'dept'),
    seniority: findColumn(h, 'seniority', 'level'),
    influence: findColumn(h, 'influence'),
    interest: findColumn(h, 'interest'),
    stance: findColumn(h, 'stance'),
    tags: findColumn(h, 'tags'),
    notes: findColumn(h, 'notes'),
    email: findColumn(h, 'email', 'e-mail'),
    x: findColumn(h, 'x'),
    y: findColumn(h, 'y'),
    cadence: findColumn(h, 'cadence days', 'cadence'),
    next: findColumn(h, 'next follow up'),
    otherEmails: findColumn(h, 'other emails', 'other e-mails'),
    phone: findColumn(h, 'phone', 'telephone', 'mobile', 'phone number'),
    company: findColumn(h, 'company', 'organisation', 'organization'),
    linkedin: findColumn(h, 'linkedin url', 'linkedin'),
    target: findColumn(h, 'target stance'),
    history: findColumn(h, 'stance history'),
  };
  if (!col.name) return { ok: false, error: `Missing required column "name" (found: ${h.map((x) => quote(x, 30)).join(', ')}).` };
  const doc = createMapDocument(options.mapName ?? 'Imported people', options.now);
  if (options.levels?.length) doc.map.settings = { ...doc.map.settings, levels: [...options.levels], cadenceDays: options.levels.map((_, i) => doc.map.settings.cadenceDays[Math.min(i, 3)]) };
  const levels = doc.map.settings.levels;
  const lowest = levels.length - 1;
  const problems = [...table.problems];
  const skipped: SkippedRow[] = [];
  const people: Stakeholder[] = [];
  const idRow = new Map<string, number>();
  const coordinates = new CoordinateClamp();
  const unplaced: Stakeholder[] = [];
  const get = (row: CsvRow, c: string | null) => (c ? (row.cells[c] ?? '').trim() : '');

  for (const row of table.rows) {
    const where = `Row ${row.line}`;
    const rawName = get(row, col.name);
    let id = get(row, col.id);
    if (!rawName && !id) {
      skipped.push({ row: row.line, reason: `${where}: no name; skipped.` });
      continue;
    }
    if (id && idRow.has(id)) {
      skipped.push({ row: row.line, reason: `${where}: the id ${quote(id)} was already used on row ${idRow.get(id)}; skipped.` });
      continue;
    }
    if (id) idRow.set(id, row.line);
    else id = newId();
    const who = `${where} (${quote(rawName || id)})`;
    const name = clampText(rawName, MAX_SHORT_TEXT, `${who}: the name`, problems);
    const seniorityText = get(row, col.seniority);
    let seniority = lowest;
    if (seniorityText) {
      const level = matchLevel(seniorityText, levels);
      if (level === null) problems.push(`${who}: seniority ${quote(seniorityText)} is not one of ${levels.join(', ')}; set to ${levels[lowest]}.`);
      else seniority = level;
    }
    const score = (c: string | null, field: string) => {
      const text = get(row, c);
      if (!text) return 3;
      const n = toNumber(text);
      if (n === null || !Number.isInteger(n) || n < 1 || n > 5) {
        problems.push(`${who}: ${field} ${quote(text)} is not a whole number from 1 to 5; set to 3.`);
        return 3;
      }
      return n;
    };
    const stanceText = get(row, col.stance);
    const stance = stanceText ? matchStance(stanceText) : 'unknown';
    if (stance === null) problems.push(`${who}: stance ${quote(stanceText)} is not one of ${STANCES.join(', ')}; set to unknown.`);
    const targetText = get(row, col.target);
    const targetStance = targetText ? matchStance(targetText) : null;
    if (targetText && targetStance === null) problems.push(`${who}: target_stance ${quote(targetText)} is not one of ${STANCES.join(', ')}; left empty.`);
    const historyText = get(row, col.history);
    const history = parseStanceHistory(historyText);
    if (history.bad) problems.push(`${who}: ${plural(history.bad, 'stance change')} in stance_history could not be read (expected 2026-03-12:sceptic>neutral); left out.`);
    const xText = get(row, col.x);
    const yText = get(row, col.y);
    const x = coordinates.clamp(toNumber(xText));
    const y = coordinates.clamp(toNumber(yText));
    const cadenceText = get(row, col.cadence);
    const cadence = toNumber(cadenceText);
    const nextText = get(row, col.next);
    const candidate = {
      ...createStakeholder(),
      id,
      name,
      title: clampText(get(row, col.title), MAX_SHORT_TEXT, `${who}: the title`, problems),
      department: clampText(get(row, col.department), MAX_SHORT_TEXT, `${who}: the department`, problems),
      seniority,
      influence: score(col.influence, 'influence'),
      interest: score(col.interest, 'interest'),
      stance: stance ?? 'unknown',
      ...(targetStance ? { targetStance } : {}),
      ...(history.history.length ? { stanceHistory: history.history } : {}),
      tags: splitTags(get(row, col.tags)),
      notes: clampText(col.notes ? (row.cells[col.notes] ?? '') : '', MAX_NOTES, `${who}: the notes`, problems),
      email: clampText(get(row, col.email), MAX_SHORT_TEXT, `${who}: the e-mail`, problems),
      x: x ?? 0,
      y: y ?? 0,
      cadenceDays: cadence !== null && Number.isInteger(cadence) && cadence >= 1 && cadence <= 3650 ? cadence : null,
      nextFollowUp: /^\d{4}-\d{2}-\d{2}$/.test(nextText) ? nextText : null,
    };
    if (cadenceText && candidate.cadenceDays === null) problems.push(`${who}: cadence_days ${quote(cadenceText)} is not a number of days from 1 to 3650; left empty.`);
    if (nextText && candidate.nextFollowUp === null) problems.push(`${who}: next_follow_up ${quote(nextText)} is not a date like 2025-03-31; left empty.`);
    const contact = withContact(candidate, {
      otherEmails: get(row, col.otherEmails),
      phone: clampText(get(row, col.phone), TEXT_LIMITS.phone, `${who}: the phone`, problems),
      company: clampText(get(row, col.company), TEXT_LIMITS.company, `${who}: the company`, problems),
      linkedinUrl: clampText(get(row, col.linkedin), TEXT_LIMITS.url, `${who}: the LinkedIn URL`, problems),
    });
    const restored = restore(StakeholderSchema, contact);
    if (!restored.ok) {
      skipped.push({ row: row.line, reason: `${who}: ${restored.error}; skipped.` });
      continue;
    }
    people.push(restored.value);
    if (x === null || y === null) unplaced.push(restored.value);
  }

  coordinates.report(problems);
  placeUnplaced(people, unplaced);
  for (const p of people) doc.stakeholders[p.id] = p;
  return { ok: true, doc, problems: [...skipped.map((r) => r.reason), ...problems], skipped };
}

/** Lays out the people that had no position, below and apart from those that did. */
export function placeUnplaced(people: Stakeholder[], unplaced: Stakeholder[]): void {
  if (unplaced.length === 0) return;
  const loose = new Set(unplaced);
  const placed = people.filter((p) => !loose.has(p));
  const top = placed.length ? maxOf(placed, (p) => p.y) + 200 : 0;
  const left = placed.length ? minOf(placed, (p) => p.x) : 0;
  const positions = autoLayout(unplaced.map((p) => ({ id: p.id, width: nodeWidth(p.influence) })), { origin: { x: left, y: top } });
  for (const p of unplaced) {
    const pos = positions.get(p.id)!;
    p.x = pos.x;
    p.y = pos.y;
  }
}

export function splitTags(text: string): string[] {
  const tags = text.split(';').map((t) => t.trim().slice(0, MAX_TAG)).filter(Boolean);
  return [...new Set(tags)];
}

const KIND_SYNONYMS: Record<string, TieKind> = {
  influence: 'influence',
  influences: 'influence',
  advice: 'influence',
  trust: 'trust',
  trusts: 'trust',
  'reports to': 'reports-to',
  'reports-to': 'reports-to',
  reportsto: 'reports-to',
  reports: 'reports-to',
  manager: 'reports-to',
  tension: 'tension',
  conflict: 'tension',
};

export function matchKind(value: string): TieKind | null {
  const key = matchKey(value).replace(/_/g, ' ');
  if ((TIE_KINDS as readonly string[]).includes(key)) return key as TieKind;
  return KIND_SYNONYMS[key] ?? null;
}

export function matchStrength(value: string): Strength | null {
  const key = matchKey(value);
  const words: Record<string, Strength> = { weak: 1, moderate: 2, medium: 2, strong: 3, '1': 1, '2': 2, '3': 3 };
  if (key in words) return words[key];
  const n = toNumber(key);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 3 ? (n as Strength) : null;
}

export function matchDirection(value: string): boolean | null {
  const key = matchKey(value).replace(/[\s_]+/g, '-');
  if (['mutual', 'two-way', 'both', 'undirected', 'bidirectional', 'yes', 'true'].includes(key)) return true;
  if (['one-way', 'oneway', 'directed', 'no', 'false'].includes(key)) return false;
  return null;
}

export interface TiesCsvResult {
  doc: MapDocument;
  added: number;
  /** Every skipped row's reason, then every other problem. */
  problems: string[];
  skipped: SkippedRow[];
  /** The problems that are not skipped rows (repaired values). */
  notes: string[];
}

/**
 * Adds the ties of a ties CSV (from, to, kind, strength, direction, note; only from and to are
 * required) to `doc`. People are found by id, e-mail or unique name. A missing kind means trust.
 * Rows that name an unknown person, join a person to themselves or repeat a tie are skipped.
 */
export function addTiesFromCsv(doc: MapDocument, table: CsvTable): TiesCsvResult | { ok: false; error: string } {
  const h = table.headers;
  const col = {
    id: findColumn(h, 'id', 'tie id'),
    from: findColumn(h, 'from', 'source', 'from id', 'person'),
    to: findColumn(h, 'to', 'target', 'to id'),
    kind: findColumn(h, 'kind', 'type', 'relationship'),
    strength: findColumn(h, 'strength', 'weight'),
    direction: findColumn(h, 'direction', 'mutual', 'directed'),
    note: findColumn(h, 'note', 'notes'),
    kindColour: findColumn(h, 'kind colour', 'kind color'),
    kindLine: findColumn(h, 'kind line'),
    kindMeaning: findColumn(h, 'kind meaning', 'counts as'),
  };
  const missing = [!col.from && '"from"', !col.to && '"to"'].filter(Boolean);
  if (missing.length) return { ok: false, error: `Missing required column ${missing.join(' and ')} (found: ${h.map((x) => quote(x, 30)).join(', ')}).` };
  const index = new PersonIndex(Object.values(doc.stakeholders));
  const problems = [...table.problems];
  const skipped: SkippedRow[] = [];
  const ties = copyRecord(doc.ties);
  const existing = new TieIndex(Object.values(doc.ties));
  let added = 0;
  const get = (row: CsvRow, c: string | null) => (c ? (row.cells[c] ?? '').trim() : '');
  // The map's own kinds, plus those this file names (found by name or id, ignoring case).
  const finder = kindFinder(customKinds(doc.map.settings));
  const kinds = finder.kinds;
  const kindOf = (text: string, row: CsvRow, mutualText: string): TieKindId | null => {
    const builtIn = matchKind(text);
    if (builtIn) return builtIn;
    const before = kinds.length;
    const id = finder.find(text, { colour: get(row, col.kindColour), line: get(row, col.kindLine), meaning: get(row, col.kindMeaning), mutual: matchDirection(mutualText) });
    // A kind the map did not have is added as one of its own: say so, with what it counts as.
    if (id && kinds.length > before) {
      const made = kinds[kinds.length - 1];
      problems.push(`Row ${row.line}: kind ${quote(text)} is new to this map; added as a kind of its own (${TIE_MEANING_LABELS[made.meaning].toLowerCase()}). Change it in Map settings.`);
    }
    return id;
  };
  for (const row of table.rows) {
    const where = `Row ${row.line}`;
    const from = index.find(get(row, col.from));
    const to = index.find(get(row, col.to));
    if (!from.ok || !to.ok) {
      const reasons = [!from.ok && `"from" ${from.reason}`, !to.ok && `"to" ${to.reason}`].filter(Boolean).join(' and ');
      skipped.push({ row: row.line, reason: `${where}: ${reasons}; skipped.`, why: 'name someone not found in the map' });
      continue;
    }
    const kindText = get(row, col.kind);
    const kind = kindText ? kindOf(kindText, row, get(row, col.direction)) : 'trust';
    if (!kind) {
      skipped.push({ row: row.line, reason: `${where}: kind ${quote(kindText)} is not one of ${TIE_KINDS.join(', ')} nor one of the map's ${MAX_TIE_KINDS} own kinds; skipped.`, why: 'have a kind that is not one of ours' });
      continue;
    }
    const strengthText = get(row, col.strength);
    let strength: Strength = 2;
    if (strengthText) {
      const s = matchStrength(strengthText);
      if (s === null) problems.push(`${where}: strength ${quote(strengthText)} is not 1, 2 or 3; set to 2.`);
      else strength = s;
    }
    const rule = kindDirection({ tieKinds: kinds }, kind);
    const directionText = get(row, col.direction);
    let mutual = rule.defaultMutual;
    if (directionText && !rule.fixed) {
      const m = matchDirection(directionText);
      if (m === null) problems.push(`${where}: direction ${quote(directionText)} is not one-way or mutual; ${rule.defaultMutual ? 'mutual' : 'one-way'} used.`);
      else mutual = m;
    }
    const wantedId = get(row, col.id);
    const id = wantedId && !hasEntry(ties, wantedId) ? wantedId : newId();
    const note = clampText(col.note ? (row.cells[col.note] ?? '') : '', MAX_NOTES, `${where}: the note`, problems);
    const tie: Tie = createTie(from.id, to.id, kind, { id, strength, mutual, note });
    if (tie.source === tie.target) {
      skipped.push({ row: row.line, reason: `${where}: a tie cannot join a person to themselves; skipped.`, why: 'join a person to themselves' });
      continue;
    }
    if (existing.has(tie)) {
      skipped.push({ row: row.line, reason: `${where}: there is already ${aKindOfTie({ tieKinds: kinds }, kind)} between these two people; skipped.`, why: 'repeat a tie already there' });
      continue;
    }
    existing.add(tie);
    ties[tie.id] = tie;
    added++;
  }
  const out: MapDocument = added ? withTieKinds({ ...doc, ties }, kinds) : doc;
  return { doc: out, added, problems: [...skipped.map((r) => r.reason), ...problems], skipped, notes: problems };
}

/**
 * Skipped rows as a summary line and a capped list of examples, so a file where nearly every row
 * is wrong gives a readable dialog instead of hundreds of thousands of lines:
 * "399,999 rows skipped: 399,990 name someone not found in the map, 9 join a person to themselves."
 * then the first `examples` rows' own lines, then "… and 399,899 more skipped rows.".
 */
export function summariseSkipped(skipped: SkippedRow[], examples = 100): string[] {
  if (skipped.length === 0) return [];
  const byWhy = new Map<string, number>();
  for (const r of skipped) byWhy.set(r.why ?? 'have other problems', (byWhy.get(r.why ?? 'have other problems') ?? 0) + 1);
  const parts = [...byWhy].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${n.toLocaleString('en-US')} ${why}`);
  const lines = [`${plural(skipped.length, 'row')} skipped: ${parts.join(', ')}.`];
  for (let i = 0; i < skipped.length && i < examples; i++) lines.push(skipped[i].reason);
  if (skipped.length > examples) lines.push(`… and ${plural(skipped.length - examples, 'more skipped row')}.`);
  return lines;
}

/** Describes skipped rows in one line for a summary ("skip 3 rows with problems"). */
export function skippedSummary(skipped: SkippedRow[]): string {
  return skipped.length ? `, skipped ${plural(skipped.length, 'row')} with problems` : '';
}
