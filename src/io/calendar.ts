/**
 * Calendar files read for the relationship log: iCalendar (.ics, as Outlook, Google Calendar and
 * Apple Calendar export it) through ical.js, which handles folding, VTIMEZONE definitions and
 * recurrence rules (RRULE, RDATE, EXDATE, moved or cancelled occurrences); and Outlook's "Export
 * to CSV" of a calendar through papaparse. Both give the same `CalendarEvent`s (one per
 * occurrence within the range asked for) with the line each event starts on.
 *
 * Before ical.js sees the text, one pass over the lines checks what ical.js would only report
 * vaguely or not at all, naming the line: a file that is not a calendar, broken folding (a
 * continuation line without its leading space), components left open. The same pass unfolds each
 * event's lines and keeps those the import reads; ical.js then parses them (parameters, quoting,
 * escapes, value types) one event at a time, and its Event and recurrence iterator expand only
 * the events that repeat. Unknown time zones (a TZID neither defined in the file nor known to the
 * browser) and events without attendees are reported per line and do not stop the import: the
 * preview shows them. Pure; never throws.
 */
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { CalendarAttendee, CalendarEvent, CalendarParse } from '../domain/calendar-import';
import { quote } from './text';
import { isCalendarCsv } from './calendar-detect';

export { isCalendarCsv, isIcs } from './calendar-detect';

export interface CalendarRange {
  /** First and last day (YYYY-MM-DD, inclusive) whose occurrences are expanded. */
  from: string;
  to: string;
}

/** At most this many occurrences of one recurring event (a daily stand-up over 10 years is 3,650). */
const MAX_OCCURRENCES = 5_000;
/** At most this many problem lines of one kind; the rest are counted. */
const MAX_LINES = 20;

export function parseCalendar(text: string, fileName: string, range: CalendarRange): CalendarParse {
  const label = quote(fileName, 60);
  try {
    if (isCalendarCsv(text)) return parseOutlookCsv(text, label, range);
    return parseIcs(text, label, range);
  } catch (error) {
    return { ok: false, error: `${label} could not be read as a calendar (${error instanceof Error ? error.message : String(error)}).` };
  }
}

class Lines {
  private readonly lines: string[] = [];
  private readonly counts = new Map<string, number>();
  add(kind: string, line: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n <= MAX_LINES) this.lines.push(line);
  }
  list(more: (kind: string, n: number) => string): string[] {
    const out = [...this.lines];
    for (const [kind, n] of this.counts) if (n > MAX_LINES) out.push(more(kind, n - MAX_LINES));
    return out;
  }
}

/** A component directly inside VCALENDAR: the line it starts on and where its text is. */
interface Block {
  line: number;
  start: number;
  end: number;
}

/** A VEVENT: the line it starts on and its properties that are read (unfolded lines). */
interface EventLines {
  line: number;
  lines: string[];
}

interface Scan {
  /** The text with its line ends as ical.js reads them (a lone CR becomes LF). */
  text: string;
  /** Each VEVENT of the calendar, in file order. */
  events: EventLines[];
  zones: Block[];
  /** TZIDs used, with the first line using each. */
  tzUses: Map<string, number>;
  tzDefined: Set<string>;
  /** The calendar's X-WR-CALNAME line, unfolded. */
  calName: string | null;
}

const isNameChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
const TZID_PARAM = /;TZID=("[^"]*"|[^;:]*)/i;
/**
 * The properties of an event that are read (and those ical.js needs for recurrence); the rest
 * (DESCRIPTION, X-ALT-DESC, ATTACH: most of an Outlook export's bytes) are not handed to ical.js.
 */
const EVENT_PROPERTIES = new Set(['UID', 'SUMMARY', 'STATUS', 'DTSTART', 'DTEND', 'DURATION', 'ORGANIZER', 'ATTENDEE', 'RRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID']);

/**
 * The line check described above, in one pass over the text without a regular expression per
 * line (20,000 events are about 300,000 lines): an error message, or where each event and time
 * zone is, for ical.js to read one at a time.
 */
