import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ArrangeMenu } from '../../src/ui/ArrangeMenu';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** The team, scattered: Tom above his manager Ann, nobody in a row. */
function scattered() {
  const doc = teamDoc();
  const at = { priya: [400, 20], tom: [0, 0], ann: [150, 300] } as const;
  for (const [id, [x, y]] of Object.entries(at)) doc.stakeholders[id] = { ...doc.stakeholders[id], x, y };
  return doc;
}

function setup(doc = scattered()) {
  const services = makeServices(doc);
  dispose = services.dispose;
  services.renderUi(<ArrangeMenu />);
  return { ...services, user: userEvent.setup() };
}

const where = (doc: { stakeholders: Record<string, { x: number; y: number }> }) => Object.fromEntries(Object.entries(doc.stakeholders).map(([id, s]) => [id, { x: s.x, y: s.y }]));

describe('Arrange menu', () => {
  it('offers Org chart only with reporting lines and Tidy selection only for two or more selected', async () => {
    const { user, store } = setup();
    await user.click(screen.getByRole('button', { name: /^Arrange/ }));
    expect(screen.getByRole('menuitem', { name: 'Org chart' })).toBeEnabled();
    expect(screen.getByRole('menuitem', { name: 'Network' })).toBeEnabled();
    expect(screen.getByRole('menuitem', { name: 'Tidy selection' })).toBeDisabled();
    act(() => store.getState().selectAll());
    expect(screen.getByRole('menuitem', { name: 'Tidy selection' })).toBeEnabled();

    const noReports = teamDoc('No reports');
    delete noReports.ties.t2;
    act(() => store.getState().openDocument(noReports));
    expect(screen.getByRole('menuitem', { name: 'Org chart' })).toBeDisabled();
  });

  it('Org chart puts the manager above the report, and one Undo puts every card back', async () => {
    const { user, store } = setup();
    const before = where(store.getState().doc!);
    await user.click(screen.getByRole('button', { name: /^Arrange/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Org chart' }));
    await waitFor(() => {
      const doc = store.getState().doc!;
      expect(doc.stakeholders.ann.y).toBeLessThan(doc.stakeholders.tom.y);
    });
    expect(store.getState().drag).toBeNull();
    act(() => store.getState().undo());
    expect(where(store.getState().doc!)).toEqual(before);
  });

  it('Tidy selection lines the selected cards up in one row, as one undo step', async () => {
    const { user, store } = setup();
    act(() => store.getState().selectAll());
    await user.click(screen.getByRole('button', { name: /^Arrange/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Tidy selection' }));
    await waitFor(() => expect(new Set(Object.values(store.getState().doc!.stakeholders).map((s) => s.y)).size).toBe(1));
    act(() => store.getState().undo());
    expect(new Set(Object.values(store.getState().doc!.stakeholders).map((s) => s.y)).size).toBeGreaterThan(1);
  });
});
