/**
 * "5 ties: 3 of influence or trust (2 contacts), 1 reporting line, 1 of tension": the Details header
 * names what it counts, so it never seems to disagree with the Metrics table's "Contacts" (distinct
 * people linked by influence or trust, the analysis's degree).
 */
import { hasEntry, valuesOf } from './records';
import type { Id, MapDocument, Tie } from './types';

const n = (count: number) => count.toLocaleString('en-GB');
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

export interface TieCounts {
  /** Every tie that touches the person, of any kind. */
  all: number;
  informal: number;
  reportsTo: number;
  tension: number;
  /** Distinct other people linked by influence or trust: the Metrics table's "Contacts". */
  contacts: number;
}

/** One person's ties of a ties record: the counts, and the other ends of the informal ones. */
interface OwnTies {
  all: number;
  informal: number;
  reportsTo: number;
  tension: number;
  others: Id[];
}

/**
 * Per ties record (a document's records are never changed in place) and person: a drop or a note
 * makes a new document with the same ties, and Details then counts again without a pass over
 * every tie (0.3-0.5 s at 50,000 people). Only the people counted are kept, not an index of all.
 */
const counted = new WeakMap<object, Map<Id, OwnTies>>();

function byPersonOf(ties: MapDocument['ties']): Map<Id, OwnTies> {
  let byPerson = counted.get(ties);
  if (!byPerson) counted.set(ties, (byPerson = new Map()));
  return byPerson;
}

function countInto(own: OwnTies, t: Tie, id: Id): void {
  if (t.source !== id && t.target !== id) return;
  own.all++;
  if (t.kind === 'reports-to') own.reportsTo++;
  else if (t.kind === 'tension') own.tension++;
  else {
    own.informal++;
    own.others.push(t.source === id ? t.target : t.source);
  }
}

function ownTies(ties: MapDocument['ties'], id: Id): OwnTies {
  const byPerson = byPersonOf(ties);
  const known = byPerson.get(id);
  if (known) return known;
  const own: OwnTies = { all: 0, informal: 0, reportsTo: 0, tension: 0, others: [] };
  for (const t of valuesOf(ties)) countInto(own, t, id);
  byPerson.set(id, own);
  return own;
}

/** Has this person's count for this ties record been made already (so `tieCounts` is cheap)? */
export function tieCountsKnown(ties: MapDocument['ties'], id: Id): boolean {
  return counted.get(ties)?.has(id) ?? false;
}

/**
 * The same count in steps of `chunk` ties, for a caller that gives the page back in between (a
 * pass over 250,000 ties is one long task): `step()` is true once the count is known.
 */
export function tieCountSteps(ties: MapDocument['ties'], id: Id, chunk: number): { step: () => boolean } {
  const own: OwnTies = { all: 0, informal: 0, reportsTo: 0, tension: 0, others: [] };
  let list: readonly Tie[] | null = null;
  let at = 0;
  return {
    step() {
      if (tieCountsKnown(ties, id)) return true;
      // Listing the ties is one step of its own (usually already listed, for the canvas).
      if (!list) {
        list = valuesOf(ties);
        return false;
      }
      const end = Math.min(list.length, at + chunk);
      for (; at < end; at++) countInto(own, list[at], id);
      if (at < list.length) return false;
      byPersonOf(ties).set(id, own);
      return true;
    },
  };
}

export function tieCounts(doc: Pick<MapDocument, 'ties' | 'stakeholders'>, id: Id): TieCounts {
  const { all, informal, reportsTo, tension, others } = ownTies(doc.ties, id);
  // The analysis ignores ties to oneself or to someone no longer on the map: checked against the
  // people now, as they may change while the ties do not.
  const contacts = new Set<Id>();
  for (const other of others) if (other !== id && hasEntry(doc.stakeholders, other)) contacts.add(other);
  return { all, informal, reportsTo, tension, contacts: contacts.size };
}

export function tieCountSummary(doc: Pick<MapDocument, 'ties' | 'stakeholders'>, id: Id): string {
  const c = tieCounts(doc, id);
  if (c.all === 0) return 'No ties yet: drag from a dot on the card to another person.';
  const parts: string[] = [];
  if (c.informal > 0) parts.push(`${n(c.informal)} of influence or trust (${plural(c.contacts, 'contact', 'contacts')})`);
  if (c.reportsTo > 0) parts.push(plural(c.reportsTo, 'reporting line', 'reporting lines'));
  if (c.tension > 0) parts.push(`${n(c.tension)} of tension`);
  return `${plural(c.all, 'tie', 'ties')}: ${parts.join(', ')}${c.informal === 0 ? ' (no contacts by influence or trust yet)' : ''}`;
}
