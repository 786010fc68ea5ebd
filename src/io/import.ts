/**
 * One entry point for every import: `importFile(name, bytes)`.
 *
 * Detects the format by content, then extension (detect.ts), decodes text (UTF-8 with or without
 * BOM, UTF-16 with BOM, otherwise Windows-1252 with a note), reads it with the format's reader
 * and returns every map it holds as a NEW map (fresh map id, so an existing map is never
 * overwritten), with a problem line per skipped or repaired record and a one-line summary.
 *
 * Limits: files over MAX_IMPORT_BYTES (20 MB) are refused before reading: that is several times
 * the largest realistic map (5,000 people with notes is about 3 MB of JSON) and keeps the tab
 * responsive. GraphML and GEXF may be up to MAX_GRAPH_IMPORT_BYTES (100 MB): they are read in
 * chunks (`importGraphStream`, XmlReader), and refused as soon as they hold more than
 * MAX_IMPORT_PEOPLE nodes or MAX_IMPORT_TIE_ROWS edges. Other files with more than
 * MAX_IMPORT_PEOPLE people are refused before (CSV) or right after (JSON) parsing, and
 * positions beyond ±MAX_COORDINATE are clamped with a note. Names, titles and departments are
 * cut to 500 characters and notes to 100,000, with a note. HTML or script in any text field is
 * kept literally as text (the UI and the exports escape it). Never throws: an unexpected failure becomes { ok: false, error }.
 */
import type { MapDocument } from '../domain/types';
import { addTiesFromCsv, csvHeaders, importPeopleCsv, isTiesHeader, parseCsvTable, findColumn, summariseSkipped } from './csv';
import type { CsvTable } from './csv';
import { sniffBytes, sniffText } from './detect';
import type { DetectedFormat } from './detect';
import { detectPersonal } from './detect';
import { GexfCollector } from './gexf';
import { GraphmlCollector } from './graphml';
import { XmlReader } from './xml';
import type { XmlLimitExceeded, XmlParse } from './xml';
import type { GraphImportResult } from './graphml';
import type { SealedMapFile } from './sealed-map-file';
import { BACKUP_FILE_TYPE, MAP_FILE_TYPE, asNewMap, parseJson, readBackupFile, readMapFile } from './map-file';
import { buildOrgChart, guessColumns } from './org-chart-csv';
import { MAP_KEYWORD, extractText } from './png';
import { CoordinateClamp, MAX_GRAPH_IMPORT_BYTES, MAX_IMPORT_BYTES, NOT_UTF8_NOTE, countCsvRecords, decodeText, decodeWindows1252, formatBytes, plural, quote } from './text';
import { copyRecord } from '../domain/records';

export type ImportFormat = 'json' | 'backup' | 'png' | 'people-csv' | 'org-chart-csv' | 'graphml' | 'gexf';

export type ImportResult =
  | {
      ok: true;
      format: ImportFormat;
      /** The map to open (the first one for a backup). */
      doc: MapDocument;
      /** Every map in the file (one, except for a backup). */
      docs: MapDocument[];
      /** Locked maps in a backup, still encrypted: restored locked (they open with their passphrase). */
      sealed?: SealedMapFile[];
      /** At most MAX_PROBLEM_LINES lines, the last one counting the rest. */
      problems: string[];
      /** How many problems there were in all (the list above is capped). */
      problemCount: number;
      /** How many rows, elements or records were left out: the true count, not the lines shown. */
      skipped: number;
      summary: string;
    }
  | { ok: false; error: string };

export interface ImportOptions {
  now?: number;
  /** Give people and ties fresh ids too (default: keep the file's ids). */
  reIdRecords?: boolean;
  /**
   * An org-chart CSV with at least this many rows is left unplaced (everyone at 0,0): the import
   * worker lays large charts out itself, and the tidy tree would cost seconds for nothing.
   */
  placeOrgChartBelow?: number;
}

/**
 * More people than this in one file are refused before the file is parsed, with a message. A
 * 200,000-row CSV took minutes with the page frozen and then made every start freeze; the app
 * is built and measured for whole companies up to this size (see the benchmark).
 */
export const MAX_IMPORT_PEOPLE = 50_000;

/** At most this many problem lines are returned; the rest are counted in a last line. */
export const MAX_PROBLEM_LINES = 500;

