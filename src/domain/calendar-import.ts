/**
 * A calendar read into the relationship log (pure). The parser (io/calendar.ts) gives one
 * `CalendarEvent` per occurrence; `planCalendar` matches attendees to the map's people
 * (domain/matching.ts: e-mail first, then name), decides what is skipped by default (cancelled
 * events, events the user declined, meetings with more than `maxAttendees` people), counts the
 * people met often who are not on the map and how often two people on the map met together.
 * `applyCalendar` turns the user's choices into one new document: a "meeting" catch-up per
 * person per meeting (the title kept only when asked), each carrying the event's key as `ref`,
 * so the same meeting imported twice is logged once. It never removes or changes anything else.
 */
import { emailsOf } from './contact';
import { addDays } from './nurture';
import { createStakeholder, createTie } from './factories';
import { newId } from './ids';
import { cutText, TEXT_LIMITS } from './limits';
import { nameWords, normalizeEmail, PeopleMatcher, type MatchResult } from './matching';
import { copyRecord, withEntry } from './records';
import { maxOf, minOf } from './extent';
import type { Id, Interaction, MapDocument, Stakeholder } from './types';

export interface CalendarAttendee {
  name: string;
  email: string;
  /** iCalendar PARTSTAT, upper case: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION ... */
  partstat: string;
}

export interface CalendarEvent {
  /** UID plus the occurrence (RECURRENCE-ID in UTC) for a repeating event: the dedupe key. */
  key: string;
  /** The line in the file where the event starts. */
  line: number;
  /** Local day, YYYY-MM-DD. */
  date: string;
  /** For sorting: an ISO time, or the day for all-day events. */
  start: string;
  title: string;
  cancelled: boolean;
  attendees: CalendarAttendee[];
}

export type CalendarParse =
  | { ok: true; events: CalendarEvent[]; problems: string[]; calendarName: string; eventCount: number }
  | { ok: false; error: string };

export interface CalendarOptions {
  from: string;
  to: string;
  /** Meetings with more attendees than this (the user included) are skipped by default. */
  maxAttendees: number;
  /** The calendar's own name (Google names it after the owner's address). */
  calendarName?: string;
}

export const DEFAULT_MAX_ATTENDEES = 8;
/** "People you meet often": this many meetings or more in the range. */
export const OFTEN = 3;

export type SkipReason = 'cancelled' | 'declined' | 'large';

export interface PlannedMeeting {
  event: CalendarEvent;
  /** Why it is skipped by default, or null when it is included. */
  skip: SkipReason | null;
  /** Keys of the attendees (into `people`) other than the user, who did not decline. */
  people: string[];
}

export interface PlannedPerson {
  key: string;
  name: string;
  email: string;
  match: MatchResult;
  /** Meetings with this person that are included by default. */
  meetings: number;
}

export interface CalendarPlan {
  meetings: PlannedMeeting[];
  people: PlannedPerson[];
}

export type PersonChoice = { action: 'match'; id: Id } | { action: 'add' } | { action: 'skip' };

/** An attendee's identity across meetings: the normalised address, else the name's words. */
export function attendeeKey(a: Pick<CalendarAttendee, 'name' | 'email'>): string {
  const e = normalizeEmail(a.email);
  return e ? `e:${e}` : `n:${nameWords(a.name).join(' ')}`;
}

/**
 * The range the preview opens on: the last twelve months, when the file has a meeting in them;
 * otherwise the twelve months up to the file's last meeting before today (an export made a while
 * ago). Meetings still to come are not catch-ups, so a file of only those keeps the last twelve
 * months. A newcomer's first look should show their meetings, not "0 meetings in the range".
 */
export function suggestedRange(events: readonly CalendarEvent[], today: string): { from: string; to: string } {
  const yearBefore = (day: string) => addDays(day, -365);
  let lastPast: string | null = null;
  for (const e of events) if (e.date <= today && (lastPast === null || e.date > lastPast)) lastPast = e.date;
  if (lastPast === null || lastPast >= yearBefore(today)) return { from: yearBefore(today), to: today };
  return { from: yearBefore(lastPast), to: lastPast };
}

/** The first and last day of the file's meetings, or null for a file without any. */
export function eventSpan(events: readonly CalendarEvent[]): { first: string; last: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const e of events) {
    if (first === null || e.date < first) first = e.date;
    if (last === null || e.date > last) last = e.date;
  }
  return first === null || last === null ? null : { first, last };
}

/** `f` once per distinct text. */
function once(f: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined) seen.set(text, (v = f(text)));
    return v;
  };
}

