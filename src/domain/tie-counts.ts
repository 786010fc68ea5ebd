/**
 * "5 ties: 3 of influence or trust (2 contacts), 1 reporting line, 1 of tension": the Details header
 * names what it counts, so it never seems to disagree with the Metrics table's "Contacts" (distinct
 * people linked by influence or trust, the analysis's degree).
 */
import { hasEntry } from './records';
import type { Id, MapDocument } from './types';

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

export function tieCounts(doc: Pick<MapDocument, 'ties' | 'stakeholders'>, id: Id): TieCounts {
  const counts: TieCounts = { all: 0, informal: 0, reportsTo: 0, tension: 0, contacts: 0 };
  const contacts = new Set<Id>();
  for (const t of Object.values(doc.ties)) {
    if (t.source !== id && t.target !== id) continue;
    counts.all++;
    if (t.kind === 'reports-to') counts.reportsTo++;
    else if (t.kind === 'tension') counts.tension++;
    else {
      counts.informal++;
      const other = t.source === id ? t.target : t.source;
      // The analysis ignores ties to oneself or to someone no longer on the map.
      if (other !== id && hasEntry(doc.stakeholders, other)) contacts.add(other);
    }
  }
  counts.contacts = contacts.size;
  return counts;
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