export function importFile(name: string, bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  try {
    return importUnsafe(String(name ?? ''), bytes, options);
  } catch (error) {
    return { ok: false, error: `${quote(String(name ?? 'The file'))} could not be imported because of an unexpected problem (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function fileLabel(name: string): string {
  return name.trim() ? quote(name, 60) : 'The file';
}

function baseName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,10}$/, '').trim();
  return base.slice(0, 200) || 'Imported map';
}

function importUnsafe(name: string, bytes: Uint8Array, options: ImportOptions): ImportResult {
  const label = fileLabel(name);
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: `${label} could not be read.` };
  const tooBig = sizeRefusal(label, bytes.length, () => graphFormatOf(name, bytes.subarray(0, HEAD_BYTES)));
  if (tooBig) return { ok: false, error: tooBig };
  const byBytes = sniffBytes(bytes);
  if (byBytes === 'png') return importPng(label, bytes, options);
  if (byBytes && byBytes !== 'empty') return { ok: false, error: wrongType(label, byBytes) };
  if (byBytes === 'empty') return { ok: false, error: `${label} is empty.` };
  const decoded = decodeText(bytes);
  const format = sniffText(decoded.text, name);
  const notes = decoded.notes;
  const mapName = baseName(name);
  const tooMany = tooManyPeople(label, format, decoded.text);
  if (tooMany) return { ok: false, error: tooMany };
  switch (format) {
    case 'empty':
      return { ok: false, error: `${label} is empty.` };
    case 'json':
      return importJson(label, decoded.text, notes, options);
    case 'graphml':
    case 'gexf': {
      const { reader, finish } = graphReader(format);
      reader.write(decoded.text);
      return graphImport(label, finish(reader.end(), { mapName, now: options.now }), notes, options, format);
    }
    case 'csv':
      return importCsv(label, decoded.text, notes, mapName, options);
    default:
      return { ok: false, error: wrongType(label, format) };
  }
}

/**
 * The refusal message when a file holds more people than MAX_IMPORT_PEOPLE, counted cheaply
 * before parsing (CSV records); null when it is within the limit. JSON is counted after
 * parsing, in importJson; GraphML and GEXF as the XML reader meets their nodes (graphReader).
 */
function tooManyPeople(label: string, format: DetectedFormat, text: string): string | null {
  let count = 0;
  let unit = '';
  if (format === 'csv') {
    if (isTiesHeader(csvHeaders(text))) return null; // ties, not people: they have their own limit
    count = countCsvRecords(text) - 1;
    unit = 'row';
  }
  if (count <= MAX_IMPORT_PEOPLE) return null;
  const what = format === 'csv' ? plural(count, unit) : `more than ${plural(MAX_IMPORT_PEOPLE, unit)}`;
  return limitMessage(label, what);
}

/** How many bytes of a file are enough to tell its format (detect.ts looks this far for an XML root). */
export const HEAD_BYTES = 262_144;

/**
 * GraphML or GEXF, told from the first HEAD_BYTES of a file the same way importFile tells them
 * (content, then extension; calendars and contacts first); null for any other file.
 */
export function graphFormatOf(name: string, head: Uint8Array): 'graphml' | 'gexf' | null {
  if (sniffBytes(head) !== null) return null;
  const text = decodeText(head).text;
  if (detectPersonal(text, name)) return null;
  const format = sniffText(text, name);
  return format === 'graphml' || format === 'gexf' ? format : null;
}

/** The refusal for a file of `size` bytes whose first HEAD_BYTES are `head`, or null (no need to read more to know). */
export function sizeRefusalOf(name: string, size: number, head: Uint8Array): string | null {
  return sizeRefusal(fileLabel(name), size, () => graphFormatOf(name, head));
}

/** The refusal for a ties CSV too large to read, or null. */
export function tiesSizeRefusal(name: string, size: number): string | null {
  return size > MAX_IMPORT_BYTES ? `${fileLabel(name)} is ${formatBytes(size)}; the limit is ${formatBytes(MAX_IMPORT_BYTES)}.` : null;
}

/** The refusal for a file too large for its format, or null. `graph` is asked only when it matters. */
function sizeRefusal(label: string, size: number, graph: () => 'graphml' | 'gexf' | null): string | null {
  if (size > MAX_GRAPH_IMPORT_BYTES) {
    return `${label} is ${formatBytes(size)}; Influence Map imports GraphML and GEXF files up to ${formatBytes(MAX_GRAPH_IMPORT_BYTES)} and other files up to ${formatBytes(MAX_IMPORT_BYTES)}. Split it, or remove attributes or notes you do not need.`;
  }
  if (size > MAX_IMPORT_BYTES && !graph()) {
    return `${label} is ${formatBytes(size)}; Influence Map imports files up to ${formatBytes(MAX_IMPORT_BYTES)}. Split it, or remove columns or notes you do not need.`;
  }
  return null;
}

/**
 * The one XML reader set-up for map files: refused past the people and ties limits as they are
 * met; a GEXF's nodes and edges are handed to its builder one by one (no XML tree of them).
 */
function graphReader(format: 'graphml' | 'gexf'): { reader: XmlReader; finish: (parsed: XmlParse, options: { mapName: string; now?: number }) => GraphRead } {
  const limits = { node: MAX_IMPORT_PEOPLE, edge: MAX_IMPORT_TIE_ROWS };
  if (format === 'graphml') {
    const graphml = new GraphmlCollector();
    return { reader: new XmlReader({ limits, handOver: graphml.handOver }), finish: (parsed, options) => (!parsed.ok && parsed.exceeded ? { exceeded: parsed.exceeded } : graphml.result(parsed, options)) };
  }
  const collector = new GexfCollector();
  return { reader: new XmlReader({ limits, handOver: collector.handOver }), finish: (parsed, options) => (!parsed.ok && parsed.exceeded ? { exceeded: parsed.exceeded } : collector.result(parsed, options)) };
}

type GraphRead = GraphImportResult | { exceeded: XmlLimitExceeded };

function exceededMessage(label: string, exceeded: XmlLimitExceeded): string {
  if (exceeded.name === 'node') return limitMessage(label, `more than ${plural(MAX_IMPORT_PEOPLE, 'node')}`);
  return `${label} has more than ${plural(MAX_IMPORT_TIE_ROWS, 'edge')}; Influence Map handles up to ${MAX_IMPORT_TIE_ROWS.toLocaleString('en-US')} ties in one map today, so it was not imported. Split the file and import each part as its own map.`;
}

/** A GraphML or GEXF document, read whole or in chunks, as an import result. */
function graphImport(label: string, result: GraphRead, notes: string[], options: ImportOptions, format: 'graphml' | 'gexf'): ImportResult {
  if ('exceeded' in result) return { ok: false, error: exceededMessage(label, result.exceeded) };
  if (!result.ok) return { ok: false, error: `${label}: ${result.error}` };
  if (Object.keys(result.doc.stakeholders).length === 0) return { ok: false, error: `${label} has no nodes that could be imported.${result.problems.length ? ` ${result.problems[0]}` : ''}` };
  return success(format, [result.doc], [...notes, ...result.problems], label, options, result.skipped);
}

/** The bytes of a file, in order, as often as asked (a second pass re-reads from the start). */
export type ByteChunks = () => AsyncIterable<Uint8Array>;

/** A Blob (a File) read in slices: only one slice is in memory at a time. */
export function blobChunks(blob: Blob, chunkBytes = 1 << 20): ByteChunks {
  return async function* () {
    for (let at = 0; at < blob.size; at += chunkBytes) yield new Uint8Array(await blob.slice(at, at + chunkBytes).arrayBuffer());
  };
}

/** Decoding as decodeText does it (BOM, strict UTF-8), but a chunk at a time. */
class ChunkDecoder {
  private decoder: TextDecoder | null = null;
  private head = new Uint8Array(0);

  constructor(private readonly fallback: boolean) {}

  /** Text for the next bytes; throws TypeError when they are not UTF-8 (without `fallback`). */
  decode(bytes: Uint8Array): string {
    if (this.fallback) return decodeWindows1252(this.skipBom(bytes));
    if (!this.decoder) {
      // The BOM is looked for in the first four bytes, however the file was cut.
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (joined.length < 4) {
        this.head = joined;
        return '';
      }
      this.head = new Uint8Array(0);
      const label = joined[0] === 0xff && joined[1] === 0xfe ? 'utf-16le' : joined[0] === 0xfe && joined[1] === 0xff ? 'utf-16be' : 'utf-8';
      // The decoder drops a BOM of its own encoding itself.
      this.decoder = new TextDecoder(label, { fatal: label === 'utf-8' });
      bytes = joined;
    }
    return this.decoder.decode(bytes, { stream: true });
  }

  finish(): string {
    if (this.fallback) return '';
    if (!this.decoder) {
      const rest = this.head;
      this.head = new Uint8Array(0);
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      return this.decoder.decode(rest);
    }
    return this.decoder.decode();
  }

  private started = false;

  private skipBom(bytes: Uint8Array): Uint8Array {
    if (this.started) return bytes;
    this.started = true;
    return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  }
}

/**
 * Imports a GraphML or GEXF file read in chunks (the import worker reads a File this way): the
 * whole text is never one string. Same result as importFile for the same bytes. Never throws.
 */
export async function importGraphStream(name: string, format: 'graphml' | 'gexf', size: number, chunks: ByteChunks, options: ImportOptions = {}): Promise<ImportResult> {
  const label = fileLabel(name);
  try {
    const tooBig = sizeRefusal(label, size, () => format);
    if (tooBig) return { ok: false, error: tooBig };
    for (const fallback of [false, true]) {
      const { reader, finish } = graphReader(format);
      const decoder = new ChunkDecoder(fallback);
      try {
        let going = true;
        for await (const bytes of chunks()) {
          going = reader.write(decoder.decode(bytes));
          if (!going) break;
        }
        if (going) reader.write(decoder.finish());
      } catch (error) {
        // Not UTF-8: read again from the start as Windows-1252, as decodeText does.
        if (!fallback && error instanceof TypeError) continue;
        throw error;
      }
      return graphImport(label, finish(reader.end(), { mapName: baseName(name), now: options.now }), fallback ? [NOT_UTF8_NOTE] : [], options, format);
    }
    return { ok: false, error: `${label} could not be read.` };
  } catch (error) {
    return { ok: false, error: `${label} could not be imported because of an unexpected problem (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function limitMessage(label: string, what: string): string {
  return `${label} has ${what}; Influence Map handles up to ${MAX_IMPORT_PEOPLE.toLocaleString('en-US')} people in one map today, so it was not imported. Split the file (for example by department) and import each part as its own map.`;
}

function wrongType(label: string, format: DetectedFormat): string {
  const what: Partial<Record<DetectedFormat, string>> = {
    zip: 'a ZIP archive or an Excel/Word file. Save the sheet as "CSV UTF-8" and import that',
    pdf: 'a PDF document',
    'image-other': 'an image other than PNG. Only PNG images exported by Influence Map hold a map',
    binary: 'a binary file',
    html: 'a web page (HTML)',
    'xml-other': 'an XML file that is neither GraphML nor GEXF',
  };
  return `${label} is ${what[format] ?? 'not a file type Influence Map can read'}. Influence Map imports its own JSON, PNG images it exported, CSV, GraphML and GEXF.`;
}

function importJson(label: string, text: string, notes: string[], options: ImportOptions): ImportResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `${label}: ${parsed.error}` };
  const value = parsed.value as { type?: unknown } | null;
  const people = countJsonPeople(value);
  if (people > MAX_IMPORT_PEOPLE) return { ok: false, error: limitMessage(label, plural(people, 'person', 'people')) };
  if (value && typeof value === 'object' && value.type === BACKUP_FILE_TYPE) {
    const backup = readBackupFile(value);
    if (!backup.ok) return { ok: false, error: `${label}: ${backup.error}` };
    const result = success('backup', backup.maps.map((m) => m.doc), [...notes, ...backup.problems], label, options);
    if (!result.ok || !backup.sealed.length) return result;
    return { ...result, sealed: backup.sealed, summary: `${result.summary.slice(0, -1)}, and ${plural(backup.sealed.length, 'locked map')} (encrypted).` };
  }
  if (!value || typeof value !== 'object' || value.type !== MAP_FILE_TYPE) {
    return { ok: false, error: `${label} is JSON, but not an Influence Map file (it has no "type": "influence-map").` };
  }
  const result = readMapFile(value);
  if (!result.ok) return { ok: false, error: `${label}: ${result.error}` };
  return success('json', [result.doc], [...notes, ...result.problems], label, options);
}

/** People in a map file ("stakeholders") or the largest map of a backup ("maps"), before reading them. */
function countJsonPeople(value: unknown): number {
  const size = (list: unknown) => (Array.isArray(list) ? list.length : list && typeof list === 'object' ? Object.keys(list).length : 0);
  if (!value || typeof value !== 'object') return 0;
  const file = value as { stakeholders?: unknown; maps?: unknown };
  let most = size(file.stakeholders);
  if (Array.isArray(file.maps)) for (const m of file.maps) if (m && typeof m === 'object') most = Math.max(most, size((m as { stakeholders?: unknown }).stakeholders));
  return most;
}

function importPng(label: string, bytes: Uint8Array, options: ImportOptions): ImportResult {
  const text = extractText(bytes, MAP_KEYWORD);
  if (text === null) return { ok: false, error: `${label} is a PNG image with no map in it. Only PNG images exported by Influence Map can be opened as maps.` };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `${label}: the map inside the image is damaged (${parsed.error})` };
  const result = readMapFile(parsed.value, 'png');
  if (!result.ok) return { ok: false, error: `${label}: ${result.error}` };
  return success('png', [result.doc], result.problems, label, options);
}

function looksLikeTies(table: CsvTable): boolean {
  return isTiesHeader(table.headers);
}

function importCsv(label: string, text: string, notes: string[], mapName: string, options: ImportOptions): ImportResult {
  const parsed = parseCsvTable(text);
  if (!parsed.ok) return { ok: false, error: `${label}: ${parsed.error}` };
  const table = parsed.table;
  if (looksLikeTies(table)) {
    return { ok: false, error: `${label} is a ties file (from, to, ...). Import the people first (a people CSV or an org chart), then add these ties to that map.` };
  }
  if (table.rows.length === 0) return { ok: false, error: `${label} has a header row but no people.` };
  const guess = guessColumns(table.headers);
  const hasName = !!findColumn(table.headers, 'name');
  if (hasName && !guess.manager) {
    const result = importPeopleCsv(table, { mapName, now: options.now });
    if (!result.ok) return { ok: false, error: `${label}: ${result.error}` };
    if (Object.keys(result.doc.stakeholders).length === 0) return { ok: false, error: `${label}: none of the rows could be imported. ${result.problems[0] ?? ''}`.trim() };
    return success('people-csv', [result.doc], [...notes, ...result.problems], label, options, result.skipped.length);
  }
  if (!guess.name && !guess.key) {
    return { ok: false, error: `${label}: missing required column: no column looks like a name (found: ${table.headers.map((h) => quote(h, 30)).join(', ')}). Name a column "Name" or "Full name".` };
  }
  const chart = buildOrgChart(table.rows, guess, { mapName, now: options.now, place: table.rows.length < (options.placeOrgChartBelow ?? Infinity) });
  const people = Object.keys(chart.doc.stakeholders).length;
  if (people === 0) return { ok: false, error: `${label}: none of the rows could be imported. ${chart.problems[0] ?? ''}`.trim() };
  return success('org-chart-csv', [chart.doc], [...notes, ...table.problems, ...chart.problems], label, options, chart.skipped.length);
}

/** Problem lines that say a record was left out ("...; skipped."), for readers that do not count them. */
export function countSkipped(problems: string[]): number {
  return problems.filter((p) => /(?:skipped|left out)\.?\)?$/i.test(p.trim())).length;
}