export function planCalendar(doc: MapDocument, events: readonly CalendarEvent[], options: CalendarOptions): CalendarPlan {
  // A 10-year calendar names the same few hundred people some 100,000 times, and the preview
  // plans again at each change of its range: addresses and names are normalised once each.
  const normalEmail = once(normalizeEmail);
  const emailKey = once((email) => {
    const e = normalEmail(email);
    return e ? `e:${e}` : '';
  });
  const nameKey = once((name) => `n:${nameWords(name).join(' ')}`);
  const keyOf = (a: CalendarAttendee) => emailKey(a.email) || nameKey(a.name);
  const me = doc.map.meId ? doc.stakeholders[doc.map.meId] : undefined;
  const meEmails = new Set(me ? emailsOf(me).map(normalizeEmail).filter(Boolean) : []);
  const own = normalizeEmail(options.calendarName ?? '');
  if (own) meEmails.add(own);
  // The calendar's owner often writes from an address Me's card does not list (a personal account,
  // an old alias): someone with Me's very name in your own calendar is you, not a namesake to add.
  const meName = me && nameWords(me.name).length > 0 ? nameKey(me.name) : null;
  const matcher = new PeopleMatcher(Object.values(doc.stakeholders));
  const people = new Map<string, PlannedPerson>();
  const meetings: PlannedMeeting[] = [];
  for (const event of events) {
    if (event.date < options.from || event.date > options.to) continue;
    const keys: string[] = [];
    let declined = false;
    for (const a of event.attendees) {
      const key = keyOf(a);
      let isMe = meEmails.has(normalEmail(a.email)) || (meName !== null && a.name.trim() !== '' && nameKey(a.name) === meName);
      let person = people.get(key);
      if (!person && !isMe) {
        const match = matcher.match({ name: a.name, emails: a.email ? [a.email] : [] });
        if (me && match.kind === 'sure' && match.id === me.id) isMe = true;
        else {
          person = { key, name: a.name, email: a.email, match, meetings: 0 };
          people.set(key, person);
        }
      }
      if (isMe) {
        if (a.partstat === 'DECLINED') declined = true;
        continue;
      }
      if (a.partstat === 'DECLINED' || !person || keys.includes(key)) continue;
      keys.push(key);
    }
    const skip: SkipReason | null = event.cancelled ? 'cancelled' : declined ? 'declined' : event.attendees.length > options.maxAttendees ? 'large' : null;
    if (!skip) for (const k of keys) people.get(k)!.meetings++;
    meetings.push({ event, skip, people: keys });
  }
  const list = [...people.values()].sort((a, b) => b.meetings - a.meetings || a.name.localeCompare(b.name));
  return { meetings, people: list };
}

export function defaultChoice(person: PlannedPerson): PersonChoice {
  return person.match.kind === 'sure' ? { action: 'match', id: person.match.id } : { action: 'skip' };
}

/** People met `OFTEN` times or more who are not matched to anyone on the map. */
export function frequentStrangers(plan: CalendarPlan, choices: Map<string, PersonChoice>): PlannedPerson[] {
  return plan.people.filter((p) => p.meetings >= OFTEN && (choices.get(p.key) ?? defaultChoice(p)).action !== 'match');
}

export interface MetTogether {
  a: Id;
  b: Id;
  count: number;
}

/**
 * Pairs of people on the map (or added by this import, by key) who were in the same included
 * meetings at least twice, most first: suggestions for trust ties, never added without a click.
 * Pairs already joined by a trust tie are left out.
 */
export function metTogether(doc: MapDocument, plan: CalendarPlan, choices: Map<string, PersonChoice>, included: (m: PlannedMeeting) => boolean, limit = 20): MetTogether[] {
  const byKey = new Map(plan.people.map((p) => [p.key, p]));
  const idByKey = new Map<string, Id | null>();
  const idOf = (key: string) => {
    let id = idByKey.get(key);
    if (id === undefined) {
      const c = choices.get(key) ?? defaultChoice(byKey.get(key)!);
      idByKey.set(key, (id = c.action === 'match' ? c.id : null));
    }
    return id;
  };
  const counts = new Map<string, MetTogether>();
  for (const m of plan.meetings) {
    if (!included(m)) continue;
    const ids = [...new Set(m.people.map(idOf).filter((x): x is Id => x !== null && x !== doc.map.meId))].sort();
    if (ids.length > 12) continue;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const k = `${ids[i]}\u0000${ids[j]}`;
        const entry = counts.get(k) ?? { a: ids[i], b: ids[j], count: 0 };
        entry.count++;
        counts.set(k, entry);
      }
    }
  }
  const trusted = new Set<string>();
  for (const t of Object.values(doc.ties)) if (t.kind === 'trust') trusted.add([t.source, t.target].sort().join('\u0000'));
  return [...counts.values()].filter((p) => p.count >= 2 && !trusted.has(`${p.a}\u0000${p.b}`)).sort((x, y) => y.count - x.count || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)).slice(0, limit);
}

