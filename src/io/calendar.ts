/**
 * Calendar files read for the relationship log: iCalendar (.ics, as Outlook, Google Calendar and
 * Apple Calendar export it) through ical.js, which handles folding, VTIMEZONE definitions and
 * recurrence rules (RRULE, RDATE, EXDATE, moved or cancelled occurrences); and Outlook's "Export
 * to CSV" of a calendar through papaparse. Both give the same `CalendarEvent`s (one per
 * occurrence within the range asked for) with the line each event starts on.
 *
 * Before ical.js sees the text, one pass over the lines checks what ical.js would only report
 * vaguely or not at all, naming the line: a file that is not a calendar, broken folding (a
 * continuation line without its leading space), components left open. Unknown time zones (a
 * TZID neither defined in the file nor known to the browser) and events without attendees are
 * reported per line and do not stop the import: the preview shows them. Pure; never throws.
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

interface Scan {
  /** The line each VEVENT starts on, in file order. */
  eventLines: number[];
  /** TZIDs used, with the first line using each. */
  tzUses: Map<string, number>;
  tzDefined: Set<string>;
}

/** The line check described above; an error message, or what later messages need. */
function scanIcs(text: string, label: string): Scan | string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (!/^BEGIN:VCALENDAR\s*$/i.test(lines.find((l) => l.trim() !== '')?.trim() ?? '')) {
    const first = lines.findIndex((l) => l.trim() !== '');
    return `${label} is not a calendar: line ${first + 1} should be BEGIN:VCALENDAR.`;
  }
  const stack: { name: string; line: number }[] = [];
  const eventLines: number[] = [];
  const tzUses = new Map<string, number>();
  const tzDefined = new Set<string>();
  let logical = '';
  let logicalLine = 0;
  const check = (l: string, at: number): string | null => {
    if (l.trim() === '') return null;
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/s.exec(l);
    if (!m) return `${label}, line ${at}: ${quote(l, 40)} is not an iCalendar line (a folded line must start with a space).`;
    const name = m[1].toUpperCase();
    if (name === 'BEGIN') {
      const comp = m[3].trim().toUpperCase();
      stack.push({ name: comp, line: at });
      if (comp === 'VEVENT') eventLines.push(at);
    } else if (name === 'END') {
      const comp = m[3].trim().toUpperCase();
      const open = stack.pop();
      if (!open || open.name !== comp) return `${label}, line ${at}: END:${comp} does not close ${open ? `BEGIN:${open.name} from line ${open.line}` : 'anything'}.`;
    } else if (name === 'TZID' && stack[stack.length - 1]?.name === 'VTIMEZONE') {
      tzDefined.add(m[3].trim());
    } else if (m[2]) {
      const tz = /;TZID=("[^"]*"|[^;:]*)/i.exec(m[2]);
      if (tz) {
        const id = tz[1].replace(/^"|"$/g, '');
        if (!tzUses.has(id)) tzUses.set(id, at);
      }
    }
    return null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^[ \t]/.test(l) && logicalLine > 0) {
      logical += l.slice(1);
      continue;
    }
    if (logicalLine > 0) {
      const problem = check(logical, logicalLine);
      if (problem) return problem;
    }
    logical = l;
    logicalLine = i + 1;
  }
  if (logicalLine > 0) {
    const problem = check(logical, logicalLine);
    if (problem) return problem;
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    return `${label}: BEGIN:${open.name} on line ${open.line} is never closed (the file may be cut short).`;
  }
  return { eventLines, tzUses, tzDefined };
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

