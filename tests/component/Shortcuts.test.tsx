import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnlockForm } from '../../src/ui/UnlockForm';
import { useShortcuts, type ShortcutOptions } from '../../src/ui/useShortcuts';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

function Keys(props: ShortcutOptions) {
  useShortcuts(props);
  return null;
}

/** Tom and the tie t1 selected, keys installed as the app (readOnly false) or the viewer (true). */
function setup(options: ShortcutOptions, mapViewOnly = false) {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  services.store.getState().setReadOnly(mapViewOnly);
  services.store.getState().select(['tom']);
  services.renderUi(
    <ReactFlowProvider>
      <Keys {...options} />
    </ReactFlowProvider>,
  );
  return services;
}

/** Presses a key on the page; true when the shortcut took it (default prevented). */
const press = (init: KeyboardEventInit) => !fireEvent.keyDown(window, init);

describe('one shortcut hook for the app and the viewer', () => {
  it('in the app: N adds in the view, Delete deletes, Ctrl C copies, ? opens the list', () => {
    const addInView = vi.fn();
    const { store } = setup({ readOnly: false, addInView });
    expect(press({ key: 'n' })).toBe(true);
    expect(addInView).toHaveBeenCalledTimes(1);
    expect(press({ key: 'c', ctrlKey: true })).toBe(true);
    expect(store.getState().notice?.text).toBe('Copied 1 person.');
    expect(press({ key: '?' })).toBe(true);
    expect(store.getState().dialog).toBe('shortcuts');
    store.getState().closeDialog();
    expect(press({ key: 'Delete' })).toBe(true);
    expect(store.getState().doc!.stakeholders.tom).toBeUndefined();
  });

  it('on a view-only map in the app: editing keys do nothing and are left to the browser; looking and copying still work', () => {
    const addInView = vi.fn();
    const { store } = setup({ readOnly: false, addInView }, true);
    const before = store.getState().doc;
    for (const key of [{ key: 'n' }, { key: 'Delete' }, { key: 'F2' }, { key: 'z', ctrlKey: true }, { key: '2' }]) expect(press(key), key.key).toBe(false);
    expect(addInView).not.toHaveBeenCalled();
    expect(store.getState().doc).toBe(before);
    expect(store.getState().renaming).toBeNull();
    expect(press({ key: 'c', ctrlKey: true })).toBe(true);
    expect(press({ key: 'f' })).toBe(true);
    expect(store.getState().searchOpen).toBe(true);
  });

  it('in the viewer (a read-only page): only looking keys; copy and help are off too', () => {
    const { store } = setup({ readOnly: true });
    const before = store.getState().doc;
    for (const key of [{ key: 'Delete' }, { key: 'c', ctrlKey: true }, { key: '?' }, { key: 'g' }]) expect(press(key), key.key).toBe(false);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().notice).toBeNull();
    expect(store.getState().dialog).toBeNull();
    expect(press({ key: 'Escape' })).toBe(true);
    expect(store.getState().selectedNodes.size).toBe(0);
    expect(press({ key: 'a', ctrlKey: true })).toBe(true);
    expect(store.getState().selectedNodes.size).toBe(3);
  });

  it('waits while a dialog is open', () => {
    const { store } = setup({ readOnly: false });
    store.getState().modalOpened();
    expect(press({ key: 'Delete' })).toBe(false);
    expect(store.getState().doc!.stakeholders.tom).toBeDefined();
  });
});

describe('the one unlock form (app and viewer)', () => {
  it('shows what went wrong under the field, then stays quiet once unlocked', async () => {
    const user = userEvent.setup();
    const unlock = vi.fn(async (passphrase: string) => (passphrase === 'right one' ? null : 'That passphrase is not right.'));
    const { renderUi, dispose: done } = makeServices();
    dispose = done;
    renderUi(<UnlockForm intro="Enter it." submitLabel="Open" busyLabel="Opening…" unlock={unlock} />);
    expect(screen.getByRole('button', { name: 'Open' })).toBeDisabled();
    await user.type(screen.getByLabelText('Passphrase'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That passphrase is not right.');
    expect(screen.getByRole('alert')).toHaveClass('form-error--inline');
    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'right one');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(unlock).toHaveBeenLastCalledWith('right one');
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('an unexpected failure is shown as its message', async () => {
    const user = userEvent.setup();
    const { renderUi, dispose: done } = makeServices();
    dispose = done;
    renderUi(<UnlockForm intro="Enter it." submitLabel="Unlock" busyLabel="Unlocking…" unlock={() => Promise.reject(new Error('Storage is gone.'))} />);
    await user.type(screen.getByLabelText('Passphrase'), 'anything');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Storage is gone.');
  });
});
