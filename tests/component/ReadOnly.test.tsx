import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Header } from '../../src/ui/Header';
import { Inspector } from '../../src/ui/Inspector';
import { Palette } from '../../src/ui/Sidebar';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** The team map with one undoable change, so Undo would be on; then view only. */
function setup(readOnly = true) {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  services.store.getState().updateStakeholder('tom', { title: 'Lead' });
  services.store.getState().setReadOnly(readOnly);
  return { ...services, user: userEvent.setup() };
}

const noop = () => undefined;
const header = <Header onNewMap={noop} onImport={noop} onFitView={noop} onHelp={noop} onHistory={noop} exportMenu={<button type="button">Export</button>} arrangeMenu={<button type="button">Arrange</button>} theme="light" onTheme={noop} />;

describe('view-only mode in the interface', () => {
  it('the header says "View only", Undo is off, the map name cannot be typed into, Arrange is gone, Export stays', async () => {
    const { renderUi, store, user } = setup();
    renderUi(header);
    expect(screen.getByRole('status', { name: /View only/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Snap to grid' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Arrange' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
    const name = screen.getByLabelText('Map name');
    await user.type(name, ' renamed');
    expect(store.getState().doc!.map.name).toBe('Team');
    expect(name).toHaveValue('Team');
  });

  it('the same header in an editable map has Undo on and no badge (the test can fail)', () => {
    const { renderUi } = setup(false);
    renderUi(header);
    expect(screen.queryByText('View only')).toBeNull();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Arrange' })).toBeInTheDocument();
  });

  it('the palette offers nothing to drag', () => {
    const { renderUi } = setup();
    renderUi(<Palette />);
    const palette = screen.getByRole('region', { name: 'Palette' });
    expect(palette).toHaveTextContent('View only');
    expect(screen.queryByRole('button', { name: 'Stakeholder' })).toBeNull();
    expect(palette.querySelector('[draggable="true"]')).toBeNull();
  });

  it("a person's details are shown but every field and button is disabled; typing changes nothing", async () => {
    const { renderUi, store, user } = setup();
    store.getState().select(['tom']);
    renderUi(<Inspector />);
    expect(screen.getByLabelText('Name')).toHaveValue('Tom');
    for (const label of ['Name', 'Title', 'Department', 'Seniority', 'Influence', 'Interest', 'Stance', 'Notes']) expect(screen.getByLabelText(label)).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete person' })).toBeDisabled();
    await user.type(screen.getByLabelText('Name'), 'x');
    expect(store.getState().doc!.stakeholders.tom.name).toBe('Tom');
  });

  it("a tie's details and the map settings are disabled too", () => {
    const { renderUi, store } = setup();
    store.getState().select([], ['t1']);
    const { unmount } = renderUi(<Inspector />);
    for (const label of ['Kind', 'Strength', 'Direction']) expect(screen.getByLabelText(label)).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete tie' })).toBeDisabled();
    unmount();
    store.getState().clearSelection();
    renderUi(<Inspector />);
    expect(screen.getByRole('button', { name: 'Add level' })).toBeDisabled();
    expect(screen.getByLabelText('Level 1 name')).toBeDisabled();
  });
});
