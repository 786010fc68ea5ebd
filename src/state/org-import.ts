/**
 * The import worker's side of a large org-chart CSV (ui/import/org-session.ts is the page's).
 * Here in state/ because it stores the chart itself (ui/ may not import storage/).
 *
 * A large org-chart CSV (LARGE_ORG_ROWS rows or more) stays in the import worker after it is
 * read: the page gets the headers, the first rows and the counts, never the 50,000-row table.
 * While the user maps columns, the worker rebuilds the chart and answers with counts and
 * problems; on Import it builds the chart, lays it out (compact org chart), sends the map to
 * the page in chunks (each deserialised in its own short task) and then stores it itself, in
 * chunks of one IndexedDB transaction, saying how far it is.
 *
 * `orgApi` holds the worker's handlers (served by ui/import/import-worker.ts, see
 * domain/workers.ts); `orgCommit` sends the map as progress values (OrgProgress) and answers
 * once it is stored.
 */
import { toAnalysisInput } from '../analysis/input';
import type { AnalysisInput, AnalysisTie } from '../analysis/types';
import { packPeople, packTies } from '../domain/record-transfer';
import type { PackedRecords } from '../domain/record-transfer';
import type { MapDocument, MapMeta } from '../domain/types';
import type { CsvTable } from '../io/csv';
import type { CallContext } from '../domain/workers';
import { buildOrgChart } from '../io/org-chart-csv';
import type { ColumnMapping, OrgChartResult } from '../io/org-chart-csv';
import { compactOrgChart } from '../layout/compact-org';
import { layoutInputFromDoc } from '../layout/types';
import { InfluenceDb } from '../storage/db';
import { describeStorageError } from '../storage/errors';
import { Repository } from '../storage/repository';

/** From this many rows an org-chart CSV is mapped, built, laid out and stored in the worker. */
export const LARGE_ORG_ROWS = 1000;
/** Problem lines sent to the page (the count says how many there were). */
const MAX_PROBLEM_LINES = 200;
/**
 * People (and ties) per message when the map crosses to the page: each message is taken in by
 * the page in its own task, which should stay well under 100 ms on a loaded machine (2,000 took
 * 60-200 ms there).
 */
export const DOC_CHUNK = 500;

export interface OrgSummary {
  rowCount: number;
  people: number;
  reportsTo: number;
  skipped: number;
  problems: string[];
  problemCount: number;
}

// ---------------------------------------------------------------------------------------------
// The worker's side

let table: CsvTable | null = null;
/** The last chart built (for the counts), kept for Import when the mapping has not changed since. */
let lastChart: { table: CsvTable; key: string; chart: OrgChartResult } | null = null;

/** Keeps the table in the worker for the messages that follow. */
export function holdTable(t: CsvTable): void {
  table = t;
  lastChart = null;
}

/** The chart for `mapping`, unplaced (everyone at 0,0): built once per table and mapping. */
function chartFor(t: CsvTable, mapping: ColumnMapping, mapName: string): OrgChartResult {
  // The map's name is not part of the key: Import may give it another ("hr (2)"), set below.
  const key = JSON.stringify(mapping);
  if (lastChart?.table === t && lastChart.key === key) {
    const { chart } = lastChart;
    chart.doc.map = { ...chart.doc.map, name: mapName };
    return chart;
  }
  const chart = buildOrgChart(t.rows, mapping, { mapName, place: false });
  lastChart = { table: t, key, chart };
  return chart;
}

/** The first rows only, for the dialog's preview and headers. */
export function previewOf(t: CsvTable, rows = 5): CsvTable {
  return { headers: t.headers, rows: t.rows.slice(0, rows), problems: t.problems.slice(0, MAX_PROBLEM_LINES) };
}

export function summarise(t: CsvTable, mapping: ColumnMapping, mapName: string): OrgSummary {
  const chart = chartFor(t, mapping, mapName);
  const all = t.problems.length + chart.problems.length;
  const problems = t.problems.slice(0, MAX_PROBLEM_LINES);
  for (const p of chart.problems) {
    if (problems.length >= MAX_PROBLEM_LINES) break;
    problems.push(p);
  }
  let people = 0;
  for (const _ in chart.doc.stakeholders) people++;
  return { rowCount: t.rows.length, people, reportsTo: chart.reportsTo, skipped: chart.skipped.length, problems, problemCount: all };
}

