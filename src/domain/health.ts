/**
 * Relationship health: how each tie to Me is doing, read from the person's contact log against
 * the cadence already in force for them (nurture.ts effectiveCadence: their own cadence, else their
 * level's default). There is no second yardstick: "due" here is the date "Catch-ups due" counts
 * from the last contact. Pure; "today" is passed in as 'YYYY-MM-DD'.
 *
 * The rule (README "Relationship health" says the same in plain words), with C the cadence in days,
 * D the days since the last contact and N the contact days in the last 3 x C days:
 * - Only contacts dated today or earlier count (a calendar import may log meetings ahead), and
 *   several entries on one day are one contact day.
 * - No contact logged: no health (null). There is nothing to measure, and a fresh map must not
 *   open with every tie marked at risk; "Catch-ups due" already reminds tracked people.
 * - At risk: D > 2C (no contact for more than twice the cadence).
 * - Fading: C < D <= 2C (overdue), or D <= C but N < 2 (a one-off, or a long silence just broken).
 * - Strong: D <= C and N >= 2.
 * A snooze or a planned next follow-up moves the reminder, not the relationship: it does not change
 * the health, and the reason says when the follow-up is planned.
 */
import { displayName } from './describe';
import { countOf, formatCount } from './numbers';
import { valuesOf } from './records';
import { addDays, daysBetween, effectiveCadence, isValidDate } from './nurture';
import type { Id, MapDocument, MapSettings, Stakeholder, Tie } from './types';

