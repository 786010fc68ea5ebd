import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCalendar, defaultChoice, eventSpan, frequentStrangers, isIncluded, metTogether, planCalendar, suggestedRange, type CalendarChoices } from '../../../src/domain/calendar-import';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import { lastContact } from '../../../src/domain/nurture';
import type { MapDocument } from '../../../src/domain/types';
import { parseCalendar } from '../../../src/io/calendar';

const FIXTURES = join(__dirname, '../../fixtures/personal');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const Q1 = { from: '2025-01-01', to: '2025-06-30' };

function parsed(name: string, range = Q1) {
  const r = parseCalendar(read(name), name, range);
  if (!r.ok) throw new Error(r.error);
  return r;
}

function workMap(): MapDocument {
  const doc = createMapDocument('Work', 0);
  const people = [
    createStakeholder({ id: 'me', name: 'Me Myself', email: 'me@acme.example', otherEmails: ['me.myself@gmail.com'] }),
    createStakeholder({ id: 'priya', name: 'Priya Natarajan', email: 'priya.n@acme.example', nextFollowUp: '2025-01-10' }),
    createStakeholder({ id: 'tom', name: 'Tom Berg', email: 'tom.berg@acme.example' }),
    createStakeholder({ id: 'jose', name: 'Jose Garcia', email: '' }),
  ];
  for (const p of people) doc.stakeholders[p.id] = p;
  doc.map.meId = 'me';
  return doc;
}

describe('Outlook .ics', () => {
  it('expands the weekly RRULE in the VTIMEZONE, with EXDATE and a moved occurrence; keys are UID + occurrence', () => {
    const r = parsed('outlook.ics');
    const sync = r.events.filter((e) => e.title.startsWith('Platform sync'));
    expect(sync.map((e) => e.date)).toEqual(['2025-01-06', '2025-01-13', '2025-01-28', '2025-02-03', '2025-02-10']);
    expect(sync[2].title).toBe('Platform sync (moved to Tuesday)');
    expect(sync[0].key).toBe('040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5#2025-01-06T09:00:00Z');
    expect(sync[2].key).toMatch(/#2025-01-27T09:00:00Z$/);
    expect(sync[0].start).toBe('2025-01-06T09:00:00.000Z');
    expect(sync[0].line).toBe(21);
    // Tom's address in its own case; the organizer counts as an attendee.
    expect(sync[0].attendees.map((a) => a.email)).toEqual(['priya.n@acme.example', 'me@acme.example', 'Tom.Berg@ACME.example']);
  });

  it('reports events without attendees and unknown time zones by line, and keeps going', () => {
    const r = parsed('outlook.ics');
    expect(r.problems).toEqual([
      '"outlook.ics", line 82: unknown time zone "Mars/Olympus_Mons" (not defined in the file); its times are read as local time.',
      '"outlook.ics", line 75: "Focus time" on 2025-01-17 has no attendees; skipped.',
    ]);
    expect(r.events.find((e) => e.title === 'All hands')!.attendees).toHaveLength(10);
    expect(r.events.find((e) => e.title.startsWith('Canceled'))!.cancelled).toBe(true);
  });

  it('expands only within the range', () => {
    const r = parsed('outlook.ics', { from: '2025-02-01', to: '2025-02-05' });
    expect(r.events.map((e) => e.date)).toEqual(['2025-02-03']);
  });
});

describe('Google .ics', () => {
  it('reads folded CN values, monthly BYDAY rules with UNTIL, all-day events', () => {
    const r = parsed('google.ics');
    expect(r.calendarName).toBe('me.myself@gmail.com');
    const coffee = r.events.filter((e) => e.title === 'Monthly coffee with José');
    expect(coffee.map((e) => e.date)).toEqual(['2025-03-03', '2025-04-07', '2025-05-05']);
    expect(coffee[0].attendees.map((a) => a.name)).toEqual(['José García', 'me.myself@gmail.com', 'Sam Nguyen']);
    expect(r.events.find((e) => e.title.startsWith('Offsite'))).toMatchObject({ date: '2025-04-10', start: '2025-04-10' });
  });
});

describe('Outlook calendar CSV', () => {
  it('reads day-first dates, attendee names, and names the bad row', () => {
    const r = parsed('outlook-calendar.csv');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ date: '2025-01-14', title: 'Platform sync', line: 2 });
    expect(r.events[0].attendees.map((a) => a.name)).toEqual(['Priya Natarajan', 'Tom Berg', 'Me Myself']);
    expect(r.problems).toEqual(['"outlook-calendar.csv", line 3: "Lunch" on 2025-01-15 has no attendees; skipped.', '"outlook-calendar.csv", line 4: start date "not a date" is not a date; skipped.']);
  });
});

