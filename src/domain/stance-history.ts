/**
 * A person's stance over time and where the user needs them to be.
 *
 * Edits record each change on the person (`stanceHistory`, one entry per day: a correction made the
 * same day replaces that day's entry, and changing back removes it, so a mis-click is not history).
 * Changes made before edits were recorded are read from version-history snapshots: a change seen
 * between two snapshots is dated "by" the later one; a change between the last snapshot and the
 * first recorded edit (or now) is dated "after" that snapshot, since nothing says when it happened.
 *
 * Pure: callers pass today's date and the snapshots' dates.
 */
import { STANCE_LABELS } from './defaults';
import { matchPeople } from './compare';
import { MAX_STANCE_HISTORY } from './limits';
import type { Id, MapDocument, Stance, StanceChange, Stakeholder } from './types';
import { STANCES } from './types';

export { MAX_STANCE_HISTORY };

/** How sure the date of a change is: the day it was edited, or only bounded by snapshots. */
export type StanceDating = 'on' | 'by' | 'after';

export interface DatedStanceChange extends StanceChange {
  dated: StanceDating;
}

/** The stances that have an order, most supportive first; "unknown" has no place on it. */
const LADDER: readonly Stance[] = ['champion', 'supporter', 'neutral', 'sceptic', 'blocker'];

/**
 * The history after the stance went `from` -> `to` on `date`. Same-day changes are one entry (from
 * the day's first stance to its last); a day that ends where it started leaves no entry.
 */
export function recordStanceChange(history: readonly StanceChange[] | undefined, from: Stance, to: Stance, date: string): StanceChange[] {
  const list = [...(history ?? [])];
  if (from === to) return list;
  const last = list.at(-1);
  if (last && last.date === date) {
    list.pop();
    if (last.from !== to) list.push({ date, from: last.from, to });
  } else list.push({ date, from, to });
  return list.length > MAX_STANCE_HISTORY ? list.slice(list.length - MAX_STANCE_HISTORY) : list;
}

/**
 * The patch that sets a person's stance and records the change; null when it is unchanged. An
 * empty history is left absent, so undoing to a person who never had one restores them exactly.
 */
export function stancePatch(person: Stakeholder, stance: Stance, date: string): Pick<Stakeholder, 'stance' | 'stanceHistory'> | null {
  if (person.stance === stance) return null;
  const history = recordStanceChange(person.stanceHistory, person.stance, stance, date);
  return { stance, stanceHistory: history.length ? history : undefined };
}

/** A version of the map from version history, with the local date it was taken. */
export interface DatedVersion {
  date: string;
  doc: MapDocument;
}

/**
 * The person's stance changes: those seen in snapshots taken before the first recorded edit, then
 * the recorded edits. `versions` may be in any order; people are paired across versions by id,
 * then by unique name (locking renews ids), as the comparison does.
 */
export function stanceTimeline(doc: MapDocument, personId: Id, versions: readonly DatedVersion[]): DatedStanceChange[] {
  const person = doc.stakeholders[personId];
  if (!person) return [];
  const recorded = person.stanceHistory ?? [];
  const first = recorded[0];
  // Where the snapshots must lead to: the stance before the first recorded edit, or now.
  const boundary = first ? first.from : person.stance;
  const observed: { date: string; stance: Stance }[] = [];
  for (const v of [...versions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (first && v.date >= first.date) continue;
    const stance = stanceIn(v.doc, doc, personId);
    if (stance) observed.push({ date: v.date, stance });
  }
  const out: DatedStanceChange[] = [];
  for (let i = 1; i < observed.length; i++) {
    if (observed[i].stance !== observed[i - 1].stance) out.push({ date: observed[i].date, from: observed[i - 1].stance, to: observed[i].stance, dated: 'by' });
  }
  const last = observed.at(-1);
  if (last && last.stance !== boundary) out.push({ date: last.date, from: last.stance, to: boundary, dated: 'after' });
  for (const c of recorded) out.push({ ...c, dated: 'on' });
  return out;
}

function stanceIn(version: MapDocument, now: MapDocument, personId: Id): Stance | null {
  if (Object.hasOwn(version.stakeholders, personId)) return version.stakeholders[personId].stance;
  for (const [before, after] of matchPeople(version, now)) if (after === personId) return version.stakeholders[before].stance;
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-12" -> "12 Mar 2026" (the same words whatever the browser's language). */
export function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

const DATING_WORD: Record<StanceDating, string> = { on: '', by: 'by ', after: 'after ' };

/**
 * "Sceptic → Neutral (12 Mar 2026) → Supporter (3 Jun 2026)", or null with no change. A step
 * that does not continue from the one before (a gap in what is known) starts again from its own
 * first stance.
 */
export function stanceHistoryText(changes: readonly DatedStanceChange[]): string | null {
  if (changes.length === 0) return null;
  let text = STANCE_LABELS[changes[0].from];
  let at: Stance = changes[0].from;
  for (const c of changes) {
    if (c.from !== at) text += ` … ${STANCE_LABELS[c.from]}`;
    text += ` → ${STANCE_LABELS[c.to]} (${DATING_WORD[c.dated]}${dayText(c.date)})`;
    at = c.to;
  }
  return text;
}

/**
 * Steps from the stance to the target on the ladder champion … blocker: positive when the person
 * must move towards support. Null without a target, when they are there, or when either is unknown.
 */
export function stanceGap(stance: Stance, target: Stance | undefined): number | null {
  if (!target || target === stance) return null;
  const a = LADDER.indexOf(stance);
  const b = LADDER.indexOf(target);
  if (a < 0 || b < 0) return null;
  return a - b;
}

/** Whether the person has a target stance they are not at yet (an unknown stance counts as not there). */
export function isShortOfTarget(person: Pick<Stakeholder, 'stance' | 'targetStance'>): boolean {
  return person.targetStance !== undefined && person.targetStance !== person.stance;
}

/** Reads a stance written as its id or its label ("Sceptic", "sceptic", "skeptic"). */
export function readStance(value: string): Stance | null {
  const key = value.trim().toLowerCase();
  if (key === 'skeptic') return 'sceptic';
  return STANCES.find((s) => s === key || STANCE_LABELS[s].toLowerCase() === key) ?? null;
}

/** The history as one line of text for CSV, GraphML and GEXF: "2026-03-12:sceptic>neutral;…". */
export function writeStanceHistory(history: readonly StanceChange[] | undefined): string {
  return (history ?? []).map((c) => `${c.date}:${c.from}>${c.to}`).join(';');
}

/** Reads writeStanceHistory's text; entries that cannot be read are counted, not kept. */
export function parseStanceHistory(text: string): { history: StanceChange[]; bad: number } {
  const history: StanceChange[] = [];
  let bad = 0;
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const m = /^\s*(\d{4}-\d{2}-\d{2})\s*:\s*([a-z]+)\s*>\s*([a-z]+)\s*$/i.exec(part);
    const from = m ? readStance(m[2]) : null;
    const to = m ? readStance(m[3]) : null;
    if (m && from && to && from !== to) history.push({ date: m[1], from, to });
    else bad++;
  }
  return { history: history.slice(-MAX_STANCE_HISTORY), bad };
}
