import { useDeferredValue, useMemo, useState } from 'react';
import {
  DEFAULT_MAX_ATTENDEES,
  defaultChoice,
  eventSpan,
  frequentStrangers,
  isIncluded,
  metTogether,
  planCalendar,
  suggestedRange,
  type CalendarChoices,
  type CalendarEvent,
  type PersonChoice,
  type PlannedPerson,
  type SkipReason,
} from '../../domain/calendar-import';
import { displayName } from '../../domain/describe';
import { formatCount } from '../../domain/limits';
import { localDate } from '../../domain/nurture';
import type { MapDocument } from '../../domain/types';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { useRovingFocus } from '../arrowFocus';
import { peopleByName, PersonPicker } from '../PersonPicker';
import { ProblemList } from './ImportDialogs';

const SKIP_WORDS: Record<SkipReason, string> = { cancelled: 'cancelled', declined: 'you declined', large: 'large meeting' };
/**
 * Rows listed at first, and added by each "Show more". A long list is rendered again at each
 * change of the range (with 200 meetings listed, rendering was most of the longest main-thread
 * task of a 10-year calendar's preview), and nobody reads past a page.
 */
export const ROWS_SHOWN = 50;

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The calendar preview: a date range, the meetings found in it and who was in them, what will be
 * logged, a "Match to…" picker per attendee (Skip is its empty choice), people met often who are
 * not on the map ("Add to map") and people who met together (suggested trust ties). Nothing
 * changes until "Log meetings"; then it is one undo step.
 */
