import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CalendarEvent } from '../../src/domain/calendar-import';
import { createMapDocument, createStakeholder } from '../../src/domain/factories';
import { CalendarImportDialog, ROWS_SHOWN } from '../../src/ui/import/CalendarImportDialog';
import { makeServices } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** Each test renders 50-110 rows of pickers and checkboxes several times: 2-4 s in jsdom on a quiet
 *  machine, 10 s on a loaded one, over the default 5 s. */
const JSDOM_RENDERS = 30_000;

/** 60 meetings in January 2025, each with Me and one of 55 colleagues (two on the map). */
function setup() {
  const doc = createMapDocument('Work', 0);
  for (const p of [createStakeholder({ id: 'me', name: 'Me Myself', email: 'me@acme.example' }), createStakeholder({ id: 'c1', name: 'Colleague 1', email: 'c1@acme.example' }), createStakeholder({ id: 'c2', name: 'Colleague 2', email: 'c2@acme.example' })]) doc.stakeholders[p.id] = p;
  doc.map.meId = 'me';
  const events: CalendarEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const date = `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    events.push({ key: `m${i}`, line: 10 + i, date, start: `${date}T09:00:00.000Z`, title: `Meeting ${i}`, cancelled: false, attendees: [{ name: 'Me Myself', email: 'me@acme.example', partstat: 'ACCEPTED' }, { name: `Colleague ${i % 55}`, email: `c${i % 55}@acme.example`, partstat: 'ACCEPTED' }] });
  }
  const services = makeServices(doc);
  dispose = services.dispose;
  const onApply = vi.fn();
  services.renderUi(<CalendarImportDialog fileName="cal.ics" events={events} problems={[]} calendarName="" doc={doc} onCancel={() => {}} onApply={onApply} />);
  return { onApply };
}

describe('Calendar preview of a long calendar', () => {
  it('lists the first 50 meetings and people, says how many more follow the same rules, and lists more on request', () => {
    const { onApply } = setup();
    // As a date picker sets the fields (typing goes through invalid dates on the way).
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-31' } });
    expect(screen.getByTestId('calendar-summary')).toHaveTextContent('60 meetings in the range, 60 included: 4 catch-ups for 2 people.');
    // (Plain DOM queries for the counts: role queries over 50 table rows of pickers are slow in jsdom.)
    const section = (name: string) => document.querySelector<HTMLElement>(`section[aria-label="${name}"]`)!;
    const meetings = section('Meetings');
    const listed = () => meetings.querySelectorAll('input[type="checkbox"]').length;
    expect(listed()).toBe(ROWS_SHOWN);
    expect(meetings).toHaveTextContent('10 more meetings are not listed. They follow the same rules.');
    fireEvent.click(within(meetings).getByRole('button', { name: 'Show 10 more meetings' }));
    expect(listed()).toBe(60);
    expect(within(meetings).queryByRole('button', { name: /Show/ })).toBeNull();

    const people = section('People in these meetings');
    const rows = () => people.querySelectorAll('tbody tr').length;
    expect(rows()).toBe(ROWS_SHOWN);
    expect(people).toHaveTextContent('5 more people are not listed. They follow the same rules: matched people are logged, the others skipped.');
    fireEvent.click(within(people).getByRole('button', { name: 'Show 5 more people' }));
    expect(rows()).toBe(55);

    // Rows not listed follow the same rules: the meetings with the two people on the map are logged.
    fireEvent.click(screen.getByRole('button', { name: 'Log meetings' }));
    expect(onApply).toHaveBeenCalledOnce();
    const [plan, choices] = onApply.mock.calls[0] as [{ meetings: unknown[] }, { people: Map<string, { action: string }> }];
    expect(plan.meetings).toHaveLength(60);
    expect([...choices.people.values()].filter((c) => c.action === 'match')).toHaveLength(2);
  }, JSDOM_RENDERS);
});

describe('Calendar preview by keyboard', () => {
  it('takes the meeting list as one Tab stop, moves within it by arrow keys, and keeps it one stop after more are listed', async () => {
    setup();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-31' } });
    const list = screen.getByRole('list', { name: 'Meetings to log' });
    const boxes = () => [...list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const tabbable = () => boxes().filter((b) => b.tabIndex === 0);
    expect(boxes()).toHaveLength(ROWS_SHOWN);
    expect(tabbable()).toEqual([boxes()[0]]);
    boxes()[0].focus();
    fireEvent.keyDown(boxes()[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(boxes()[1]);
    expect(tabbable()).toEqual([boxes()[1]]);
    fireEvent.keyDown(boxes()[1], { key: 'End' });
    expect(document.activeElement).toBe(boxes()[ROWS_SHOWN - 1]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(boxes()[0]);
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more meetings' }));
    expect(boxes()).toHaveLength(60);
    expect(tabbable()).toEqual([boxes()[0]]);
    // The list is one stop: from its checkbox, the next stop is outside it.
    const stops = [...document.querySelectorAll<HTMLElement>('input, button, select, [tabindex]')].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled);
    expect(stops.filter((el) => list.contains(el))).toHaveLength(1);
  }, JSDOM_RENDERS);
});
