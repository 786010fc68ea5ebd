/**
 * Nurturing relationships: when each person is next due a catch-up, who is overdue, and the pure
 * edits that log a catch-up or snooze one. No clock is read here: every rule that depends on
 * "today" takes it as a local calendar date ('YYYY-MM-DD'), so results are deterministic.
 *
 * The due-date rules, in order:
 * 1. An explicit next follow-up date wins, unless a contact has been logged on or after that date
 *    (then the planned catch-up has happened and rule 2 takes over again).
 * 2. Someone with a logged contact is due `cadence` days after the last contact, where the cadence
 *    is the person's own `cadenceDays` or else the map's default for their seniority level.
 * 3. Someone never contacted is due today only if they are "tracked": the user gave them their own
 *    cadence, or they are a senior leader (the advice is to build ties upwards before a moment of
 *    need). Anyone else who was never contacted is not due at all (null), so a fresh map of
 *    twenty people does not open with twenty overdue reminders.
 * "Me" is never due a catch-up with themselves.
 */
import { displayName, isSeniorLeader, levelName, tieSentence } from './describe';
import { newId } from './ids';
import type { Id, Interaction, InteractionKind, MapDocument, MapSettings, Stakeholder, Tie } from './types';
import { INTERACTION_KINDS } from './types';
import { withEntry } from './records';

// ---------------------------------------------------------------------------------------------
// Calendar dates (local dates as 'YYYY-MM-DD'; arithmetic in UTC so DST never shifts a day)

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD', or null for anything else (e.g. '2023-02-29'). */
function dayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / DAY_MS);
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export function isValidDate(date: string): boolean {
  return dayNumber(date) !== null;
}

function requireDay(date: string): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return n;
}

/** `date` plus `days` calendar days (negative goes back). Throws on an invalid date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(requireDay(date) + Math.trunc(days));
}

/** Whole days from `from` to `to` (positive when `to` is later). Throws on an invalid date. */
export function daysBetween(from: string, to: string): number {
  return requireDay(to) - requireDay(from);
}

/** Today's local date as 'YYYY-MM-DD'; for callers at the edge (UI), never used inside this module. */
export function localDate(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  return `${y}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Due dates

/** Fallback when neither the person nor the map says how often (should not happen with valid settings). */
export const FALLBACK_CADENCE_DAYS = 30;

/** The date of the latest logged interaction (invalid dates ignored), or null if none. */
export function lastContact(s: Pick<Stakeholder, 'interactions'>): string | null {
  let best: string | null = null;
  for (const i of s.interactions) {
    if (!isValidDate(i.date)) continue;
    // Valid 'YYYY-MM-DD' strings sort like the dates they name.
    if (best === null || i.date > best) best = i.date;
  }
  return best;
}

/** Days between catch-ups: the person's own cadence, else the map default for their level. */
export function effectiveCadence(s: Pick<Stakeholder, 'cadenceDays' | 'seniority'>, settings: MapSettings): number {
  if (s.cadenceDays !== null && Number.isFinite(s.cadenceDays) && s.cadenceDays >= 1) return Math.round(s.cadenceDays);
  const level = Math.max(0, Math.min(s.seniority, settings.cadenceDays.length - 1));
  const byLevel = settings.cadenceDays[level];
  return Number.isFinite(byLevel) && byLevel >= 1 ? Math.round(byLevel) : FALLBACK_CADENCE_DAYS;
}

/** Why a person is due when they are: see the rules at the top of this file. */
export type DueBasis = 'explicit' | 'cadence' | 'first-contact';

export interface FollowUp {
  due: string;
  basis: DueBasis;
}

/** True when a never-contacted person should still be reminded (rule 3 above). */
export function isTracked(s: Stakeholder, settings: MapSettings): boolean {
  return (
    lastContact(s) !== null ||
    (s.nextFollowUp !== null && isValidDate(s.nextFollowUp)) ||
    s.cadenceDays !== null ||
    isSeniorLeader(s, settings)
  );
}

/** The next follow-up and the rule that produced it, or null when the person is not due at all. */
export function followUp(s: Stakeholder, settings: MapSettings, today: string): FollowUp | null {
  const last = lastContact(s);
  const explicit = s.nextFollowUp && isValidDate(s.nextFollowUp) ? s.nextFollowUp : null;
  if (explicit && (last === null || explicit > last)) return { due: explicit, basis: 'explicit' };
  if (last !== null) return { due: addDays(last, effectiveCadence(s, settings)), basis: 'cadence' };
  if (s.cadenceDays !== null || isSeniorLeader(s, settings)) return { due: today, basis: 'first-contact' };
  return null;
}

/** The date the next catch-up is due, or null when the person is not tracked (see the rules above). */
export function nextDue(s: Stakeholder, settings: MapSettings, today: string): string | null {
  return followUp(s, settings, today)?.due ?? null;
}

/** True when the next catch-up was due before today (due today is not yet overdue). */
export function isOverdue(s: Stakeholder, settings: MapSettings, today: string): boolean {
  // Never met and no date set: due today at the earliest, so not overdue (most of an imported
  // company; asking the rules for each of 50,000 people was a share of the first frame).
  if (s.interactions.length === 0 && !s.nextFollowUp) return false;
  const due = nextDue(s, settings, today);
  return due !== null && due < today;
}

// ---------------------------------------------------------------------------------------------
// The words in a person's Relationship section

/** "in 3 days", "today", "5 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days.toLocaleString('en-GB')} days` : `${(-days).toLocaleString('en-GB')} days ago`;
}

