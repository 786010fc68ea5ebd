/**
 * Whether a text is a calendar, without the calendar reader: io/detect.ts (on the page) needs only
 * this, and io/calendar.ts brings ical.js, which is loaded only once a calendar is detected.
 */

export function isIcs(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text.slice(0, 1024));
}

/** Outlook's calendar CSV: its header names Subject and Start Date. */
export function isCalendarCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0].toLowerCase();
  return /(^|,)"?subject"?(,|$)/.test(first) && /(^|,)"?start date"?(,|$)/.test(first);
}