/** The first `max` lines, then one counting the rest. */
function capLines(lines: string[], max: number, what: string): string[] {
  return lines.length > max ? [...lines.slice(0, max), `… and ${plural(lines.length - max, what)}.`] : lines;
}

/**
 * Positions beyond ±MAX_COORDINATE (a JSON file with x = 1e308) are moved to that edge, as the
 * CSV and graph readers already do, so drawing and the minimap keep finite numbers.
 */
function clampPositions(doc: MapDocument, problems: string[]): MapDocument {
  const clamp = new CoordinateClamp();
  let stakeholders: MapDocument['stakeholders'] | null = null;
  for (const s of Object.values(doc.stakeholders)) {
    const x = clamp.clamp(s.x)!;
    const y = clamp.clamp(s.y)!;
    if (x === s.x && y === s.y) continue;
    stakeholders ??= copyRecord(doc.stakeholders);
    stakeholders[s.id] = { ...s, x, y };
  }
  clamp.report(problems);
  return stakeholders ? { ...doc, stakeholders } : doc;
}

function success(format: ImportFormat, docs: MapDocument[], problems: string[], label: string, options: ImportOptions, skipped = countSkipped(problems)): ImportResult {
  const fresh = docs.map((d) => asNewMap(clampPositions(d, problems), { reIdRecords: options.reIdRecords, now: options.now }));
  const people = fresh.reduce((n, d) => n + Object.keys(d.stakeholders).length, 0);
  const ties = fresh.reduce((n, d) => n + Object.keys(d.ties).length, 0);
  const lines = capLines(problems, MAX_PROBLEM_LINES, 'more problem');
  const counts = `${plural(people, 'person', 'people')} and ${plural(ties, 'tie')}`;
  let summary = format === 'backup' ? `${plural(fresh.length, 'map')} with ${counts} from ${label}` : `${counts} from ${label}`;
  const [one, many] = format === 'people-csv' || format === 'org-chart-csv' ? ['row', 'rows'] : format === 'graphml' || format === 'gexf' ? ['element', 'elements'] : ['record', 'records'];
  if (skipped) summary += `; ${plural(skipped, one, many)} with problems skipped`;
  else if (problems.length) summary += `; ${plural(problems.length, 'note')}`;
  return { ok: true, format, doc: fresh[0], docs: fresh, problems: lines, problemCount: problems.length, skipped, summary: `${summary}.` };
}

