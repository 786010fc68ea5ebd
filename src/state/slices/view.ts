/**
 * View slice: how the open map is shown (which view, focus, filters, lens, size and colour by) and
 * the drawing tools (tie kind for new ties, snap to grid). Never saved, never undone.
 */
import { cachedOrgTree, collapsedForLevels, collapseOf, expandPathTo } from '../../domain/org-tree';
import { NO_FILTERS, type Filters } from '../../domain/search';
import type { Id, TieKindId } from '../../domain/types';
import type { Slice, SliceTools } from './tools';

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
  /**
   * Managers whose team is collapsed (hidden from the canvas, not from the map). View state like
   * the filters: in memory only, reset when a map opens, never undone, saved or exported.
   */
  collapsed: ReadonlySet<Id>;
  /** The "Show levels" choice that made `collapsed`, or null (all, or teams collapsed by hand). */
  showLevels: number | null;
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
  collapseTeam(managerId: Id): void;
  expandTeam(managerId: Id): void;
  /** Shows only the top `levels` levels of the reporting tree; null shows everyone. */
  setShowLevels(levels: number | null): void;
  /** Opens every collapsed team above this person, so they are drawn (Find lands on them). */
  showPathTo(id: Id): void;
}

/** What a newly opened document resets (tools, size and colour choices carry over). */
export const viewOnOpen: Pick<ViewState, 'lens' | 'pathTarget' | 'view' | 'focusId' | 'filters' | 'collapsed' | 'showLevels'> = {
  lens: 'none',
  pathTarget: null,
  view: 'network',
  focusId: null,
  filters: NO_FILTERS,
  collapsed: new Set(),
  showLevels: null,
};

/**
 * Sets a new collapsed set. People who went out of sight leave the selection, so a Delete or a
 * drag never acts on someone the user cannot see (this spans the selection slice on purpose).
 */
function setCollapsed({ set, get }: SliceTools, collapsed: Set<Id>, showLevels: number | null) {
  const { doc, selectedNodes } = get();
  if (!doc) return;
  const { hidden } = collapseOf(cachedOrgTree(doc), Object.keys(doc.stakeholders), collapsed);
  const patch: Partial<ViewState & { selectedNodes: ReadonlySet<Id> }> = { collapsed, showLevels };
  if ([...selectedNodes].some((id) => hidden.has(id))) patch.selectedNodes = new Set([...selectedNodes].filter((id) => !hidden.has(id)));
  set(patch);
}

export const viewSlice: Slice<ViewState & ViewActions> = (tools) => {
  const { set, get } = tools;
  return {
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
  collapseTeam(managerId) {
    if (get().collapsed.has(managerId)) return;
    setCollapsed(tools, new Set(get().collapsed).add(managerId), null);
  },
  expandTeam(managerId) {
    if (!get().collapsed.has(managerId)) return;
    const next = new Set(get().collapsed);
    next.delete(managerId);
    setCollapsed(tools, next, null);
  },
  setShowLevels(levels) {
    const doc = get().doc;
    if (!doc) return;
    setCollapsed(tools, levels === null ? new Set() : collapsedForLevels(cachedOrgTree(doc), levels), levels);
  },
  showPathTo(id) {
    const { doc, collapsed } = get();
    if (!doc || collapsed.size === 0) return;
    const next = expandPathTo(cachedOrgTree(doc), collapsed, id);
    if (next.size !== collapsed.size) setCollapsed(tools, next, null);
  },
  };
};
