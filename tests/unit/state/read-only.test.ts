import { describe, expect, it } from 'vitest';
import { updateStakeholder } from '../../../src/domain/operations';
import { createEditorStore, type EditorStoreApi } from '../../../src/state/store';
import { findShortcut, isEditingAction, SHORTCUTS } from '../../../src/ui/shortcuts';
import { teamDoc } from '../helpers/docs';

/** A store holding the team map, with one undoable edit behind it, then switched to view only. */
function viewOnly(): EditorStoreApi {
  const store = createEditorStore();
  store.getState().openDocument(teamDoc());
  store.getState().updateStakeholder('tom', { title: 'Head of Sales' });
  store.getState().undo();
  store.getState().setReadOnly(true);
  return store;
}

describe('view-only mode refuses every edit of the document', () => {
  const cases: [string, (s: EditorStoreApi) => unknown][] = [
    ['edit()', (s) => s.getState().edit((d) => updateStakeholder(d, 'tom', { name: 'Changed' }))],
    ['add a person', (s) => s.getState().addStakeholderAt({ x: 5, y: 5 })],
    ['update a person', (s) => s.getState().updateStakeholder('tom', { name: 'Changed' })],
    ['connect two people', (s) => s.getState().connect('tom', 'priya', 'trust')],
    ['update a tie', (s) => s.getState().updateTie('t1', { strength: 1 })],
    ['swap a tie', (s) => s.getState().swapTie('t1')],
    ['delete the selection', (s) => { s.getState().select(['tom'], ['t1']); s.getState().deleteSelection(); }],
    ['drag a card', (s) => { s.getState().dragTo({ tom: { x: 900, y: 900 } }); s.getState().dragEnd({ tom: { x: 900, y: 900 } }); }],
    ['paste', (s) => { s.getState().select(['tom']); s.getState().copySelection(); s.getState().paste(); }],
    ['duplicate', (s) => { s.getState().select(['tom']); s.getState().duplicateSelection(); }],
    ['rename the map', (s) => s.getState().renameMap('Other')],
    ['set Me', (s) => s.getState().setMe('tom')],
    ['change the settings', (s) => s.getState().updateSettings({ ...s.getState().doc!.map.settings, levels: ['A'] })],
    ['undo', (s) => s.getState().undo()],
    ['redo', (s) => s.getState().redo()],
  ];
  it.each(cases)('%s leaves the document and the history as they were', (_, act) => {
    const store = viewOnly();
    const before = store.getState().doc;
    const history = store.temporal.getState();
    act(store);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().drag).toBeNull();
    expect(store.temporal.getState().pastStates.length).toBe(history.pastStates.length);
    expect(store.temporal.getState().futureStates.length).toBe(history.futureStates.length);
  });

  it('the same actions work again once view only is off (the guard is the flag, not the setup)', () => {
    const store = viewOnly();
    store.getState().setReadOnly(false);
    store.getState().redo();
    expect(store.getState().doc!.stakeholders.tom.title).toBe('Head of Sales');
    expect(store.getState().addStakeholderAt({ x: 5, y: 5 })).not.toBeNull();
  });

  it('add returns no id, connect reports failure, and name editing does not start', () => {
    const store = viewOnly();
    expect(store.getState().addStakeholderAt({ x: 1, y: 1 })).toBeNull();
    expect(store.getState().connect('tom', 'priya')).toBe(false);
    store.getState().setRenaming('tom');
    expect(store.getState().renaming).toBeNull();
  });

  it('a refused action keeps the selection as it was and says nothing', () => {
    const store = viewOnly();
    store.getState().select(['tom'], ['t1']);
    const selected = () => [[...store.getState().selectedNodes], [...store.getState().selectedTies]];
    store.getState().addStakeholderAt({ x: 5, y: 5 });
    store.getState().copySelection();
    expect(store.getState().paste()).toBe(0);
    expect(store.getState().duplicateSelection()).toBe(0);
    store.getState().deleteSelection();
    expect(selected()).toEqual([['tom'], ['t1']]);
    // Each of these would fail with a notice on an editable map (a tie that does not exist, a kind that is not on the map).
    store.getState().connect('tom', 'priya', 'kind-gone');
    store.getState().updateTie('no-such-tie', { strength: 1 });
    store.getState().swapTie('no-such-tie');
    expect(store.getState().notice).toBeNull();
    expect(selected()).toEqual([['tom'], ['t1']]);
  });

  it('edit() reports whether it was applied, and does not run the edit when refused', () => {
    const store = viewOnly();
    let ran = false;
    expect(store.getState().edit((d) => ((ran = true), d))).toBe(false);
    expect(ran).toBe(false);
    store.getState().setReadOnly(false);
    expect(store.getState().edit((d) => ((ran = true), d))).toBe(true);
    expect(ran).toBe(true);
  });

  it('turning view only on ends a drag and a name edit under way', () => {
    const store = createEditorStore();
    store.getState().openDocument(teamDoc());
    store.getState().dragTo({ tom: { x: 1, y: 1 } });
    store.getState().setRenaming('tom');
    store.getState().setReadOnly(true);
    expect(store.getState().drag).toBeNull();
    expect(store.getState().renaming).toBeNull();
  });

  it('looking still works: select, find, views, lenses, filters, and changes from elsewhere are adopted', () => {
    const store = viewOnly();
    store.getState().select(['tom']);
    expect([...store.getState().selectedNodes]).toEqual(['tom']);
    store.getState().setView('focus');
    expect(store.getState().view).toBe('focus');
    store.getState().setLens('brokers');
    expect(store.getState().lens).toBe('brokers');
    store.getState().setSearchOpen(true);
    expect(store.getState().searchOpen).toBe(true);
    store.getState().setSidePanel('insights');
    expect(store.getState().sidePanel).toBe('insights');
    // A team map's remote edits still arrive for a view-only member.
    const remote = updateStakeholder(store.getState().doc!, 'ann', { title: 'CEO' });
    store.getState().adoptExternal(remote);
    expect(store.getState().doc!.stakeholders.ann.title).toBe('CEO');
  });

  it('stays on when another document is opened', () => {
    const store = viewOnly();
    store.getState().openDocument(teamDoc('Other'));
    expect(store.getState().readOnly).toBe(true);
  });
});

describe('editing shortcuts', () => {
  const key = (init: { key: string; ctrlKey?: boolean; shiftKey?: boolean }) =>
    findShortcut({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, code: '', ...init } as KeyboardEvent)!.action;
  it('N, F2, Delete, paste, duplicate, undo, redo and the tie tools are editing; find, zoom, fit, copy are not', () => {
    for (const action of [key({ key: 'n' }), key({ key: 'F2' }), key({ key: 'Delete' }), key({ key: 'Backspace' }), key({ key: 'v', ctrlKey: true }), key({ key: 'd', ctrlKey: true }), key({ key: 'z', ctrlKey: true }), key({ key: 'z', ctrlKey: true, shiftKey: true }), key({ key: '1' })]) {
      expect(isEditingAction(action), action).toBe(true);
    }
    for (const action of [key({ key: 'f' }), key({ key: 'k', ctrlKey: true }), key({ key: '+' }), key({ key: '-' }), key({ key: 'c', ctrlKey: true }), key({ key: 'Escape' }), key({ key: '?' }), key({ key: 'a', ctrlKey: true })]) {
      expect(isEditingAction(action), action).toBe(false);
    }
    expect(SHORTCUTS.filter((s) => isEditingAction(s.action)).length).toBeGreaterThan(8);
  });
});
