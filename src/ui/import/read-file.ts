/**
 * Reads an imported file: `importFile` (src/io/import.ts) run in a Web Worker so a large file
 * never freezes the page, with an in-process fallback where there is no Worker (tests). Besides
 * the import result it returns what the dialogs need: the parsed table of an org-chart CSV (the
 * user re-maps its columns) and whether a CSV is a ties file (added to the open map instead).
 */
import type { CsvTable } from '../../io/csv';
import { csvHeaders, isTiesHeader, parseCsvTable } from '../../io/csv';
import { detectPersonal, sniffBytes, sniffText } from '../../io/detect';
import { parseLinkedinConnections, type ContactsParse } from '../../io/linkedin';
import { parseVcards } from '../../io/vcard';
import type { CalendarParse } from '../../domain/calendar-import';
import { packEvents, unpackEvents, type PackedEvents } from '../../domain/calendar-transfer';
import { addDays, localDate } from '../../domain/nurture';
import { emptyRecord, entryCount, withOwnRecords } from '../../domain/records';
import { packRecords, packedBuffers, unpackRecords, type PackedRecords } from '../../domain/record-transfer';
import type { MapDocument, Stakeholder, Tie } from '../../domain/types';
import { HEAD_BYTES, blobChunks, graphFormatOf, importFile, importGraphStream, importTiesFile, sizeRefusalOf, tiesSizeRefusal } from '../../io/import';
import type { ImportResult } from '../../io/import';
import { decodeText, quote } from '../../io/text';
import { LARGE_ORG_ROWS, orgApi, type OrgSummary } from '../../state/org-import';
import { startWorker, type CallContext, type WorkerHandle } from '../../domain/workers';
import { nextTask } from '../../domain/next-task';

export interface ReadRequest {
  name: string;
  /**
   * The file itself, read where the request runs (in the worker): the page never holds its
   * bytes, and a GraphML or GEXF file is read in chunks, never as one string.
   */
  file: Blob;
  /** Read the file as a ties CSV to add to this map (instead of as a new map). */
  tiesInto?: MapDocument;
}

export interface ReadReply {
  result: ImportResult;
  /** The table, for a CSV the user maps in the org-chart dialog (or may choose to). */
  table: CsvTable | null;
  /** The file is a ties CSV (from, to, ...). */
  tiesFile: boolean;
  /** For a `tiesInto` request: what adding the ties gives (only the new ties cross back). */
  ties?: TiesReply;
  ms: number;
  /**
   * A large org-chart CSV kept in the worker (org-session.ts): `table` is then only a preview,
   * and this is what the guessed columns give.
   */
  session?: OrgSummary;
  /** Page side only: the worker that holds that table (the reader does not stop it). */
  worker?: WorkerHandle<ReadWorkerApi>;
  /** A calendar, vCards or LinkedIn connections: read here, applied by their own dialogs. */
  personal?: PersonalRead;
  /** Page side only: the maps were unpacked here (their records are already prototype-free). */
  unpacked?: boolean;
}

export type PersonalRead = { kind: 'contacts'; source: 'linkedin' | 'vcard'; parse: ContactsParse } | { kind: 'calendar'; parse: CalendarParse };

/** A calendar read as it leaves the reader (the worker): its events packed (domain/calendar-transfer.ts). */
export type PackedCalendarParse = Exclude<CalendarParse, { ok: true }> | (Omit<Extract<CalendarParse, { ok: true }>, 'events'> & { events: PackedEvents });
type SentPersonalRead = Exclude<PersonalRead, { kind: 'calendar' }> | { kind: 'calendar'; parse: PackedCalendarParse };
/** A map as it crosses from the worker: its records packed (domain/record-transfer.ts). */
export interface PackedDoc {
  map: MapDocument['map'];
  stakeholders: PackedRecords;
  ties: PackedRecords;
}

/**
 * What the reader returns: a ReadReply with a calendar's events packed, and the maps' records
 * packed (`packed`, with `result.docs` holding only their headers); `startRead` unpacks them.
 */
export type SentReadReply = Omit<ReadReply, 'personal'> & { personal?: SentPersonalRead; packed?: PackedDoc[] };

/** Below this many records a map crosses as objects: packing would save nothing to speak of. */
const PACK_FROM_RECORDS = 2_000;

