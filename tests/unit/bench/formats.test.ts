import { describe, expect, it } from 'vitest';
import { meetingsCsvOfSize, networkxStyleGexf, outlookStyleIcs, peopleCsv } from '../../../bench/lib/formats';
import { parseCalendar } from '../../../src/io/calendar';
import { generateOrganisation } from '../../../src/analysis/generate';
import { importFile } from '../../../src/io/import';

const doc = generateOrganisation(60, 3);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('benchmark input files', () => {
  it('a people CSV imports every row', () => {
    const result = importFile('people.csv', bytes(peopleCsv(doc)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('people-csv');
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(60);
  });
  it('a NetworkX-style GEXF imports every person and tie with positions', () => {
    const result = importFile('network.gexf', bytes(networkxStyleGexf(doc)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('gexf');
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(60);
    expect(Object.keys(result.doc.ties)).toHaveLength(Object.keys(doc.ties).length);
    const xs = new Set(Object.values(result.doc.stakeholders).map((s) => s.x));
    expect(xs.size).toBeGreaterThan(1);
  });

  it('an Outlook-style calendar reads every meeting, in its time zone, with the weekly series expanded', () => {
    const text = outlookStyleIcs(30, 1);
    const r = parseCalendar(text, 'outlook.ics', { from: '2025-01-01', to: '2025-12-31' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.problems).toEqual([]);
    expect(r.eventCount).toBe(31);
    // 30 meetings plus the Mondays of 2025 from 6 January (52).
    expect(r.events).toHaveLength(30 + 52);
    expect(meetingsCsvOfSize(text.length).length).toBeGreaterThanOrEqual(text.length);
  });
});