function scanIcs(raw: string, label: string): Scan | string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // ical.js splits lines at LF only; a file with lone CRs (old Mac line ends) is normalised first.
  if (/\r(?!\n)/.test(text)) text = text.replace(/\r\n?/g, '\n');
  const len = text.length;
  const stack: { name: string; line: number; start: number }[] = [];
  const events: EventLines[] = [];
  let event: EventLines | null = null;
  const zones: Block[] = [];
  const tzUses = new Map<string, number>();
  const tzDefined = new Set<string>();
  let calName: string | null = null;
  const check = (l: string, at: number, start: number, end: number): string | null => {
    let i = 0;
    while (i < l.length && isNameChar(l.charCodeAt(i))) i++;
    const sep = l.charCodeAt(i);
    const colon = sep === 58 ? i : sep === 59 && i > 0 ? l.indexOf(':', i) : -1;
    if (i === 0 || colon < 0) {
      if (l.trim() === '') return null;
      return `${label}, line ${at}: ${quote(l, 40)} is not an iCalendar line (a folded line must start with a space).`;
    }
    const inEvent = event !== null && stack.length === 2;
    const name = inEvent || i === 3 || i === 5 || i === 4 || i === 12 ? l.slice(0, i).toUpperCase() : '';
    if (inEvent && EVENT_PROPERTIES.has(name)) event!.lines.push(l);
    if (name === 'BEGIN') {
      const comp = l.slice(colon + 1).trim().toUpperCase();
      stack.push({ name: comp, line: at, start });
      if (comp === 'VEVENT' && stack.length === 2 && stack[0].name === 'VCALENDAR') event = { line: at, lines: [] };
    } else if (name === 'END') {
      const comp = l.slice(colon + 1).trim().toUpperCase();
      const open = stack.pop();
      if (!open || open.name !== comp) return `${label}, line ${at}: END:${comp} does not close ${open ? `BEGIN:${open.name} from line ${open.line}` : 'anything'}.`;
      if (stack.length === 1 && stack[0].name === 'VCALENDAR') {
        if (comp === 'VEVENT' && event) {
          events.push(event);
          event = null;
        } else if (comp === 'VTIMEZONE') zones.push({ line: open.line, start: open.start, end });
      }
    } else if (name === 'TZID' && stack[stack.length - 1]?.name === 'VTIMEZONE') {
      tzDefined.add(l.slice(colon + 1).trim());
    } else if (colon > i) {
      const tz = TZID_PARAM.exec(l.slice(i, colon));
      if (tz) {
        const id = tz[1].replace(/^"|"$/g, '');
        if (!tzUses.has(id)) tzUses.set(id, at);
      }
    }
    if (name === 'X-WR-CALNAME' && calName === null && stack.length === 1) calName = l;
    return null;
  };
  let pos = 0;
  let lineNo = 0;
  let logical = '';
  let logicalLine = 0;
  let logicalStart = 0;
  let logicalEnd = 0;
  let first = true;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? len : nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lineNo++;
    if (first) {
      const l = text.slice(pos, end).trim();
      if (l !== '') {
        if (!/^BEGIN:VCALENDAR\s*$/i.test(l)) return `${label} is not a calendar: line ${lineNo} should be BEGIN:VCALENDAR.`;
        first = false;
      }
    }
    const c = text.charCodeAt(pos);
    if ((c === 32 || c === 9) && logicalLine > 0) {
      logical += text.slice(pos + 1, end);
      logicalEnd = end;
    } else {
      if (logicalLine > 0) {
        const problem = check(logical, logicalLine, logicalStart, logicalEnd);
        if (problem) return problem;
      }
      logical = text.slice(pos, end);
      logicalLine = lineNo;
      logicalStart = pos;
      logicalEnd = end;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (first) return `${label} is not a calendar: line 0 should be BEGIN:VCALENDAR.`;
  if (logicalLine > 0) {
    const problem = check(logical, logicalLine, logicalStart, logicalEnd);
    if (problem) return problem;
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    return `${label}: BEGIN:${open.name} on line ${open.line} is never closed (the file may be cut short).`;
  }
  return { text, events, zones, tzUses, tzDefined, calName };
}