/** In the worker: a reply whose maps are large crosses with their records packed and transferred. */
export function packDocs(reply: SentReadReply, context: CallContext): SentReadReply {
  const result = reply.result;
  if (!result.ok || reply.session) return reply;
  const records = result.docs.reduce((n, d) => n + entryCount(d.stakeholders) + entryCount(d.ties), 0);
  if (records < PACK_FROM_RECORDS) return reply;
  const packed = result.docs.map((d) => ({ map: d.map, stakeholders: packRecords(d.stakeholders), ties: packRecords(d.ties) }));
  context.transfer(packed.flatMap((p) => [...packedBuffers(p.stakeholders), ...packedBuffers(p.ties)]));
  const headers = result.docs.map((d) => ({ map: d.map, stakeholders: emptyRecord<never>(), ties: emptyRecord<never>() }));
  return { ...reply, result: { ...result, docs: headers, doc: headers[0] }, packed };
}


/** On the page: the maps of a packed reply as documents again. */
async function unpackDocs(reply: SentReadReply): Promise<SentReadReply> {
  const packed = reply.packed;
  if (!packed || !reply.result.ok) return reply;
  const docs: MapDocument[] = [];
  for (const p of packed) docs.push({ map: p.map, stakeholders: await unpackRecords<Stakeholder>(p.stakeholders, nextTask), ties: await unpackRecords<Tie>(p.ties, nextTask) });
  return { ...reply, packed: undefined, unpacked: true, result: { ...reply.result, docs, doc: docs[0] } };
}

/** Recurring events are expanded over ten years back and one ahead; the dialog narrows the range. */
export function calendarReadRange(today = localDate()): { from: string; to: string } {
  return { from: addDays(today, -3653), to: addDays(today, 366) };
}

/**
 * Reads a personal file (see io/detect.ts detectPersonal); null when the file is not one. Never
 * throws. The calendar reader (ical.js, about 78 kB) is loaded only when a calendar is detected, so
 * it stays out of the page's main bundle; normally this runs in the import worker anyway.
 */
export async function readPersonal(name: string, bytes: Uint8Array): Promise<SentPersonalRead | null> {
  if (sniffBytes(bytes) !== null) return null;
  const text = decodeText(bytes).text;
  const kind = detectPersonal(text, name);
  if (kind === 'ics' || kind === 'calendar-csv') {
    const { parseCalendar } = await import('../../io/calendar');
    const parse = parseCalendar(text, name, calendarReadRange());
    return { kind: 'calendar', parse: parse.ok ? { ...parse, events: packEvents(parse.events) } : parse };
  }
  if (kind === 'vcard') return { kind: 'contacts', source: 'vcard', parse: parseVcards(text, name) };
  if (kind === 'linkedin') return { kind: 'contacts', source: 'linkedin', parse: parseLinkedinConnections(text, name) };
  return null;
}

export type TiesReply = { ok: true; ties: Tie[]; problems: string[]; problemCount: number; skipped: number } | { ok: false; error: string };

/** Adds a ties CSV to a map; only the new ties are returned (the map may be large). Never throws. */
export function readTies(doc: MapDocument, name: string, bytes: Uint8Array): TiesReply {
  const result = importTiesFile(doc, name, bytes);
  if (!result.ok) return result;
  const ties: Tie[] = [];
  for (const id in result.doc.ties) if (!Object.hasOwn(doc.ties, id)) ties.push(result.doc.ties[id]);
  return { ok: true, ties, problems: result.problems, problemCount: result.problemCount, skipped: result.skipped };
}

/**
 * The whole read: what the worker runs. GraphML and GEXF are streamed from the file
 * (importGraphStream); any other file is read whole once its size is known to be within its
 * limit. Never rejects.
 */
export async function readImport(request: ReadRequest): Promise<SentReadReply> {
  const started = performance.now();
  const { name, file } = request;
  const failed = (error: string): SentReadReply => ({ result: { ok: false, error }, table: null, tiesFile: false, ms: Math.round(performance.now() - started) });
  let bytes: Uint8Array;
  try {
    if (request.tiesInto) {
      const tooBig = tiesSizeRefusal(name, file.size);
      if (tooBig) return { ...failed(''), tiesFile: true, ties: { ok: false, error: tooBig } };
    } else {
      const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
      const graph = graphFormatOf(name, head);
      if (graph) return { ...failed(''), result: await importGraphStream(name, graph, file.size, blobChunks(file)) };
      const tooBig = sizeRefusalOf(name, file.size, head);
      if (tooBig) return failed(tooBig);
    }
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return failed(`${quote(name, 60)} could not be read from the disk.`);
  }
  return readBytes({ name, bytes, tiesInto: request.tiesInto }, started);
}