/** The local day of a time (all-day events keep their own date). */
function dayOf(t: ICAL.Time): string {
  if (t.isDate) return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  const d = t.toJSDate();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function attendeeOf(p: ICAL.Property): CalendarAttendee | null {
  const value = String(p.getFirstValue() ?? '');
  const email = value.replace(/^mailto:/i, '').trim();
  const cn = p.getParameter('cn');
  const name = (Array.isArray(cn) ? cn[0] : cn) ?? '';
  const cutype = String(p.getParameter('cutype') ?? '').toUpperCase();
  if (cutype === 'ROOM' || cutype === 'RESOURCE') return null;
  const partstat = String(p.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
  if (!email.includes('@') && !String(name).trim()) return null;
  return { name: String(name).trim() || email, email: email.includes('@') ? email : '', partstat };
}

function parseIcs(text: string, label: string, range: CalendarRange): CalendarParse {
  const scan = scanIcs(text, label);
  if (typeof scan === 'string') return { ok: false, error: scan };
  const problems = new Lines();
  for (const [id, line] of scan.tzUses) {
    if (!scan.tzDefined.has(id) && !knownZone(id)) problems.add('tz', `${label}, line ${line}: unknown time zone ${quote(id)} (not defined in the file); its times are read as local time.`);
  }
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, '')) as unknown[]);
  } catch (error) {
    return { ok: false, error: `${label} is not a readable calendar (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (root.name !== 'vcalendar') return { ok: false, error: `${label} is not a calendar (it holds ${quote(root.name.toUpperCase())}).` };
  const zones: string[] = [];
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    if (tz.tzid && !ICAL.TimezoneService.has(tz.tzid)) {
      ICAL.TimezoneService.register(tz);
      zones.push(tz.tzid);
    }
  }
  try {
    return expand(root, scan, label, range, problems);
  } finally {
    for (const z of zones) ICAL.TimezoneService.remove(z);
  }
}

function expand(root: ICAL.Component, scan: Scan, label: string, range: CalendarRange, problems: Lines): CalendarParse {
  const calName = String(root.getFirstPropertyValue('x-wr-calname') ?? '');
  const vevents = root.getAllSubcomponents('vevent');
  const lineOf = new Map<ICAL.Component, number>();
  vevents.forEach((v, i) => lineOf.set(v, scan.eventLines[i] ?? 0));
  // Masters and their moved or cancelled occurrences (RECURRENCE-ID), by UID.
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  const singles: ICAL.Event[] = [];
  for (const v of vevents) {
    // Given no exceptions, ical.js's Event scans every VEVENT of the calendar for this one's
    // moved occurrences: quadratic, about 18 s for 20,000 events. They are related below instead.
    const ev = new ICAL.Event(v, { exceptions: [] });
    if (!ev.uid) {
      singles.push(ev);
      continue;
    }
    if (v.hasProperty('recurrence-id')) exceptions.push(ev);
    else if (masters.has(ev.uid)) singles.push(ev);
    else masters.set(ev.uid, ev);
  }
  for (const ex of exceptions) {
    const master = masters.get(ex.uid);
    if (master) master.relateException(ex);
    else singles.push(ex);
  }
  const from = ICAL.Time.fromDateString(range.from);
  const to = ICAL.Time.fromDateString(range.to);
  to.adjust(1, 0, 0, 0);
  const events: CalendarEvent[] = [];
  let withoutAttendees = 0;
  const emit = (item: ICAL.Event, start: ICAL.Time, occurrence: ICAL.Time | null, line: number) => {
    const day = dayOf(start);
    if (day < range.from || day > range.to) return;
    const attendees: CalendarAttendee[] = [];
    for (const p of item.attendees) {
      const a = attendeeOf(p);
      if (a) attendees.push(a);
    }
    const org = item.component.getFirstProperty('organizer');
    const organizer = org ? attendeeOf(org) : null;
    if (organizer && !attendees.some((a) => a.email && a.email.toLowerCase() === organizer.email.toLowerCase())) attendees.unshift({ ...organizer, partstat: 'ACCEPTED' });
    const title = String(item.summary ?? '').trim();
    if (attendees.length === 0) {
      withoutAttendees++;
      problems.add('no-attendees', `${label}, line ${line}: ${quote(title || 'an event', 40)} on ${day} has no attendees; skipped.`);
      return;
    }
    const status = String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase();
    const cancelled = status === 'CANCELLED' || /^(cancel+ed|abgesagt|annulé)\s*:/i.test(title);
    const uid = item.uid || `line-${line}-${title}-${day}`;
    const key = occurrence ? `${uid}#${occurrence.convertToZone(ICAL.Timezone.utcTimezone).toString()}` : uid;
    events.push({ key, line, date: day, start: start.isDate ? day : start.toJSDate().toISOString(), title, cancelled, attendees });
  };
  for (const ev of singles) emit(ev, ev.startDate, null, lineOf.get(ev.component) ?? 0);
  for (const ev of masters.values()) {
    const line = lineOf.get(ev.component) ?? 0;
    if (!ev.startDate) continue;
    if (!ev.isRecurring()) {
      emit(ev, ev.startDate, null, line);
      continue;
    }
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
      emit(details.item, details.startDate, details.recurrenceId, line);
    }
  }
  events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.key < b.key ? -1 : 1));
  void withoutAttendees;
  const lines = problems.list((kind, n) => (kind === 'no-attendees' ? `${n.toLocaleString('en-US')} more events have no attendees.` : `${n.toLocaleString('en-US')} more lines like these.`));
  return { ok: true, events, problems: lines, calendarName: calName, eventCount: vevents.length };
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
