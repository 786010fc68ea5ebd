import { ReactFlowProvider } from '@xyflow/react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import { whatIfStore } from '../../src/state/what-if';
import { Inspector } from '../../src/ui/Inspector';
import { NodeContextMenu } from '../../src/ui/nurture/NodeContextMenu';
import { WhatIfPanel } from '../../src/ui/what-if/WhatIfPanel';
import { makeServices } from './helpers';

/** Me - Xan - Dee - Eli in a line of trust; Me also reaches Eli the long way round through Ana, Bo and Cy. */
function lineDoc() {
  const meta = createMapMeta('Line', 1_000);
  const people = ['me', 'xan', 'dee', 'eli', 'ana', 'bo', 'cy'].map((id) => createStakeholder({ id, name: id[0].toUpperCase() + id.slice(1) }));
  const pairs = [['me', 'xan'], ['xan', 'dee'], ['dee', 'eli'], ['me', 'ana'], ['ana', 'bo'], ['bo', 'cy'], ['cy', 'eli']];
  const doc = documentFrom(meta, people, pairs.map(([a, b], i) => createTie(a, b, 'trust', { id: `t${i}`, mutual: true })));
  return { ...doc, map: { ...doc.map, meId: 'me' } };
}

let dispose: (() => void) | null = null;
afterEach(() => {
  act(() => whatIfStore.getState().close());
  dispose?.();
  dispose = null;
});

describe('What-if panel', () => {
  it('shows the comparison, adds a second person, and never edits the map', async () => {
    const services = makeServices(lineDoc());
    dispose = services.dispose;
    const { store } = services;
    const docBefore = store.getState().doc;
    const undoSteps = store.temporal.getState().pastStates.length;
    services.renderUi(
      <ReactFlowProvider>
        <WhatIfPanel />
      </ReactFlowProvider>,
    );
    expect(screen.queryByRole('complementary')).toBeNull();
    act(() => whatIfStore.getState().start('xan'));
    const panel = await screen.findByRole('complementary', { name: 'What if Xan leaves?' });
    // Me -> Dee: 2 steps before (via Xan), 5 after (Ana, Bo, Cy, Eli, Dee). Eli: 3 -> 4.
    const longer = await within(panel).findByRole('list', { name: 'Longer routes' });
    expect(within(longer).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Dee 2 steps → 5 steps', 'Eli 3 steps → 4 steps']);
    expect(within(panel).getByRole('heading', { name: 'Longer routes from you (2)' })).toBeTruthy();
    expect(within(panel).getByRole('list', { name: 'What changes' }).textContent).toContain('Your route to 2 people would get longer; the most to Dee, from 2 steps to 5 steps.');

    await userEvent.selectOptions(within(panel).getByLabelText('Someone else leaves too'), 'Cy');
    const both = await screen.findByRole('complementary', { name: 'What if these 2 people leave?' });
    const gone = await within(both).findByRole('list', { name: 'No longer reachable' });
    expect(within(gone).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Dee 2 steps today, no route after', 'Eli 3 steps today, no route after']);

    await userEvent.click(within(both).getByRole('button', { name: 'Close what-if' }));
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(store.getState().doc).toBe(docBefore);
    expect(store.temporal.getState().pastStates.length).toBe(undoSteps);
  });

  it('closes when the person taken out is deleted from the map', async () => {
    const services = makeServices(lineDoc());
    dispose = services.dispose;
    services.renderUi(
      <ReactFlowProvider>
        <WhatIfPanel />
      </ReactFlowProvider>,
    );
    act(() => whatIfStore.getState().start('xan'));
    await screen.findByRole('complementary', { name: 'What if Xan leaves?' });
    act(() => {
      services.store.getState().select(['xan']);
      services.store.getState().deleteSelection();
    });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(whatIfStore.getState().removedIds).toEqual([]);
  });

  it('opens from the card menu and from Details', async () => {
    const services = makeServices(lineDoc());
    dispose = services.dispose;
    services.renderUi(
      <ReactFlowProvider>
        <NodeContextMenu />
        <Inspector />
        <WhatIfPanel />
      </ReactFlowProvider>,
    );
    act(() => services.store.getState().openContextMenu({ id: 'dee', x: 10, y: 10 }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'What if Dee leaves…' }));
    expect(await screen.findByRole('complementary', { name: 'What if Dee leaves?' })).toBeTruthy();
    act(() => whatIfStore.getState().close());
    act(() => services.store.getState().select(['bo']));
    await userEvent.click(await screen.findByRole('button', { name: 'What if Bo leaves…' }));
    expect(await screen.findByRole('complementary', { name: 'What if Bo leaves?' })).toBeTruthy();
  });

  it('a card moved while the comparison is being worked out does not lose the answer', async () => {
    const services = makeServices(lineDoc());
    dispose = services.dispose;
    services.renderUi(
      <ReactFlowProvider>
        <WhatIfPanel />
      </ReactFlowProvider>,
    );
    act(() => whatIfStore.getState().start('xan'));
    // The request is on its way (the in-process engine answers after a timer); a card moves.
    expect(whatIfStore.getState().status).toBe('working');
    act(() => services.store.getState().dragEnd({ bo: { x: 500, y: 500 } }));
    expect(services.store.getState().doc!.stakeholders.bo.x).toBe(500);
    const panel = await screen.findByRole('complementary', { name: 'What if Xan leaves?' });
    expect(await within(panel).findByRole('list', { name: 'What changes' })).toBeTruthy();
    expect(whatIfStore.getState().status).toBe('ready');
  });
});
