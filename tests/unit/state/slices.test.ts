import { describe, expect, it } from 'vitest';
import { updateStakeholder } from '../../../src/domain/operations';
import { createEditorStore } from '../../../src/state/store';
import { prunedSelection } from '../../../src/state/slices/selection';
import { teamDoc } from '../helpers/docs';

describe('the combined store', () => {
  it('has every slice\'s state and actions on one flat store', () => {
    const s = createEditorStore().getState();
    // document, selection, view, analysis, interface
    expect(s.doc).toBeNull();
    expect(s.selectedNodes.size).toBe(0);
    expect(s.view).toBe('network');
    expect(s.analysisState).toBe('idle');
    expect(s.dialog).toBeNull();
    for (const action of ['edit', 'undo', 'select', 'setView', 'setAnalysis', 'openDialog', 'openContextMenu', 'revealPerson', 'notify']) {
      expect(typeof (s as unknown as Record<string, unknown>)[action]).toBe('function');
    }
  });

  it('undo changes the document only: selection, view, analysis and interface stay', () => {
    const store = createEditorStore();
    store.getState().openDocument(teamDoc());
    const before = store.getState().doc;
    store.getState().edit((d) => updateStakeholder(d, 'tom', { title: 'Lead' }));
    store.getState().select(['priya']);
    store.getState().setView('grid');
    store.getState().setLens('brokers');
    store.getState().setSidePanel('insights');
    store.getState().openDialog('history');
    store.getState().setAnalysisState('updating');
    store.getState().undo();
    const s = store.getState();
    expect(s.doc).toBe(before);
    expect([...s.selectedNodes]).toEqual(['priya']);
    expect(s.view).toBe('grid');
    expect(s.lens).toBe('brokers');
    expect(s.sidePanel).toBe('insights');
    expect(s.dialog).toBe('history');
    expect(s.analysisState).toBe('updating');
    // Only the edit made an undo step; the on-screen changes made none.
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.temporal.getState().futureStates).toHaveLength(1);
  });

  it('opening a document resets each slice\'s per-document state and keeps the user\'s choices', () => {
    const store = createEditorStore();
    store.getState().openDocument(teamDoc());
    const s0 = store.getState();
    s0.select(['tom']);
    s0.setView('focus');
    s0.setLens('brokers');
    s0.setSizeBy('pagerank');
    s0.setTieKind('trust');
    s0.setAnalysis(null, 'error', 'boom');
    s0.openContextMenu({ id: 'tom', x: 1, y: 2 });
    s0.revealPerson('tom');
    s0.setSidePanel('network');
    store.getState().openDocument(teamDoc('Other'));
    const s = store.getState();
    expect(s.selectedNodes.size).toBe(0);
    expect(s.view).toBe('network');
    expect(s.lens).toBe('none');
    expect(s.analysisState).toBe('idle');
    expect(s.analysisError).toBeNull();
    expect(s.contextMenu).toBeNull();
    expect(s.reveal).toBeNull();
    // Kept across maps: size by, tie kind, the side panel.
    expect(s.sizeBy).toBe('pagerank');
    expect(s.tieKind).toBe('trust');
    expect(s.sidePanel).toBe('network');
  });
});

describe('interface slice', () => {
  it('dialogs, the open-modal count, the card menu and reveal requests', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().openDialog('shortcuts');
    expect(s().dialog).toBe('shortcuts');
    s().closeDialog();
    expect(s().dialog).toBeNull();
    s().modalOpened();
    s().modalOpened();
    s().modalClosed();
    expect(s().modalsOpen).toBe(1);
    s().modalClosed();
    s().modalClosed();
    expect(s().modalsOpen).toBe(0);
    s().openContextMenu({ id: 'a', x: 3, y: 4 });
    expect(s().contextMenu).toEqual({ id: 'a', x: 3, y: 4 });
    s().closeContextMenu();
    expect(s().contextMenu).toBeNull();
    s().revealPerson('a');
    const first = s().reveal;
    s().revealPerson('a');
    // The same person asked for twice is two requests (a view reacts to each).
    expect(s().reveal).toEqual({ id: 'a' });
    expect(s().reveal).not.toBe(first);
  });
});

describe('prunedSelection', () => {
  it('drops ids no longer in the document, and is null when nothing went', () => {
    const doc = teamDoc();
    expect(prunedSelection(doc, { selectedNodes: new Set(['tom']), selectedTies: new Set(['t1']) })).toBeNull();
    const pruned = prunedSelection(doc, { selectedNodes: new Set(['tom', 'gone']), selectedTies: new Set(['t1', 'x']) });
    expect(pruned && [...pruned.selectedNodes]).toEqual(['tom']);
    expect(pruned && [...pruned.selectedTies]).toEqual(['t1']);
    expect(prunedSelection(null, { selectedNodes: new Set(['a']), selectedTies: new Set() })).toBeNull();
  });
});