function knownZone(id: string): boolean {
  if (/^(utc|gmt|z)$/i.test(id)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A property in ical.js's jCal form: name, parameters, value type, values. */
type JProp = [string, Record<string, unknown>, string, ...unknown[]];
type JComp = [string, JProp[], JComp[]];

const firstValue = (p: JProp | undefined): unknown => (p && p.length > 3 ? p[3] : null);

function attendeeOf(p: JProp): CalendarAttendee | null {
  const params = p[1];
  const email = String(firstValue(p) ?? '').replace(/^mailto:/i, '').trim();
  const cn = params.cn;
  const name = (Array.isArray(cn) ? cn[0] : cn) ?? '';
  const cutype = String(params.cutype ?? '').toUpperCase();
  if (cutype === 'ROOM' || cutype === 'RESOURCE') return null;
  const partstat = String(params.partstat ?? 'NEEDS-ACTION').toUpperCase();
  if (!email.includes('@') && !String(name).trim()) return null;
  return { name: String(name).trim() || email, email: email.includes('@') ? email : '', partstat };
}

/** What one VEVENT says, read from ical.js's jCal without wrapping each property in an object. */
interface Facts {
  uid: string;
  title: string;
  status: string;
  dtstart: JProp | undefined;
  organizer: JProp | undefined;
  attendees: JProp[];
  recurs: boolean;
  recurrenceId: boolean;
}

function factsOf(vevent: JComp): Facts {
  const f: Facts = { uid: '', title: '', status: '', dtstart: undefined, organizer: undefined, attendees: [], recurs: false, recurrenceId: false };
  let uid: JProp | undefined;
  let summary: JProp | undefined;
  let status: JProp | undefined;
  for (const p of vevent[1]) {
    switch (p[0]) {
      case 'attendee':
        f.attendees.push(p);
        break;
      case 'uid':
        uid ??= p;
        break;
      case 'summary':
        summary ??= p;
        break;
      case 'status':
        status ??= p;
        break;
      case 'dtstart':
        f.dtstart ??= p;
        break;
      case 'organizer':
        f.organizer ??= p;
        break;
      case 'rrule':
      case 'rdate':
        f.recurs = true;
        break;
      case 'recurrence-id':
        f.recurrenceId = true;
        break;
    }
  }
  f.uid = String(firstValue(uid) ?? '');
  f.title = String(firstValue(summary) ?? '').trim();
  f.status = String(firstValue(status) ?? '').toUpperCase();
  return f;
}

/**
 * A time as a JS Date: ical.js's `toJSDate`, with the zone's UTC offset found once per zone and
 * day (ical.js's lookup copies the zone's transitions on each call: a tenth of a 20,000-event
 * read). A day with a transition in it (the offsets at its first and last second differ) is left
 * to ical.js.
 */
class JsDates {
  private readonly offsets = new Map<ICAL.Timezone, Map<number, number>>();
  of(t: ICAL.Time): Date {
    const zone = t.zone;
    if (!zone || zone === ICAL.Timezone.localTimezone || zone === ICAL.Timezone.utcTimezone) return t.toJSDate();
    let days = this.offsets.get(zone);
    if (!days) this.offsets.set(zone, (days = new Map()));
    const day = t.year * 10_000 + t.month * 100 + t.day;
    let offset = days.get(day);
    if (offset === undefined) {
      const at = (hour: number, minute: number, second: number) => zone.utcOffset({ year: t.year, month: t.month, day: t.day, hour, minute, second } as ICAL.Time);
      const first = at(0, 0, 0);
      offset = first === at(23, 59, 59) ? first : NaN;
      days.set(day, offset);
    }
    if (Number.isNaN(offset)) return t.toJSDate();
    return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second - offset));
  }
}

/** One occurrence read, or the reason it was left out. */
type Outcome = CalendarEvent | { noAttendees: string } | null;

/** The occurrence of `facts` starting at `start` (`occurrence`: its RECURRENCE-ID, for a repeating event). */
function occurrenceOf(facts: Facts, start: ICAL.Time, occurrence: ICAL.Time | null, line: number, label: string, range: CalendarRange, dates: JsDates): Outcome {
  // The local day of the start (all-day events keep their own date).
  const js = start.isDate ? null : dates.of(start);
  const day = js ? `${js.getFullYear()}-${pad(js.getMonth() + 1)}-${pad(js.getDate())}` : `${start.year}-${pad(start.month)}-${pad(start.day)}`;
  if (day < range.from || day > range.to) return null;
  const attendees: CalendarAttendee[] = [];
  for (const p of facts.attendees) {
    const a = attendeeOf(p);
    if (a) attendees.push(a);
  }
  const organizer = facts.organizer ? attendeeOf(facts.organizer) : null;
  if (organizer && !attendees.some((a) => a.email && a.email.toLowerCase() === organizer.email.toLowerCase())) attendees.unshift({ ...organizer, partstat: 'ACCEPTED' });
  const title = facts.title;
  if (attendees.length === 0) return { noAttendees: `${label}, line ${line}: ${quote(title || 'an event', 40)} on ${day} has no attendees; skipped.` };
  const cancelled = facts.status === 'CANCELLED' || /^(cancel+ed|abgesagt|annulé)\s*:/i.test(title);
  const uid = facts.uid || `line-${line}-${title}-${day}`;
  const key = occurrence ? `${uid}#${occurrence.convertToZone(ICAL.Timezone.utcTimezone).toString()}` : uid;
  return { key, line, date: day, start: js ? js.toISOString() : day, title, cancelled, attendees };
}