async function readBytes(request: { name: string; bytes: Uint8Array; tiesInto?: MapDocument }, started: number): Promise<SentReadReply> {
  if (request.tiesInto) {
    const ties = readTies(request.tiesInto, request.name, request.bytes);
    return { result: { ok: false, error: '' }, table: null, tiesFile: true, ties, ms: Math.round(performance.now() - started) };
  }
  try {
    const personal = await readPersonal(request.name, request.bytes);
    if (personal) return { result: { ok: false, error: '' }, table: null, tiesFile: false, personal, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { result: { ok: false, error: `${request.name} could not be read (${error instanceof Error ? error.message : String(error)}).` }, table: null, tiesFile: false, ms: Math.round(performance.now() - started) };
  }
  // A large org chart is laid out by the import worker on Import (state/org-import.ts).
  const result = importFile(request.name, request.bytes, { placeOrgChartBelow: LARGE_ORG_ROWS });
  let table: CsvTable | null = null;
  let tiesFile = false;
  try {
    if (sniffBytes(request.bytes) === null) {
      const text = decodeText(request.bytes).text;
      if (sniffText(text, request.name) === 'csv') {
        // Only the header tells a ties file apart; the whole table is parsed only when the
        // dialogs need it (a refused 1,000,000-row file must not be parsed here after all).
        tiesFile = !result.ok && isTiesHeader(csvHeaders(text));
        if (result.ok && (result.format === 'org-chart-csv' || result.format === 'people-csv')) {
          const parsed = parseCsvTable(text);
          if (parsed.ok) table = parsed.table;
        }
      }
    }
  } catch {
    // The import result already says what went wrong.
  }
  return { result, table, tiesFile, ms: Math.round(performance.now() - started) };
}

export class ReadCancelledError extends Error {
  constructor() {
    super('Reading the file was cancelled.');
    this.name = 'ReadCancelledError';
  }
}

export interface ReadJob {
  promise: Promise<ReadReply>;
  cancel(): void;
}

const importWorker = () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });

/** The import worker's handlers (import-worker.ts adds keeping a large org chart's table). */
export const readApi = { read: readImport, ...orgApi };
export type ReadWorkerApi = typeof readApi;

/** A calendar's events as the page reads them (domain/calendar-transfer.ts). */
function unpacked(reply: SentReadReply): ReadReply {
  const personal = reply.personal;
  if (personal?.kind !== 'calendar' || !personal.parse.ok) return reply as ReadReply;
  return { ...reply, personal: { kind: 'calendar', parse: { ...personal.parse, events: unpackEvents(personal.parse.events) } } };
}

/** A worker's reply has records with a prototype again (structured clone): take it off (unpacked records have none). */
function ownRecordsIn(reply: ReadReply): ReadReply {
  if (!reply.result.ok || reply.unpacked) return reply;
  const docs = reply.result.docs.map((d) => withOwnRecords(d));
  return { ...reply, result: { ...reply.result, docs, doc: docs[0] } };
}

/**
 * Reads a file off the main thread (as a ties CSV for `tiesInto`, else as new maps); `cancel`
 * stops the worker and rejects with ReadCancelledError. Where no worker runs, it reads here.
 */
export function startRead(name: string, file: Blob, createWorker: () => Worker | null = importWorker, tiesInto?: MapDocument): ReadJob {
  const worker = startWorker<ReadWorkerApi>(createWorker, { inProcess: readApi });
  const call = worker.call('read', { name, file, tiesInto });
  const promise = call.promise
    .then(unpackDocs)
    .then(unpacked)
    .then((reply) => {
      // A large org chart: the worker keeps the table for the org-chart dialog, so it is handed over, not stopped.
      if (reply.session && worker.offThread) return { ...ownRecordsIn(reply), worker };
      worker.terminate();
      return worker.offThread ? ownRecordsIn(reply) : reply;
    })
    .catch((error: unknown) => {
      worker.terminate();
      throw error;
    });
  return { promise, cancel: () => call.cancel(new ReadCancelledError()) };
}
