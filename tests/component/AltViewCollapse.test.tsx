import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AltViewCanvas, type AltView } from '../../src/canvas/AltViewCanvas';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import type { Id, MapDocument } from '../../src/domain/types';
import { ViewBar } from '../../src/ui/views/ViewBar';
import { makeServices } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/**
 * Cleo heads the company; Bo reports to her; Ann and Dan report to Bo. Fay trusts Ann (her only
 * route to anyone). Ann and Cleo are not yet at their target stance.
 */
function orgDoc(meId: Id): MapDocument {
  const names: Record<Id, string> = { cleo: 'Cleo', bo: 'Bo', ann: 'Ann', dan: 'Dan', fay: 'Fay' };
  return documentFrom(
    { ...createMapMeta('Org', 1_000), meId },
    Object.entries(names).map(([id, name]) =>
      createStakeholder({ id, name, stance: 'neutral', ...(id === 'ann' || id === 'cleo' ? { targetStance: 'champion' as const } : {}) }),
    ),
    [
      createTie('bo', 'cleo', 'reports-to', { id: 't1' }),
      createTie('ann', 'bo', 'reports-to', { id: 't2' }),
      createTie('dan', 'bo', 'reports-to', { id: 't3' }),
      createTie('fay', 'ann', 'trust', { id: 't4' }),
    ],
  );
}

function setup(mode: AltView, meId: Id = 'cleo') {
  const services = makeServices(orgDoc(meId));
  dispose = services.dispose;
  const view = services.renderUi(
    <ReactFlowProvider>
      <ViewBar />
      <AltViewCanvas mode={mode} colorMode="light" />
    </ReactFlowProvider>,
  );
  return { ...services, view };
}

const drawnNames = (container: HTMLElement) => [...container.querySelectorAll('.react-flow__node .person__name-text')].map((e) => e.textContent).sort();
const ringLabels = (container: HTMLElement) => [...container.querySelectorAll('.ego-bg__label')].map((e) => e.textContent);

describe('collapsed teams in the other views', () => {
  it('the power/interest grid leaves the team out, badges the manager and counts only who is drawn', async () => {
    const { store, view } = setup('grid');
    await waitFor(() => expect(drawnNames(view.container)).toEqual(['Ann', 'Bo', 'Cleo', 'Dan', 'Fay']));
    expect(screen.getByRole('note', { name: 'Target stance legend' })).toHaveTextContent('2 people are not yet where you need them.');

    act(() => store.getState().collapseTeam('bo'));
    await waitFor(() => expect(drawnNames(view.container)).toEqual(['Bo', 'Cleo', 'Fay']));
    // Ann is out of sight, so the legend no longer counts her.
    expect(screen.getByRole('note', { name: 'Target stance legend' })).toHaveTextContent('1 person is not yet where you need them.');
    // The way back is on the chip and in the view bar.
    expect(screen.getByRole('combobox', { name: 'Show levels' })).toHaveValue('custom');
    const badge = screen.getByRole('button', { name: 'Expand team (2 people hidden)' });
    expect(badge).toHaveTextContent('+2');
    await userEvent.click(badge);
    expect(store.getState().collapsed.size).toBe(0);
    await waitFor(() => expect(drawnNames(view.container)).toEqual(['Ann', 'Bo', 'Cleo', 'Dan', 'Fay']));
  });

  it('Me at the centre leaves the team out but keeps routes through it', async () => {
    const { store, view } = setup('ego');
    await waitFor(() => expect(drawnNames(view.container)).toEqual(['Ann', 'Bo', 'Cleo', 'Dan', 'Fay']));
    expect(ringLabels(view.container)).toEqual(['1 step', '2 steps', '3 steps']);

    act(() => store.getState().setShowLevels(2));
    await waitFor(() => expect(drawnNames(view.container)).toEqual(['Bo', 'Cleo', 'Fay']));
    // Fay reaches Cleo only through Ann, who is hidden: she stays three steps away, not "No path to
    // you"; the ring of two steps has nobody drawn on it and goes.
    expect(ringLabels(view.container)).toEqual(['1 step', '3 steps']);
    expect(screen.getByRole('button', { name: 'Expand team (2 people hidden)' })).toBeInTheDocument();
    // No line is drawn to anyone hidden.
    expect(view.container.querySelectorAll('.react-flow__edge')).toHaveLength(1);
  });

  it('Me at the centre says so when Me is in a collapsed team', async () => {
    const { store, view } = setup('ego', 'ann');
    await waitFor(() => expect(drawnNames(view.container)).toHaveLength(5));
    act(() => store.getState().collapseTeam('bo'));
    await waitFor(() => expect(drawnNames(view.container)).toEqual([]));
    expect(screen.getByRole('note')).toHaveTextContent('You are in a collapsed team');
    expect(ringLabels(view.container)).toEqual([]);
  });
});
