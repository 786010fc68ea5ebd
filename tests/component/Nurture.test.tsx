import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/nurture';
import { Inspector } from '../../src/ui/Inspector';
import { NodeContextMenu } from '../../src/ui/nurture/NodeContextMenu';
import { NoticeToast } from '../../src/ui/NoticeToast';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
let current: ReturnType<typeof makeServices> | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

function setup(select: string[] = ['tom']) {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  current = services;
  services.store.getState().select(select);
  services.renderUi(
    <ReactFlowProvider>
      <Inspector />
      <NodeContextMenu />
      <NoticeToast />
    </ReactFlowProvider>,
  );
  const doc = () => services.store.getState().doc!;
  return { ...services, doc, user: userEvent.setup() };
}

describe('Relationship section in the Inspector', () => {
  it('shows the cadence default for the level as a placeholder and sets a cadence', async () => {
    const { user, doc } = setup();
    const section = screen.getByRole('region', { name: 'Relationship' });
    const cadence = within(section).getByLabelText('Cadence (days)');
    expect(cadence).toHaveAttribute('placeholder', '45');
    expect(within(section).getByTestId('last-contact')).toHaveTextContent('Never logged');
    await user.type(cadence, '20');
    expect(doc().stakeholders.tom.cadenceDays).toBe(20);
    expect(within(section).getByTestId('nurture-due')).toHaveTextContent('Next catch-up due today');
    await user.clear(cadence);
    expect(doc().stakeholders.tom.cadenceDays).toBeNull();
  });

  it('sets and clears the next follow-up date', () => {
    const { doc } = setup();
    const next = screen.getByLabelText('Next follow-up');
    fireEvent.change(next, { target: { value: '2031-05-04' } });
    expect(doc().stakeholders.tom.nextFollowUp).toBe('2031-05-04');
    expect(screen.getByTestId('nurture-due')).toHaveTextContent('2031-05-04');
    fireEvent.change(next, { target: { value: '' } });
    expect(doc().stakeholders.tom.nextFollowUp).toBeNull();
  });

  it('logs a catch-up through the dialog (today by default), as one undo step, and removes it', async () => {
    const { user, doc, store } = setup();
    await user.click(screen.getByRole('button', { name: 'Log a catch-up' }));
    const dialog = screen.getByRole('dialog', { name: 'Log a catch-up with Tom' });
    expect(within(dialog).getByLabelText('Date')).toHaveValue(localDate());
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'Meeting');
    await user.type(within(dialog).getByLabelText('Note'), 'Roadmap review; next: intro to Ann');
    const before = store.temporal.getState().pastStates.length;
    await user.click(within(dialog).getByRole('button', { name: 'Log catch-up' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(doc().stakeholders.tom.interactions).toEqual([expect.objectContaining({ date: localDate(), kind: 'meeting', note: 'Roadmap review; next: intro to Ann' })]);
    expect(store.temporal.getState().pastStates.length).toBe(before + 1);
    expect(screen.getByTestId('last-contact')).toHaveTextContent(`${localDate()} (today)`);
    expect(screen.getByRole('status')).toHaveTextContent('Logged a catch-up with Tom.');
    const log = screen.getByRole('list', { name: 'Interactions with Tom' });
    expect(within(log).getByText('Roadmap review; next: intro to Ann')).toBeInTheDocument();

    await user.click(within(log).getByRole('button', { name: `Remove the meeting on ${localDate()}` }));
    expect(doc().stakeholders.tom.interactions).toEqual([]);
    act(() => store.getState().undo());
    expect(doc().stakeholders.tom.interactions).toHaveLength(1);
    act(() => store.getState().undo());
    expect(doc().stakeholders.tom.interactions).toHaveLength(0);
  });

  it('refuses a catch-up without a valid date', async () => {
    const { user, doc } = setup();
    await user.click(screen.getByRole('button', { name: 'Log a catch-up' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '' } });
    await user.click(within(dialog).getByRole('button', { name: 'Log catch-up' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the catch-up a date');
    expect(doc().stakeholders.tom.interactions).toEqual([]);
  });

  it('says when a catch-up is overdue', () => {
    const { store } = setup();
    act(() => store.getState().edit((d) => ({ ...d, stakeholders: { ...d.stakeholders, tom: { ...d.stakeholders.tom, nextFollowUp: addDays(localDate(), -3) } } })));
    expect(screen.getByTestId('nurture-due')).toHaveTextContent('Catch-up overdue by 3 days');
  });

  it('is not shown for Me', () => {
    const { store } = setup();
    act(() => store.getState().setMe('tom'));
    expect(screen.queryByRole('region', { name: 'Relationship' })).not.toBeInTheDocument();
  });
});

describe('Card context menu', () => {
  // The canvas opens a card's menu through the store (right-click); so does this test.
  const open = (id: string) => act(() => current?.store.getState().openContextMenu({ id, x: 100, y: 120 }));

  it('offers the five actions, focused and closable with Escape', async () => {
    const { user } = setup([]);
    open('priya');
    const menu = screen.getByRole('menu', { name: 'Actions for Priya' });
    expect(within(menu).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Log a catch-up', 'Focus on this person', 'What if Priya leaves…', 'Mark as me', 'Delete']);
    expect(within(menu).getByRole('menuitem', { name: 'Log a catch-up' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitem', { name: 'Focus on this person' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('logs a catch-up from the menu', async () => {
    const { user, doc } = setup([]);
    open('priya');
    await user.click(screen.getByRole('menuitem', { name: 'Log a catch-up' }));
    const dialog = screen.getByRole('dialog', { name: 'Log a catch-up with Priya' });
    await user.click(within(dialog).getByRole('button', { name: 'Log catch-up' }));
    expect(doc().stakeholders.priya.interactions).toEqual([expect.objectContaining({ date: localDate(), kind: 'coffee' })]);
  });

  it('focuses, marks as me and deletes', async () => {
    const { user, doc, store } = setup([]);
    open('ann');
    await user.click(screen.getByRole('menuitem', { name: 'Focus on this person' }));
    expect(store.getState()).toMatchObject({ view: 'focus', focusId: 'ann' });
    open('ann');
    await user.click(screen.getByRole('menuitem', { name: 'Mark as me' }));
    expect(doc().map.meId).toBe('ann');
    open('tom');
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(doc().stakeholders.tom).toBeUndefined();
  });
});
