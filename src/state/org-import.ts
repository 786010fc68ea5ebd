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
import { packRecords } from '../domain/record-transfer';
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

export interface DocSlice {
  kind: 'doc';
  map: MapMeta;
  /** Packed (domain/record-transfer.ts): a clone takes in one text far faster than the objects. */
  people: PackedRecords;
  ties: PackedRecords;
  last: boolean;
}

export type OrgProgress = DocSlice | { kind: 'stored'; fraction: number };

/** The first `to` - `from` entries of a record from `from` on, as a record. */
function sliceOf<T>(record: Readonly<Record<string, T>>, keys: readonly string[], from: number, to: number): Record<string, T> {
  const out: Record<string, T> = {};
  for (let i = from; i < Math.min(to, keys.length); i++) out[keys[i]] = record[keys[i]];
  return out;
}

/**
 * The progress messages that carry `doc` to the page, DOC_CHUNK people and ties each, packed one
 * at a time so the page starts taking them in while the rest are packed. (The analysis input is
 * not sent: the page's analysis runner packs it from the map in slices of its own.)
 */
export function* docSlices(doc: MapDocument): Generator<DocSlice> {
  const people = Object.keys(doc.stakeholders);
  const ties = Object.keys(doc.ties);
  const chunks = Math.max(1, Math.ceil(Math.max(people.length, ties.length) / DOC_CHUNK));
  for (let i = 0; i < chunks; i++) {
    const from = i * DOC_CHUNK;
    const to = from + DOC_CHUNK;
    yield {
      kind: 'doc',
      map: doc.map,
      people: packRecords(sliceOf(doc.stakeholders, people, from, to)),
      ties: packRecords(sliceOf(doc.ties, ties, from, to)),
      last: i === chunks - 1,
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
