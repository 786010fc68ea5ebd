import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchUpsDue } from '../../../src/domain/nurture';
import {
  escapeText,
  eventDate,
  foldLine,
  followUpsToIcs,
  formatUtcDateTime,
  icsFileName,
  icsProperty,
  icsText,
  parseIcs,
  unescapeText,
  unfoldLines,
} from '../../../src/io/ics';
import { mapOf, person } from './helpers';

const NOW = Date.UTC(2024, 2, 15, 9, 30, 5); // 2024-03-15T09:30:05Z
const TODAY = '2024-03-15';
const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const longName = 'Zoë Ångström-Þórsdóttir 李小龍 Ńiè 🙂🙂 Müller-Lüdenscheidt, von Straße; the Second';
const doc = mapOf([
  person('zoe', { name: longName, seniority: 1, interactions: [{ id: 'i', date: '2024-01-28', kind: 'coffee', note: '' }] }),
  person('tom', { name: 'Tom', seniority: 3, nextFollowUp: '2024-03-20' }),
  person('ann', { name: 'Ann \\ Back', seniority: 0 }),
]);
const reasons = {
  zoe: 'advises Dana (CFO), chairs the "Ops; Risk" board\nand mentors 李 — ask about the re-org, the budget, and the off-site plan in detail',
};
const items = catchUpsDue(doc, TODAY, reasons);
const text = followUpsToIcs(items, { now: NOW, calendarName: 'Team map, follow-ups' });

describe('iCalendar export', () => {
  it('ends every line with CRLF and has no bare CR or LF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const line of physical) expect(line).not.toMatch(/[\r\n]/);
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const physical = text.slice(0, -2).split('\r\n');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let folded = 0;
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(LONE_SURROGATE);
      expect(() => decoder.decode(encoder.encode(line))).not.toThrow();
      if (line.startsWith(' ')) folded++;
    }
    expect(folded).toBeGreaterThan(2); // the long name and the description really were folded
  });

  it('parses back to a valid calendar with one event per follow-up', () => {
    const [cal, ...rest] = parseIcs(text);
    expect(rest).toEqual([]);
    expect(cal.name).toBe('VCALENDAR');
    expect(icsProperty(cal, 'VERSION')?.value).toBe('2.0');
    expect(icsProperty(cal, 'PRODID')?.value).toMatch(/^-\/\/Influence Map\/\//);
    expect(icsText(cal, 'X-WR-CALNAME')).toBe('Team map, follow-ups');
    expect(cal.components.map((c) => c.name)).toEqual(['VEVENT', 'VEVENT', 'VEVENT']);
    const uids = cal.components.map((e) => icsProperty(e, 'UID')?.value);
    expect(new Set(uids).size).toBe(3);
    for (const [i, event] of cal.components.entries()) {
      const item = items[i];
      expect(icsProperty(event, 'UID')?.value).toMatch(/^[^\s]+@influence-map\.local$/);
      expect(icsProperty(event, 'DTSTAMP')?.value).toBe('20240315T093005Z');
      const start = icsProperty(event, 'DTSTART')!;
      expect(start.params).toEqual({ VALUE: 'DATE' });
      expect(start.value).toMatch(/^\d{8}$/);
      expect(icsText(event, 'SUMMARY')).toBe(`Catch up with ${item.name}`);
      expect(icsText(event, 'DESCRIPTION')).toContain(item.why);
    }
  });

  it('escapes and unescapes names and reasons exactly', () => {
    const [cal] = parseIcs(text);
    const zoe = cal.components.find((e) => icsText(e, 'SUMMARY') === `Catch up with ${longName}`)!;
    expect(zoe).toBeDefined();
    expect(icsText(zoe, 'DESCRIPTION')).toBe(`Overdue by 17 days: last spoke 47 days ago; you aim for every 30 days; ${reasons.zoe}`);
    // In the raw text, the comma and semicolon in the name are escaped.
    expect(unfoldLines(text)).toContain(
      'SUMMARY:Catch up with Zoë Ångström-Þórsdóttir 李小龍 Ńiè 🙂🙂 Müller-Lüdenscheidt\\, von Straße\\; the Second',
    );
    const ann = cal.components.find((e) => icsText(e, 'SUMMARY') === 'Catch up with Ann \\ Back')!;
    expect(icsProperty(ann, 'SUMMARY')!.value).toBe('Catch up with Ann \\\\ Back');
  });

  it('puts overdue catch-ups on today and others on their due date', () => {
    const [cal] = parseIcs(text);
    const starts = Object.fromEntries(cal.components.map((e) => [icsText(e, 'SUMMARY'), icsProperty(e, 'DTSTART')!.value]));
    expect(starts[`Catch up with ${longName}`]).toBe('20240315'); // due 2024-02-27, overdue
    expect(starts['Catch up with Tom']).toBe('20240320');
    expect(starts['Catch up with Ann \\ Back']).toBe('20240315'); // never contacted leader: due today
    expect(eventDate({ due: '2024-02-27', daysOverdue: 17 })).toBe('2024-03-15');
  });

  it('keeps the same UID when an overdue catch-up is exported again on a later day', () => {
    const uid = (t: string) => icsProperty(parseIcs(t)[0].components[0], 'UID')!.value;
    const later = followUpsToIcs(catchUpsDue(doc, '2024-03-18', reasons), { now: NOW + 3 * 86_400_000 });
    expect(uid(later)).toBe(uid(text));
    expect(uid(text)).toBe('followup-zoe-20240227@influence-map.local');
    expect(icsProperty(parseIcs(later)[0].components[0], 'DTSTART')!.value).toBe('20240318');
  });

  it('writes a valid empty calendar when nothing is due', () => {
    const empty = followUpsToIcs([], { now: NOW });
    expect(empty).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Influence Map//Follow-ups//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n',
    );
    expect(parseIcs(empty)[0].components).toEqual([]);
  });
});

