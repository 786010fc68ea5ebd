/**
 * A 10-year Outlook calendar export of 20,000 meetings, read by the calendar reader (io/calendar.ts:
 * the line check, ical.js, time zones, occurrences in the 10-year range), against two baselines on
 * the same run: papaparse on a CSV of the same size, and the line-unfolding pass alone.
 *   npx vitest bench --run --project unit bench/calendar.bench.ts
 * In the app this runs in the import worker (ui/import/read-file.ts); the target is under 2 s.
 * Besides vitest's wall-clock table, it prints the CPU time of each (process.cpuUsage, all of the
 * process's threads, so garbage collection counts): on this shared 2-core machine the wall clock
 * mostly measures waiting for a core, and the CPU time is what a quiet machine would take.
 */
import Papa from 'papaparse';
import { afterAll, bench, describe } from 'vitest';
import { parseCalendar } from '../src/io/calendar';
import { meetingsCsvOfSize, outlookStyleIcs } from './lib/formats';

const EVENTS = 20_000;
const ics = outlookStyleIcs(EVENTS, 10);
const csv = meetingsCsvOfSize(ics.length);
const range = { from: '2016-01-01', to: '2025-12-31' };
const options = { iterations: 3, warmupIterations: 1, time: 0 };

/** CPU milliseconds per run of each task (warm-up runs included). */
const cpu = new Map<string, number[]>();
function timed(name: string, run: () => void): () => void {
  return () => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    cpu.set(name, [...(cpu.get(name) ?? []), (used.user + used.system) / 1000]);
  };
}

afterAll(() => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const papa = median(cpu.get('papaparse') ?? [NaN]);
  console.log('CPU time per run (median; all runs), and against papaparse on the same-size CSV:');
  for (const [name, runs] of cpu) console.log(`  ${name}: ${median(runs).toFixed(0)} ms (${runs.map((r) => r.toFixed(0)).join(', ')}), ${(median(runs) / papa).toFixed(2)}x papaparse`);
});

describe(`calendar: ${EVENTS.toLocaleString('en-US')} events, ${(ics.length / 1e6).toFixed(1)} MB`, () => {
  bench(
    'parseCalendar (ical.js, Outlook time zone, 10-year range)',
    timed('parseCalendar', () => {
      const r = parseCalendar(ics, 'outlook.ics', range);
      if (!r.ok || r.events.length < EVENTS) throw new Error(r.ok ? `only ${r.events.length} events` : r.error);
    }),
    options,
  );
  bench('baseline: papaparse on a CSV of the same size', timed('papaparse', () => void Papa.parse(csv, { header: true, skipEmptyLines: 'greedy' })), options);
  bench(
    'baseline: the line-unfolding pass alone',
    timed('unfolding', () => {
      const lines = ics.split(/\r\n|\n|\r/);
      let logical = 0;
      let current = '';
      for (const l of lines) {
        if (l.startsWith(' ') || l.startsWith('\t')) current += l.slice(1);
        else {
          if (current) logical++;
          current = l;
        }
      }
      if (logical === 0) throw new Error('nothing unfolded');
    }),
    options,
  );
});