describe('bad calendars: a clear message naming the file and line', () => {
  it.each([
    ['BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n', '"bad.ics" is not a calendar: line 1 should be BEGIN:VCALENDAR.'],
    ['BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Long\r\ntitle lost its fold\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', '"bad.ics", line 4: "title lost its fold" is not an iCalendar line (a folded line must start with a space).'],
    ['BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n', '"bad.ics": BEGIN:VEVENT on line 2 is never closed (the file may be cut short).'],
    ['BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n', '"bad.ics", line 3: END:VTODO does not close BEGIN:VEVENT from line 2.'],
  ])('%#', (text, error) => {
    expect(parseCalendar(text, 'bad.ics', Q1)).toEqual({ ok: false, error });
  });

  it('never throws, for any text (fast-check)', () => {
    const pieces = fc.constantFrom('BEGIN:VCALENDAR', 'END:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY;COUNT=x', 'DTSTART:20250101T100000Z', 'DTSTART;TZID=X:2025', 'ATTENDEE:mailto:a@b.c', 'UID:1', 'RECURRENCE-ID:20250101T100000Z', '\r\n', ' ', ':', ';', 'Subject,Start Date\r\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const r = parseCalendar(parts.join(''), 'x.ics', Q1);
        if (r.ok) expect(Array.isArray(r.events)).toBe(true);
        else expect(r.error).toContain('"x.ics"');
      }),
      { numRuns: 400 },
    );
  });
});

