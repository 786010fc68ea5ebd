/**
 * Small pure helpers shared by every importer and exporter: byte decoding, size and length
 * limits, XML escaping and wording for problem lines. No DOM, no framework.
 */

import { cutText, TEXT_LIMITS } from '../domain/limits';
import { formatCount } from '../domain/numbers';

/** Files larger than this are refused before they are read (see docs in import.ts). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/**
 * GraphML and GEXF are read in chunks (XmlReader), never as one string, so they may be larger:
 * a 50,000-person map with 250,000 ties and positions, as Gephi or NetworkX write it, is about
 * 56 MB. The people and ties limits bound what is built from it.
 */
export const MAX_GRAPH_IMPORT_BYTES = 100 * 1024 * 1024;
// The limits come from the one table in domain/limits.ts, which the editor and restore use too.
/** Longest name, title, department or e-mail kept on import; longer text is cut with a note. */
export const MAX_SHORT_TEXT = TEXT_LIMITS.personName;
/** Longest notes kept on import. */
export const MAX_NOTES = TEXT_LIMITS.notes;
/** Longest single tag. */
export const MAX_TAG = TEXT_LIMITS.tag;
/**
 * Farthest a position may be from 0 on either axis. Far beyond any real map (1,000 cards side by
 * side span about 250,000), and small enough that drawing, the minimap and zoom-to-fit keep
 * finite numbers (a file with x = 1e308 overflowed them to Infinity).
 */
export const MAX_COORDINATE = 10_000_000;

/** Keeps positions within ±MAX_COORDINATE and counts how many it had to move, for one line. */
export class CoordinateClamp {
  moved = 0;

  clamp(value: number | null): number | null {
    if (value === null) return null;
    if (value >= -MAX_COORDINATE && value <= MAX_COORDINATE) return value;
    this.moved++;
    return value > 0 ? MAX_COORDINATE : -MAX_COORDINATE;
  }

  report(problems: string[]): void {
    if (this.moved) problems.push(`${plural(this.moved, 'position')} lay further than ${MAX_COORDINATE.toLocaleString('en-US')} from the centre; moved to that edge.`);
  }
}

export interface Decoded {
  text: string;
  /** Notes for the user, e.g. that the file was read as Windows-1252. */
  notes: string[];
}

/**
 * Decodes file bytes as text: strips a UTF-8 BOM, honours a UTF-16 BOM, reads strict UTF-8 and
 * falls back to Windows-1252 (what Excel writes on Western European Windows) with a note.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const notes: string[] = [];
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: stripBom(new TextDecoder('utf-16le').decode(bytes.subarray(2))), notes };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: stripBom(new TextDecoder('utf-16be').decode(bytes.subarray(2))), notes };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(body)), notes };
  } catch {
    notes.push(NOT_UTF8_NOTE);
    return { text: stripBom(decodeWindows1252(body)), notes };
  }
}

export const NOT_UTF8_NOTE = 'The file is not valid UTF-8, so it was read as Windows-1252 (Western European). Check that accented names look right.';

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Windows-1252 differs from Latin-1 only in 0x80-0x9f; done by hand because not every runtime's TextDecoder maps those. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const slice = bytes.subarray(i, i + 8192);
    let chunk = '';
    for (let j = 0; j < slice.length; j++) {
      const b = slice[j];
      chunk += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(chunk);
  }
  return parts.join('');
}

export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Escapes text for XML/SVG element content and attribute values (both quote kinds). */
export function escapeXml(value: string): string {
  // Characters that XML 1.0 forbids outright are dropped, so the output always parses.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an XML attribute value. A reader normalises a literal line break or tab in an
 * attribute to a space (XML 1.0 section 3.3.3; NetworkX and Gephi do), so multi-line notes would
 * come back on one line: they are written as character references, which survive normalisation.
 */
export function escapeXmlAttr(value: string): string {
  return escapeXml(value).replace(/[\n\r\t]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Cuts `value` to `max` characters (not splitting a surrogate pair); reports when it did. */
export function clampText(value: string, max: number, what: string | (() => string), problems: string[]): string {
  if (value.length <= max) return value;
  const cut = cutText(value, max);
  problems.push(`${typeof what === 'function' ? what() : what} was ${value.length.toLocaleString('en-US')} characters long; it was cut to ${max.toLocaleString('en-US')}.`);
  return cut;
}

/** A short quoted form of user text for problem lines ("Row 4 (“Ann Lee”)"). */
export function quote(value: string, max = 40): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`;
}

/** The one way sizes are written: file sizes in import messages, storage used in the Maps list. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * How many records a CSV text holds (header included), counting line breaks outside quoted
 * cells: one linear pass, so a file can be refused for its size before it is parsed. A blank
 * last line is not counted; blank lines inside are (an upper bound is all a limit needs).
 */
export function countCsvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    if (c === 10 /* \n */ && !quoted) {
      records++;
      content = false;
    } else if (c !== 13) content = true;
  }
  return content ? records + 1 : records;
}

/** Normalises a name or key for matching: trimmed, single spaces, case-folded. */
export function matchKey(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Parses a number written by a person or a tool ("3", " 2.5 ", "1e3"); null when it is not one. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
