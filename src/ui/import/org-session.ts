/**
 * A large org-chart CSV (LARGE_ORG_ROWS rows or more) stays in the import worker after it is
 * read: the page gets the headers, the first rows and the counts, never the 50,000-row table.
 * While the user maps columns, the worker rebuilds the chart and answers with counts and
 * problems; on Import it builds the chart, lays it out (compact org chart), sends the map to
 * the page in chunks (each deserialised in its own short task) and then stores it itself, in
 * chunks of one IndexedDB transaction, saying how far it is.
 *
 * This file holds the protocol, the worker's side (`handleOrgMessage`, run by import-worker.ts)
 * and the page's side (`OrgSession`).
 */
import { emptyRecord } from '../../domain/records';
import type { MapDocument, MapMeta, Stakeholder, Tie } from '../../domain/types';
import type { CsvTable } from '../../io/csv';
import { buildOrgChart } from '../../io/org-chart';
import type { ColumnMapping } from '../../io/org-chart';
import { compactOrgChart } from '../../layout/compact-org';
import { layoutInputFromDoc } from '../../layout/types';
import { InfluenceDb } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import { Repository } from '../../storage/repository';

/** From this many rows an org-chart CSV is mapped, built, laid out and stored in the worker. */
export const LARGE_ORG_ROWS = 1000;
/** Problem lines sent to the page (the count says how many there were). */
const MAX_PROBLEM_LINES = 200;
/** People (and ties) per message when the map crosses to the page. */
const DOC_CHUNK = 5000;

export interface OrgSummary {
  rowCount: number;
  people: number;
  reportsTo: number;
  skipped: number;
  problems: string[];
  problemCount: number;
}

export type OrgRequest =
  | { type: 'org-summary'; id: number; mapping: ColumnMapping; mapName: string }
  | { type: 'org-commit'; id: number; mapping: ColumnMapping; mapName: string; dbName: string };

export type OrgReply =
  | { type: 'org-summary'; id: number; summary: OrgSummary }
  | { type: 'org-doc'; id: number; map: MapMeta; stakeholders: Stakeholder[]; ties: Tie[]; last: boolean }
  | { type: 'org-progress'; id: number; fraction: number }
  | { type: 'org-stored'; id: number; ok: true }
  | { type: 'org-stored'; id: number; ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// The worker's side

let table: CsvTable | null = null;

/** Keeps the table in the worker for the messages that follow. */
export function holdTable(t: CsvTable): void {
  table = t;
}

/** The first rows only, for the dialog's preview and headers. */
export function previewOf(t: CsvTable, rows = 5): CsvTable {
  return { headers: t.headers, rows: t.rows.slice(0, rows), problems: t.problems.slice(0, MAX_PROBLEM_LINES) };
}

export function summarise(t: CsvTable, mapping: ColumnMapping, mapName: string): OrgSummary {
  const chart = buildOrgChart(t.rows, mapping, { mapName });
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
  const { doc } = buildOrgChart(t.rows, mapping, { mapName });
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

/** Runs one request in the worker; false if it is not an org-chart message. */
export function handleOrgMessage(request: OrgRequest, post: (reply: OrgReply) => void): boolean {
  if (!request || (request.type !== 'org-summary' && request.type !== 'org-commit')) return false;
  if (!table) return true;
  if (request.type === 'org-summary') {
    post({ type: 'org-summary', id: request.id, summary: summarise(table, request.mapping, request.mapName) });
    return true;
  }
  const doc = buildLaidOut(table, request.mapping, request.mapName);
  const people = Object.values(doc.stakeholders);
  const ties = Object.values(doc.ties);
  const chunks = Math.max(1, Math.ceil(Math.max(people.length, ties.length) / DOC_CHUNK));
  for (let i = 0; i < chunks; i++) {
    const slice = (list: unknown[]) => list.slice(i * DOC_CHUNK, (i + 1) * DOC_CHUNK);
    post({ type: 'org-doc', id: request.id, map: doc.map, stakeholders: slice(people) as Stakeholder[], ties: slice(ties) as Tie[], last: i === chunks - 1 });
  }
  table = null;
  void (async () => {
    let db: InfluenceDb | null = null;
    try {
      db = new InfluenceDb(request.dbName);
      let reported = 0;
      await new Repository(db).createMap(doc, {
        onProgress: (written, total) => {
          const fraction = written / total;
          if (fraction - reported >= 0.05 || written === total) {
            reported = fraction;
            post({ type: 'org-progress', id: request.id, fraction });
          }
        },
      });
      post({ type: 'org-stored', id: request.id, ok: true });
    } catch (error) {
      post({ type: 'org-stored', id: request.id, ok: false, error: describeStorageError(error).message });
    } finally {
      db?.close();
    }
  })();
  return true;
}

// ---------------------------------------------------------------------------------------------
// The page's side

export interface OrgCommit {
  /** The laid-out map, put together from the worker's chunks. */
  doc: Promise<MapDocument>;
  /** Resolves once every record is stored. */
  stored: Promise<{ ok: true } | { ok: false; error: string }>;
}

let nextId = 1;

export class OrgSession {
  private closed = false;

  constructor(
    private readonly worker: Worker,
    /** Counts and problems for the guessed columns. */
    readonly initial: OrgSummary,
  ) {}

  summarise(mapping: ColumnMapping, mapName: string): Promise<OrgSummary> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('closed'));
      const onMessage = (event: MessageEvent<OrgReply>) => {
        if (event.data?.id !== id || event.data.type !== 'org-summary') return;
        this.worker.removeEventListener('message', onMessage);
        resolve(event.data.summary);
      };
      this.worker.addEventListener('message', onMessage);
      this.worker.postMessage({ type: 'org-summary', id, mapping, mapName } satisfies OrgRequest);
    });
  }

  commit(mapping: ColumnMapping, mapName: string, dbName: string, onProgress: (fraction: number) => void): OrgCommit {
    const id = nextId++;
    let gotDoc!: (doc: MapDocument) => void;
    let failDoc!: (error: Error) => void;
    let gotStored!: (result: { ok: true } | { ok: false; error: string }) => void;
    const doc = new Promise<MapDocument>((resolve, reject) => {
      gotDoc = resolve;
      failDoc = reject;
    });
    const stored = new Promise<{ ok: true } | { ok: false; error: string }>((resolve) => (gotStored = resolve));
    const stakeholders = emptyRecord<Stakeholder>();
    const ties = emptyRecord<Tie>();
    const onMessage = (event: MessageEvent<OrgReply>) => {
      const m = event.data;
      if (m?.id !== id) return;
      if (m.type === 'org-doc') {
        for (const s of m.stakeholders) stakeholders[s.id] = s;
        for (const t of m.ties) ties[t.id] = t;
        if (m.last) gotDoc({ map: m.map, stakeholders, ties });
      } else if (m.type === 'org-progress') onProgress(m.fraction);
      else if (m.type === 'org-stored') {
        this.close();
        gotStored(m.ok ? { ok: true } : { ok: false, error: m.error });
      }
    };
    this.worker.addEventListener('message', onMessage);
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      failDoc(new Error('The import worker stopped.'));
      gotStored({ ok: false, error: 'The import worker stopped before the map was stored.' });
    });
    this.worker.postMessage({ type: 'org-commit', id, mapping, mapName, dbName } satisfies OrgRequest);
    return { doc, stored };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
  }
}
