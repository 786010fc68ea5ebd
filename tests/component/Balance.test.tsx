import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import { BalancePanel } from '../../src/ui/network/BalancePanel';
import { makeServices } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** Me (IC, Eng) trusts Pia (IC, Eng); Pia advises Max (Manager, Eng); Max advises the CEO (Exec). */
function doc(withMe = true) {
  const d = documentFrom(
    { ...createMapMeta('Balance', 1), meId: withMe ? 'me' : null },
    [
      createStakeholder({ id: 'me', name: 'Mo', department: 'Engineering', seniority: 3 }),
      createStakeholder({ id: 'pia', name: 'Pia', department: 'Engineering', seniority: 3 }),
      createStakeholder({ id: 'max', name: 'Max', department: 'Engineering', seniority: 2 }),
      createStakeholder({ id: 'ceo', name: 'Cleo', title: 'CEO', department: 'Executive', seniority: 0 }),
    ],
    [
      createTie('me', 'pia', 'trust', { id: 'a', strength: 3, mutual: true }),
      createTie('pia', 'max', 'influence', { id: 'b', strength: 2 }),
      createTie('max', 'ceo', 'influence', { id: 'c', strength: 2 }),
    ],
  );
  return d;
}

function setup(withMe = true) {
  const services = makeServices(doc(withMe));
  dispose = services.dispose;
  services.renderUi(
    <ReactFlowProvider>
      <BalancePanel />
    </ReactFlowProvider>,
  );
  return { ...services, user: userEvent.setup() };
}

describe('My network balance', () => {
  it('explains how to set a Me when there is none', () => {
    const { store } = setup(false);
    expect(screen.getByRole('region', { name: 'My network balance' })).toHaveTextContent('Mark yourself as Me');
    expect(screen.queryByRole('region', { name: 'Blind spots' })).not.toBeInTheDocument();
    act(() => store.getState().setMe('me'));
    expect(screen.getByRole('region', { name: 'Blind spots' })).toBeInTheDocument();
  });

  it('shows findings and my ties by seniority and department against the map', () => {
    setup();
    const region = screen.getByRole('region', { name: 'My network balance' });
    expect(region).toHaveTextContent('Mo is tied to 1 of 3 people');
    const findings = within(region).getByRole('list', { name: 'Findings' });
    expect(findings).toHaveTextContent('All of your ties are with peers, who make up 33% of the people on this map.');
    expect(findings).toHaveTextContent('You have no tie to anyone more senior than you (2 on this map).');
    expect(findings).toHaveTextContent('You have no tie to anyone in Executive.');
    expect(findings).toHaveTextContent('The one senior leader is not within two steps of you.');
    const seniority = within(region).getByRole('figure', { name: 'By seniority' });
    const rows = within(seniority).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('More senior: 0% of your ties, 67% of the map');
    expect(rows[1]).toHaveTextContent('Peers: 100% of your ties, 33% of the map');
    const departments = within(region).getByRole('figure', { name: 'By department' });
    const depts = within(departments).getAllByRole('listitem');
    expect(depts).toHaveLength(2);
    expect(depts[0]).toHaveTextContent('Engineering: 100% of your ties, 67% of the map');
    expect(depts[1]).toHaveTextContent('Executive: 0% of your ties, 33% of the map');
  });

  it('lists blind spots with the best introduction path and shows it on the map', async () => {
    const { user, store } = setup();
    const spots = screen.getByRole('region', { name: 'Blind spots' });
    const items = within(spots).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Cleo');
    expect(items[0]).toHaveTextContent('CEO · 3 steps away');
    expect(items[0]).toHaveTextContent('Ask Pia, who advises Max, who advises Cleo.');
    expect(items[1]).toHaveTextContent('Executive');
    expect(items[1]).toHaveTextContent('1 person · nearest is 3 steps away');
    store.getState().setView('grid');
    await user.click(within(items[0]).getByRole('button', { name: 'Show the path to Cleo on the map' }));
    expect(store.getState()).toMatchObject({ pathTarget: 'ceo', lens: 'path', view: 'network' });
  });

  it('has no blind spots when everyone is within two steps', () => {
    const { store } = setup();
    act(() => store.getState().connect('me', 'ceo', 'trust'));
    expect(screen.getByRole('region', { name: 'Blind spots' })).toHaveTextContent('None: every senior leader and department is within two steps of you.');
  });
});
