import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStakeholder } from '../../src/domain/factories';
import { addDays, localDate } from '../../src/domain/nurture';
import type { Interaction } from '../../src/domain/types';
import { Inspector } from '../../src/ui/Inspector';
import { FadingTiesPanel } from '../../src/ui/network/FadingTiesPanel';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

// The Inspector reads today's date itself, so the log is written relative to today.
const TODAY = localDate();
const log = (...daysAgo: number[]): Interaction[] => daysAgo.map((d, i) => ({ id: `i${i}`, date: addDays(TODAY, -d), kind: 'meeting', note: '' }));

/**
 * Priya is Me. Tom (tied to her, every 30 days) met her monthly until 63 days ago: at risk.
 * Ann (tension tie to Priya, Senior leader: 30 days by default) once, 10 days ago: fading.
 * Zoe has no tie to Me.
 */
function setup(select: string[]) {
  const doc = teamDoc();
  doc.map.meId = 'priya';
  doc.stakeholders.tom = { ...doc.stakeholders.tom, cadenceDays: 30, interactions: log(200, 170, 140, 110, 63) };
  doc.stakeholders.ann = { ...doc.stakeholders.ann, interactions: log(10) };
  doc.stakeholders.zoe = createStakeholder({ id: 'zoe', name: 'Zoe', interactions: log(400) });
  const services = makeServices(doc);
  dispose = services.dispose;
  services.store.getState().select(select);
  services.renderUi(
    <ReactFlowProvider>
      <Inspector />
      <FadingTiesPanel today={TODAY} />
    </ReactFlowProvider>,
  );
  return { ...services, user: userEvent.setup() };
}

const TOM_REASON = 'Last spoke 63 days ago; you usually meet monthly; you aim for every 30 days.';

describe('relationship health in Details', () => {
  it('gives the health and the reason in words', () => {
    setup(['tom']);
    const line = within(screen.getByRole('region', { name: 'Relationship' })).getByTestId('relationship-health');
    expect(line).toHaveTextContent(`At risk ${TOM_REASON}`);
  });

  it('says a tie with no catch-up logged has no health yet', () => {
    const { store } = setup(['tom']);
    act(() => store.getState().edit((d) => ({ ...d, stakeholders: { ...d.stakeholders, tom: { ...d.stakeholders.tom, interactions: [] } } })));
    expect(screen.getByTestId('relationship-health')).toHaveTextContent('Your tie has no health yet: log a catch-up to see how it is doing.');
  });

  it('has no health line for a person without a tie to Me', () => {
    setup(['zoe']);
    expect(screen.getByRole('region', { name: 'Relationship' })).toBeInTheDocument();
    expect(screen.queryByTestId('relationship-health')).not.toBeInTheDocument();
  });
});

describe('Fading ties in My network', () => {
  it('lists at-risk ties first with the same words and numbers as Details', () => {
    setup(['tom']);
    const list = screen.getByRole('list', { name: 'Fading ties' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.person-link')?.textContent)).toEqual(['Tom', 'Ann']);
    expect(items[0]).toHaveTextContent('At risk');
    expect(items[0]).toHaveTextContent(TOM_REASON);
    expect(items[1]).toHaveTextContent('Fading');
    expect(items[1]).toHaveTextContent('Last spoke 10 days ago; 1 catch-up in the last 90 days; you aim for every 30 days.');
    expect(screen.getByRole('region', { name: 'Fading ties' })).toHaveTextContent('1 tie at risk, 1 tie fading.');
    // Details says the same about Tom.
    expect(screen.getByTestId('relationship-health')).toHaveTextContent(TOM_REASON);
  });

  it('logging a catch-up from the list makes the tie strong, and it leaves the list', async () => {
    const { user, store } = setup(['tom']);
    await user.click(screen.getByRole('button', { name: 'Log a catch-up with Tom' }));
    const dialog = screen.getByRole('dialog', { name: 'Log a catch-up with Tom' });
    await user.click(within(dialog).getByRole('button', { name: 'Log catch-up' }));
    expect(store.getState().doc!.stakeholders.tom.interactions).toHaveLength(6);
    const list = screen.getByRole('list', { name: 'Fading ties' });
    expect(within(list).getAllByRole('listitem').map((i) => i.querySelector('.person-link')?.textContent)).toEqual(['Ann']);
    expect(screen.getByTestId('relationship-health')).toHaveTextContent('Strong Last spoke today; you usually meet monthly; you aim for every 30 days.');
  });

  it('asks for a Me first', () => {
    const { store } = setup([]);
    act(() => store.getState().setMe(null));
    expect(screen.getByRole('region', { name: 'Fading ties' })).toHaveTextContent('Mark yourself as Me');
  });
});