export type AddTiesResult =
  | {
      ok: true;
      doc: MapDocument;
      added: number;
      /** A summary of the skipped rows with capped examples, then other problems (capped). */
      problems: string[];
      /** How many problems there were in all (skipped rows and repaired values). */
      problemCount: number;
      /** How many rows were skipped. */
      skipped: number;
      summary: string;
    }
  | { ok: false; error: string };

/** More ties rows than this are refused before reading (the biggest maps we aim at have 250,000 ties). */
export const MAX_IMPORT_TIE_ROWS = 500_000;

/**
 * Adds the ties in a ties CSV file (from, to, kind, strength, direction) to an existing map,
 * e.g. one just made from a people CSV. Returns a new document; never throws.
 */
export function importTiesFile(doc: MapDocument, name: string, bytes: Uint8Array): AddTiesResult {
  try {
    const label = fileLabel(name);
    const tooBig = tiesSizeRefusal(name, bytes.length);
    if (tooBig) return { ok: false, error: tooBig };
    const byBytes = sniffBytes(bytes);
    if (byBytes === 'empty') return { ok: false, error: `${label} is empty.` };
    if (byBytes) return { ok: false, error: wrongType(label, byBytes) };
    const decoded = decodeText(bytes);
    const rows = countCsvRecords(decoded.text) - 1;
    if (rows > MAX_IMPORT_TIE_ROWS) {
      return { ok: false, error: `${label} has ${plural(rows, 'row')}; Influence Map adds up to ${MAX_IMPORT_TIE_ROWS.toLocaleString('en-US')} ties from one file today. Split the file and add each part in turn.` };
    }
    const parsed = parseCsvTable(decoded.text);
    if (!parsed.ok) return { ok: false, error: `${label}: ${parsed.error}` };
    const result = addTiesFromCsv(doc, parsed.table);
    if (!('doc' in result)) return { ok: false, error: `${label}: ${result.error}` };
    const notes = [...decoded.notes, ...result.notes];
    const problems = [...summariseSkipped(result.skipped), ...capLines(notes, 200, 'more problem')];
    const skipped = result.skipped.length ? `; ${plural(result.skipped.length, 'row')} with problems skipped` : '';
    return { ok: true, doc: result.doc, added: result.added, problems, problemCount: result.skipped.length + notes.length, skipped: result.skipped.length, summary: `${plural(result.added, 'tie')} added from ${label}${skipped}.` };
  } catch (error) {
    return { ok: false, error: `The ties could not be added because of an unexpected problem (${error instanceof Error ? error.message : String(error)}).` };
  }
}