/**
 * The cadence line under the field: "Empty: every 45 days, the default for Manager." or
 * "Every 14 days." Always the effective cadence, the same number the due line counts with.
 */
export function cadenceHint(s: Stakeholder, settings: MapSettings): string {
  const cadence = effectiveCadence(s, settings);
  if (s.cadenceDays !== null && Number.isFinite(s.cadenceDays) && s.cadenceDays >= 1) return `Every ${cadence.toLocaleString('en-GB')} days.`;
  return `Empty: every ${cadence.toLocaleString('en-GB')} days, the default for ${levelName(s, settings) || 'this level'}.`;
}

/**
 * The due line. When nothing is due yet (never contacted, no date, not tracked: rule 3 above) there
 * is still a cadence (the level's default), so it says what the cadence will do, never "set a
 * cadence" beside a cadence that is already in force.
 */
export function dueSentence(s: Stakeholder, settings: MapSettings, today: string): { text: string; overdue: boolean } {
  const due = followUp(s, settings, today);
  if (!due) {
    const cadence = effectiveCadence(s, settings).toLocaleString('en-GB');
    return { text: `No catch-up logged yet: log the first one and the next falls due ${cadence} days later, or pick a next follow-up date.`, overdue: false };
  }
  const delta = daysBetween(today, due.due);
  if (delta < 0) return { text: `Catch-up overdue by ${(-delta).toLocaleString('en-GB')} ${delta === -1 ? 'day' : 'days'} (due ${due.due}).`, overdue: true };
  return { text: `Next catch-up due ${relativeDays(delta)} (${due.due}).`, overdue: false };
}

// ---------------------------------------------------------------------------------------------
// The "Catch-ups due" list

/** Extra context per person for the "why" line, e.g. "advises Dana (CFO)"; from the analysis. */
export type ReasonSource = Record<Id, string | undefined> | ((s: Stakeholder) => string | null | undefined);

export interface CatchUpOptions {
  /** How far ahead "due soon" reaches, in days (default 7: due this week). */
  withinDays?: number;
}

export interface CatchUp {
  id: Id;
  name: string;
  /** When the catch-up was or is due. */
  due: string;
  basis: DueBasis;
  status: 'overdue' | 'due-soon';
  /** Days past the due date (0 when not overdue). */
  daysOverdue: number;
  /** Days until the due date (0 when due today or overdue). */
  dueIn: number;
  lastContact: string | null;
  /** Days since the last contact, null if never contacted. */
  daysSinceContact: number | null;
  cadenceDays: number;
  /** One plain line: "last spoke 47 days ago; every 30 days; advises Dana (CFO)". */
  why: string;
}