/** A repeating event or a moved occurrence: read through ical.js's Event once the whole file is seen. */
interface Deferred {
  vevent: JComp;
  facts: Facts;
  line: number;
}

function parseIcs(text: string, label: string, range: CalendarRange): CalendarParse {
  const scan = scanIcs(text, label);
  if (typeof scan === 'string') return { ok: false, error: scan };
  const problems = new Lines();
  for (const [id, line] of scan.tzUses) {
    if (!scan.tzDefined.has(id) && !knownZone(id)) problems.add('tz', `${label}, line ${line}: unknown time zone ${quote(id)} (not defined in the file); its times are read as local time.`);
  }
  let zoneComps: JComp[];
  try {
    zoneComps = scan.zones.map((b) => ICAL.parse(scan.text.slice(b.start, b.end)) as unknown as JComp);
  } catch (error) {
    return { ok: false, error: `${label} is not a readable calendar (${error instanceof Error ? error.message : String(error)}).` };
  }
  // The time zones the file defines: found by the events' times through this calendar, and by
  // name (TimezoneService) while the file is read.
  const root = new ICAL.Component(['vcalendar', [], zoneComps]);
  const zones: string[] = [];
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    if (tz.tzid && !ICAL.TimezoneService.has(tz.tzid)) {
      ICAL.TimezoneService.register(tz);
      zones.push(tz.tzid);
    }
  }
  try {
    return readEvents(scan, root, label, range, problems);
  } finally {
    for (const z of zones) ICAL.TimezoneService.remove(z);
  }
}

function readEvents(scan: Scan, root: ICAL.Component, label: string, range: CalendarRange, problems: Lines): CalendarParse {
  const calName = scan.calName === null ? '' : String(firstValue(ICAL.parse.property(scan.calName) as unknown as JProp) ?? '');
  const dates = new JsDates();
  const startOf = (facts: Facts): ICAL.Time | null => (facts.dtstart ? (new ICAL.Property(facts.dtstart, root).getFirstValue() as ICAL.Time | null) : null);
  // In the order the reader has always given: events without a UID or repeating one, then moved
  // occurrences of no event in the file, then the events by UID (problem lines follow it).
  const singles: Outcome[] = [];
  const masters: (Outcome | Deferred)[] = [];
  const masterUids = new Set<string>();
  const recurring = new Map<string, Deferred>();
  const exceptions: Deferred[] = [];
  for (const block of scan.events) {
    // ical.js reads each property that is used (parameters, quoting, escapes, value types), one
    // event at a time: the jCal of the whole file, and an object per property, would be hundreds
    // of megabytes for a 10-year export, much of the time spent collecting it as garbage.
    let vevent: JComp;
    try {
      vevent = ['vevent', block.lines.map((l) => ICAL.parse.property(l) as unknown as JProp), []];
    } catch (error) {
      return { ok: false, error: `${label} is not a readable calendar (${error instanceof Error ? error.message : String(error)}).` };
    }
    const facts = factsOf(vevent);
    const line = block.line;
    const now = () => {
      const start = startOf(facts);
      return start ? occurrenceOf(facts, start, null, line, label, range, dates) : null;
    };
    if (!facts.uid) singles.push(now());
    else if (facts.recurrenceId) exceptions.push({ vevent, facts, line });
    else if (masterUids.has(facts.uid)) singles.push(now());
    else {
      masterUids.add(facts.uid);
      if (facts.recurs) {
        const deferred = { vevent, facts, line };
        recurring.set(facts.uid, deferred);
        masters.push(deferred);
      } else masters.push(now());
    }
  }
  // Masters and their moved or cancelled occurrences (RECURRENCE-ID), by UID. Each Event is
  // given its exceptions: left to find them, ical.js scans the whole calendar for each event.
  const eventOf = new Map<Deferred, ICAL.Event>();
  const asEvent = (d: Deferred) => new ICAL.Event(new ICAL.Component(d.vevent as unknown as unknown[], root), { exceptions: [] });
  for (const d of recurring.values()) eventOf.set(d, asEvent(d));
  for (const ex of exceptions) {
    const master = recurring.get(ex.facts.uid);
    if (master) eventOf.get(master)!.relateException(asEvent(ex));
    else if (!masterUids.has(ex.facts.uid)) {
      const start = startOf(ex.facts);
      singles.push(start ? occurrenceOf(ex.facts, start, null, ex.line, label, range, dates) : null);
    }
  }
  const from = ICAL.Time.fromDateString(range.from);
  const to = ICAL.Time.fromDateString(range.to);
  to.adjust(1, 0, 0, 0);
  const events: CalendarEvent[] = [];
  const take = (o: Outcome) => {
    if (o === null) return;
    if ('noAttendees' in o) problems.add('no-attendees', o.noAttendees);
    else events.push(o);
  };
  for (const o of singles) take(o);
  for (const slot of masters) {
    if (slot === null || !('vevent' in slot)) {
      take(slot);
      continue;
    }
    const ev = eventOf.get(slot)!;
    const line = slot.line;
    if (!ev.startDate) continue;
    const it = ev.iterator();
    let count = 0;
    for (let next = it.next(); next; next = it.next()) {
      if (next.compare(to) >= 0) break;
      if (++count > MAX_OCCURRENCES) {
        problems.add('many', `${label}, line ${line}: ${quote(String(ev.summary ?? ''), 40)} repeats more than ${MAX_OCCURRENCES.toLocaleString('en-US')} times; later occurrences were left out.`);
        break;
      }
      const endish = next.clone();
      endish.adjust(1, 0, 0, 0);
      if (endish.compare(from) < 0) continue;
      const details = ev.getOccurrenceDetails(next);
      const facts = details.item === ev ? slot.facts : factsOf(details.item.component.jCal as unknown as JComp);
      take(occurrenceOf(facts, details.startDate, details.recurrenceId, line, label, range, dates));
    }
  }
  events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.key < b.key ? -1 : 1));
  const lines = problems.list((kind, n) => (kind === 'no-attendees' ? `${n.toLocaleString('en-US')} more events have no attendees.` : `${n.toLocaleString('en-US')} more lines like these.`));
  return { ok: true, events, problems: lines, calendarName: calName, eventCount: scan.events.length };
}

