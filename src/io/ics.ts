/**
 * Follow-ups as an iCalendar file (RFC 5545), so catch-ups land in the user's own calendar.
 *
 * One all-day VEVENT per follow-up: an overdue catch-up is placed on today (a reminder in the past
 * is useless), any other on its due date. Lines end with CRLF and are folded so no line exceeds 75
 * octets of UTF-8, never inside a multi-byte character; TEXT values escape backslash, semicolon,
 * comma and newlines. `parseIcs` reads such a file back (unfold, split, unescape) for tests and
 * for anyone who wants to check a file structurally.
 */
import { addDays } from '../domain/nurture';
import type { CatchUp } from '../domain/nurture';

export const ICS_MIME = 'text/calendar;charset=utf-8';
export const PRODID = '-//Influence Map//Follow-ups//EN';
const MAX_OCTETS = 75;
const CRLF = '\r\n';

/**
 * Escapes a TEXT value (RFC 5545 section 3.3.11). Control characters other than tab (NUL, bell,
 * escape, DEL, ...) are not allowed in TEXT and some calendar apps stop reading at a NUL, so they
 * are dropped; line breaks become the "\\n" escape first.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/** Reverses escapeText; an unknown escape keeps the escaped character. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])|\\(.)/g, (_, known: string | undefined, other: string | undefined) => {
    if (known === 'n' || known === 'N') return '\n';
    return known ?? other ?? '';
  });
}

const encoder = new TextEncoder();
function octets(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Folds one content line (section 3.1): the first line holds at most 75 octets, each continuation
 * starts with one space and holds at most 74 more. Splits only between code points.
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
      limit = MAX_OCTETS - 1; // the leading space takes one octet
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

function compactDate(date: string): string {
  return date.replace(/-/g, '');
}

/** UTC date-time as 'YYYYMMDDTHHMMSSZ' (DTSTAMP must be UTC). */
export function formatUtcDateTime(instant: Date | number): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid DTSTAMP instant');
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

export interface IcsOptions {
  /** The moment the file is made, for DTSTAMP (pass it in so output is deterministic). */
  now: Date | number;
  /** Shown by some calendar apps as the calendar's name (X-WR-CALNAME). */
  calendarName?: string;
  /** Right-hand side of every UID (default 'influence-map.local'). */
  uidDomain?: string;
}

/** The calendar date an event lands on: today for overdue catch-ups, else the due date. */
export function eventDate(item: Pick<CatchUp, 'due' | 'daysOverdue'>): string {
  return item.daysOverdue > 0 ? addDays(item.due, item.daysOverdue) : item.due;
}

/** Builds the .ics text for these follow-ups (typically catchUpsDue(doc, today, reasons, { withinDays })). */
export function followUpsToIcs(items: readonly CatchUp[], options: IcsOptions): string {
  const stamp = formatUtcDateTime(options.now);
  const domain = options.uidDomain ?? 'influence-map.local';
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.calendarName) lines.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  for (const item of items) {
    const date = eventDate(item);
    const why = item.daysOverdue > 0 ? `Overdue by ${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'}: ${item.why}` : item.why;
    lines.push(
      'BEGIN:VEVENT',
      // Keyed on the person and the due date (not the event date), so re-exporting an overdue
      // catch-up on a later day updates the same event instead of adding a second one. Ids are
      // UUIDs or similar; anything unusual is dropped so the UID stays a plain token.
      `UID:followup-${item.id.replace(/[^A-Za-z0-9._-]/g, '')}-${compactDate(item.due)}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(date)}`,
      `SUMMARY:${escapeText(`Catch up with ${item.name}`)}`,
      `DESCRIPTION:${escapeText(why)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name for the export: "Team map follow-ups.ics" with unsafe characters removed. */
export function icsFileName(mapName: string): string {
  const safe = [...mapName].filter((ch) => ch.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(ch)).join('');
  const base = safe.trim() || 'Influence map';
  return `${base} follow-ups.ics`;
}

// ---------------------------------------------------------------------------------------------
// Parsing back

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  /** The raw value as written (still escaped). */
  value: string;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components: IcsComponent[];
}

/** The unfolded content lines of an iCalendar text (accepts CRLF or bare LF). */
export function unfoldLines(text: string): string[] {
  return text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
}

function parseProperty(line: string): IcsProperty {
  // Name and parameters end at the first ':' outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new SyntaxError(`Not an iCalendar content line: "${line}"`);
  const head = line.slice(0, colon);
  const value = line.slice(colon + 1);
  const parts: string[] = [];
  let buf = '';
  quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(buf);
      buf = '';
    } else buf += ch;
  }
  parts.push(buf);
  const [name, ...rawParams] = parts;
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new SyntaxError(`Bad property name: "${name}"`);
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new SyntaxError(`Bad parameter: "${p}"`);
    params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, value };
}

/** Parses iCalendar text into its component tree; throws SyntaxError on unbalanced BEGIN/END. */
export function parseIcs(text: string): IcsComponent[] {
  const roots: IcsComponent[] = [];
  const stack: IcsComponent[] = [];
  for (const line of unfoldLines(text)) {
    const prop = parseProperty(line);
    if (prop.name === 'BEGIN') {
      const comp: IcsComponent = { name: prop.value.toUpperCase(), properties: [], components: [] };
      (stack.length ? stack[stack.length - 1].components : roots).push(comp);
      stack.push(comp);
    } else if (prop.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== prop.value.toUpperCase()) throw new SyntaxError(`Unexpected END:${prop.value}`);
    } else {
      const open = stack[stack.length - 1];
      if (!open) throw new SyntaxError(`Property outside any component: ${prop.name}`);
      open.properties.push(prop);
    }
  }
  if (stack.length) throw new SyntaxError(`Missing END:${stack[stack.length - 1].name}`);
  return roots;
}

/** The first property of that name on a component, or undefined. */
export function icsProperty(component: IcsComponent, name: string): IcsProperty | undefined {
  return component.properties.find((p) => p.name === name.toUpperCase());
}

/** The unescaped TEXT value of a property, or undefined. */
export function icsText(component: IcsComponent, name: string): string | undefined {
  const p = icsProperty(component, name);
  return p ? unescapeText(p.value) : undefined;
}