export function CalendarImportDialog({
  fileName,
  events,
  problems,
  calendarName,
  doc,
  onCancel,
  onApply,
}: {
  fileName: string;
  events: CalendarEvent[];
  problems: string[];
  calendarName: string;
  doc: MapDocument;
  onCancel: () => void;
  onApply: (plan: ReturnType<typeof planCalendar>, choices: CalendarChoices) => void;
}) {
  const [initial] = useState(() => suggestedRange(events, localDate()));
  const span = useMemo(() => eventSpan(events), [events]);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [maxAttendees, setMaxAttendees] = useState(DEFAULT_MAX_ATTENDEES);
  const [keepTitles, setKeepTitles] = useState(false);
  const [picked, setPicked] = useState<Map<string, PersonChoice>>(new Map());
  const [meetingPicks, setMeetingPicks] = useState<Map<string, boolean>>(new Map());
  const [tiePicks, setTiePicks] = useState<Set<string>>(new Set());
  const [meetingsShown, setMeetingsShown] = useState(ROWS_SHOWN);
  const [peopleShown, setPeopleShown] = useState(ROWS_SHOWN);
  const validRange = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const plan = useMemo(() => planCalendar(doc, validRange ? events : [], { from, to, maxAttendees, calendarName }), [doc, events, from, to, maxAttendees, calendarName, validRange]);
  const people = useMemo(() => peopleByName(doc.stakeholders), [doc]);
  const choiceMap = useMemo(() => {
    const m = new Map<string, PersonChoice>();
    for (const p of plan.people) m.set(p.key, picked.get(p.key) ?? defaultChoice(p));
    return m;
  }, [plan, picked]);
  const choices: CalendarChoices = {
    people: choiceMap,
    meetings: meetingPicks,
    keepTitles,
    ties: [],
  };
  const included = plan.meetings.filter((m) => isIncluded(m, choices));
  let logged = 0;
  const loggedPeople = new Set<string>();
  for (const m of included) {
    for (const k of m.people) {
      if (choiceMap.get(k)?.action !== 'skip') {
        logged++;
        loggedPeople.add(k);
      }
    }
  }
  // The suggestions follow in a render of their own (a separate task): over a 10-year range,
  // counting who met whom in every meeting would double the task that answers the date field.
  const later = useDeferredValue(useMemo(() => ({ plan, choiceMap, meetingPicks }), [plan, choiceMap, meetingPicks]));
  const strangers = useMemo(() => frequentStrangers(later.plan, later.choiceMap), [later]);
  const pairs = useMemo(() => metTogether(doc, later.plan, later.choiceMap, (m) => isIncluded(m, { meetings: later.meetingPicks })), [doc, later]);
  // Up to fifty checkboxes each: one Tab stop per list, so Tab reaches "Log meetings".
  const meetingFocus = useRovingFocus<HTMLUListElement>('input[type="checkbox"]');
  const pairFocus = useRovingFocus<HTMLUListElement>('input[type="checkbox"]');
  const choose = (key: string, c: PersonChoice) => setPicked((prev) => new Map(prev).set(key, c));
  const name = (id: string) => (Object.hasOwn(doc.stakeholders, id) ? displayName(doc.stakeholders[id]) : '');
  const matchText = (p: PlannedPerson) => {
    const c = choiceMap.get(p.key)!;
    if (c.action === 'add') return 'Will be added to the map';
    if (p.match.kind === 'sure') return `On the map (by ${p.match.by === 'email' ? 'e-mail' : p.match.by === 'url' ? 'LinkedIn URL' : 'name'})`;
    if (p.match.kind === 'unsure') return `Unsure: ${p.match.reason}`;
    return p.match.namesakes.length ? 'Not on the map (a namesake there has another e-mail)' : 'Not on the map';
  };
  return (
    <Dialog title="Import calendar" onClose={onCancel} className="dialog--wide import calendar-import">
      <p className="import__file">{fileName}</p>
      <div className="field-row calendar-import__options">
        <div className="field">
          <label htmlFor="cal-from">From</label>
          <input id="cal-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cal-to">To</label>
          <input id="cal-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cal-max">Skip meetings with more people than</label>
          <input id="cal-max" type="number" min={2} max={500} value={maxAttendees} onChange={(e) => setMaxAttendees(Math.max(2, Math.min(500, Number(e.target.value) || DEFAULT_MAX_ATTENDEES)))} />
        </div>
      </div>
      <label className="field--check">
        <input type="checkbox" checked={keepTitles} onChange={(e) => setKeepTitles(e.target.checked)} /> Keep titles (the meeting title becomes the catch-up note)
      </label>
      <p className="import__question" data-testid="calendar-summary" role="status">
        {validRange
          ? `${plural(plan.meetings.length, 'meeting')} in the range, ${formatCount(included.length)} included: ${plural(logged, 'catch-up')} for ${plural(loggedPeople.size, 'person', 'people')}.`
          : 'Choose a range: From must be on or before To.'}
      </p>
      {validRange && plan.meetings.length === 0 && span && (
        <p className="import__note" data-testid="calendar-span">
          {span.first === span.last ? `The file’s meetings are on ${span.first}.` : `The file’s meetings run from ${span.first} to ${span.last}.`}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setFrom(span.first);
              setTo(span.last);
            }}
          >
            Use these dates
          </button>
        </p>
      )}
      <section aria-label="People in these meetings">
        <h3 className="insights__title">People ({formatCount(plan.people.length)})</h3>
        {plan.people.length === 0 && <p className="import__note">No one to log in this range.</p>}
        <div className="import__preview-wrap" hidden={plan.people.length === 0}>
          <table className="import__preview import__preview--people" aria-label="Attendees">
            <thead>
              <tr>
                <th scope="col">Attendee</th>
                <th scope="col">Meetings</th>
                <th scope="col">On the map</th>
                <th scope="col">Log to</th>
              </tr>
            </thead>
            <tbody>
              {plan.people.slice(0, peopleShown).map((p) => {
                const c = choiceMap.get(p.key)!;
                return (
                  <tr key={p.key}>
                    <td>
                      {p.name}
                      {p.email && p.email !== p.name ? <span className="import__sub"> {p.email}</span> : null}
                    </td>
                    <td>{formatCount(p.meetings)}</td>
                    <td>{matchText(p)}</td>
                    <td>
                      {c.action === 'add' ? (
                        <button type="button" className="button button--small" onClick={() => choose(p.key, { action: 'skip' })}>
                          Don’t add {p.name}
                        </button>
                      ) : (
                        <PersonPicker label={`Match ${p.name} to`} people={people} value={c.action === 'match' ? c.id : ''} onChange={(id) => choose(p.key, id ? { action: 'match', id } : { action: 'skip' })} emptyLabel="Skip" />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <MoreRows total={plan.people.length} shown={peopleShown} noun={['person', 'people']} onMore={() => setPeopleShown((n) => n + ROWS_SHOWN)} note="They follow the same rules: matched people are logged, the others skipped." />
      </section>
      {strangers.length > 0 && (
        <section aria-label="People you meet often who are not on the map" className="calendar-import__section">
          <h3 className="insights__title">People you meet often who are not on the map</h3>
          <ul className="calendar-import__list">
            {strangers.map((p) => (
              <li key={p.key}>
                {p.name}, {plural(p.meetings, 'meeting')}{' '}
                <button type="button" className="button button--small" onClick={() => choose(p.key, { action: 'add' })} aria-label={`Add ${p.name} to map`}>
                  Add to map
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {pairs.length > 0 && (
        <section aria-label="Met together" className="calendar-import__section">
          <h3 className="insights__title">Met together: add as trust ties?</h3>
          <ul className="calendar-import__list" aria-label="Trust ties to add" aria-describedby="cal-arrows" {...pairFocus}>
            {pairs.map((t) => {
              const k = `${t.a}\u0000${t.b}`;
              return (
                <li key={k}>
                  <label>
                    <input type="checkbox" checked={tiePicks.has(k)} onChange={(e) => setTiePicks((prev) => { const next = new Set(prev); if (e.target.checked) next.add(k); else next.delete(k); return next; })} /> {name(t.a)} and {name(t.b)} trust each other ({plural(t.count, 'meeting')} together)
                  </label>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-label="Meetings" className="calendar-import__section">
        <h3 className="insights__title">Meetings ({formatCount(plan.meetings.length)})</h3>
        <p id="cal-arrows" className="visually-hidden">Tab enters the list, the arrow keys move within it.</p>
        <ul className="calendar-import__list calendar-import__meetings" aria-label="Meetings to log" aria-describedby="cal-arrows" {...meetingFocus}>
          {plan.meetings.slice(0, meetingsShown).map((m) => (
            <li key={m.event.key}>
              <label>
                <input type="checkbox" checked={isIncluded(m, choices)} onChange={(e) => setMeetingPicks((prev) => new Map(prev).set(m.event.key, e.target.checked))} aria-label={`Include ${m.event.title || 'meeting'} on ${m.event.date}`} /> {m.event.date} {m.event.title || '(no title)'}
                <span className="import__sub"> · {plural(m.event.attendees.length, 'attendee')}{m.skip ? ` · skipped: ${SKIP_WORDS[m.skip]}` : ''}</span>
              </label>
            </li>
          ))}
        </ul>
        <MoreRows total={plan.meetings.length} shown={meetingsShown} noun={['meeting', 'meetings']} onMore={() => setMeetingsShown((n) => n + ROWS_SHOWN)} note="They follow the same rules." />
      </section>
      <ProblemList problems={problems} label="Not imported" />
      <p className="import__note">Meetings are added to the people’s logs on “{doc.map.name || 'Untitled map'}” as one change you can undo. The file never leaves this browser.</p>
      <DialogActions onCancel={onCancel}>
        <button
          type="button"
          className="button button--primary"
          disabled={!validRange || (logged === 0 && tiePicks.size === 0)}
          onClick={() => onApply(plan, { ...choices, ties: pairs.filter((t) => tiePicks.has(`${t.a}\u0000${t.b}`)).map(({ a, b }) => ({ a, b })) })}
        >
          Log meetings
        </button>
      </DialogActions>
    </Dialog>
  );
}

/** "N more … are not listed", with a button that lists the next ROWS_SHOWN. */
function MoreRows({ total, shown, noun, note, onMore }: { total: number; shown: number; noun: [string, string]; note: string; onMore: () => void }) {
  const rest = total - shown;
  if (rest <= 0) return null;
  const next = Math.min(rest, ROWS_SHOWN);
  return (
    <p className="import__note">
      {rest === 1 ? `1 more ${noun[0]} is not listed.` : `${formatCount(rest)} more ${noun[1]} are not listed.`} {note}{' '}
      <button type="button" className="button button--small" onClick={onMore}>
        Show {next === 1 ? `1 more ${noun[0]}` : `${formatCount(next)} more ${noun[1]}`}
      </button>
    </p>
  );
}