function agoPhrase(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 0) return days === -1 ? 'tomorrow' : `in ${-days} days`;
  return `${days} days ago`;
}

function extraReason(s: Stakeholder, reasons: ReasonSource | undefined): string {
  if (!reasons) return '';
  const value = typeof reasons === 'function' ? reasons(s) : reasons[s.id];
  return value?.trim() ?? '';
}

function whyLine(s: Stakeholder, settings: MapSettings, f: FollowUp, today: string, last: string | null, extra: string): string {
  const parts: string[] = [];
  const cadence = effectiveCadence(s, settings);
  if (last !== null) {
    const since = daysBetween(last, today);
    parts.push(since >= 0 ? `last spoke ${agoPhrase(since)}` : `contact logged for ${last}`);
  }
  if (f.basis === 'explicit') parts.push(`follow-up planned for ${f.due}`);
  else if (f.basis === 'cadence') parts.push(`you aim for every ${cadence} days`);
  else {
    parts.push('not contacted yet');
    const level = levelName(s, settings);
    parts.push(s.cadenceDays !== null ? `you aim for every ${cadence} days` : `a senior leader${level ? ` (${level})` : ''}`);
  }
  if (extra) parts.push(extra);
  return parts.join('; ');
}

/**
 * Who to catch up with: overdue people first (most overdue first), then those due within
 * `withinDays` (soonest first); ties broken by name. "Me" is left out.
 */
