import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../../src/domain/calendar-import';
import { packEvents, unpackEvents } from '../../../src/domain/calendar-transfer';
import { parseCalendar } from '../../../src/io/calendar';
import { outlookStyleIcs } from '../../../bench/lib/formats';

const plain = (events: readonly CalendarEvent[]) => events.map((e) => ({ key: e.key, line: e.line, date: e.date, start: e.start, title: e.title, cancelled: e.cancelled, attendees: e.attendees.map((a) => ({ ...a })) }));

function read(text: string, name: string) {
  const r = parseCalendar(text, name, { from: '2016-01-01', to: '2025-12-31' });
  if (!r.ok) throw new Error(r.error);
  return r.events;
}

describe('calendar events from the import worker to the page', () => {
  it('arrive as they left: every field and attendee, in order, after a structured clone', () => {
    for (const [name, text] of [
      ['outlook.ics', readFileSync(join(__dirname, '../../fixtures/personal/outlook.ics'), 'utf8')],
      ['google.ics', readFileSync(join(__dirname, '../../fixtures/personal/google.ics'), 'utf8')],
      ['generated.ics', outlookStyleIcs(500, 2)],
    ]) {
      const events = read(text, name);
      expect(events.length).toBeGreaterThan(0);
      const back = unpackEvents(structuredClone(packEvents(events)));
      expect(plain(back)).toEqual(plain(events));
    }
    expect(unpackEvents(structuredClone(packEvents([])))).toEqual([]);
  });

  it('cross as a few strings and typed arrays, not an object per event or attendee', () => {
    const events = read(outlookStyleIcs(2_000, 2), 'generated.ics');
    const packed = packEvents(events);
    const attendees = events.reduce((n, e) => n + e.attendees.length, 0);
    expect(attendees).toBeGreaterThan(5_000);
    // The distinct attendees only (300 colleagues in the generated calendar, one reply each).
    expect(packed.people.length / 3).toBeLessThanOrEqual(301);
    for (const value of Object.values(packed)) expect(typeof value === 'string' || typeof value === 'number' || ArrayBuffer.isView(value) || (Array.isArray(value) && value.length === packed.people.length)).toBe(true);
  });

  it('share one frozen attendee object per distinct attendee, and build a list only when it is read', () => {
    const events = unpackEvents(packEvents(read(outlookStyleIcs(200, 2), 'generated.ics')));
    const first = events.flatMap((e) => e.attendees).filter((a) => a.email === events[0].attendees[0].email && a.partstat === events[0].attendees[0].partstat);
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first).size).toBe(1);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(events[5].attendees).toBe(events[5].attendees);
  });
});