/** The org chart for `mapping`, laid out as a compact org chart. */
export function buildLaidOut(t: CsvTable, mapping: ColumnMapping, mapName: string): MapDocument {
  const { doc } = chartFor(t, mapping, mapName);
  // Laid out once: the chart is not built again (nor summarised) after Import.
  lastChart = null;
  const input = layoutInputFromDoc(doc);
  const positions = compactOrgChart(input);
  for (const id in doc.stakeholders) {
    const p = positions[id];
    const s = doc.stakeholders[id];
    s.x = p.x;
    s.y = p.y;
  }
  return doc;
}

/** The analysis input's lists arrive in slices with the map's; the rest with the last slice. */
export type AnalysisRest = Omit<AnalysisInput, 'people' | 'ties'>;

/**
 * A slice's ties as analysis sees them (`toAnalysisInput`, worked out here so the page need not:
 * 0.8 s in one task at 50,000 people): which of the slice's ties count, in order, and how.
 * The people are the slice's people, each through `analysisPerson`.
 */
export interface AnalysisTieSlice {
  index: Int32Array;
  kind: AnalysisTie['kind'][];
  strength: Uint8Array;
  mutual: Uint8Array;
}

export interface DocSlice {
  kind: 'doc';
  map: MapMeta;
  people: PackedRecords;
  ties: PackedRecords;
  analysisTies: AnalysisTieSlice;
  /** Set on the last slice only. */
  last: AnalysisRest | null;
}

export type OrgProgress = DocSlice | { kind: 'stored'; fraction: number };

/**
 * The progress messages that carry `doc` and its analysis input to the page, DOC_CHUNK records
 * each, packed one at a time so the page starts taking them in while the rest are packed.
 */
export function* docSlices(doc: MapDocument): Generator<DocSlice> {
  const people = Object.values(doc.stakeholders);
  const ties = Object.values(doc.ties);
  const { people: analysed, ties: analysedTies, ...rest } = toAnalysisInput(doc);
  if (analysed.length !== people.length) throw new Error('Everyone on the map is part of its analysis.');
  const place = new Map<string, number>();
  ties.forEach((t, i) => place.set(t.id, i));
  const chunks = Math.max(1, Math.ceil(Math.max(people.length, ties.length) / DOC_CHUNK));
  let next = 0;
  for (let i = 0; i < chunks; i++) {
    const from = i * DOC_CHUNK;
    const to = from + DOC_CHUNK;
    const counted: AnalysisTie[] = [];
    while (next < analysedTies.length && place.get(analysedTies[next].id)! < to) counted.push(analysedTies[next++]);
    yield {
      kind: 'doc',
      map: doc.map,
      people: packPeople(people.slice(from, to)),
      ties: packTies(ties.slice(from, to)),
      analysisTies: {
        index: Int32Array.from(counted, (t) => place.get(t.id)! - from),
        kind: counted.map((t) => t.kind),
        strength: Uint8Array.from(counted, (t) => t.strength),
        mutual: Uint8Array.from(counted, (t) => (t.mutual ? 1 : 0)),
      },
      last: i === chunks - 1 ? rest : null,
    };
  }
}

export type OrgStored = { ok: true } | { ok: false; error: string };

function heldTable(): CsvTable {
  if (!table) throw new Error('The file is no longer held by the import worker.');
  return table;
}

/** The worker's handlers for a held table (see domain/workers.ts). */
export const orgApi = {
  orgSummary: ({ mapping, mapName }: { mapping: ColumnMapping; mapName: string }): OrgSummary => summarise(heldTable(), mapping, mapName),
  orgCommit: async ({ mapping, mapName, dbName }: { mapping: ColumnMapping; mapName: string; dbName: string }, context: CallContext): Promise<OrgStored> => {
    const doc = buildLaidOut(heldTable(), mapping, mapName);
    for (const message of docSlices(doc)) context.progress(message satisfies OrgProgress);
    table = null;
    lastChart = null;
    let db: InfluenceDb | null = null;
    try {
      db = new InfluenceDb(dbName);
      let reported = 0;
      await new Repository(db).createMap(doc, {
        onProgress: (written, total) => {
          const fraction = written / total;
          if (fraction - reported >= 0.05 || written === total) {
            reported = fraction;
            context.progress({ kind: 'stored', fraction } satisfies OrgProgress);
          }
        },
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error).message };
    } finally {
      db?.close();
    }
  },
};
