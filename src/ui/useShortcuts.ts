/**
 * The keyboard shortcuts of a page showing a map (the app and the interactive HTML viewer): one
 * handler on the window, driven by the one table in shortcuts.ts. They wait while a dialog is open
 * or the user types in a field.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { fitWholeMap } from '../canvas/lod/viewport';
import { countOf } from '../domain/numbers';
import { useServices } from '../state/context';
import { findShortcut, isEditingAction, isTypingTarget, type ShortcutAction } from './shortcuts';

export interface ShortcutOptions {
  /**
   * The page never edits (the interactive HTML viewer): editing shortcuts are off, and so are copy
   * (there is nowhere to paste) and help (the page has no list of shortcuts). Otherwise editing
   * shortcuts follow the open map's own view-only flag.
   */
  readOnly: boolean;
  /** N: add a person in the middle of the view (without it, N does nothing). */
  addInView?: () => void;
}

/** Whether a shortcut does anything here now; a key that does nothing is left to the browser. */
export function shortcutApplies(action: ShortcutAction, state: { doc: unknown; readOnly: boolean }, pageReadOnly: boolean): boolean {
  if (pageReadOnly && (action === 'copy' || action === 'help')) return false;
  if ((pageReadOnly || state.readOnly) && isEditingAction(action)) return false;
  return action === 'help' || action === 'escape' || state.doc !== null;
}

/** Installs the shortcuts; returns the runner so buttons can do what their keys do. */
export function useShortcuts({ readOnly, addInView }: ShortcutOptions): (action: ShortcutAction) => void {
  const { store } = useServices();
  const flow = useReactFlow();
  const flowStore = useStoreApi();

  const run = useCallback(
    (action: ShortcutAction) => {
      const state = store.getState();
      switch (action) {
        case 'add-stakeholder':
          return addInView?.();
        case 'delete':
          return state.deleteSelection();
        case 'select-all':
          return state.selectAll();
        case 'copy': {
          const n = state.copySelection();
          if (n) state.notify(`Copied ${countOf(n, 'person', 'people')}.`);
          return;
        }
        case 'paste':
          return void state.paste();
        case 'duplicate':
          return void state.duplicateSelection();
        case 'undo':
          return state.undo();
        case 'redo':
          return state.redo();
        case 'fit-view':
          // The network canvas zoomed out has no node per person for React Flow to fit.
          if (state.view === 'network' || state.view === 'focus') return fitWholeMap(flow, flowStore.getState(), state.doc, { padding: 0.2, duration: 250 });
          return void flow.fitView({ padding: 0.2, duration: 250 });
        case 'zoom-in':
          return void flow.zoomIn({ duration: 150 });
        case 'zoom-out':
          return void flow.zoomOut({ duration: 150 });
        case 'toggle-snap':
          return state.toggleSnap();
        case 'escape':
          return state.clearSelection();
        case 'help':
          return state.openDialog('shortcuts');
        case 'search':
          return state.setSearchOpen(true);
        case 'rename': {
          const [only, ...more] = state.selectedNodes;
          return void (only && more.length === 0 && state.setRenaming(only));
        }
        default:
          if (action.startsWith('tie-')) state.setTieKind(action.slice(4) as Parameters<typeof state.setTieKind>[0]);
      }
    },
    [addInView, flow, flowStore, store],
  );

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || store.getState().modalsOpen > 0) return;
      const shortcut = findShortcut(e);
      if (!shortcut || !shortcutApplies(shortcut.action, store.getState(), readOnly)) return;
      e.preventDefault();
      run(shortcut.action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [readOnly, run, store]);

  return run;
}
