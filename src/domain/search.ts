/**
 * Find and filter. Matching ignores case and accents ("jose" finds "José", "STRASSE" finds
 * "Straße"), and every word of a query must match somewhere (name, title, department, a tag, or
 * a contact field: company, any e-mail address, phone).
 */
import { STANCE_LABELS } from './defaults';
import { displayName } from './describe';
import type { Id, MapDocument, MapSettings, Stance, TieKindId } from './types';
import { kindLabel } from './tie-kinds';

/** Lower-cases and strips accents so that comparisons are case- and accent-insensitive. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();
}

export type SearchField = 'name' | 'title' | 'department' | 'tag' | 'company' | 'email' | 'phone';

export interface SearchHit {
  id: Id;
  name: string;
  score: number;
  /** The field of the best match, and its original text (for a hint such as "tag: mentor"). */
  field: SearchField;
  matched: string;
}

// Higher is better. A hit on the name beats any other field; within a field an exact match beats
// a prefix, a word prefix beats a match inside a word.
const WEIGHTS: Record<SearchField, { exact: number; prefix: number; word: number; inner: number }> = {
  name: { exact: 100, prefix: 90, word: 80, inner: 50 },
  tag: { exact: 60, prefix: 45, word: 40, inner: 20 },
  title: { exact: 55, prefix: 42, word: 38, inner: 18 },
  department: { exact: 55, prefix: 40, word: 36, inner: 16 },
  company: { exact: 55, prefix: 40, word: 36, inner: 16 },
  email: { exact: 50, prefix: 40, word: 34, inner: 14 },
  phone: { exact: 50, prefix: 40, word: 34, inner: 14 },
};

