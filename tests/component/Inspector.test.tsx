import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { levelName } from '../../src/domain/describe';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';
import type { EditorStoreApi } from '../../src/state/store';
import { Inspector } from '../../src/ui/Inspector';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** P0 tied to P1..P(n/2) by influence, and ties between the others up to n ties in all. */
function manyTiesDoc(ties: number): MapDocument {
  const count = Math.ceil(ties / 2) + 2;
  const people = Array.from({ length: count }, (_, i) => createStakeholder({ id: `p${i}`, name: `P${i}` }));
  const list = Array.from({ length: ties }, (_, i) => (i % 2 === 0 ? createTie('p0', `p${i / 2 + 1}`, 'influence', { id: `t${i}` }) : createTie(`p${(i + 1) / 2}`, `p${(i + 1) / 2 + 1}`, 'trust', { id: `t${i}` })));
  return documentFrom(createMapMeta('Big', 1_000), people, list);
}

function setup(select?: { nodes?: string[]; ties?: string[] }, prepare?: (store: EditorStoreApi) => void) {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  if (select) services.store.getState().select(select.nodes ?? [], select.ties ?? []);
  prepare?.(services.store);
  services.renderUi(<Inspector />);
  const doc = () => services.store.getState().doc!;
  return { ...services, doc, user: userEvent.setup() };
}

describe('Inspector for a person', () => {
  it('names what the tie count counts, so it matches the Metrics table\'s Contacts (issue 10)', () => {
    setup({ nodes: ['tom'] });
    // Tom: Priya's influence (1 contact) and his reporting line to Ann; before: just "2 ties".
    expect(screen.getByText('2 ties: 1 of influence or trust (1 contact), 1 reporting line')).toBeInTheDocument();
  });

  it('on a map of over 20,000 ties, counts a person\'s ties after the panel shows, then says the count', async () => {
    const services = makeServices(manyTiesDoc(20_001));
    dispose = services.dispose;
    services.store.getState().select(['p0']);
    services.renderUi(<Inspector />);
    expect(screen.getByRole('heading', { name: 'P0' })).toBeInTheDocument();
    expect(screen.getByText('Counting ties…')).toBeInTheDocument();
    // Every other tie is P0's (influence to P1..), the rest join other people.
    expect(await screen.findByText('10,001 ties: 10,001 of influence or trust (10,001 contacts)')).toBeInTheDocument();
  });

  it('typing a name updates the person, as one undo step', async () => {
    const { user, doc, store } = setup({ nodes: ['tom'] });
    const name = screen.getByLabelText('Name');
    expect(name).toHaveValue('Tom');
    await user.clear(name);
    await user.type(name, 'Tom Berg');
    expect(doc().stakeholders.tom.name).toBe('Tom Berg');
    expect(name).toHaveValue('Tom Berg');
    expect(screen.getByRole('heading', { name: 'Tom Berg' })).toBeInTheDocument();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    act(() => store.getState().undo());
    expect(doc().stakeholders.tom.name).toBe('Tom');
    expect(name).toHaveValue('Tom');
  });

  it('Title, Department and Notes update the person', async () => {
    const { user, doc } = setup({ nodes: ['tom'] });
    await user.type(screen.getByLabelText('Title'), 'Sales lead');
    await user.type(screen.getByLabelText('Department'), 'Sales');
    await user.type(screen.getByLabelText('Notes'), 'Likes data');
    expect(doc().stakeholders.tom).toMatchObject({ title: 'Sales lead', department: 'Sales', notes: 'Likes data' });
  });

  it('Seniority offers the map levels and sets the chosen one', async () => {
    const { user, doc } = setup({ nodes: ['tom'] });
    const seniority = screen.getByLabelText('Seniority');
    expect(within(seniority).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Executive (senior leadership)',
      'Senior leader (senior leadership)',
      'Manager',
      'Individual contributor',
    ]);
    await user.selectOptions(seniority, 'Executive (senior leadership)');
    expect(doc().stakeholders.tom.seniority).toBe(0);
    expect(seniority).toHaveValue('0');
  });

  it('Influence, Interest and Stance update the person', async () => {
    const { user, doc } = setup({ nodes: ['tom'] });
    await user.selectOptions(screen.getByLabelText('Influence'), '5');
    await user.selectOptions(screen.getByLabelText('Interest'), '1');
    await user.selectOptions(screen.getByLabelText('Stance'), 'Blocker');
    expect(doc().stakeholders.tom).toMatchObject({ influence: 5, interest: 1, stance: 'blocker' });
    expect(screen.getByLabelText('Stance')).toHaveValue('blocker');
  });

  it('Tags are comma-separated, and a trailing comma stays in the field while typing', async () => {
    const { user, doc } = setup({ nodes: ['tom'] });
    const tags = screen.getByLabelText('Tags');
    await user.type(tags, 'mentor, platform,');
    expect(doc().stakeholders.tom.tags).toEqual(['mentor', 'platform']);
    expect(tags).toHaveValue('mentor, platform,');
    await user.type(tags, ' sales');
    expect(doc().stakeholders.tom.tags).toEqual(['mentor', 'platform', 'sales']);
    expect(tags).toHaveValue('mentor, platform, sales');
  });

  it('Tags follow an undo', async () => {
    const { user, doc, store } = setup({ nodes: ['tom'] });
    const tags = screen.getByLabelText('Tags');
    await user.type(tags, 'mentor');
    act(() => store.getState().undo());
    expect(doc().stakeholders.tom.tags).toEqual([]);
    expect(screen.getByLabelText('Tags')).toHaveValue('');
  });

  it('Delete person removes them and their ties', async () => {
    const { user, doc } = setup({ nodes: ['tom'] });
    await user.click(screen.getByRole('button', { name: 'Delete person' }));
    expect(doc().stakeholders.tom).toBeUndefined();
    expect(Object.keys(doc().ties)).toEqual(['t3']);
    expect(screen.getByRole('heading', { name: 'Map settings' })).toBeInTheDocument();
  });
});

