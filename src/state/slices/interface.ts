/**
 * Interface slice: which panels, dialogs and menus are open, and the notice shown. Components read
 * and change these here instead of sending window events or looking in the DOM. Never saved or undone.
 */
import type { Id } from '../../domain/types';
import type { Slice } from './tools';

export type SidePanel = 'details' | 'insights' | 'network';
/** The app's own dialogs (Find has `searchOpen`). */
export type AppDialog = 'shortcuts' | 'history';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface ContextMenuRequest {
  id: Id;
  x: number;
  y: number;
}

export interface InterfaceState {
  notice: Notice | null;
  sidePanel: SidePanel;
  metricsOpen: boolean;
  searchOpen: boolean;
  /** Which of the app's own dialogs is open. */
  dialog: AppDialog | null;
  /** How many modal dialogs are open now (every `ui/Dialog` counts itself); shortcuts wait meanwhile. */
  modalsOpen: number;
  /** A card's right-click menu: for whom, and where (client pixels). */
  contextMenu: ContextMenuRequest | null;
  /** The latest request to bring a person into view (a new object each time, even for the same person). */
  reveal: { id: Id } | null;
  /**
   * The open map's people and ties are on screen (state/drawn.ts): work the first image does not
   * need (the analysis, the revisions autosave keeps, every person's label) waits for this.
   */
  drawn: boolean;
}

export interface InterfaceActions {
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  setSidePanel(panel: SidePanel): void;
  setMetricsOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
  openDialog(dialog: AppDialog): void;
  closeDialog(): void;
  modalOpened(): void;
  modalClosed(): void;
  openContextMenu(request: ContextMenuRequest): void;
  closeContextMenu(): void;
  /** Asks the visible view to bring this person into view (search in the grid and ego views). */
  revealPerson(id: Id): void;
  /** The canvas has shown the open map whole (once per opening). */
  markDrawn(): void;
}

/** What a newly opened (or closed) document resets: a menu or reveal was about the old one. */
export const interfaceOnOpen: Pick<InterfaceState, 'contextMenu' | 'reveal' | 'drawn'> = { contextMenu: null, reveal: null, drawn: false };

export const interfaceSlice: Slice<InterfaceState & InterfaceActions> = ({ set, get }) => ({
  ...interfaceOnOpen,
  notice: null,
  sidePanel: 'details',
  metricsOpen: false,
  searchOpen: false,
  dialog: null,
  modalsOpen: 0,
  notify(text, tone = 'info') {
    set({ notice: { id: Date.now() + Math.random(), text, tone } });
  },
  dismissNotice() {
    set({ notice: null });
  },
  setSidePanel(panel) {
    set({ sidePanel: panel });
  },
  setMetricsOpen(open) {
    set({ metricsOpen: open });
  },
  setSearchOpen(open) {
    set({ searchOpen: open });
  },
  openDialog(dialog) {
    set({ dialog });
  },
  closeDialog() {
    if (get().dialog) set({ dialog: null });
  },
  modalOpened() {
    set({ modalsOpen: get().modalsOpen + 1 });
  },
  modalClosed() {
    set({ modalsOpen: Math.max(0, get().modalsOpen - 1) });
  },
  openContextMenu(request) {
    set({ contextMenu: { ...request } });
  },
  closeContextMenu() {
    if (get().contextMenu) set({ contextMenu: null });
  },
  revealPerson(id) {
    set({ reveal: { id } });
  },
  markDrawn() {
    if (!get().drawn) set({ drawn: true });
  },
});
