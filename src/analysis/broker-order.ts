/**
 * The one order of brokers: betweenness, highest first, effective size breaking ties. The canvas
 * badges, the Insights' key brokers, what-if ("becomes the top broker; was 4th") and comparing
 * versions all place people by it, so a place means the same everywhere.
 */
import type { Id } from '../domain/types';
import type { PersonMetrics } from './types';

/** People who broker anything (betweenness above 0), best broker first. */
export function brokerOrder<M extends Pick<PersonMetrics, 'betweenness' | 'effectiveSize'>>(people: readonly M[]): M[] {
  return people.filter((m) => m.betweenness > 0).sort((a, b) => b.betweenness - a.betweenness || (b.effectiveSize ?? 0) - (a.effectiveSize ?? 0));
}

/** Each broker's place (1 = top broker) in that order. */
export function brokerPlaces(people: readonly Pick<PersonMetrics, 'id' | 'betweenness' | 'effectiveSize'>[]): Map<Id, number> {
  return new Map(brokerOrder(people).map((m, i) => [m.id, i + 1]));
}
