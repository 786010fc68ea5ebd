/**
 * View slice: how the open map is shown (which view, focus, filters, lens, size and colour by) and
 * the drawing tools (tie kind for new ties, snap to grid). Never saved, never undone.
 */
import { NO_FILTERS, type Filters } from '../../domain/search';
import type { Id, TieKindId } from '../../domain/types';
import type { Slice } from './tools';

export type Lens = 'none' | 'brokers' | 'advisors' | 'path';
export type SizeBy = 'influence' | 'betweenness' | 'pagerank' | 'degree' | 'leadersAdvised' | 'effectiveSize' | 'keyPersonRisk';
export type ColourBy = 'stance' | 'department' | 'cluster' | 'betweenness' | 'pagerank' | 'closeness' | 'hiddenInfluence' | 'keyPersonRisk';
export type MapView = 'network' | 'grid' | 'ego' | 'focus';
export type FocusDirection = 'in' | 'out' | 'both';

export interface ViewState {
  tieKind: TieKindId;
  snapToGrid: boolean;
  lens: Lens;
  sizeBy: SizeBy;
  colourBy: ColourBy;
  /** Whom the user wants to reach from Me (introduction paths). */
  pathTarget: Id | null;
  /** Which view of the map is shown; all edit the same document. */
  view: MapView;
  /** Focus view: whose neighbourhood, how far, which way. */
  focusId: Id | null;
  focusSteps: 1 | 2 | 3;
  focusDirection: FocusDirection;
  /** People and ties that do not pass are faded. */
  filters: Filters;
}

export interface ViewActions {
  setTieKind(kind: TieKindId): void;
  toggleSnap(): void;
  setLens(lens: Lens): void;
  setSizeBy(sizeBy: SizeBy): void;
  setColourBy(colourBy: ColourBy): void;
  setPathTarget(id: Id | null): void;
  setView(view: MapView): void;
  setFocus(patch: { id?: Id | null; steps?: 1 | 2 | 3; direction?: FocusDirection }): void;
  setFilters(filters: Filters): void;
}

/** What a newly opened document resets (tools, size and colour choices carry over). */
export const viewOnOpen: Pick<ViewState, 'lens' | 'pathTarget' | 'view' | 'focusId' | 'filters'> = {
  lens: 'none',
  pathTarget: null,
  view: 'network',
  focusId: null,
  filters: NO_FILTERS,
};

export const viewSlice: Slice<ViewState & ViewActions> = ({ set, get }) => ({
  ...viewOnOpen,
  tieKind: 'influence',
  snapToGrid: false,
  sizeBy: 'influence',
  colourBy: 'stance',
  focusSteps: 1,
  focusDirection: 'both',
  setTieKind(kind) {
    set({ tieKind: kind });
  },
  toggleSnap() {
    set({ snapToGrid: !get().snapToGrid });
  },
  setLens(lens) {
    set({ lens });
  },
  setSizeBy(sizeBy) {
    set({ sizeBy });
  },
  setColourBy(colourBy) {
    set({ colourBy });
  },
  setPathTarget(id) {
    set({ pathTarget: id, lens: id ? 'path' : get().lens === 'path' ? 'none' : get().lens });
  },
  setView(view) {
    // Focus starts on the selected person (or keeps the last one).
    const selected = [...get().selectedNodes][0] ?? null;
    set({ view, focusId: view === 'focus' ? (selected ?? get().focusId) : get().focusId });
  },
  setFocus(patch) {
    set({
      focusId: patch.id !== undefined ? patch.id : get().focusId,
      focusSteps: patch.steps ?? get().focusSteps,
      focusDirection: patch.direction ?? get().focusDirection,
    });
  },
  setFilters(filters) {
    set({ filters });
  },
});