export function catchUpsDue(doc: MapDocument, today: string, reasons?: ReasonSource, options: CatchUpOptions = {}): CatchUp[] {
  requireDay(today);
  const within = Math.max(0, options.withinDays ?? 7);
  const settings = doc.map.settings;
  const items: CatchUp[] = [];
  for (const s of Object.values(doc.stakeholders)) {
    if (s.id === doc.map.meId) continue;
    const f = followUp(s, settings, today);
    if (!f) continue;
    const delta = daysBetween(today, f.due);
    if (delta > within) continue;
    const last = lastContact(s);
    items.push({
      id: s.id,
      name: displayName(s),
      due: f.due,
      basis: f.basis,
      status: delta < 0 ? 'overdue' : 'due-soon',
      daysOverdue: Math.max(0, -delta),
      dueIn: Math.max(0, delta),
      lastContact: last,
      daysSinceContact: last === null ? null : daysBetween(last, today),
      cadenceDays: effectiveCadence(s, settings),
      why: whyLine(s, settings, f, today, last, extraReason(s, reasons)),
    });
  }
  return items.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'overdue' ? -1 : 1;
    if (a.status === 'overdue' && a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
    if (a.status === 'due-soon' && a.dueIn !== b.dueIn) return a.dueIn - b.dueIn;
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Pure edits (same style as operations.ts: untouched records are shared)

export interface NewInteraction {
  id?: Id;
  date: string;
  kind: InteractionKind;
  note?: string;
}

/** Why an interaction cannot be logged, or null when it can. */
export function interactionProblem(interaction: NewInteraction): string | null {
  if (!isValidDate(interaction.date)) return 'Give the catch-up a date (YYYY-MM-DD).';
  if (!(INTERACTION_KINDS as readonly string[]).includes(interaction.kind)) return 'Choose what kind of catch-up it was.';
  return null;
}

export interface LogOptions {
  /**
   * Whether to clear an explicit next follow-up date. Default: cleared when the new interaction is
   * the latest contact (the planned catch-up has happened), kept when back-filling an older one.
   */
  clearNextFollowUp?: boolean;
}

/**
 * Adds an interaction to a person's log (kept in date order, oldest first). Returns the same
 * document when the person does not exist or the interaction is invalid (see interactionProblem).
 */
export function logInteraction(doc: MapDocument, id: Id, interaction: NewInteraction, options: LogOptions = {}): MapDocument {
  const current = doc.stakeholders[id];
  if (!current || interactionProblem(interaction)) return doc;
  const entry: Interaction = { id: interaction.id ?? newId(), date: interaction.date, kind: interaction.kind, note: interaction.note ?? '' };
  const previous = lastContact(current);
  const isLatest = previous === null || entry.date >= previous;
  const clear = options.clearNextFollowUp ?? isLatest;
  const interactions = [...current.interactions, entry];
  // Stable sort: same-day entries keep the order they were logged in.
  interactions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const next: Stakeholder = { ...current, interactions, nextFollowUp: clear ? null : current.nextFollowUp };
  return { ...doc, stakeholders: withEntry(doc.stakeholders, id, next) };
}

/** Removes one logged interaction; same document if either id is unknown. */
export function removeInteraction(doc: MapDocument, id: Id, interactionId: Id): MapDocument {
  const current = doc.stakeholders[id];
  if (!current || !current.interactions.some((i) => i.id === interactionId)) return doc;
  const next = { ...current, interactions: current.interactions.filter((i) => i.id !== interactionId) };
  return { ...doc, stakeholders: withEntry(doc.stakeholders, id, next) };
}

/** Puts the next catch-up off: sets the explicit next follow-up to `today + days` (days >= 1). */
export function snooze(doc: MapDocument, id: Id, days: number, today: string): MapDocument {
  const current = doc.stakeholders[id];
  if (!current || !Number.isFinite(days)) return doc;
  const nextFollowUp = addDays(today, Math.max(1, Math.round(days)));
  if (current.nextFollowUp === nextFollowUp) return doc;
  return { ...doc, stakeholders: withEntry<Stakeholder>(doc.stakeholders, id, { ...current, nextFollowUp }) };
}

// ---------------------------------------------------------------------------------------------
// Relationships to repair (tension ties)

export interface RepairItem {
  tieId: Id;
  /** The two people; when Me is on the tie, `other` is the person who is not Me. */
  source: Id;
  target: Id;
  other: Id;
  involvesMe: boolean;
  /** "Priya and Tom have a strained relationship (moderate)". */
  sentence: string;
  strength: Tie['strength'];
  /** The next step the user wrote (the tie's note), trimmed; '' when none yet. */
  nextStep: string;
  /**
   * Date of the last attempt: the latest interaction logged with the other person when Me is on the
   * tie, else the later of the two people's last contacts; null when nothing is logged.
   */
  lastAttempt: string | null;
}

/**
 * Every tension tie as something to work on: ties involving Me first, then those never attempted,
 * then the longest since the last attempt; ties broken by the sentence.
 */
export function relationshipsToRepair(doc: MapDocument): RepairItem[] {
  const meId = doc.map.meId;
  const items: RepairItem[] = [];
  for (const tie of Object.values(doc.ties)) {
    if (tie.kind !== 'tension') continue;
    const a = doc.stakeholders[tie.source];
    const b = doc.stakeholders[tie.target];
    if (!a || !b) continue;
    const involvesMe = meId !== null && (a.id === meId || b.id === meId);
    const other = involvesMe ? (a.id === meId ? b : a) : b;
    let lastAttempt: string | null;
    if (involvesMe) lastAttempt = lastContact(other);
    else {
      const la = lastContact(a);
      const lb = lastContact(b);
      lastAttempt = la === null ? lb : lb === null ? la : la > lb ? la : lb;
    }
    items.push({
      tieId: tie.id,
      source: a.id,
      target: b.id,
      other: other.id,
      involvesMe,
      sentence: tieSentence(tie, doc),
      strength: tie.strength,
      nextStep: tie.note.trim(),
      lastAttempt,
    });
  }
  return items.sort((x, y) => {
    if (x.involvesMe !== y.involvesMe) return x.involvesMe ? -1 : 1;
    if (x.lastAttempt !== y.lastAttempt) {
      if (x.lastAttempt === null) return -1;
      if (y.lastAttempt === null) return 1;
      return x.lastAttempt < y.lastAttempt ? -1 : 1;
    }
    return x.sentence.localeCompare(y.sentence) || x.tieId.localeCompare(y.tieId);
  });
}