describe('what the reader hands to ical.js (issue 14: 20,000 events in under 2 s)', () => {
  const ZONE = ['BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time', 'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD', 'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT', 'END:VTIMEZONE'];
  const calendar = (...events: string[][]) => ['BEGIN:VCALENDAR', ...ZONE, ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
  const YEAR = { from: '2025-01-01', to: '2025-12-31' };

  it('gives the times ical.js gives on the days clocks change (UTC offsets are looked up once per day otherwise)', () => {
    const times = ['20250329T233000', '20250330T013000', '20250330T023000', '20250330T033000', '20251026T013000', '20251026T023000', '20251026T033000', '20251027T000000'];
    const r = parseCalendar(calendar(...times.map((t, i) => [`UID:dst-${i}`, `DTSTART;TZID=W. Europe Standard Time:${t}`, 'ATTENDEE:mailto:a@b.example'])), 'dst.ics', YEAR);
    if (!r.ok) throw new Error(r.error);
    // Expected values are ical.js's own toJSDate for each time.
    expect(r.events.map((e) => [e.key, e.start])).toEqual([
      ['dst-0', '2025-03-29T22:30:00.000Z'],
      ['dst-1', '2025-03-30T00:30:00.000Z'],
      ['dst-2', '2025-03-30T00:30:00.000Z'],
      ['dst-3', '2025-03-30T01:30:00.000Z'],
      ['dst-4', '2025-10-25T23:30:00.000Z'],
      ['dst-5', '2025-10-26T01:30:00.000Z'],
      ['dst-6', '2025-10-26T02:30:00.000Z'],
      ['dst-7', '2025-10-26T23:00:00.000Z'],
    ]);
  });

  it('does not stop at a property it does not read (a description with broken parameters)', () => {
    const text = calendar(['UID:1', 'DTSTART:20250301T090000Z', 'DESCRIPTION;X-BROKEN:notes', 'ATTENDEE;CN=Ann:mailto:ann@acme.example']);
    const r = parseCalendar(text, 'desc.ics', YEAR);
    expect(r.ok && r.events.map((e) => e.attendees[0].name)).toEqual(['Ann']);
    // A property it reads still stops it, naming the file.
    expect(parseCalendar(text.replace('ATTENDEE;CN=Ann', 'ATTENDEE;CN'), 'desc.ics', YEAR)).toEqual({ ok: false, error: expect.stringMatching(/^"desc\.ics" is not a readable calendar \(Invalid parameters in 'ATTENDEE;CN:mailto:ann@acme\.example'\)\.$/) });
  });

  it('reads old Mac line ends (CR only) like CRLF, and skips an event without a start instead of refusing the file', () => {
    const text = calendar(['SUMMARY:No start', 'ATTENDEE:mailto:a@b.example'], ['UID:2', 'DTSTART:20250301T090000Z', 'SUMMARY:Review', 'ATTENDEE:mailto:a@b.example']);
    const crlf = parseCalendar(text, 'mac.ics', YEAR);
    expect(crlf.ok && crlf.events.map((e) => [e.title, e.line])).toEqual([['Review', 21]]);
    expect(parseCalendar(text.replace(/\r\n/g, '\r'), 'mac.ics', YEAR)).toEqual(crlf);
  });

  it('reads every calendar of a file that holds several one after another', () => {
    const one = calendar(['UID:1', 'DTSTART:20250301T090000Z', 'ATTENDEE:mailto:a@b.example']);
    const two = calendar(['UID:2', 'DTSTART:20250302T090000Z', 'ATTENDEE:mailto:a@b.example']);
    const r = parseCalendar(one + two, 'two.ics', YEAR);
    expect(r.ok && [r.eventCount, r.events.map((e) => e.key)]).toEqual([2, ['1', '2']]);
  });
});

describe('planning and applying a calendar import', () => {
  const choose = (plan: ReturnType<typeof planCalendar>, extra: Partial<CalendarChoices> = {}): CalendarChoices => ({ people: new Map(plan.people.map((p) => [p.key, defaultChoice(p)])), meetings: new Map(), keepTitles: false, ties: [], ...extra });

  it('matches attendees by e-mail, knows who "me" is, and skips large, cancelled and declined meetings', () => {
    const doc = workMap();
    const r = parsed('outlook.ics');
    const plan = planCalendar(doc, r.events, { ...Q1, maxAttendees: 8 });
    const skips = Object.fromEntries(plan.meetings.map((m) => [`${m.event.date} ${m.event.title}`, m.skip]));
    expect(skips).toEqual({
      '2025-01-06 Platform sync': null,
      '2025-01-13 Platform sync': null,
      '2025-01-15 All hands': 'large',
      '2025-01-16 Canceled: 1:1 Tom': 'cancelled',
      '2025-01-21 Budget review': 'declined',
      '2025-01-28 Platform sync (moved to Tuesday)': null,
      '2025-02-03 Platform sync': null,
      '2025-02-10 Platform sync': null,
    });
    const byName = Object.fromEntries(plan.people.map((p) => [p.name, p]));
    expect(byName['Tom Berg'].match).toEqual({ kind: 'sure', id: 'tom', by: 'email' });
    expect(byName['Tom Berg'].meetings).toBe(5);
    expect(byName['Me Myself']).toBeUndefined();
    expect(byName.a1.match.kind).toBe('none');
    // With a higher limit the all-hands counts, and a1..a8 are not "often" (once).
    const big = planCalendar(doc, r.events, { ...Q1, maxAttendees: 20 });
    expect(big.meetings.find((m) => m.event.title === 'All hands')!.skip).toBeNull();
    expect(frequentStrangers(big, new Map())).toEqual([]);
  });

  it('logs one "meeting" catch-up per person per meeting, titles only when kept; the same file twice logs once', () => {
    const doc = workMap();
    const r = parsed('outlook.ics');
    const plan = planCalendar(doc, r.events, { ...Q1, maxAttendees: 8 });
    const out = applyCalendar(doc, plan, choose(plan));
    expect(out.logged).toBe(10);
    const tom = out.doc.stakeholders.tom;
    expect(tom.interactions.map((i) => [i.date, i.kind, i.note])).toEqual([
      ['2025-01-06', 'meeting', ''],
      ['2025-01-13', 'meeting', ''],
      ['2025-01-28', 'meeting', ''],
      ['2025-02-03', 'meeting', ''],
      ['2025-02-10', 'meeting', ''],
    ]);
    expect(lastContact(tom)).toBe('2025-02-10');
    // Priya's planned follow-up (10 Jan) is covered by the meetings.
    expect(out.doc.stakeholders.priya.nextFollowUp).toBeNull();
    expect(out.doc.stakeholders.me).toBe(doc.stakeholders.me);
    const again = applyCalendar(out.doc, planCalendar(out.doc, r.events, { ...Q1, maxAttendees: 8 }), { ...choose(plan), keepTitles: true });
    expect(again).toMatchObject({ logged: 0, already: 10 });
    expect(again.doc).toBe(out.doc);
    const titled = applyCalendar(doc, plan, { ...choose(plan), keepTitles: true });
    expect(titled.doc.stakeholders.tom.interactions[2].note).toBe('Platform sync (moved to Tuesday)');
  });

  it('an unsure name match waits for "Match to..."; people met often can be added; met-together suggests trust ties', () => {
    const doc = workMap();
    doc.stakeholders.jose2 = createStakeholder({ id: 'jose2', name: 'José García', email: '' });
    const r = parsed('google.ics');
    const plan = planCalendar(doc, r.events, { ...Q1, maxAttendees: 8, calendarName: r.calendarName });
    const jose = plan.people.find((p) => p.name === 'José García')!;
    expect(jose.match).toMatchObject({ kind: 'unsure', ids: ['jose', 'jose2'] });
    expect(defaultChoice(jose)).toEqual({ action: 'skip' });
    const sam = plan.people.find((p) => p.name === 'Sam Nguyen')!;
    expect(sam.meetings).toBe(4);
    const choices = choose(plan);
    expect(frequentStrangers(plan, choices.people).map((p) => p.name)).toEqual(['Sam Nguyen', 'José García']);
    choices.people.set(jose.key, { action: 'match', id: 'jose' });
    choices.people.set(sam.key, { action: 'add' });
    // Sam is added by this import, so has no id yet: met-together pairs only people on the map.
    expect(metTogether(doc, plan, choices.people, (m) => isIncluded(m, choices))).toEqual([]);
    const out = applyCalendar(doc, plan, choices);
    expect(out.added).toHaveLength(1);
    const samId = out.added[0];
    expect(out.doc.stakeholders[samId]).toMatchObject({ name: 'Sam Nguyen', email: 'sam.nguyen@globex.example' });
    expect(out.doc.stakeholders[samId].interactions).toHaveLength(4);
    // José declined the offsite: three meetings, not four.
    expect(out.doc.stakeholders.jose.interactions.map((i) => i.date)).toEqual(['2025-03-03', '2025-04-07', '2025-05-05']);
    expect(out.doc.stakeholders.jose2).toBe(doc.stakeholders.jose2);
  });

  it("an attendee with Me's name is you, even from an address Me's card does not list: never a namesake to add", () => {
    const doc = workMap();
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
      ...[1, 2, 3, 4].flatMap((d) => [
        'BEGIN:VEVENT', `UID:u${d}@test`, `DTSTAMP:2025010${d}T090000Z`, `DTSTART:2025010${d}T090000Z`, 'DURATION:PT30M', 'SUMMARY:One to one',
        'ATTENDEE;CN=Me Myself:mailto:old.alias@example.net', 'ATTENDEE;CN=Tom Berg:mailto:tom.berg@acme.example', 'END:VEVENT',
      ]),
      'END:VCALENDAR', '',
    ].join('\r\n');
    const r = parseCalendar(ics, 'alias.ics', Q1);
    if (!r.ok) throw new Error(r.error);
    const plan = planCalendar(doc, r.events, { ...Q1, maxAttendees: 8 });
    expect(plan.people.map((p) => p.name)).toEqual(['Tom Berg']);
    expect(frequentStrangers(plan, choose(plan).people)).toEqual([]);
    expect(applyCalendar(doc, plan, choose(plan)).doc.stakeholders.tom.interactions).toHaveLength(4);
  });

  it('met together: pairs on the map in two or more included meetings, never already trusted, added only when ticked', () => {
    const doc = workMap();
    const r = parsed('outlook.ics');
    const plan = planCalendar(doc, r.events, { ...Q1, maxAttendees: 8 });
    const choices = choose(plan);
    const pairs = metTogether(doc, plan, choices.people, (m) => isIncluded(m, choices));
    expect(pairs).toEqual([{ a: 'priya', b: 'tom', count: 5 }]);
    expect(Object.keys(applyCalendar(doc, plan, choices).doc.ties)).toHaveLength(0);
    const withTie = applyCalendar(doc, plan, { ...choices, ties: [{ a: 'priya', b: 'tom' }] });
    expect(Object.values(withTie.doc.ties)).toEqual([expect.objectContaining({ source: 'priya', target: 'tom', kind: 'trust', mutual: true })]);
  });
});

