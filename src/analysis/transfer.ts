/**
 * How an analysis result crosses from the worker. Structured clone rebuilds every object and
 * string one at a time on the receiving side: a 2,000-person result (2,000 metric objects with
 * nested counts, ~20,000 explanation strings) took ~30 ms of the main thread to arrive. As
 * columns (typed arrays cross as one block) it arrives in a few milliseconds. No sentence crosses:
 * the page writes a person's explanations when it shows them (explanations.ts), from the result
 * and the people it sent. Nor do ids: the result is in the order of the people the page sent
 * (each id once), so the page names the rows from its own list, and each cluster's members from
 * the cluster column; at 50,000 people those were 100,000 strings for the page to rebuild.
 */
import { explanationRecord } from './explanations';
import { uniquePeople } from './input';
import { isPackedInput, peopleInput, type PackedInput } from './packed-input';
import { BROKERAGE_ROLES, type AnalysisInput, type AnalysisResult, type BrokerageRole, type Cluster, type PersonMetrics } from './types';
import type { Id } from '../domain/types';
import { nextTask } from '../domain/next-task';

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
  numbers: Record<NumberField, Float64Array>;
  nullable: Record<NullableField, Float64Array>;
  brokerage: Record<BrokerageRole, Float64Array>;
  /** Index into BROKERAGE_ROLES, NO_ROLE for none. */
  brokerageRole: Uint8Array;
  isSeniorLeader: Uint8Array;
}

const NO_ROLE = 255;

export interface PackedResult {
  rest: Omit<AnalysisResult, 'people' | 'indexById' | 'explanations' | 'clusters'> & { clusters: Omit<Cluster, 'memberIds'>[] };
  people: PackedPeople;
}

export function packResult(result: AnalysisResult): PackedResult {
  const { people, indexById: _index, explanations: _explanations, clusters, ...others } = result;
  const rest = { ...others, clusters: clusters.map(({ memberIds: _members, ...cluster }) => cluster) };
  const n = people.length;
  const column = () => new Float64Array(n);
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, column()])) as Record<NumberField, Float64Array>;
  const nullable = Object.fromEntries(NULLABLE_FIELDS.map((f) => [f, column()])) as Record<NullableField, Float64Array>;
  const brokerage = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, column()])) as Record<BrokerageRole, Float64Array>;
  const isSeniorLeader = new Uint8Array(n);
  const brokerageRole = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = people[i];
    for (const f of NUMBER_FIELDS) numbers[f][i] = p[f];
    for (const f of NULLABLE_FIELDS) nullable[f][i] = p[f] ?? NaN;
    for (const r of BROKERAGE_ROLES) brokerage[r][i] = p.brokerage[r];
    brokerageRole[i] = p.brokerageRole === null ? NO_ROLE : BROKERAGE_ROLES.indexOf(p.brokerageRole);
    isSeniorLeader[i] = p.isSeniorLeader ? 1 : 0;
  }
  return { rest, people: { numbers, nullable, brokerage, brokerageRole, isSeniorLeader } };
}

/**
 * The buffers made by packResult, which the worker can hand over instead of copying. Not the
 * explanation data: its arrays are the worker's remembered shortest-path measures.
 */
export function packedBuffers(packed: PackedResult): ArrayBuffer[] {
  const { numbers, nullable, brokerage, brokerageRole, isSeniorLeader } = packed.people;
  return [...Object.values(numbers), ...Object.values(nullable), ...Object.values(brokerage), brokerageRole, isSeniorLeader].map((a) => a.buffer as ArrayBuffer);
}

/** How long the page may be held between pauses while the people are rebuilt. */
export const UNPACK_SLICE_MS = 8;
/** How many people are rebuilt between looks at the clock. */
const CHECK_EVERY = 256;

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The result as the page uses it. `input` is what was analysed (as sent: packed or not): the
 * people's ids name the rows, and their names and departments are in the sentences. The person
 * records are rebuilt with a pause whenever UNPACK_SLICE_MS have passed (`sliced`), because at
 * 50,000 people rebuilding them at once held the page for half a second.
 */
export async function unpackResult(packed: PackedResult, input: AnalysisInput | PackedInput, sliced = true): Promise<AnalysisResult> {
  const { numbers, nullable, brokerage, brokerageRole, isSeniorLeader } = packed.people;
  const ids: Id[] = isPackedInput(input) ? input.people.ids : uniquePeople(input).people.map((p) => p.id);
  const n = ids.length;
  const people: PersonMetrics[] = new Array<PersonMetrics>(n);
  const indexById = Object.create(null) as Record<Id, number>;
  const members: Id[][] = packed.rest.clusters.map(() => []);
  let since = clock();
  for (let i = 0; i < n; i++) {
    if (sliced && (i & (CHECK_EVERY - 1)) === 0 && clock() - since >= UNPACK_SLICE_MS) {
      await nextTask();
      since = clock();
    }
    // Every record is filled in the same order, so they share one shape.
    const p: Record<string, unknown> = { id: ids[i] };
    for (const f of NUMBER_FIELDS) p[f] = numbers[f][i];
    for (const f of NULLABLE_FIELDS) p[f] = Number.isNaN(nullable[f][i]) ? null : nullable[f][i];
    const counts: Record<string, number> = {};
    for (const r of BROKERAGE_ROLES) counts[r] = brokerage[r][i];
    p.brokerage = counts;
    p.brokerageRole = brokerageRole[i] === NO_ROLE ? null : BROKERAGE_ROLES[brokerageRole[i]];
    p.isSeniorLeader = isSeniorLeader[i] === 1;
    people[i] = p as unknown as PersonMetrics;
    indexById[ids[i]] = i;
    // Members in person order, as the analysis lists them (clusters.ts).
    const cluster = p.cluster as number | null;
    if (cluster !== null) members[cluster].push(ids[i]);
  }
  const clusters: Cluster[] = packed.rest.clusters.map((c, k) => ({ ...c, memberIds: members[k] }));
  const parts = { ...packed.rest, clusters, people, indexById };
  // The sentences read the people as objects: built on the first sentence read, not here.
  const readers = isPackedInput(input) ? () => peopleInput(input) : () => uniquePeople(input);
  return { ...parts, explanations: explanationRecord(readers, parts, packed.rest.explanationData) };
}