// ---------------------------------------------------------------------------------------------
// Outlook "Export to CSV" (Calendar): Subject, Start Date, Start Time, ..., Meeting Organizer,
// Required Attendees, Optional Attendees, ... Attendees are names separated by ";" (no e-mails).

function parseOutlookCsv(text: string, label: string, range: CalendarRange): CalendarParse {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('subject') || !fields.includes('start date')) return { ok: false, error: `${label}, line 1: not an Outlook calendar CSV (no "Subject" and "Start Date" columns).` };
  const rows = parsed.data;
  // Day and month order: day first if any date's first number is above 12.
  const dayFirst = rows.some((r) => Number(/^(\d{1,2})[/.-]/.exec((r['start date'] ?? '').trim())?.[1] ?? 0) > 12);
  const problems = new Lines();
  const events: CalendarEvent[] = [];
  let line = 2;
  for (const r of rows) {
    const at = line;
    line += 1 + Object.values(r).reduce((n, v) => n + (typeof v === 'string' ? (v.match(/\r\n|\n|\r/g)?.length ?? 0) : 0), 0);
    const get = (k: string) => (r[k] ?? '').trim();
    const title = get('subject');
    const day = csvDate(get('start date'), dayFirst);
    if (!day) {
      problems.add('date', `${label}, line ${at}: start date ${quote(get('start date'))} is not a date; skipped.`);
      continue;
    }
    if (day < range.from || day > range.to) continue;
    const names = [get('meeting organizer'), ...get('required attendees').split(';'), ...get('optional attendees').split(';')].map((n) => n.trim()).filter(Boolean);
    const seen = new Set<string>();
    const attendees: CalendarAttendee[] = [];
    for (const n of names) {
      const email = /<([^>]+@[^>]+)>/.exec(n)?.[1] ?? (n.includes('@') ? n : '');
      const name = n.replace(/<[^>]*>/, '').replace(/^"|"$/g, '').trim() || email;
      const k = (email || name).toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      attendees.push({ name, email, partstat: 'ACCEPTED' });
    }
    if (attendees.length === 0) {
      problems.add('no-attendees', `${label}, line ${at}: ${quote(title || 'an event', 40)} on ${day} has no attendees; skipped.`);
      continue;
    }
    const time = get('start time');
    events.push({ key: `outlook-csv:${title}|${day}|${time}`, line: at, date: day, start: `${day}T${time || '00:00'}`, title, cancelled: /^(cancel+ed)\s*:/i.test(title), attendees });
  }
  return { ok: true, events, problems: problems.list((kind, n) => `${n.toLocaleString('en-US')} more ${kind === 'date' ? 'rows with unreadable dates' : 'events without attendees'}.`), calendarName: '', eventCount: rows.length };
}

function csvDate(text: string, dayFirst: boolean): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(text))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    [d, mo] = dayFirst ? [a, b] : [b, a];
    y = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
  } else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
