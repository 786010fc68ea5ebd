/** Selection slice: which people and ties are selected, and whose name is open on their card. */
import type { Id, MapDocument } from '../../domain/types';
import { hasEntry } from '../../domain/records';
import { cachedOrgTree, collapseOf } from '../../domain/org-tree';
import type { Slice } from './tools';

export interface SelectionState {
  selectedNodes: ReadonlySet<Id>;
  selectedTies: ReadonlySet<Id>;
  /** The person whose name is being edited in place on their card. */
  renaming: Id | null;
}

export interface SelectionActions {
  select(nodes: Iterable<Id>, ties?: Iterable<Id>): void;
  selectAll(): void;
  clearSelection(): void;
  /** Starts (an id) or ends (null) editing a person's name on their card. */
  setRenaming(id: Id | null): void;
}

export const EMPTY_IDS: ReadonlySet<Id> = new Set();

/** `current` when `next` holds the same ids, else a new set of them. */
function sameIds(current: ReadonlySet<Id>, next: Iterable<Id>): ReadonlySet<Id> {
  const set = new Set(next);
  if (set.size !== current.size) return set;
  for (const id of set) if (!current.has(id)) return set;
  return current;
}

/** The selection when a document opens or closes. */
export const selectionOnOpen: SelectionState = { selectedNodes: EMPTY_IDS, selectedTies: EMPTY_IDS, renaming: null };

/** The selection without ids that no longer exist in `doc` (after undo, delete or a remote change); null if nothing went. */
export function prunedSelection(doc: MapDocument | null, selection: Pick<SelectionState, 'selectedNodes' | 'selectedTies'>): Pick<SelectionState, 'selectedNodes' | 'selectedTies'> | null {
  if (!doc) return null;
  const nodes = [...selection.selectedNodes].filter((id) => hasEntry(doc.stakeholders, id));
  const ties = [...selection.selectedTies].filter((id) => hasEntry(doc.ties, id));
  if (nodes.length === selection.selectedNodes.size && ties.length === selection.selectedTies.size) return null;
  return { selectedNodes: new Set(nodes), selectedTies: new Set(ties) };
}

export const selectionSlice: Slice<SelectionState & SelectionActions> = ({ set, get }) => ({
  ...selectionOnOpen,
  select(nodes, ties = []) {
    // The same selection keeps its set, so the canvas does not re-map every tie of a whole
    // company when only the people selected changed (or nothing did).
    const { selectedNodes, selectedTies } = get();
    set({ selectedNodes: sameIds(selectedNodes, nodes), selectedTies: sameIds(selectedTies, ties) });
  },
  selectAll() {
    const { doc, collapsed } = get();
    if (!doc) return;
    // People in collapsed teams are out of sight: select all is what is drawn.
    const { hidden } = collapseOf(cachedOrgTree(doc), Object.keys(doc.stakeholders), collapsed);
    if (hidden.size === 0) return set({ selectedNodes: new Set(Object.keys(doc.stakeholders)), selectedTies: new Set(Object.keys(doc.ties)) });
    const ties = Object.keys(doc.ties).filter((id) => !hidden.has(doc.ties[id].source) && !hidden.has(doc.ties[id].target));
    set({ selectedNodes: new Set(Object.keys(doc.stakeholders).filter((id) => !hidden.has(id))), selectedTies: new Set(ties) });
  },
  clearSelection() {
    if (get().selectedNodes.size || get().selectedTies.size) set({ selectedNodes: EMPTY_IDS, selectedTies: EMPTY_IDS });
  },
  setRenaming(id) {
    if (id !== null && get().readOnly) return;
    if (get().renaming !== id) set({ renaming: id });
  },
});
