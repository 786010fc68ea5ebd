/**
 * How the analysis changed between two versions of a map: who became a key broker or stopped
 * being one, who gained or lost the ear of senior leaders, who is newly a hidden influencer.
 * Pure: takes two analysis results and the pairing of people between the versions
 * (domain/compare.ts `matchPeople`), and words each change with the same numbers the Metrics
 * table shows (broker places are the order of the Brokers column).
 */
import { brokerPlaces } from './broker-order';
import { ordinal, plural } from './format';
import type { AnalysisResult } from './types';
import type { Id } from '../domain/types';
import { formatCount } from '../domain/numbers';


export interface InsightChange {
  kind: 'broker' | 'advisor' | 'hidden-influencer';
  personId: Id;
  text: string;
}

export interface CompareInsightsOptions {
  /** Earlier id -> later id for people in both versions. */
  matched: ReadonlyMap<Id, Id>;
  /** Display name of a person of either version, by id. */
  nameOf: (id: Id) => string;
  /** How many top brokers to speak of (the Insights' key brokers). */
  topBrokers?: number;
}

export function compareInsights(before: AnalysisResult, after: AnalysisResult, options: CompareInsightsOptions): InsightChange[] {
  const { matched, nameOf } = options;
  const top = options.topBrokers ?? 5;
  const laterId = (earlierId: Id) => matched.get(earlierId);
  const earlierOf = new Map<Id, Id>();
  for (const [earlier, later] of matched) earlierOf.set(later, earlier);
  const changes: InsightChange[] = [];

  const wasPlaces = brokerPlaces(before.people);
  const nowPlaces = brokerPlaces(after.people);
  const mentioned = new Set<Id>();
  for (const [id, place] of nowPlaces) {
    if (place > top) continue;
    const earlier = earlierOf.get(id);
    const was = earlier !== undefined ? wasPlaces.get(earlier) : undefined;
    if (was === place) continue;
    mentioned.add(id);
    const now = place === 1 ? 'the top broker' : `the ${ordinal(place)} broker`;
    const before = earlier === undefined ? 'new on the map' : was === undefined ? 'brokered nothing before' : `was ${ordinal(was)}`;
    changes.push({ kind: 'broker', personId: id, text: `${nameOf(id)} is now ${now}; ${before}.` });
  }
  for (const [earlier, was] of wasPlaces) {
    if (was > top) continue;
    const id = laterId(earlier);
    const now = id !== undefined ? nowPlaces.get(id) : undefined;
    if (id !== undefined && (mentioned.has(id) || (now !== undefined && now <= top))) continue;
    const where = id === undefined ? 'no longer on the map' : now === undefined ? 'now brokers nothing' : `now ${ordinal(now)}`;
    changes.push({ kind: 'broker', personId: id ?? earlier, text: `${nameOf(id ?? earlier)} is no longer a top-${top} broker (${where}; was ${ordinal(was)}).` });
  }

  const advised = (result: AnalysisResult) => new Map(result.advisors.map((a) => [a.id, a.leaderCount]));
  const wasAdvising = advised(before);
  const nowAdvising = advised(after);
  const leaders = (count: number) => plural(count, 'senior leader', 'senior leaders');
  for (const [id, count] of nowAdvising) {
    const earlier = earlierOf.get(id);
    const was = earlier !== undefined ? (wasAdvising.get(earlier) ?? 0) : 0;
    if (count > was) changes.push({ kind: 'advisor', personId: id, text: `${nameOf(id)} now advises ${leaders(count)} (was ${formatCount(was)}).` });
  }
  for (const [earlier, was] of wasAdvising) {
    const id = laterId(earlier);
    const count = id !== undefined ? (nowAdvising.get(id) ?? 0) : 0;
    if (count < was) {
      const who = nameOf(id ?? earlier);
      changes.push({
        kind: 'advisor',
        personId: id ?? earlier,
        text: count === 0 ? `${who} no longer advises any senior leader (advised ${leaders(was)}).` : `${who} now advises ${leaders(count)} (was ${formatCount(was)}).`,
      });
    }
  }

  const wasHidden = new Set(before.hiddenInfluencerIds);
  const nowHidden = new Set(after.hiddenInfluencerIds);
  for (const id of nowHidden) {
    const earlier = earlierOf.get(id);
    if (earlier !== undefined && wasHidden.has(earlier)) continue;
    changes.push({ kind: 'hidden-influencer', personId: id, text: `${nameOf(id)} is now a hidden influencer.` });
  }
  for (const earlier of wasHidden) {
    const id = laterId(earlier);
    if (id !== undefined && nowHidden.has(id)) continue;
    changes.push({ kind: 'hidden-influencer', personId: id ?? earlier, text: `${nameOf(id ?? earlier)} is no longer a hidden influencer.` });
  }
  return changes;
}
