/**
 * The per-person sentences (explain.ts, key-person.ts), written when someone reads them, not for
 * everyone up front. At 50,000 people, writing all of them took seconds of the analysis and made
 * ~94 million characters that then crossed to the page; a person's sentences take microseconds and
 * the page reads a few dozen (the Inspector, Insights). Everything they need is in the result
 * (metrics, clusters, advisors) plus `ExplanationData`, a few typed arrays that cross to the page
 * in one block each, and the map's people, which the page already has.
 */
import { displayName } from '../domain/describe';
import type { Id } from '../domain/types';
import { explainPerson, rankShares, type ExplainContext } from './explain';
import { explainKeyPersonRisk, type KeyPersonCounts } from './key-person';
import type { AnalysisInput, AnalysisResult, LeaderAdvice, PersonExplanations } from './types';

export interface ExplanationData extends KeyPersonCounts {
  /** Informal neighbours (either direction) of person i: neighbourList[neighbourStart[i] .. neighbourStart[i + 1]). */
  neighbourStart: Int32Array;
  neighbourList: Int32Array;
  reach: Int32Array;
  reachedBy: Int32Array;
  dependentPairs: Float64Array;
}

type ResultParts = Pick<AnalysisResult, 'people' | 'indexById' | 'clusters' | 'advisors' | 'stats'>;

/**
 * A record id -> sentences that writes a person's sentences on first read and keeps them.
 * `people` is the analysed people in the result's order (see uniquePeople in input.ts), or a
 * function that gives them, called on the first read (the page builds them only when needed).
 */
export function explanationRecord(people: AnalysisInput | (() => AnalysisInput), result: ResultParts, data: ExplanationData): Record<Id, PersonExplanations> {
  let ctx: ExplainContext | null = null;
  let known: AnalysisInput | null = typeof people === 'function' ? null : people;
  const analysed = (): AnalysisInput => (known ??= (people as () => AnalysisInput)());
  const context = (): ExplainContext => {
    if (ctx) return ctx;
    const input = analysed();
    const adviceById = new Map<Id, LeaderAdvice[]>(result.advisors.map((a) => [a.id, a.leaders]));
    const informal = new Float64Array(result.people.length);
    const formal = new Float64Array(result.people.length);
    result.people.forEach((m, i) => {
      informal[i] = m.informalRank;
      formal[i] = m.formalRank;
    });
    ctx = {
      input,
      metrics: result.people,
      clusters: result.clusters,
      neighboursOf: (i) => data.neighbourList.subarray(data.neighbourStart[i], data.neighbourStart[i + 1]),
      adviceOf: (i) => adviceById.get(input.people[i].id) ?? [],
      personById: (id) => input.people[result.indexById[id]],
      informalRankShares: rankShares(informal),
      formalRankShares: rankShares(formal),
      influenceTies: result.stats.influenceTies,
    };
    return ctx;
  };
  const written = new Map<Id, PersonExplanations>();
  const read = (key: string | symbol): PersonExplanations | undefined => {
    if (typeof key !== 'string' || !Object.hasOwn(result.indexById, key)) return undefined;
    let value = written.get(key);
    if (!value) {
      const i = result.indexById[key];
      value = { ...explainPerson(context(), i), keyPersonRisk: explainKeyPersonRisk(data, i, displayName(analysed().people[i])) };
      written.set(key, value);
    }
    return value;
  };
  return new Proxy({} as Record<Id, PersonExplanations>, {
    get: (_target, key) => read(key),
    has: (_target, key) => typeof key === 'string' && Object.hasOwn(result.indexById, key),
    ownKeys: () => Object.keys(result.indexById),
    getOwnPropertyDescriptor: (_target, key) => {
      const value = read(key);
      return value === undefined ? undefined : { configurable: true, enumerable: true, writable: false, value };
    },
  });
}

/** Distinct informal neighbours per person as one list, from lists per person. */
export function neighbourColumns(lists: ArrayLike<ArrayLike<number>>): Pick<ExplanationData, 'neighbourStart' | 'neighbourList'> {
  const neighbourStart = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) neighbourStart[i + 1] = neighbourStart[i] + lists[i].length;
  const neighbourList = new Int32Array(neighbourStart[lists.length]);
  for (let i = 0; i < lists.length; i++) neighbourList.set(lists[i], neighbourStart[i]);
  return { neighbourStart, neighbourList };
}
