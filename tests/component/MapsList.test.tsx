import { act, screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapDocument, createStakeholder } from '../../src/domain/factories';
import { MapsList } from '../../src/ui/Sidebar';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** Two maps made through the workspace: "Alpha" (3 people, 3 ties), then "Beta" (empty, left open). */
async function setup() {
  const services = makeServices();
  dispose = services.dispose;
  const alpha = teamDoc('Alpha');
  await services.workspace.createMap(alpha);
  const betaId = (await services.workspace.createMap(createMapDocument('Beta')))!;
  const onOpen = vi.fn();
  services.renderUi(<MapsList onOpen={onOpen} />);
  const list = await screen.findByRole('list', { name: 'Maps' });
  await within(list).findByText('Alpha');
  return { ...services, list, onOpen, alphaId: alpha.map.id, betaId, user: userEvent.setup() };
}

const item = (list: HTMLElement, name: string) => within(list).getByText(name).closest('li')!;

describe('MapsList', () => {
  it('lists every map with its counts and marks the open one', async () => {
    const { list } = await setup();
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(item(list, 'Alpha')).toHaveTextContent('3 people · 3 ties');
    expect(item(list, 'Beta')).toHaveTextContent('0 people · 0 ties');
    expect(within(item(list, 'Beta')).getByRole('button', { name: /^Beta/ })).toHaveAttribute('aria-current', 'page');
    expect(within(item(list, 'Alpha')).getByRole('button', { name: /^Alpha/ })).not.toHaveAttribute('aria-current');
  });

  it('writes counts with thousands separators', async () => {
    const services = makeServices();
    dispose = services.dispose;
    const big = createMapDocument('Big');
    for (let i = 0; i < 1502; i++) {
      const s = createStakeholder({ name: `P${i}` });
      big.stakeholders[s.id] = s;
    }
    await services.workspace.createMap(big);
    services.renderUi(<MapsList onOpen={vi.fn()} />);
    const list = await screen.findByRole('list', { name: 'Maps' });
    await within(list).findByText('Big');
    expect(item(list, 'Big')).toHaveTextContent('1,502 people · 0 ties');
  });

  it('opens a map when its name is clicked', async () => {
    const { list, onOpen, alphaId, user } = await setup();
    await user.click(within(list).getByRole('button', { name: /^Alpha/ }));
    expect(onOpen).toHaveBeenCalledWith(alphaId);
  });

  it('shows "No maps yet." when there are none', async () => {
    const services = makeServices();
    dispose = services.dispose;
    services.renderUi(<MapsList onOpen={() => {}} />);
    expect(await screen.findByText('No maps yet.')).toBeInTheDocument();
  });

  it('renames a closed map with the rename button, typing and Enter, and the name is stored', async () => {
    const { list, repo, alphaId, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Rename Alpha' }));
    const input = screen.getByRole('textbox', { name: 'New name' });
    expect(input).toHaveValue('Alpha');
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, 'Gamma{Enter}');
    expect(await within(list).findByText('Gamma')).toBeInTheDocument();
    expect(within(list).queryByText('Alpha')).not.toBeInTheDocument();
    expect((await repo.loadMap(alphaId))!.doc.map.name).toBe('Gamma');
  });

  it('renames the open map on screen at once and stores it', async () => {
    const { list, repo, store, workspace, betaId, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Rename Beta' }));
    const input = screen.getByRole('textbox', { name: 'New name' });
    await user.clear(input);
    await user.type(input, 'Beta plan{Enter}');
    expect(store.getState().doc?.map.name).toBe('Beta plan');
    expect(within(list).getByText('Beta plan')).toBeInTheDocument();
    await act(() => workspace.flush());
    expect((await repo.loadMap(betaId))!.doc.map.name).toBe('Beta plan');
  });

  it('Escape or an empty name leaves the name as it was', async () => {
    const { list, repo, alphaId, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Rename Alpha' }));
    await user.type(screen.getByRole('textbox', { name: 'New name' }), ' changed{Escape}');
    expect(screen.queryByRole('textbox', { name: 'New name' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rename Alpha' }));
    await user.clear(screen.getByRole('textbox', { name: 'New name' }));
    await user.keyboard('{Enter}');
    expect(within(list).getByText('Alpha')).toBeInTheDocument();
    expect((await repo.loadMap(alphaId))!.doc.map.name).toBe('Alpha');
  });

  it('Duplicate adds a copy with the same people and ties', async () => {
    const { list, repo, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Duplicate Alpha' }));
    expect(await within(list).findByText('Alpha (copy)')).toBeInTheDocument();
    expect(item(list, 'Alpha (copy)')).toHaveTextContent('3 people · 3 ties');
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect((await repo.listMaps()).map((m) => m.name).sort()).toEqual(['Alpha', 'Alpha (copy)', 'Beta']);
  });

  it('Delete asks first: Cancel keeps the map', async () => {
    const { list, repo, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete "Alpha"?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(list).getByText('Alpha')).toBeInTheDocument();
    expect(await repo.listMaps()).toHaveLength(2);
  });

  it('the delete confirmation starts on Cancel, the safe choice', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete "Alpha"?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('Delete asks first: Escape keeps the map too', async () => {
    const { list, repo, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(list).getByText('Alpha')).toBeInTheDocument();
    expect(await repo.listMaps()).toHaveLength(2);
  });

  it('Delete asks first: "Delete map" removes it from the list and from storage', async () => {
    const { list, repo, store, alphaId, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete map' }));
    await waitForElementToBeRemoved(() => within(list).queryByText('Alpha'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await repo.loadMap(alphaId)).toBeNull();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    // The open map was another one and stays open.
    expect(store.getState().doc?.map.name).toBe('Beta');
  });

  it('deleting the open map closes it', async () => {
    const { list, store, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Delete Beta' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete map' }));
    await waitFor(() => expect(within(list).queryByText('Beta')).not.toBeInTheDocument());
    expect(store.getState().doc).toBeNull();
  });
});
