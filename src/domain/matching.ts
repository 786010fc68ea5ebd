/**
 * Who is who: matching people read from a file (a LinkedIn connection, a vCard, a meeting's
 * attendee) to people on the map. Pure and deterministic.
 *
 * Rules, in order (the first that decides wins):
 * 1. **E-mail.** Addresses are compared after `normalizeEmail`: trimmed, "mailto:" and angle
 *    brackets removed, lower case; googlemail.com is gmail.com; for Gmail the dots in the local
 *    part are ignored (Gmail delivers a.lex@ and alex@ to one mailbox). **Plus-addressing is
 *    removed** (alex+news@x.com is alex@x.com): it is the same mailbox, so the same person, and
 *    calendars often carry the tagged form. One person with that address: a sure match. Several
 *    people sharing it: unsure, between them.
 * 2. **LinkedIn URL**, compared as its /in/<name> part, lower case, without scheme, "www.",
 *    country subdomain, query or trailing slash.
 * 3. **Name**, compared as words with accents, case, punctuation, titles (Dr, Mr, Ms ...) and
 *    suffixes (Jr, PhD ...) set aside; "Last, First" is read as "First Last". The same words:
 *    a sure match when exactly one person has them. Compatible names (a middle initial on one side
 *    only, "A. Kim" for "Alex Kim", the same words in another order): unsure. A different middle
 *    initial ("Alex J. Kim" and "Alex M. Kim") is a different person.
 *    **Namesakes are told apart**: when both sides have e-mail addresses and none is shared, a
 *    name match is not a match (two "Alex Kim" with different e-mails are two people); it is
 *    reported as `namesake` so the preview can say so.
 */
import { emailsOf } from './contact';
import type { Id, Stakeholder } from './types';

const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ß: 'ss' };

/** Lower case, accents and special letters folded ("Øster" -> "oster", "Straße" -> "strasse"). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øæœłđðþıß]/g, (c) => FOLD[c] ?? c);
}

/** An e-mail address as matching compares it (see the rules above); '' when it is not one. */
export function normalizeEmail(raw: string): string {
  let e = raw.trim().replace(/^mailto:/i, '').replace(/^<|>$/g, '').trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1 || /\s/.test(e)) return '';
  let local = e.slice(0, at);
  let domain = e.slice(at + 1).replace(/\.$/, '');
  if (domain === 'googlemail.com') domain = 'gmail.com';
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  e = `${local}@${domain}`;
  return e;
}

/** A LinkedIn profile URL as matching compares it ("linkedin.com/in/alex-kim"); '' when none. */
export function normalizeLinkedinUrl(raw: string): string {
  const m = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/(in|pub)\/([^/?#\s]+)/i.exec(raw.trim());
  if (!m) return '';
  let slug = m[2];
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // Keep the raw slug when it is not valid percent-encoding.
  }
  return `linkedin.com/${m[1].toLowerCase()}/${foldText(slug)}`;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'herr', 'frau', 'mme', 'mlle']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'msc', 'bsc', 'esq', 'cpa', 'dds', 'obe', 'mbe', 'cbe', 'frs']);

/** A name as its words: "Kim, Alex J." and "Dr. Alex J Kim, PhD" are both ["alex", "j", "kim"]. */
export function nameWords(raw: string): string[] {
  let name = raw.trim();
  // "Last, First" (and "Last, First, Jr."): the part after the first comma goes first, unless it is only suffixes.
  const parts = name.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2) {
    const rest = parts.slice(1).filter((p) => !words(p).every((w) => SUFFIXES.has(w)));
    name = rest.length ? `${rest.join(' ')} ${parts[0]}` : parts[0];
  }
  const out = words(name).filter((w) => !SUFFIXES.has(w));
  while (out.length > 1 && HONORIFICS.has(out[0])) out.shift();
  return out;
}

function words(text: string): string[] {
  return foldText(text)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export type NameRelation = 'same' | 'compatible' | 'different';

/** How two names relate, by the rules above. */
export function compareNames(a: string | string[], b: string | string[]): NameRelation {
  const x = typeof a === 'string' ? nameWords(a) : a;
  const y = typeof b === 'string' ? nameWords(b) : b;
  if (x.length === 0 || y.length === 0) return 'different';
  if (x.join(' ') === y.join(' ')) return 'same';
  if (x.length < 2 || y.length < 2) return 'different';
  const [fx, lx, mx] = [x[0], x[x.length - 1], x.slice(1, -1)];
  const [fy, ly, my] = [y[0], y[y.length - 1], y.slice(1, -1)];
  if (lx === ly && firstCompatible(fx, fy) && middlesCompatible(mx, my)) return 'compatible';
  // The same words in another order ("Kim Alex" for "Alex Kim"), no initials involved.
  if (x.length === y.length && x.every((w) => w.length > 1) && [...x].sort().join(' ') === [...y].sort().join(' ')) return 'compatible';
  return 'different';
}

function firstCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/** Middle names agree where both have them: full words equal, or an initial that fits. */
function middlesCompatible(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!firstCompatible(a[i], b[i])) return false;
  return true;
}

