/**
 * How an analysis result crosses from the worker. Structured clone rebuilds every object and
 * string one at a time on the receiving side: a 2,000-person result (2,000 metric objects with
 * nested counts, ~20,000 explanation strings) took ~30 ms of the main thread to arrive. As
 * columns (typed arrays cross as one block) it arrives in a few milliseconds. No sentence crosses:
 * the page writes a person's explanations when it shows them (explanations.ts), from the result
 * and the people it sent.
 */
import { explanationRecord } from './explanations';
import { uniquePeople } from './input';
import { BROKERAGE_ROLES, type AnalysisInput, type AnalysisResult, type BrokerageRole, type PersonMetrics } from './types';
import type { Id } from '../domain/types';

const NUMBER_FIELDS = [
  'degree',
  'inDegree',
  'outDegree',
  'weightedInDegree',
  'weightedOutDegree',
  'betweenness',
  'betweennessUnweighted',
  'pagerank',
  'closeness',
  'reach',
  'leadersAdvised',
  'informalLeadersAdvised',
  'reportingDepth',
  'informalScore',
  'informalRank',
  'formalRank',
  'hiddenInfluence',
  'keyPersonRisk',
] as const satisfies readonly (keyof PersonMetrics)[];

/** Metrics that may be null ("does not apply"); metrics are never NaN, so NaN stands for null. */
const NULLABLE_FIELDS = ['constraint', 'effectiveSize', 'cluster'] as const satisfies readonly (keyof PersonMetrics)[];

type NumberField = (typeof NUMBER_FIELDS)[number];
type NullableField = (typeof NULLABLE_FIELDS)[number];

export interface PackedPeople {
  ids: Id[];
  numbers: Record<NumberField, Float64Array>;
  nullable: Record<NullableField, Float64Array>;
  brokerage: Record<BrokerageRole, Float64Array>;
  brokerageRole: (BrokerageRole | null)[];
  isSeniorLeader: Uint8Array;
}

export interface PackedResult {
  rest: Omit<AnalysisResult, 'people' | 'indexById' | 'explanations'>;
  people: PackedPeople;
}

export function packResult(result: AnalysisResult): PackedResult {
  const { people, indexById: _index, explanations: _explanations, ...rest } = result;
  const n = people.length;
  const column = () => new Float64Array(n);
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, column()])) as Record<NumberField, Float64Array>;
  const nullable = Object.fromEntries(NULLABLE_FIELDS.map((f) => [f, column()])) as Record<NullableField, Float64Array>;
  const brokerage = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, column()])) as Record<BrokerageRole, Float64Array>;
  const isSeniorLeader = new Uint8Array(n);
  const ids: Id[] = new Array<Id>(n);
  const brokerageRole: (BrokerageRole | null)[] = new Array<BrokerageRole | null>(n);
  for (let i = 0; i < n; i++) {
    const p = people[i];
    ids[i] = p.id;
    for (const f of NUMBER_FIELDS) numbers[f][i] = p[f];
    for (const f of NULLABLE_FIELDS) nullable[f][i] = p[f] ?? NaN;
    for (const r of BROKERAGE_ROLES) brokerage[r][i] = p.brokerage[r];
    brokerageRole[i] = p.brokerageRole;
    isSeniorLeader[i] = p.isSeniorLeader ? 1 : 0;
  }
  return { rest, people: { ids, numbers, nullable, brokerage, brokerageRole, isSeniorLeader } };
}

/** People rebuilt per slice: ~2,000 records take a few milliseconds of the page. */
export const UNPACK_SLICE = 2000;

/** Lets the page paint and handle input between slices. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The result as the page uses it. `input` is what was analysed: the people's names and departments
 * are in the sentences. The person records are rebuilt a slice at a time with a pause between
 * (`sliced`), because at 50,000 people rebuilding them at once held the page for half a second.
 */
export async function unpackResult(packed: PackedResult, input: AnalysisInput, sliced = true): Promise<AnalysisResult> {
  const { ids, numbers, nullable, brokerage, brokerageRole, isSeniorLeader } = packed.people;
  const people: PersonMetrics[] = new Array<PersonMetrics>(ids.length);
  const indexById = Object.create(null) as Record<Id, number>;
  for (let start = 0; start < ids.length; start += UNPACK_SLICE) {
    if (sliced && start > 0) await nextTask();
    for (let i = start, end = Math.min(ids.length, start + UNPACK_SLICE); i < end; i++) {
      // Every record is filled in the same order, so they share one shape.
      const p: Record<string, unknown> = { id: ids[i] };
      for (const f of NUMBER_FIELDS) p[f] = numbers[f][i];
      for (const f of NULLABLE_FIELDS) p[f] = Number.isNaN(nullable[f][i]) ? null : nullable[f][i];
      const counts: Record<string, number> = {};
      for (const r of BROKERAGE_ROLES) counts[r] = brokerage[r][i];
      p.brokerage = counts;
      p.brokerageRole = brokerageRole[i];
      p.isSeniorLeader = isSeniorLeader[i] === 1;
      people[i] = p as unknown as PersonMetrics;
      indexById[ids[i]] = i;
    }
  }
  const parts = { ...packed.rest, people, indexById };
  return { ...parts, explanations: explanationRecord(uniquePeople(input), parts, packed.rest.explanationData) };
}
