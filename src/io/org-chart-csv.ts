/**
 * Org chart from an HR spreadsheet: the user maps columns (we guess first), then every row
 * becomes a person, every "manager" cell a reports-to tie, and the map is laid out as a tree.
 *
 * Managers are found by the Email/ID column, then by e-mail, then by a name only one person has.
 * Self-managers, unknown or ambiguous managers and manager cycles (A -> B -> A) are reported; a
 * cycle is broken by dropping the manager link of the member whose row comes first.
 * Seniority comes from the Seniority column when it names a level; otherwise from the reporting
 * depth: depth 0 (top of a tree) is the first level (Executive), depth 1 the second, and so on,
 * clamped to the map's levels; people with reports are never put on the lowest level, and people
 * with neither a manager nor reports are put on the lowest level.
 */
import { nodeWidth } from '../domain/defaults';
import { createMapDocument, createStakeholder, createTie } from '../domain/factories';
import type { Id, MapDocument, Stakeholder } from '../domain/types';
import { matchLevel, normHeader } from './csv';
import type { CsvRow, SkippedRow } from './csv';
import { PersonIndex } from './person-index';
import { MAX_SHORT_TEXT, clampText, plural, quote } from './text';
import { layoutForest } from './tree-layout';

export { addTiesFromCsv } from './csv';

export const ORG_FIELDS = ['name', 'title', 'department', 'manager', 'key', 'seniority'] as const;
export type OrgField = (typeof ORG_FIELDS)[number];
export const ORG_FIELD_LABELS: Record<OrgField, string> = {
  name: 'Name',
  title: 'Title',
  department: 'Department',
  manager: 'Manager',
  key: 'Email/ID',
  seniority: 'Seniority',
};

/** Which header feeds each field; null (or absent) for "not in this file". */
export type ColumnMapping = Partial<Record<OrgField, string | null>>;

const EXACT: Record<OrgField, string[]> = {
  manager: ['manager id', 'manager employee id', 'reports to id', 'supervisor id', 'manager email', 'reports to email', 'supervisor email', 'reports to', 'manager', 'line manager', 'supervisor', 'manager name', 'reports to name', 'boss', 'managed by', 'parent', 'parent id'],
  key: ['employee id', 'id', 'email', 'e mail', 'email address', 'work email', 'employee number', 'staff id', 'person id', 'worker id', 'emp id', 'user id', 'username', 'login'],
  name: ['name', 'full name', 'employee name', 'display name', 'person', 'employee', 'staff name', 'label'],
  title: ['title', 'job title', 'position', 'role', 'job role', 'designation', 'job', 'position title'],
  department: ['department', 'dept', 'team', 'division', 'business unit', 'unit', 'function', 'org unit', 'organisation', 'organization', 'group'],
  seniority: ['seniority', 'level', 'grade', 'band', 'job level', 'career level', 'rank', 'seniority level'],
};

const CONTAINS: Record<OrgField, RegExp> = {
  manager: /\b(manager|supervisor|reports to|boss)\b/,
  key: /\b(e ?mail|id|employee number)\b/,
  name: /\bname\b/,
  title: /\b(title|position|role)\b/,
  department: /\b(department|dept|team|division)\b/,
  seniority: /\b(level|grade|band|seniority)\b/,
};

/** Guesses which header holds which field; each header is used at most once. */
export function guessColumns(headers: string[]): Record<OrgField, string | null> {
  const result: Record<OrgField, string | null> = { name: null, title: null, department: null, manager: null, key: null, seniority: null };
  const used = new Set<string>();
  const norm = new Map(headers.map((h) => [h, normHeader(h)]));
  const take = (field: OrgField, pick: (n: string) => boolean) => {
    if (result[field]) return;
    const h = headers.find((x) => !used.has(x) && pick(norm.get(x)!));
    if (h) {
      result[field] = h;
      used.add(h);
    }
  };
  // Manager first, so "Manager name" never becomes the person's name.
  const order: OrgField[] = ['manager', 'key', 'name', 'title', 'department', 'seniority'];
  for (const field of order) {
    let exact = EXACT[field];
    if (field === 'key' && result.manager && /mail/.test(norm.get(result.manager)!)) {
      // Managers given by e-mail: the person's e-mail is the column that will match.
      exact = [...exact.filter((e) => e.includes('mail')), ...exact.filter((e) => !e.includes('mail'))];
    }
    for (const candidate of exact) take(field, (n) => n === candidate);
  }
  for (const field of order) {
    take(field, (n) => CONTAINS[field].test(n) && (field === 'manager' || !CONTAINS.manager.test(n)));
  }
  return result;
}

