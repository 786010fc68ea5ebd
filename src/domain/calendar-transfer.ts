/**
 * A calendar's events as they cross from the import worker to the page (pure). A 10-year export
 * is 20,000 events and some 100,000 attendee records; sent as objects, the page spent a quarter
 * of a second (on this project's machine) only taking them in, because a structured clone
 * rebuilds every object and string on the receiving thread. Packed, they are one text, a few typed
 * arrays and the distinct attendees. The page reads them through light event objects whose
 * attendee lists are built when first asked for (the preview asks only for the meetings in its
 * range), sharing one frozen object per distinct attendee and reply.
 */
import type { CalendarAttendee, CalendarEvent } from './calendar-import';

export interface PackedEvents {
  count: number;
  /** Each event's key, date, start and title, one after another, cut at `cuts` (4 per event, then the end). */
  text: string;
  cuts: Int32Array;
  lines: Int32Array;
  cancelled: Uint8Array;
  /** The distinct attendees: name, email and reply (PARTSTAT), three strings each. */
  people: string[];
  /** Event i's attendees are `who[whoStart[i]]` up to `whoStart[i + 1]`, as indexes into `people` (÷ 3). */
  whoStart: Int32Array;
  who: Int32Array;
}

export function packEvents(events: readonly CalendarEvent[]): PackedEvents {
  const n = events.length;
  const parts: string[] = [];
  const cuts = new Int32Array(4 * n + 1);
  const lines = new Int32Array(n);
  const cancelled = new Uint8Array(n);
  const whoStart = new Int32Array(n + 1);
  const index = new Map<string, number>();
  const people: string[] = [];
  const who: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const e = events[i];
    const fields = [e.key, e.date, e.start, e.title];
    for (let f = 0; f < 4; f++) {
      cuts[4 * i + f] = at;
      parts.push(fields[f]);
      at += fields[f].length;
    }
    lines[i] = e.line;
    cancelled[i] = e.cancelled ? 1 : 0;
    whoStart[i] = who.length;
    for (const a of e.attendees) {
      const id = `${a.name}\u0000${a.email}\u0000${a.partstat}`;
      let k = index.get(id);
      if (k === undefined) {
        k = people.length / 3;
        index.set(id, k);
        people.push(a.name, a.email, a.partstat);
      }
      who.push(k);
    }
  }
  cuts[4 * n] = at;
  whoStart[n] = who.length;
  return { count: n, text: parts.join(''), cuts, lines, cancelled, people, whoStart, who: Int32Array.from(who) };
}

class PackedEvent implements CalendarEvent {
  readonly key: string;
  readonly line: number;
  readonly date: string;
  readonly start: string;
  readonly title: string;
  readonly cancelled: boolean;
  private list: CalendarAttendee[] | null = null;
  constructor(
    private readonly packed: PackedEvents,
    private readonly distinct: readonly CalendarAttendee[],
    private readonly i: number,
  ) {
    const { text, cuts } = packed;
    const c = 4 * i;
    this.key = text.slice(cuts[c], cuts[c + 1]);
    this.date = text.slice(cuts[c + 1], cuts[c + 2]);
    this.start = text.slice(cuts[c + 2], cuts[c + 3]);
    this.title = text.slice(cuts[c + 3], cuts[c + 4]);
    this.line = packed.lines[i];
    this.cancelled = packed.cancelled[i] === 1;
  }
  get attendees(): CalendarAttendee[] {
    if (!this.list) {
      const { who, whoStart } = this.packed;
      const list: CalendarAttendee[] = [];
      for (let k = whoStart[this.i]; k < whoStart[this.i + 1]; k++) list.push(this.distinct[who[k]]);
      this.list = list;
    }
    return this.list;
  }
}

export function unpackEvents(p: PackedEvents): CalendarEvent[] {
  const distinct: CalendarAttendee[] = [];
  for (let k = 0; k < p.people.length; k += 3) distinct.push(Object.freeze({ name: p.people[k], email: p.people[k + 1], partstat: p.people[k + 2] }));
  const events: CalendarEvent[] = new Array<CalendarEvent>(p.count);
  for (let i = 0; i < p.count; i++) events[i] = new PackedEvent(p, distinct, i);
  return events;
}