export interface CalendarChoices {
  people: Map<string, PersonChoice>;
  /** Meetings included or left out by hand (by event key); others follow `skip`. */
  meetings: Map<string, boolean>;
  keepTitles: boolean;
  /** Suggested trust ties the user ticked. */
  ties: { a: Id; b: Id }[];
}

export interface CalendarOutcome {
  doc: MapDocument;
  /** Catch-ups added (one per person per meeting). */
  logged: number;
  /** Catch-ups that were already in the log from an earlier import. */
  already: number;
  added: Id[];
  ties: number;
}

export function isIncluded(m: PlannedMeeting, choices: Pick<CalendarChoices, 'meetings'>): boolean {
  return choices.meetings.get(m.event.key) ?? m.skip === null;
}

export const CALENDAR_REF_PREFIX = 'cal:';

export function applyCalendar(doc: MapDocument, plan: CalendarPlan, choices: CalendarChoices): CalendarOutcome {
  let stakeholders = doc.stakeholders;
  const added: Id[] = [];
  const idFor = new Map<string, Id>();
  const lowest = doc.map.settings.levels.length - 1;
  const existing = Object.values(doc.stakeholders);
  const top = existing.length ? maxOf(existing, (p) => p.y) + 220 : 0;
  const left = existing.length ? minOf(existing, (p) => p.x) : 0;
  for (const p of plan.people) {
    const c = choices.people.get(p.key) ?? defaultChoice(p);
    if (c.action === 'match' && Object.hasOwn(stakeholders, c.id)) idFor.set(p.key, c.id);
    else if (c.action === 'add') {
      const i = added.length;
      const person = createStakeholder({ id: newId(), name: cutText(p.name, TEXT_LIMITS.personName), email: cutText(p.email, TEXT_LIMITS.email), seniority: lowest, x: left + (i % 8) * 260, y: top + Math.floor(i / 8) * 150 });
      if (stakeholders === doc.stakeholders) stakeholders = copyRecord(stakeholders);
      stakeholders[person.id] = person;
      added.push(person.id);
      idFor.set(p.key, person.id);
    }
  }
  // New entries per person, then one copy of each person touched.
  const entries = new Map<Id, Interaction[]>();
  let already = 0;
  const refsOf = new Map<Id, Set<string>>();
  for (const m of plan.meetings) {
    if (!isIncluded(m, choices)) continue;
    const ref = cutText(`${CALENDAR_REF_PREFIX}${m.event.key}`, TEXT_LIMITS.ref);
    for (const key of m.people) {
      const id = idFor.get(key);
      if (!id || id === doc.map.meId) continue;
      let refs = refsOf.get(id);
      if (!refs) {
        refs = new Set(stakeholders[id].interactions.map((i) => i.ref).filter((r): r is string => Boolean(r)));
        refsOf.set(id, refs);
      }
      if (refs.has(ref)) {
        already++;
        continue;
      }
      refs.add(ref);
      const list = entries.get(id) ?? [];
      list.push({ id: newId(), date: m.event.date, kind: 'meeting', note: choices.keepTitles ? cutText(m.event.title, TEXT_LIMITS.interactionNote) : '', ref });
      entries.set(id, list);
    }
  }
  let logged = 0;
  for (const [id, list] of entries) {
    const current: Stakeholder = stakeholders[id];
    const interactions = [...current.interactions, ...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const latest = list.reduce((d, i) => (i.date > d ? i.date : d), '');
    // A planned follow-up that this meeting already covers is done.
    const nextFollowUp = current.nextFollowUp && current.nextFollowUp <= latest ? null : current.nextFollowUp;
    stakeholders = withEntry(stakeholders, id, { ...current, interactions, nextFollowUp });
    logged += list.length;
  }
  let ties = doc.ties;
  for (const { a, b } of choices.ties) {
    if (!Object.hasOwn(stakeholders, a) || !Object.hasOwn(stakeholders, b)) continue;
    const tie = createTie(a, b, 'trust', { mutual: true, strength: 1 });
    ties = withEntry(ties, tie.id, tie);
  }
  const changed = stakeholders !== doc.stakeholders || ties !== doc.ties;
  return { doc: changed ? { ...doc, stakeholders, ties } : doc, logged, already, added, ties: choices.ties.length };
}