export interface OrgChartOptions {
  mapName?: string;
  /** Level names (most senior first); default: the standard four. */
  levels?: string[];
  now?: number;
  /**
   * Place the people as a tidy tree (default). False leaves everyone at 0,0 for a caller that lays
   * the chart out itself: the tidy tree of a 50,000-person company takes seconds, for nothing then.
   */
  place?: boolean;
}

export interface OrgChartResult {
  doc: MapDocument;
  /** Everything worth telling the user, skipped rows included, one line each. */
  problems: string[];
  skipped: SkippedRow[];
  /** Reports-to ties created. */
  reportsTo: number;
}

type RowInput = CsvRow | Record<string, string>;

/** Builds a new map from people rows and a column mapping. Never throws. */
export function buildOrgChart(input: RowInput[], mapping: ColumnMapping, options: OrgChartOptions = {}): OrgChartResult {
  const rows: CsvRow[] = input.map((r, i) => (isCsvRow(r) ? r : { line: i + 2, cells: r }));
  const doc = createMapDocument(options.mapName ?? 'Org chart', options.now);
  if (options.levels?.length) {
    doc.map.settings = { ...doc.map.settings, levels: [...options.levels], cadenceDays: options.levels.map((_, i) => doc.map.settings.cadenceDays[Math.min(i, 3)]), leadershipLevel: Math.min(doc.map.settings.leadershipLevel, options.levels.length - 1) };
  }
  const levels = doc.map.settings.levels;
  const lowest = levels.length - 1;
  const problems: string[] = [];
  const skipped: SkippedRow[] = [];
  if (!mapping.name && !mapping.key) {
    problems.push('Choose the column that holds each person\'s name (or an Email/ID column).');
    return { doc, problems, skipped, reportsTo: 0 };
  }
  const cell = (row: CsvRow, field: OrgField) => {
    const h = mapping[field];
    return h ? String(row.cells[h] ?? '').trim() : '';
  };

  interface Entry {
    person: Stakeholder;
    line: number;
    managerRef: string;
    seniorityText: string;
  }
  const entries: Entry[] = [];
  const keyRow = new Map<string, number>();
  for (const row of rows) {
    const where = `Row ${row.line}`;
    const key = cell(row, 'key');
    const rawName = cell(row, 'name') || key;
    if (!rawName) {
      skipped.push({ row: row.line, reason: `${where}: no name${mapping.key ? ' and no Email/ID' : ''}; skipped.` });
      continue;
    }
    const keyNorm = key.toLowerCase();
    if (key && keyRow.has(keyNorm)) {
      skipped.push({ row: row.line, reason: `${where} (${quote(rawName)}): the Email/ID ${quote(key)} was already used on row ${keyRow.get(keyNorm)}; skipped.` });
      continue;
    }
    if (key) keyRow.set(keyNorm, row.line);
    const who = `${where} (${quote(rawName)})`;
    const person = createStakeholder({
      name: clampText(rawName, MAX_SHORT_TEXT, `${who}: the name`, problems),
      title: clampText(cell(row, 'title'), MAX_SHORT_TEXT, `${who}: the title`, problems),
      department: clampText(cell(row, 'department'), MAX_SHORT_TEXT, `${who}: the department`, problems),
      email: clampText(key, MAX_SHORT_TEXT, `${who}: the Email/ID`, problems),
      seniority: lowest,
    });
    entries.push({ person, line: row.line, managerRef: cell(row, 'manager'), seniorityText: cell(row, 'seniority') });
  }

  const index = new PersonIndex(entries.map((e) => e.person));
  const byId = new Map<Id, Entry>(entries.map((e) => [e.person.id, e]));
  const manager = new Map<Id, Id>();
  for (const e of entries) {
    if (!e.managerRef) continue;
    const who = `Row ${e.line} (${quote(e.person.name)})`;
    const found = index.find(e.managerRef);
    if (!found.ok) problems.push(`${who}: manager ${found.reason}; no reports-to tie made.`);
    else if (found.id === e.person.id) problems.push(`${who} is listed as their own manager; no reports-to tie made.`);
    else manager.set(e.person.id, found.id);
  }

  // Break manager cycles: walk up from each person; meeting the current walk again is a cycle.
  const state = new Map<Id, 1 | 2>();
  for (const e of entries) {
    const path: Id[] = [];
    let v: Id | undefined = e.person.id;
    while (v !== undefined && !state.has(v)) {
      state.set(v, 1);
      path.push(v);
      v = manager.get(v);
    }
    if (v !== undefined && state.get(v) === 1) {
      const cycle = path.slice(path.indexOf(v));
      const first = cycle.reduce((a, b) => (byId.get(a)!.line <= byId.get(b)!.line ? a : b));
      const names = [...cycle, cycle[0]].map((id) => byId.get(id)!.person.name).join(' → ');
      const rowsText = cycle.map((id) => byId.get(id)!.line).join(', ');
      const dropped = byId.get(first)!.person.name;
      problems.push(`Manager cycle: ${names} (rows ${rowsText}). ${dropped}'s link to ${byId.get(manager.get(first)!)!.person.name} was dropped.`);
      manager.delete(first);
    }
    for (const p of path) state.set(p, 2);
  }

  const people = entries.map((e) => e.person);
  const { positions, depth } = options.place === false ? { positions: null, depth: depthsOf(people, manager) } : layoutForest(people.map((p) => ({ id: p.id, width: nodeWidth(p.influence) })), manager);
  const hasReports = new Set(manager.values());
  let unmatched = 0;
  let example = '';
  for (const e of entries) {
    const p = e.person;
    let level: number | null = e.seniorityText ? matchLevel(e.seniorityText, levels) : null;
    if (e.seniorityText && level === null) {
      unmatched++;
      example ||= e.seniorityText;
    }
    if (level === null) {
      const isolated = !manager.has(p.id) && !hasReports.has(p.id);
      const cap = hasReports.has(p.id) ? Math.max(0, lowest - 1) : lowest;
      level = isolated ? lowest : Math.min(depth.get(p.id) ?? lowest, cap);
    }
    p.seniority = level;
    const pos = positions?.get(p.id);
    p.x = pos?.x ?? 0;
    p.y = pos?.y ?? 0;
    doc.stakeholders[p.id] = p;
  }
  if (unmatched) {
    problems.push(`${plural(unmatched, 'row')} had a seniority that matches none of the levels (${levels.join(', ')}), e.g. ${quote(example)}; their level was inferred from the reporting line.`);
  }
  for (const [from, to] of manager) {
    const tie = createTie(from, to, 'reports-to');
    doc.ties[tie.id] = tie;
  }
  return { doc, problems: [...skipped.map((s) => s.reason), ...problems], skipped, reportsTo: manager.size };
}

/** Steps from each person up to the top of their reporting line (cycles are already broken). */
function depthsOf(people: Stakeholder[], manager: ReadonlyMap<Id, Id>): Map<Id, number> {
  const depth = new Map<Id, number>();
  const path: Id[] = [];
  for (const p of people) {
    let v: Id | undefined = p.id;
    while (v !== undefined && !depth.has(v)) {
      path.push(v);
      v = manager.get(v);
    }
    let d = v === undefined ? -1 : depth.get(v)!;
    while (path.length) depth.set(path.pop()!, ++d);
  }
  return depth;
}

function isCsvRow(r: RowInput): r is CsvRow {
  return typeof (r as CsvRow).line === 'number' && typeof (r as CsvRow).cells === 'object' && (r as CsvRow).cells !== null;
}
