/**
 * People read from a LinkedIn Connections.csv or vCards, and what importing them does (pure).
 * Into a new map: everyone becomes a stakeholder. Into the open map: each record is matched to
 * the people there (domain/matching.ts) and the preview decides, per record, whether it updates
 * the person it matched, becomes a new person, or is skipped. Updating fills only what is empty
 * (title, company, phone, LinkedIn URL) and adds e-mail addresses the person does not have yet:
 * nothing the user typed is overwritten.
 */
import { emailsOf, withContact } from './contact';
import { createMapDocument, createStakeholder } from './factories';
import { newId } from './ids';
import { cutText, TEXT_LIMITS } from './limits';
import { normalizeEmail, PeopleMatcher, type MatchResult } from './matching';
import { copyRecord, withEntry } from './records';
import type { Id, Interaction, MapDocument, Stakeholder } from './types';
import { maxOf, minOf } from './extent';

export interface ContactRecord {
  /** The line in the file where this person starts (for messages). */
  line: number;
  name: string;
  title: string;
  company: string;
  emails: string[];
  phone: string;
  linkedinUrl: string;
  /** LinkedIn's "Connected On", as YYYY-MM-DD; null when absent or unreadable. */
  connectedOn: string | null;
}

export type ContactAction = { action: 'add' } | { action: 'update'; id: Id } | { action: 'skip' };

export interface ContactRow {
  record: ContactRecord;
  match: MatchResult;
}

/** The ref of the "Connected on LinkedIn" log entry: one per person, whatever the file. */
export const CONNECTED_REF = 'linkedin:connected';

export function planContacts(people: Iterable<Stakeholder>, records: ContactRecord[]): ContactRow[] {
  const matcher = new PeopleMatcher(people);
  return records.map((record) => ({ record, match: matcher.match({ name: record.name, emails: record.emails, linkedinUrl: record.linkedinUrl }) }));
}

/** What the preview proposes before the user changes anything: sure matches update, no match adds, unsure waits for a choice (skipped). */
export function defaultAction(row: ContactRow): ContactAction {
  if (row.match.kind === 'sure') return { action: 'update', id: row.match.id };
  if (row.match.kind === 'none') return { action: 'add' };
  return { action: 'skip' };
}

function connectedEntry(date: string): Interaction {
  return { id: newId(), date, kind: 'other', note: 'Connected on LinkedIn', ref: CONNECTED_REF };
}

/** A new stakeholder from a record (no position yet). */
export function personFromRecord(record: ContactRecord, seniority: number): Stakeholder {
  const [email = '', ...others] = record.emails;
  const base = createStakeholder({
    id: newId(),
    name: cutText(record.name, TEXT_LIMITS.personName),
    title: cutText(record.title, TEXT_LIMITS.title),
    email: cutText(email, TEXT_LIMITS.email),
    seniority,
    interactions: record.connectedOn ? [connectedEntry(record.connectedOn)] : [],
  });
  return withContact(base, { otherEmails: others, phone: record.phone, company: record.company, linkedinUrl: record.linkedinUrl });
}

/** `person` with what the record adds: empty fields filled, new addresses added, the connection date logged once. */
export function updateFromRecord(person: Stakeholder, record: ContactRecord): Stakeholder {
  let next: Stakeholder = person;
  if (!next.title.trim() && record.title) next = { ...next, title: cutText(record.title, TEXT_LIMITS.title) };
  const known = new Set(emailsOf(next).map(normalizeEmail));
  const fresh = record.emails.filter((e) => {
    const n = normalizeEmail(e);
    if (!n || known.has(n)) return false;
    known.add(n);
    return true;
  });
  if (fresh.length) {
    if (!next.email.trim()) next = { ...next, email: cutText(fresh.shift()!, TEXT_LIMITS.email) };
    if (fresh.length) next = withContact(next, { otherEmails: [...(next.otherEmails ?? []), ...fresh] });
  }
  const patch: { phone?: string; company?: string; linkedinUrl?: string } = {};
  if (!next.phone && record.phone) patch.phone = record.phone;
  if (!next.company && record.company) patch.company = record.company;
  if (!next.linkedinUrl && record.linkedinUrl) patch.linkedinUrl = record.linkedinUrl;
  if (Object.keys(patch).length) next = withContact(next, patch);
  if (record.connectedOn && !next.interactions.some((i) => i.ref === CONNECTED_REF)) {
    const interactions = [...next.interactions, connectedEntry(record.connectedOn)].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    next = { ...next, interactions };
  }
  return next;
}

const COLUMNS = 8;
const STEP_X = 260;
const STEP_Y = 150;

/** Places new people on a grid below everyone already on the map. */
function placeBelow(doc: MapDocument, people: Stakeholder[]): Stakeholder[] {
  const existing = Object.values(doc.stakeholders);
  const top = existing.length ? maxOf(existing, (p) => p.y) + 220 : 0;
  const left = existing.length ? minOf(existing, (p) => p.x) : 0;
  return people.map((p, i) => ({ ...p, x: left + (i % COLUMNS) * STEP_X, y: top + Math.floor(i / COLUMNS) * STEP_Y }));
}

export interface ContactsOutcome {
  doc: MapDocument;
  added: Id[];
  updated: Id[];
}

/** Applies the chosen actions to `doc` (one new document; untouched people are shared). */
export function applyContacts(doc: MapDocument, rows: ContactRow[], actions: ContactAction[]): ContactsOutcome {
  const lowest = doc.map.settings.levels.length - 1;
  let stakeholders = doc.stakeholders;
  const fresh: Stakeholder[] = [];
  const updated: Id[] = [];
  rows.forEach((row, i) => {
    const a = actions[i] ?? defaultAction(row);
    if (a.action === 'add') fresh.push(personFromRecord(row.record, lowest));
    else if (a.action === 'update' && Object.hasOwn(stakeholders, a.id)) {
      const before = stakeholders[a.id];
      const after = updateFromRecord(before, row.record);
      if (after !== before) {
        stakeholders = withEntry(stakeholders, a.id, after);
        updated.push(a.id);
      }
    }
  });
  if (fresh.length) {
    stakeholders = stakeholders === doc.stakeholders ? copyRecord(stakeholders) : stakeholders;
    for (const p of placeBelow(doc, fresh)) stakeholders[p.id] = p;
  }
  return { doc: stakeholders === doc.stakeholders ? doc : { ...doc, stakeholders }, added: fresh.map((p) => p.id), updated };
}

/** Everyone in the file as a new map (records with the same e-mail or URL are one person). */
export function contactsToNewMap(records: ContactRecord[], mapName: string, now?: number): MapDocument {
  const empty = createMapDocument(mapName, now);
  const rows: ContactRow[] = [];
  const actions: ContactAction[] = [];
  // Within one file only exact keys merge (e-mail, URL); equal names stay apart (namesakes).
  const firstOf = new Map<string, number>();
  records.forEach((record) => {
    const keys = [...record.emails.map(normalizeEmail).filter(Boolean), record.linkedinUrl.toLowerCase()].filter(Boolean);
    const dup = keys.map((k) => firstOf.get(k)).find((v) => v !== undefined);
    if (dup !== undefined) return;
    for (const k of keys) firstOf.set(k, rows.length);
    rows.push({ record, match: { kind: 'none', namesakes: [] } });
    actions.push({ action: 'add' });
  });
  return applyContacts(empty, rows, actions).doc;
}
