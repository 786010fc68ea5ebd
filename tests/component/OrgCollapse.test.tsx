import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import { addTieKind } from '../../src/domain/tie-kinds';
import type { MapDocument } from '../../src/domain/types';
import { Inspector } from '../../src/ui/Inspector';
import { NodeContextMenu } from '../../src/ui/nurture/NodeContextMenu';
import { ViewBar } from '../../src/ui/views/ViewBar';
import { makeServices } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/**
 * Cleo heads the company; Bo reports to her; Ann and Dan report to Bo, Dan through the map's own
 * "Line manager" kind (counts as a reporting line); Eve is only Bo's mentor (shown only).
 */
function orgDoc(): MapDocument {
  const base = documentFrom(
    createMapMeta('Org', 1_000),
    ['cleo', 'bo', 'ann', 'dan', 'eve'].map((id) => createStakeholder({ id, name: id[0].toUpperCase() + id.slice(1) })),
    [createTie('bo', 'cleo', 'reports-to', { id: 't1' }), createTie('ann', 'bo', 'reports-to', { id: 't2' })],
  );
  const line = addTieKind(base, { name: 'Line manager', meaning: 'reports-to' });
  if (!line.ok) throw new Error(line.error);
  const mentor = addTieKind(line.doc, { name: 'Mentor', meaning: 'shown' });
  if (!mentor.ok) throw new Error(mentor.error);
  const ties = Object.assign(Object.create(null) as MapDocument['ties'], mentor.doc.ties, {
    t3: createTie('dan', 'bo', line.id, { id: 't3' }),
    t4: createTie('eve', 'bo', mentor.id, { id: 't4' }),
  });
  return { ...mentor.doc, ties };
}

function setup() {
  const services = makeServices(orgDoc());
  dispose = services.dispose;
  services.renderUi(
    <ReactFlowProvider>
      <ViewBar />
      <NodeContextMenu />
      <Inspector />
    </ReactFlowProvider>,
  );
  return services;
}

describe('collapsing a team', () => {
  it('from the card menu: hides the team as view state, never an undo step, and expands again', async () => {
    const { store } = setup();
    act(() => store.getState().select(['ann']));
    const undoSteps = store.temporal.getState().pastStates.length;
    const doc = store.getState().doc;
    act(() => store.getState().openContextMenu({ id: 'bo', x: 10, y: 10 }));
    // Ann, and Dan through a kind that counts as a reporting line; not Eve, whose tie is shown only.
    await userEvent.click(screen.getByRole('menuitem', { name: 'Collapse team (2 people)' }));
    expect([...store.getState().collapsed]).toEqual(['bo']);
    expect(store.getState().doc).toBe(doc);
    expect(store.temporal.getState().pastStates.length).toBe(undoSteps);
    // Ann went out of sight, so she is no longer selected (a Delete must not reach her).
    expect(store.getState().selectedNodes.has('ann')).toBe(false);
    expect(screen.queryByRole('menu')).toBeNull();

    act(() => store.getState().openContextMenu({ id: 'bo', x: 10, y: 10 }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Expand team' }));
    expect(store.getState().collapsed.size).toBe(0);
  });

  it('the card menu of someone without a team has no team item', () => {
    const { store } = setup();
    act(() => store.getState().openContextMenu({ id: 'eve', x: 10, y: 10 }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /team/ })).toBeNull();
  });

  it('from Details: the button counts the whole team and toggles', async () => {
    const { store } = setup();
    act(() => store.getState().select(['cleo']));
    await userEvent.click(screen.getByRole('button', { name: 'Collapse team (3 people)' }));
    expect(store.getState().collapsed.has('cleo')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Expand team' }));
    expect(store.getState().collapsed.has('cleo')).toBe(false);
    act(() => store.getState().select(['ann']));
    expect(screen.queryByRole('button', { name: /team/ })).toBeNull();
  });

  it('Show levels collapses below the chosen level; All shows everyone', async () => {
    const { store } = setup();
    const levels = screen.getByRole('combobox', { name: 'Show levels' });
    await userEvent.selectOptions(levels, '2');
    expect([...store.getState().collapsed]).toEqual(['bo']);
    await userEvent.selectOptions(levels, '1');
    expect([...store.getState().collapsed].sort()).toEqual(['bo', 'cleo']);
    // A team opened by hand: the control says the view is no longer a plain level cut.
    act(() => store.getState().expandTeam('cleo'));
    expect(levels).toHaveValue('custom');
    await userEvent.selectOptions(levels, 'all');
    expect(store.getState().collapsed.size).toBe(0);
  });
});
