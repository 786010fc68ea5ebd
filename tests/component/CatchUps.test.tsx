import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisResult } from '../../src/analysis/types';
import { parseIcs, icsText } from '../../src/io/ics';
import { CatchUpsPanel, RepairList } from '../../src/ui/network/CatchUpsPanel';
import { makeServices, teamDoc } from './helpers';

const downloads = vi.hoisted(() => [] as { text: string; name: string; type: string }[]);
vi.mock('../../src/ui/download', () => ({
  downloadText: (text: string, name: string, type: string) => downloads.push({ text, name, type }),
}));

const TODAY = '2025-03-10';
let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  downloads.length = 0;
});

/** Priya last spoke 60 days ago (every 45 days: overdue); Ann is a senior leader never contacted (due today). */
function setup() {
  const doc = teamDoc();
  doc.stakeholders.priya = { ...doc.stakeholders.priya, interactions: [{ id: 'i1', date: '2025-01-09', kind: 'coffee', note: '' }] };
  const services = makeServices(doc);
  dispose = services.dispose;
  services.renderUi(
    <ReactFlowProvider>
      <CatchUpsPanel today={TODAY} />
      <RepairList />
    </ReactFlowProvider>,
  );
  return { ...services, doc: () => services.store.getState().doc!, user: userEvent.setup() };
}

describe('Catch-ups due', () => {
  it('lists overdue people first, then those due this week, each with why', () => {
    setup();
    const overdue = screen.getByRole('list', { name: 'Overdue catch-ups' });
    const items = within(overdue).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Priya');
    expect(items[0]).toHaveTextContent('Overdue 15 days');
    expect(items[0]).toHaveTextContent('last spoke 60 days ago; you aim for every 45 days');
    const soon = screen.getByRole('list', { name: 'Catch-ups due this week' });
    expect(within(soon).getByRole('listitem')).toHaveTextContent('Ann');
    expect(within(soon).getByRole('listitem')).toHaveTextContent('Due today');
    expect(within(soon).getByRole('listitem')).toHaveTextContent('not contacted yet; a senior leader (Senior leader)');
    expect(screen.queryByText('Tom')).not.toBeInTheDocument();
  });

  it('adds why from the analysis: whom the person advises', () => {
    const { store } = setup();
    const analysis = { advisors: [{ id: 'priya', leaders: [{ leaderId: 'ann', strength: 3, via: 'influence', informal: true }], leaderCount: 1, informalLeaderCount: 1, totalStrength: 3 }] } as unknown as AnalysisResult;
    act(() => store.getState().setAnalysis(analysis, 'ready'));
    expect(screen.getByRole('list', { name: 'Overdue catch-ups' })).toHaveTextContent('advises Ann');
  });

  it('snoozes for 7 days in one click', async () => {
    const { user, doc, store } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze Priya for 7 days' }));
    expect(doc().stakeholders.priya.nextFollowUp).toBe('2025-03-17');
    expect(screen.queryByRole('list', { name: 'Overdue catch-ups' })).not.toBeInTheDocument();
    act(() => store.getState().undo());
    expect(screen.getByRole('list', { name: 'Overdue catch-ups' })).toBeInTheDocument();
  });

  it('a snoozed catch-up leaves this week\'s list', async () => {
    const { user, doc } = setup();
    await user.click(screen.getByRole('button', { name: 'Snooze Ann for 7 days' }));
    expect(doc().stakeholders.ann.nextFollowUp).toBe('2025-03-17');
    expect(screen.queryByRole('list', { name: 'Catch-ups due this week' })).not.toBeInTheDocument();
  });

  it('logs a catch-up in one click plus the dialog, dated today', async () => {
    const { user, doc } = setup();
    await user.click(screen.getByRole('button', { name: 'Log a catch-up with Ann' }));
    const dialog = screen.getByRole('dialog', { name: 'Log a catch-up with Ann' });
    expect(within(dialog).getByLabelText('Date')).toHaveValue(TODAY);
    await user.click(within(dialog).getByRole('button', { name: 'Log catch-up' }));
    expect(doc().stakeholders.ann.interactions).toEqual([expect.objectContaining({ date: TODAY })]);
    // Ann is now due in 30 days: gone from the list.
    expect(screen.queryByRole('list', { name: 'Catch-ups due this week' })).not.toBeInTheDocument();
  });

  it('exports the follow-ups as a valid .ics file', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Export follow-ups (.ics)' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('Team follow-ups.ics');
    expect(downloads[0].type).toMatch(/^text\/calendar/);
    const [cal] = parseIcs(downloads[0].text);
    const events = cal.components.filter((c) => c.name === 'VEVENT');
    // Tom was never contacted and is not a senior leader: nothing to remind.
    expect(events.map((e) => icsText(e, 'SUMMARY'))).toEqual(['Catch up with Priya', 'Catch up with Ann']);
    expect(icsText(events[0], 'DESCRIPTION')).toContain('Overdue by 15 days');
  });
});

describe('Relationships to repair', () => {
  it('lists tension ties with an editable next step and the last attempt', async () => {
    const { user, doc, store } = setup();
    const section = screen.getByRole('region', { name: 'Relationships to repair' });
    expect(section).toHaveTextContent('Ann and Priya have a strained relationship');
    expect(section).toHaveTextContent('Last attempt 2025-01-09');
    const step = within(section).getByLabelText('Next step');
    await user.type(step, 'Ask for feedback');
    expect(doc().ties.t3.note).toBe('Ask for feedback');
    // Typing is one undo step.
    act(() => store.getState().undo());
    expect(doc().ties.t3.note).toBe('');
  });
});

describe('My network in view-only mode', () => {
  it('turns off Log, Snooze and the next step, saying why, and changes nothing', async () => {
    const { user, doc, store } = setup();
    act(() => store.getState().setReadOnly(true));
    const before = doc();
    for (const name of ['Snooze Priya for 7 days', 'Log a catch-up with Priya', 'Log a catch-up with Ann']) {
      for (const button of screen.getAllByRole('button', { name })) {
        expect(button).toBeDisabled();
        expect(button).toHaveAttribute('title', 'View only: this map cannot be changed here');
      }
    }
    const step = within(screen.getByRole('region', { name: 'Relationships to repair' })).getByLabelText('Next step');
    expect(step).toHaveAttribute('readonly');
    expect(step).toHaveAttribute('title', 'View only: this map cannot be changed here');
    await user.click(screen.getByRole('button', { name: 'Snooze Priya for 7 days' }));
    await user.type(step, 'x');
    expect(doc()).toBe(before);
    expect(screen.queryByText(/Snoozed/)).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