describe('the range the calendar preview opens on', () => {
  const event = (date: string) => ({ key: date, line: 1, date, start: date, title: '', cancelled: false, attendees: [] });
  const TODAY = '2026-11-30';

  it('is the last twelve months when the file has a meeting in them', () => {
    expect(suggestedRange([event('2024-03-01'), event('2026-10-02')], TODAY)).toEqual({ from: '2025-11-30', to: TODAY });
  });

  it('is the twelve months up to the last past meeting of an older export (fixtures from 2025 opened in late 2026)', () => {
    const r = suggestedRange(parsed('outlook.ics', { from: '2000-01-01', to: '2030-01-01' }).events, TODAY);
    expect(r.to <= '2025-12-31').toBe(true);
    expect(planCalendar(workMap(), parsed('outlook.ics', { from: '2000-01-01', to: '2030-01-01' }).events, { ...r, maxAttendees: 8 }).meetings.length).toBeGreaterThan(0);
    expect(suggestedRange([event('2023-05-10'), event('2024-02-01')], TODAY)).toEqual({ from: '2023-02-01', to: '2024-02-01' });
  });

  it('keeps the last twelve months for a file of meetings still to come, or of none', () => {
    expect(suggestedRange([event('2027-01-05')], TODAY)).toEqual({ from: '2025-11-30', to: TODAY });
    expect(suggestedRange([], TODAY)).toEqual({ from: '2025-11-30', to: TODAY });
  });

  it('names the first and last day of the file', () => {
    expect(eventSpan([event('2025-03-01'), event('2024-12-31'), event('2025-02-01')])).toEqual({ first: '2024-12-31', last: '2025-03-01' });
    expect(eventSpan([])).toBeNull();
  });
});