describe('iCalendar building blocks', () => {
  it('escapes TEXT per RFC 5545', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(unescapeText('a\\\\b\\;c\\,d\\ne\\Nf')).toBe('a\\b;c,d\ne\nf');
    // A backslash before "n" that was itself escaped stays a backslash and a letter.
    expect(unescapeText(escapeText('C:\\new'))).toBe('C:\\new');
  });

  it('folds only lines longer than 75 octets', () => {
    const exact = 'X'.repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
    // 74 ASCII octets then a 2-octet character: it cannot fit, so it moves whole to the next line.
    expect(foldLine(`${'a'.repeat(74)}é`)).toBe(`${'a'.repeat(74)}\r\n é`);
    // Continuation lines carry at most 74 octets after the leading space.
    const parts = foldLine('€'.repeat(60)).split('\r\n');
    expect(parts.map(octets)).toEqual([75, 73, 34]); // 25 x 3 octets; then ' ' + 24 x 3; then ' ' + 11 x 3
  });

  it('drops NUL and other control characters, keeping tabs and line breaks (issue 16, item 16)', () => {
    expect(escapeText('Ann\u0000 Lee\u0007\u001b[31m\u007f\tx\ny')).toBe('Ann Lee[31m\tx\\ny');
    const ics = followUpsToIcs([{ ...items[0], name: 'Ann\u0000\u0001Lee', why: 'late\u0008\u000b\u000c' }], { now: 0, calendarName: 'Map\u0000' });
    // eslint-disable-next-line no-control-regex
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    expect(ics).toContain('SUMMARY:Catch up with AnnLee');
  });

  it('folds any text so that unfolding gives it back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const line = `DESCRIPTION:${escapeText(s)}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) {
          if (octets(part) > 75 || LONE_SURROGATE.test(part)) return false;
        }
        const [back] = unfoldLines(folded);
        // eslint-disable-next-line no-control-regex
        const kept = s.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        return back === line && unescapeText(back.slice('DESCRIPTION:'.length)) === kept;
      }),
    );
  });

  it('formats DTSTAMP in UTC', () => {
    expect(formatUtcDateTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('20240102T030405Z');
    expect(() => formatUtcDateTime(Number.NaN)).toThrow(RangeError);
  });

  it('parses quoted parameters and rejects broken structure', () => {
    const [cal] = parseIcs('BEGIN:VCALENDAR\r\nX-A;CN="Doe: Jane";ROLE=CHAIR:mailto:x\r\nEND:VCALENDAR\r\n');
    expect(cal.properties[0]).toEqual({ name: 'X-A', params: { CN: 'Doe: Jane', ROLE: 'CHAIR' }, value: 'mailto:x' });
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n')).toThrow(SyntaxError);
    expect(() => parseIcs('BEGIN:VCALENDAR\r\n')).toThrow(SyntaxError);
    expect(() => parseIcs('VERSION:2.0\r\n')).toThrow(SyntaxError);
    expect(() => parseIcs('BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n')).toThrow(SyntaxError);
  });

  it('names the file after the map', () => {
    expect(icsFileName('Team: Q3/Q4')).toBe('Team Q3Q4 follow-ups.ics');
    expect(icsFileName('  ')).toBe('Influence map follow-ups.ics');
  });
});
