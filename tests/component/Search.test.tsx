import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../src/domain/search';
import { SearchDialog } from '../../src/ui/search/SearchDialog';
import { findShortcut } from '../../src/ui/shortcuts';
import { ViewBar } from '../../src/ui/views/ViewBar';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

function setup(ui: 'search' | 'bar') {
  const doc = teamDoc();
  doc.stakeholders.tom = { ...doc.stakeholders.tom, title: 'Sales lead', department: 'Sales', tags: ['mentor'] };
  doc.stakeholders.priya = { ...doc.stakeholders.priya, department: 'Engineering' };
  const services = makeServices(doc);
  dispose = services.dispose;
  if (ui === 'search') services.store.getState().setSearchOpen(true);
  services.renderUi(<ReactFlowProvider>{ui === 'search' ? <SearchDialog /> : <ViewBar />}</ReactFlowProvider>);
  return { ...services, user: userEvent.setup() };
}

describe('Find a person', () => {
  it('opens on Ctrl/Cmd+K and F', () => {
    expect(findShortcut(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))?.action).toBe('search');
    expect(findShortcut(new KeyboardEvent('keydown', { key: 'k', metaKey: true }))?.action).toBe('search');
    expect(findShortcut(new KeyboardEvent('keydown', { key: 'f' }))?.action).toBe('search');
    expect(findShortcut(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true }))?.action).not.toBe('search');
  });

  it('finds people by name, title, department or tag', async () => {
    const { user } = setup('search');
    const input = screen.getByRole('combobox', { name: 'Search people' });
    expect(input).toHaveFocus();
    await user.type(input, 'mentor');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('Tom')]);
    expect(screen.getByRole('option')).toHaveTextContent('tag: mentor');
    await user.clear(input);
    await user.type(input, 'sales');
    expect(screen.getByRole('option')).toHaveTextContent('Sales lead · Sales');
    await user.clear(input);
    await user.type(input, 'zzz');
    expect(screen.getByText('Nobody matches “zzz”.')).toBeInTheDocument();
  });

  it('arrow keys and Enter jump to the person: selected, dialog closed', async () => {
    const { user, store } = setup('search');
    const input = screen.getByRole('combobox', { name: 'Search people' });
    await user.type(input, 'a');
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(1);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[1].id);
    const name = screen.getAllByRole('option')[1].querySelector('.search__name')!.textContent;
    await user.keyboard('{Enter}');
    expect(store.getState().searchOpen).toBe(false);
    const id = [...store.getState().selectedNodes][0];
    expect(store.getState().doc!.stakeholders[id].name).toBe(name);
  });
});

describe('Filters', () => {
  it('filter choices update the store; the chip bar shows them and clears them', async () => {
    const { user, store } = setup('bar');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    const panel = screen.getByRole('dialog', { name: 'Filters' });
    await user.click(within(panel).getByRole('checkbox', { name: 'Sales' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'Manager' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'Trust' }));
    expect(store.getState().filters).toEqual({ departments: ['Sales'], seniority: [2], tieKinds: ['trust'] });
    expect(within(panel).getByRole('status')).toHaveTextContent('1 of 3 people shown');
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(chips).toHaveTextContent('Department: Sales · Seniority: Manager · Ties: Trust');
    await user.click(within(chips).getByRole('button', { name: 'Clear filters' }));
    expect(store.getState().filters).toBe(NO_FILTERS);
    expect(screen.queryByRole('region', { name: 'Active filters' })).not.toBeInTheDocument();
  });

  it('the popover closes on Escape', async () => {
    const { user } = setup('bar');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Filters' })).getByRole('checkbox', { name: 'Blocker' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Filters' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Filter/ })).toHaveAttribute('aria-expanded', 'false');
  });
});

describe('View control', () => {
  it('switches views and shows focus controls in Focus', async () => {
    const { user, store } = setup('bar');
    const group = screen.getByRole('radiogroup', { name: 'View' });
    expect(within(group).getByRole('radio', { name: 'Network' })).toHaveAttribute('aria-checked', 'true');
    await user.click(within(group).getByRole('radio', { name: 'Power–interest grid' }));
    expect(store.getState().view).toBe('grid');
    await user.click(within(group).getByRole('radio', { name: 'Me at the centre' }));
    expect(store.getState().view).toBe('ego');
    expect(screen.queryByRole('group', { name: 'Focus' })).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Focus' }));
    const focus = screen.getByRole('group', { name: 'Focus' });
    expect(within(focus).getByText('Pick a person, or select a card.')).toBeInTheDocument();
    await user.selectOptions(within(focus).getByRole('combobox', { name: 'Focus on' }), 'Tom');
    expect(store.getState()).toMatchObject({ focusId: 'tom' });
    await user.click(within(focus).getByRole('radio', { name: '2 steps' }));
    await user.click(within(focus).getByRole('radio', { name: 'Out' }));
    expect(store.getState()).toMatchObject({ focusSteps: 2, focusDirection: 'out' });
    act(() => store.getState().setView('network'));
    expect(screen.queryByRole('group', { name: 'Focus' })).not.toBeInTheDocument();
  });
});