export const HEALTH_STATUSES = ['strong', 'fading', 'at-risk'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Contact days needed within the window for a tie to count as strong. */
export const STRONG_MIN_CONTACTS = 2;
/** The window for "how frequent", in cadences. */
export const WINDOW_CADENCES = 3;

export const HEALTH_LABELS: Record<HealthStatus, string> = { strong: 'Strong', fading: 'Fading', 'at-risk': 'At risk' };

export interface Health {
  status: HealthStatus;
  /** The latest contact on or before today. */
  lastContact: string;
  daysSinceContact: number;
  /** The cadence in force (nurture.effectiveCadence). */
  cadenceDays: number;
  /** The last contact plus the cadence, and the days past it (0 when not yet overdue). */
  due: string;
  daysOverdue: number;
  /** A next follow-up planned (or snoozed to) after the last contact, today or later; else null. */
  planned: string | null;
  /** Distinct contact days in the last `windowDays` days (today included). */
  contactsInWindow: number;
  windowDays: number;
  /** Median days between consecutive contact days, when at least 3 are logged; else null. */
  usualGapDays: number | null;
  /** The reason in words: "last spoke 63 days ago; you usually meet monthly; you aim for every 30 days". */
  reason: string;
}

/** Distinct valid contact days on or before today, oldest first. */
function contactDays(s: Pick<Stakeholder, 'interactions'>, today: string): string[] {
  const days = new Set<string>();
  for (const i of s.interactions) if (isValidDate(i.date) && i.date <= today) days.add(i.date);
  return [...days].sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** A gap in days as a rhythm people say: "weekly", "monthly", "every 10 days". */
export function rhythm(days: number): string {
  const near = (target: number, slack: number) => Math.abs(days - target) <= slack;
  if (days <= 1) return 'daily';
  if (near(7, 1)) return 'weekly';
  if (near(14, 2)) return 'every 2 weeks';
  if (near(30, 4)) return 'monthly';
  if (near(61, 6)) return 'every 2 months';
  if (near(91, 9)) return 'quarterly';
  if (near(182, 15)) return 'every 6 months';
  if (near(365, 20)) return 'yearly';
  return `every ${formatCount(days)} days`;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${formatCount(days)} days ago`;
}

/**
 * The health of a relationship (see the rule at the top of this file), or null when no contact is
 * logged on or before today.
 */
export function relationshipHealth(s: Stakeholder, settings: MapSettings, today: string): Health | null {
  const days = contactDays(s, today);
  if (days.length === 0) return null;
  const last = days[days.length - 1];
  const cadence = effectiveCadence(s, settings);
  const due = addDays(last, cadence);
  const daysOverdue = Math.max(0, daysBetween(due, today));
  const planned = s.nextFollowUp && isValidDate(s.nextFollowUp) && s.nextFollowUp > last && s.nextFollowUp >= today ? s.nextFollowUp : null;
  const windowDays = WINDOW_CADENCES * cadence;
  const windowStart = addDays(today, -(windowDays - 1));
  const contactsInWindow = days.filter((d) => d >= windowStart).length;
  let status: HealthStatus;
  if (daysOverdue > cadence) status = 'at-risk';
  else if (daysOverdue > 0 || contactsInWindow < STRONG_MIN_CONTACTS) status = 'fading';
  else status = 'strong';
  const gaps: number[] = [];
  for (let k = 1; k < days.length; k++) gaps.push(daysBetween(days[k - 1], days[k]));
  const usualGapDays = gaps.length >= 2 ? median(gaps) : null;
  const daysSinceContact = daysBetween(last, today);
  const parts = [`last spoke ${ago(daysSinceContact)}`];
  if (usualGapDays !== null) parts.push(`you usually meet ${rhythm(usualGapDays)}`);
  if (status !== 'at-risk' && contactsInWindow < STRONG_MIN_CONTACTS) parts.push(`${countOf(contactsInWindow, 'catch-up')} in the last ${formatCount(windowDays)} days`);
  parts.push(`you aim for every ${formatCount(cadence)} days`);
  if (planned) parts.push(`follow-up planned for ${planned}`);
  return { status, lastContact: last, daysSinceContact, cadenceDays: cadence, due, daysOverdue, planned, contactsInWindow, windowDays, usualGapDays, reason: parts.join('; ') };
}

/** The people who have a tie with Me (any kind, either direction); empty when there is no Me. */
export function tiedToMe(doc: MapDocument): Set<Id> {
  const me = doc.map.meId;
  const out = new Set<Id>();
  if (!me || !doc.stakeholders[me]) return out;
  for (const [, other] of tiesOfMe(doc.ties, me)) if (doc.stakeholders[other]) out.add(other);
  return out;
}

/**
 * Me's ties and who is at the other end, per ties record: the overlay asks on every change of
 * lens, analysis or selection, and a whole company has tens of thousands of ties to look through.
 */
const tiesOfMeCache = new WeakMap<MapDocument['ties'], { me: Id; list: [Tie, Id][] }>();
function tiesOfMe(ties: MapDocument['ties'], me: Id): [Tie, Id][] {
  const cached = tiesOfMeCache.get(ties);
  if (cached?.me === me) return cached.list;
  const list: [Tie, Id][] = [];
  for (const t of valuesOf(ties)) {
    if (t.source === me && t.target !== me) list.push([t, t.target]);
    else if (t.target === me && t.source !== me) list.push([t, t.source]);
  }
  tiesOfMeCache.set(ties, { me, list });
  return list;
}

/** Health of a person's tie to Me, or null when they have none (or no contact is logged). */
export function healthWithMe(doc: MapDocument, id: Id, today: string): Health | null {
  const s = doc.stakeholders[id];
  if (!s || !tiedToMe(doc).has(id)) return null;
  return relationshipHealth(s, doc.map.settings, today);
}

/** Health per person tied to Me (people with no contact logged are left out). */
export function healthByPerson(doc: MapDocument, today: string): Map<Id, Health> {
  const out = new Map<Id, Health>();
  for (const id of tiedToMe(doc)) {
    const h = relationshipHealth(doc.stakeholders[id], doc.map.settings, today);
    if (h) out.set(id, h);
  }
  return out;
}

/** Health per tie to Me, keyed by tie id, for the canvas. */
export function healthByTie(doc: MapDocument, today: string): Map<Id, HealthStatus> {
  const me = doc.map.meId;
  const out = new Map<Id, HealthStatus>();
  if (!me) return out;
  const people = healthByPerson(doc, today);
  for (const [t, other] of tiesOfMe(doc.ties, me)) {
    const h = people.get(other);
    if (h) out.set(t.id, h.status);
  }
  return out;
}

export interface FadingTie extends Health {
  id: Id;
  name: string;
}

/** Fading and at-risk ties: at risk first, then the longest since the last contact; ties broken by name. */
export function fadingTies(doc: MapDocument, today: string): FadingTie[] {
  const items: FadingTie[] = [];
  for (const [id, h] of healthByPerson(doc, today)) {
    if (h.status === 'strong') continue;
    items.push({ ...h, id, name: displayName(doc.stakeholders[id]) });
  }
  return items.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'at-risk' ? -1 : 1;
    if (a.daysSinceContact !== b.daysSinceContact) return b.daysSinceContact - a.daysSinceContact;
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}
