/**
 * The editor store: one zustand store made of slices (state/slices/), each in its own file:
 *
 * - document  (slices/document.ts): the open map, its edits, drag, save status, clipboard, undo/redo
 * - selection (slices/selection.ts): selected people and ties, the name being edited on a card
 * - view      (slices/view.ts): which view, focus, filters, lens, size/colour by, tie kind, snap
 * - analysis  (slices/analysis.ts): the latest analysis and its state
 * - interface (slices/interface.ts): open panels, dialogs, the card menu, reveal requests, notices
 *
 * zundo is applied once, on the combined store, and records only `doc`: undo changes the
 * document and nothing else. Nothing here is saved except through autosave's watch of `doc`.
 * Components read it with `useEditor(selector)` (state/context.tsx); action names are flat on the
 * store (`store.getState().select(...)`), whichever slice defines them.
 */
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MapDocument } from '../domain/types';
import { analysisSlice, type AnalysisActions, type AnalysisSliceState } from './slices/analysis';
import { documentSlice, type DocumentActions, type DocumentState } from './slices/document';
import { interfaceSlice, type InterfaceActions, type InterfaceState } from './slices/interface';
import { selectionSlice, type SelectionActions, type SelectionState } from './slices/selection';
import type { SliceTools } from './slices/tools';
import { viewSlice, type ViewActions, type ViewState } from './slices/view';

export type { SaveState, SaveStatus } from './slices/document';
export type { AnalysisState } from './slices/analysis';
export type { Lens, SizeBy, ColourBy, MapView, FocusDirection } from './slices/view';
export type { SidePanel, AppDialog, Notice, ContextMenuRequest } from './slices/interface';

export interface EditorState extends DocumentState, SelectionState, ViewState, AnalysisSliceState, InterfaceState {}

export interface EditorActions extends DocumentActions, SelectionActions, ViewActions, AnalysisActions, InterfaceActions {}

export type EditorStore = EditorState & EditorActions;
export type EditorStoreApi = StoreApi<EditorStore> & {
  temporal: StoreApi<TemporalState<{ doc: MapDocument | null }>>;
};

export function createEditorStore(): EditorStoreApi {
  const store = createStore<EditorStore>()(
    temporal(
      (set, get) => {
        const temporalStore = () => (store as EditorStoreApi).temporal;
        const tools: SliceTools = {
          set: (partial) => set(partial),
          get,
          history: () => temporalStore().getState(),
          setHistory: (partial) => temporalStore().setState(partial),
          untracked(partial) {
            const history = temporalStore().getState();
            history.pause();
            set(partial);
            history.resume();
          },
        };
        return {
          ...documentSlice(tools),
          ...selectionSlice(tools),
          ...viewSlice(tools),
          ...analysisSlice(tools),
          ...interfaceSlice(tools),
        };
      },
      {
        partialize: (state) => ({ doc: state.doc }),
        equality: (a, b) => a.doc === b.doc,
        limit: 200,
      },
    ),
  ) as EditorStoreApi;
  return store;
}