describe('Inspector for a tie', () => {
  it('reads the tie as a sentence and updates it with Strength', async () => {
    const { user, doc } = setup({ ties: ['t1'] });
    expect(screen.getByText('Priya influences Tom (strong)')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Strength'), '1');
    expect(doc().ties.t1.strength).toBe(1);
    expect(screen.getByText('Priya influences Tom (weak)')).toBeInTheDocument();
  });

  it('Kind changes the kind with its default direction, and Direction changes the direction', async () => {
    const { user, doc } = setup({ ties: ['t1'] });
    await user.selectOptions(screen.getByLabelText('Kind'), 'Trust');
    expect(doc().ties.t1).toMatchObject({ kind: 'trust', mutual: true });
    expect(screen.getByText('Priya and Tom trust each other (strong)')).toBeInTheDocument();
    const direction = screen.getByLabelText('Direction');
    expect(direction).toBeEnabled();
    await user.selectOptions(direction, 'one-way');
    expect(doc().ties.t1.mutual).toBe(false);
    expect(screen.getByText('Priya trusts Tom (strong)')).toBeInTheDocument();
    expect(within(direction).getByRole('option', { name: 'One-way (Priya → Tom)' })).toBeInTheDocument();
  });

  it('Swap direction turns a one-way tie around', async () => {
    const { user, doc } = setup({ ties: ['t1'] });
    await user.click(screen.getByRole('button', { name: 'Swap direction' }));
    expect(doc().ties.t1).toMatchObject({ source: 'tom', target: 'priya' });
    expect(screen.getByText('Tom influences Priya (strong)')).toBeInTheDocument();
  });

  it('Direction is fixed for a reporting line and for tension', () => {
    const { store } = setup({ ties: ['t2'] });
    expect(screen.getByText('Tom reports to Ann')).toBeInTheDocument();
    expect(screen.getByLabelText('Direction')).toBeDisabled();
    expect(screen.getByText('A reporting line always points to the manager.')).toBeInTheDocument();
    act(() => store.getState().select([], ['t3']));
    expect(screen.getByText('Ann and Priya have a strained relationship (moderate)')).toBeInTheDocument();
    expect(screen.getByLabelText('Direction')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Swap direction' })).toBeDisabled();
  });

  it('changing the kind to Reports to makes it one-way', async () => {
    const { user, doc } = setup({ ties: ['t3'] });
    await user.selectOptions(screen.getByLabelText('Kind'), 'Reports to');
    expect(doc().ties.t3).toMatchObject({ kind: 'reports-to', mutual: false });
    expect(screen.getByText('Ann reports to Priya')).toBeInTheDocument();
    expect(screen.getByLabelText('Direction')).toBeDisabled();
  });

  it('a kind change that would duplicate another tie is refused with a message', async () => {
    const { user, doc, store } = setup({}, (store) => {
      store.getState().connect('priya', 'tom', 'trust');
      store.getState().select([], Object.keys(store.getState().doc!.ties).filter((id) => !['t1', 't2', 't3'].includes(id)));
    });
    const [id] = store.getState().selectedTies;
    expect(screen.getByText('Priya and Tom trust each other (moderate)')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Kind'), 'Influence');
    expect(doc().ties[id].kind).toBe('trust');
    expect(store.getState().notice).toMatchObject({ tone: 'error', text: expect.stringMatching(/already/) });
    expect(screen.getByLabelText('Kind')).toHaveValue('trust');
  });
});

describe('Inspector with nothing selected', () => {
  it('shows the map settings', () => {
    setup();
    expect(screen.getByRole('heading', { name: 'Map settings' })).toBeInTheDocument();
    expect(screen.getByText(/3 people, 3 ties/)).toBeInTheDocument();
    expect(screen.getByLabelText('Level 1 name')).toHaveValue('Executive');
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });

  it('"Me" can be chosen', async () => {
    const { user, doc } = setup();
    await user.selectOptions(screen.getByLabelText('Me'), 'Priya');
    expect(doc().map.meId).toBe('priya');
  });

  it('renaming a level renames it everywhere', async () => {
    const { user, doc } = setup();
    const level = screen.getByLabelText('Level 3 name');
    await user.clear(level);
    await user.type(level, 'Lead');
    expect(doc().map.settings.levels[2]).toBe('Lead');
    expect(levelName(doc().stakeholders.tom, doc().map.settings)).toBe('Lead');
  });

  it('removing a level keeps everyone else at the level they had', async () => {
    const { user, doc } = setup();
    // Tom and Priya are Managers; Ann is a Senior leader.
    await user.click(screen.getByRole('button', { name: 'Remove level Senior leader' }));
    expect(doc().map.settings.levels).toEqual(['Executive', 'Manager', 'Individual contributor']);
    expect(levelName(doc().stakeholders.tom, doc().map.settings)).toBe('Manager');
    expect(levelName(doc().stakeholders.priya, doc().map.settings)).toBe('Manager');
  });

  it('shows a summary when several things are selected', () => {
    setup({ nodes: ['tom', 'ann'], ties: ['t1'] });
    expect(screen.getByRole('heading', { name: '2 people and 1 tie selected' })).toBeInTheDocument();
  });
});