/** A phone number as digits (and a leading +), so "+44 20 7946" finds "+44 (0)20 7946 0958" loosely. */
function phoneDigits(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

function matchScore(haystack: string, needle: string, field: SearchField): number {
  if (!haystack || !needle) return 0;
  const w = WEIGHTS[field];
  if (haystack === needle) return w.exact;
  if (haystack.startsWith(needle)) return w.prefix;
  const at = haystack.indexOf(needle);
  if (at < 0) return 0;
  // A word boundary: previous character is not a letter or digit.
  const before = haystack[at - 1];
  let boundary = !/[\p{L}\p{N}]/u.test(before);
  if (!boundary) {
    for (let i = haystack.indexOf(needle, at + 1); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      if (!/[\p{L}\p{N}]/u.test(haystack[i - 1])) {
        boundary = true;
        break;
      }
    }
  }
  return boundary ? w.word : w.inner;
}

interface Candidate {
  field: SearchField;
  original: string;
  norm: string;
}

/**
 * People matching `query`, best first (ties broken by name). Each word of the query must match
 * some field; the score adds up each word's best match, plus the whole query's best match so that
 * "ana lopez" ranks "Ana López" above "Ana Smith, Lopez team".
 */
export function searchPeople(doc: Pick<MapDocument, 'stakeholders'>, query: string, limit = Infinity): SearchHit[] {
  const q = normalizeText(query);
  if (!q) return [];
  const words = q.split(' ');
  const hits: SearchHit[] = [];
  for (const s of Object.values(doc.stakeholders)) {
    const candidates: Candidate[] = [
      { field: 'name', original: s.name, norm: normalizeText(s.name) },
      { field: 'title', original: s.title, norm: normalizeText(s.title) },
      { field: 'department', original: s.department, norm: normalizeText(s.department) },
      ...s.tags.map((t): Candidate => ({ field: 'tag', original: t, norm: normalizeText(t) })),
    ];
    if (s.company) candidates.push({ field: 'company', original: s.company, norm: normalizeText(s.company) });
    if (s.email) candidates.push({ field: 'email', original: s.email, norm: normalizeText(s.email) });
    if (s.otherEmails) for (const e of s.otherEmails) candidates.push({ field: 'email', original: e, norm: normalizeText(e) });
    if (s.phone) {
      candidates.push({ field: 'phone', original: s.phone, norm: normalizeText(s.phone) });
      const digits = phoneDigits(s.phone);
      if (digits.length >= 3) candidates.push({ field: 'phone', original: s.phone, norm: digits });
    }
    let total = 0;
    let ok = true;
    for (const word of words) {
      let best = 0;
      for (const c of candidates) best = Math.max(best, matchScore(c.norm, word, c.field));
      if (best === 0) {
        ok = false;
        break;
      }
      total += best;
    }
    if (!ok) continue;
    let bestWhole: Candidate | null = null;
    let wholeScore = 0;
    for (const c of candidates) {
      const sc = matchScore(c.norm, q, c.field);
      if (sc > wholeScore) {
        wholeScore = sc;
        bestWhole = c;
      }
    }
    // Report the field that explains the hit best: the whole-query match, else the first word's.
    let field: Candidate = bestWhole ?? candidates[0];
    if (!bestWhole) {
      let fs = 0;
      for (const c of candidates) {
        const sc = matchScore(c.norm, words[0], c.field);
        if (sc > fs) {
          fs = sc;
          field = c;
        }
      }
    }
    hits.push({ id: s.id, name: displayName(s), score: total + wholeScore, field: field.field, matched: field.original });
  }
  hits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return Number.isFinite(limit) ? hits.slice(0, Math.max(0, limit)) : hits;
}

// ---------------------------------------------------------------------------------------------
// Filters

/**
 * What to show. Within one category the values are alternatives (Finance OR Sales); categories
 * combine (Finance AND blocker). An empty or missing category does not filter. People are filtered
 * by department, seniority, stance and tag; ties by kind, and a tie also needs both its people to
 * pass. The tie-kind filter never hides people.
 */
export interface Filters {
  departments?: string[];
  /** Seniority level indexes (0 is most senior). */
  seniority?: number[];
  stances?: Stance[];
  tags?: string[];
  /** Built-in kinds or the map's own kinds' ids. */
  tieKinds?: TieKindId[];
}

export const NO_FILTERS: Filters = Object.freeze({});

export interface FilterResult {
  /** True when at least one filter is set; when false everything passes. */
  active: boolean;
  people: Set<Id>;
  ties: Set<Id>;
}

export function hasActiveFilters(filters: Filters): boolean {
  return Boolean(
    filters.departments?.length || filters.seniority?.length || filters.stances?.length || filters.tags?.length || filters.tieKinds?.length,
  );
}

export function applyFilters(doc: MapDocument, filters: Filters): FilterResult {
  const departments = filters.departments?.length ? new Set(filters.departments.map(normalizeText)) : null;
  const seniority = filters.seniority?.length ? new Set(filters.seniority) : null;
  const stances = filters.stances?.length ? new Set<Stance>(filters.stances) : null;
  const tags = filters.tags?.length ? new Set(filters.tags.map(normalizeText)) : null;
  const kinds = filters.tieKinds?.length ? new Set<TieKindId>(filters.tieKinds) : null;
  const people = new Set<Id>();
  for (const s of Object.values(doc.stakeholders)) {
    if (departments && !departments.has(normalizeText(s.department))) continue;
    if (seniority && !seniority.has(s.seniority)) continue;
    if (stances && !stances.has(s.stance)) continue;
    if (tags && !s.tags.some((t) => tags.has(normalizeText(t)))) continue;
    people.add(s.id);
  }
  const ties = new Set<Id>();
  for (const t of Object.values(doc.ties)) {
    if (kinds && !kinds.has(t.kind)) continue;
    if (!people.has(t.source) || !people.has(t.target)) continue;
    ties.add(t.id);
  }
  return { active: hasActiveFilters(filters), people, ties };
}

/** Distinct departments and tags on the map (first spelling wins), sorted, for filter pickers. */
export function filterOptions(doc: Pick<MapDocument, 'stakeholders'>): { departments: string[]; tags: string[] } {
  const departments = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const s of Object.values(doc.stakeholders)) {
    const d = s.department.trim();
    if (d && !departments.has(normalizeText(d))) departments.set(normalizeText(d), d);
    for (const tag of s.tags) {
      const t = tag.trim();
      if (t && !tags.has(normalizeText(t))) tags.set(normalizeText(t), t);
    }
  }
  const sorted = (m: Map<string, string>) => [...m.values()].sort((a, b) => a.localeCompare(b));
  return { departments: sorted(departments), tags: sorted(tags) };
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * A short summary of the active filters, e.g. "Department: Finance or Sales · Stance: Blocker ·
 * Ties: Trust"; "No filters" when none is set. Level names come from `settings` when given.
 */
export function describeFilters(filters: Filters, settings?: Pick<MapSettings, 'levels' | 'tieKinds'>): string {
  const parts: string[] = [];
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  if (filters.departments?.length) parts.push(`Department: ${orList(uniq(filters.departments.map((d) => d.trim())))}`);
  if (filters.seniority?.length) {
    const names = uniq([...filters.seniority].sort((a, b) => a - b)).map((i) => settings?.levels[i] ?? `Level ${i + 1}`);
    parts.push(`Seniority: ${orList(names)}`);
  }
  if (filters.stances?.length) parts.push(`Stance: ${orList(uniq(filters.stances).map((s) => STANCE_LABELS[s]))}`);
  if (filters.tags?.length) parts.push(`Tag: ${orList(uniq(filters.tags.map((t) => t.trim())))}`);
  if (filters.tieKinds?.length) parts.push(`Ties: ${orList(uniq(filters.tieKinds).map((k) => kindLabel(settings, k)))}`);
  return parts.length ? parts.join(' · ') : 'No filters';
}