/** Someone read from a file, as matching sees them. */
export interface MatchQuery {
  name: string;
  emails?: string[];
  linkedinUrl?: string;
}

export type MatchResult =
  | { kind: 'sure'; id: Id; by: 'email' | 'url' | 'name' }
  | { kind: 'unsure'; ids: Id[]; by: 'email' | 'name'; reason: string }
  | { kind: 'none'; namesakes: Id[] };

type Person = Pick<Stakeholder, 'id' | 'name' | 'email' | 'otherEmails' | 'linkedinUrl'>;

/** The map's people indexed for matching; build once per import, query per row. */
export class PeopleMatcher {
  private readonly byEmail = new Map<string, Id[]>();
  private readonly byUrl = new Map<string, Id[]>();
  private readonly byLast = new Map<string, Id[]>();
  private readonly people = new Map<Id, { person: Person; words: string[]; emails: Set<string> }>();

  constructor(people: Iterable<Person> = []) {
    for (const p of people) this.add(p);
  }

  add(p: Person): void {
    const emails = new Set(emailsOf(p).map(normalizeEmail).filter(Boolean));
    const nw = nameWords(p.name);
    this.people.set(p.id, { person: p, words: nw, emails });
    for (const e of emails) push(this.byEmail, e, p.id);
    const url = p.linkedinUrl ? normalizeLinkedinUrl(p.linkedinUrl) : '';
    if (url) push(this.byUrl, url, p.id);
    // Indexed under every word, so reordered names ("Kim Alex") are found too.
    for (const w of new Set(nw)) if (w.length > 1) push(this.byLast, w, p.id);
  }

  match(q: MatchQuery): MatchResult {
    const emails = new Set((q.emails ?? []).map(normalizeEmail).filter(Boolean));
    const byEmail = new Set<Id>();
    for (const e of emails) for (const id of this.byEmail.get(e) ?? []) byEmail.add(id);
    if (byEmail.size === 1) return { kind: 'sure', id: [...byEmail][0], by: 'email' };
    if (byEmail.size > 1) return { kind: 'unsure', ids: [...byEmail], by: 'email', reason: `${byEmail.size} people on the map share this e-mail address` };
    const url = q.linkedinUrl ? normalizeLinkedinUrl(q.linkedinUrl) : '';
    const byUrl = url ? (this.byUrl.get(url) ?? []) : [];
    if (byUrl.length === 1) return { kind: 'sure', id: byUrl[0], by: 'url' };
    const qw = nameWords(q.name);
    if (qw.length === 0) return { kind: 'none', namesakes: [] };
    const same: Id[] = [];
    const compatible: Id[] = [];
    const namesakes: Id[] = [];
    const seen = new Set<Id>();
    for (const w of new Set(qw)) {
      for (const id of this.byLast.get(w) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = this.people.get(id)!;
        const relation = compareNames(qw, entry.words);
        if (relation === 'different') continue;
        // Both sides have addresses and none is shared: two people with one name.
        if (emails.size > 0 && entry.emails.size > 0) {
          namesakes.push(id);
          continue;
        }
        (relation === 'same' ? same : compatible).push(id);
      }
    }
    if (same.length === 1 && compatible.length === 0) return { kind: 'sure', id: same[0], by: 'name' };
    if (same.length > 1) return { kind: 'unsure', ids: [...same, ...compatible], by: 'name', reason: `${same.length} people on the map have this name` };
    if (same.length === 1) return { kind: 'unsure', ids: [...same, ...compatible], by: 'name', reason: 'more than one person on the map has a similar name' };
    if (compatible.length > 0) return { kind: 'unsure', ids: compatible, by: 'name', reason: compatible.length === 1 ? 'a similar name, not the same' : 'several people have a similar name' };
    return { kind: 'none', namesakes };
  }

  name(id: Id): string {
    return this.people.get(id)?.person.name ?? '';
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
