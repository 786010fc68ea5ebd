/**
 * The editor store: the open document (undoable, via zundo) plus on-screen state (selection, the
 * node being dragged, tool choices, notices), which is never undone and never saved.
 */
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import * as ops from '../domain/operations';
import { diffDocuments, isEmptyChangeSet, mergeRecord } from '../domain/diff';
import type { Clip, Position } from '../domain/operations';
import type { Id, MapDocument, MapSettings, Stakeholder, Tie, TieKindId, Viewport } from '../domain/types';
import type { AnalysisResult } from '../analysis/types';
import { NO_FILTERS, type Filters } from '../domain/search';
import { copyRecord, hasEntry } from '../domain/records';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
export interface SaveStatus {
  state: SaveState;
  message?: string;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export type Lens = 'none' | 'brokers' | 'advisors' | 'path';
export type SizeBy = 'influence' | 'betweenness' | 'pagerank' | 'degree' | 'leadersAdvised' | 'effectiveSize' | 'keyPersonRisk';
export type ColourBy = 'stance' | 'department' | 'cluster' | 'betweenness' | 'pagerank' | 'closeness' | 'hiddenInfluence' | 'keyPersonRisk';
export type AnalysisState = 'idle' | 'updating' | 'ready' | 'error';
export type SidePanel = 'details' | 'insights' | 'network';
export type MapView = 'network' | 'grid' | 'ego' | 'focus';
export type FocusDirection = 'in' | 'out' | 'both';

export interface EditorState {
  doc: MapDocument | null;
  /** Problems found while opening the document (damaged records skipped, repairs made). */
  loadProblems: string[];
  selectedNodes: ReadonlySet<Id>;
  selectedTies: ReadonlySet<Id>;
  /** Positions of nodes while a drag is under way; committed to the document on drag end. */
  drag: Record<Id, Position> | null;
  tieKind: TieKindId;
  snapToGrid: boolean;
  notice: Notice | null;
  save: SaveStatus;
  /** The viewport the canvas should restore when the document opens. */
  initialViewport: Viewport | null;
  /** Latest analysis of the open document (computed in a worker; never saved). */
  analysis: AnalysisResult | null;
  analysisState: AnalysisState;
  analysisError: string | null;
  lens: Lens;
  sizeBy: SizeBy;
  colourBy: ColourBy;
  /** Whom the user wants to reach from Me (introduction paths). */
  pathTarget: Id | null;
  sidePanel: SidePanel;
  metricsOpen: boolean;
  /** Which view of the map is shown; all edit the same document. */
  view: MapView;
  /** Focus view: whose neighbourhood, how far, which way. */
  focusId: Id | null;
  focusSteps: 1 | 2 | 3;
  focusDirection: FocusDirection;
  /** People and ties that do not pass are faded. */
  filters: Filters;
  searchOpen: boolean;
  /** A locked map the user asked to open: the unlock screen shows instead of the canvas. */
  lockedMapId: Id | null;
  /** The person whose name is being edited in place on their card. */
  renaming: Id | null;
}

export interface EditorActions {
  openDocument(doc: MapDocument, options?: { problems?: string[]; viewport?: Viewport | null }): void;
  closeDocument(): void;
  /** Applies a pure edit. Edits sharing a `group` within a second are one undo step (typing). */
  edit(fn: (doc: MapDocument) => MapDocument, group?: string): void;
  addStakeholderAt(position: Position, fields?: Partial<Stakeholder>): Id | null;
  updateStakeholder(id: Id, patch: Partial<Omit<Stakeholder, 'id'>>, group?: string): void;
  connect(source: Id, target: Id, kind?: TieKindId): boolean;
  updateTie(id: Id, patch: Partial<Omit<Tie, 'id'>>): boolean;
  swapTie(id: Id): void;
  deleteSelection(): void;
  select(nodes: Iterable<Id>, ties?: Iterable<Id>): void;
  selectAll(): void;
  clearSelection(): void;
  dragTo(positions: Record<Id, Position>): void;
  dragEnd(positions: Record<Id, Position>): void;
  copySelection(): number;
  paste(): number;
  duplicateSelection(): number;
  renameMap(name: string): void;
  setMe(id: Id | null): void;
  updateSettings(settings: MapSettings): void;
  setTieKind(kind: TieKindId): void;
  toggleSnap(): void;
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  setSaveStatus(status: SaveStatus): void;
  /** Adopts a document change made elsewhere (another tab, a merge); not an undo step. */
  adoptExternal(doc: MapDocument): void;
  undo(): void;
  redo(): void;
  setAnalysis(result: AnalysisResult | null, state: AnalysisState, error?: string | null): void;
  setAnalysisState(state: AnalysisState): void;
  setLens(lens: Lens): void;
  setSizeBy(sizeBy: SizeBy): void;
  setColourBy(colourBy: ColourBy): void;
  setPathTarget(id: Id | null): void;
  setSidePanel(panel: SidePanel): void;
  setMetricsOpen(open: boolean): void;
  setView(view: MapView): void;
  setFocus(patch: { id?: Id | null; steps?: 1 | 2 | 3; direction?: FocusDirection }): void;
  setFilters(filters: Filters): void;
  setSearchOpen(open: boolean): void;
  setLockedMap(id: Id | null): void;
  /** Starts (an id) or ends (null) editing a person's name on their card. */
  setRenaming(id: Id | null): void;
}

export type EditorStore = EditorState & EditorActions;
export type EditorStoreApi = StoreApi<EditorStore> & {
  temporal: StoreApi<TemporalState<{ doc: MapDocument | null }>>;
};

const GROUP_WINDOW_MS = 1000;
const PASTE_OFFSET = 40;
const EMPTY: ReadonlySet<Id> = new Set();

export function createEditorStore(): EditorStoreApi {
  let clipboard: Clip | null = null;
  let pasteCount = 0;
  let lastGroup: string | undefined;
  let lastGroupAt = 0;

  const store = createStore<EditorStore>()(
    temporal(
      (set, get) => {
        const history = () => (store as EditorStoreApi).temporal.getState();

        /** Commits a new document; merges into the previous undo step when in the same group. */
        const commit = (next: MapDocument, group?: string) => {
          const current = get().doc;
          if (!current || next === current) return;
          const now = Date.now();
          const coalesce = group !== undefined && group === lastGroup && now - lastGroupAt < GROUP_WINDOW_MS;
          lastGroup = group;
          lastGroupAt = now;
          if (coalesce) {
            history().pause();
            set({ doc: next });
            history().resume();
          } else set({ doc: next });
        };

        const untracked = (partial: Partial<EditorState>) => {
          history().pause();
          set(partial);
          history().resume();
        };

        /** Drops selected ids that no longer exist (after undo, delete or a remote change). */
        const pruneSelection = () => {
          const { doc, selectedNodes, selectedTies } = get();
          if (!doc) return;
          const nodes = [...selectedNodes].filter((id) => hasEntry(doc.stakeholders, id));
          const ties = [...selectedTies].filter((id) => hasEntry(doc.ties, id));
          if (nodes.length !== selectedNodes.size || ties.length !== selectedTies.size) {
            set({ selectedNodes: new Set(nodes), selectedTies: new Set(ties) });
          }
        };

        /**
         * Another tab's change must survive this tab's undo and redo: carry it into every
         * document in the history, keeping only this tab's own differences there.
         */
        const rebaseHistory = (before: MapDocument, after: MapDocument) => {
          const changes = diffDocuments(before, after);
          if (isEmptyChangeSet(changes)) return;
          const patch = (h: MapDocument | null): MapDocument | null => {
            if (!h || h.map.id !== after.map.id) return h;
            const stakeholders = copyRecord(h.stakeholders);
            for (const s of changes.upsertStakeholders) {
              const was = before.stakeholders[s.id];
              if (!was) stakeholders[s.id] = s;
              else if (stakeholders[s.id]) stakeholders[s.id] = mergeRecord(was, stakeholders[s.id], s);
            }
            for (const id of changes.deleteStakeholders) delete stakeholders[id];
            const ties = copyRecord(h.ties);
            for (const t of changes.upsertTies) {
              const was = before.ties[t.id];
              if (!was) ties[t.id] = t;
              else if (ties[t.id]) ties[t.id] = mergeRecord(was, ties[t.id], t);
            }
            for (const id of changes.deleteTies) delete ties[id];
            for (const t of Object.values(ties)) if (!hasEntry(stakeholders, t.source) || !hasEntry(stakeholders, t.target)) delete ties[t.id];
            const map = changes.map ? mergeRecord(before.map, h.map, changes.map) : h.map;
            return { map, stakeholders, ties };
          };
          const temporalStore = (store as EditorStoreApi).temporal;
          const { pastStates, futureStates } = temporalStore.getState();
          temporalStore.setState({
            pastStates: pastStates.map((p) => ({ ...p, doc: patch(p.doc ?? null) })),
            futureStates: futureStates.map((f) => ({ ...f, doc: patch(f.doc ?? null) })),
          });
        };

        const pasteClip = (clip: Clip, offset: Position): number => {
          const doc = get().doc;
          if (!doc || clip.stakeholders.length === 0) return 0;
          const result = ops.pasteClip(doc, clip, offset);
          commit(result.doc);
          set({ selectedNodes: new Set(result.ids), selectedTies: EMPTY });
          return result.ids.length;
        };

        return {
          doc: null,
          loadProblems: [],
          selectedNodes: EMPTY,
          selectedTies: EMPTY,
          drag: null,
          tieKind: 'influence',
          snapToGrid: false,
          notice: null,
          save: { state: 'idle' },
          initialViewport: null,
          analysis: null,
          analysisState: 'idle',
          analysisError: null,
          lens: 'none',
          sizeBy: 'influence',
          colourBy: 'stance',
          pathTarget: null,
          sidePanel: 'details',
          metricsOpen: false,
          view: 'network',
          focusId: null,
          focusSteps: 1,
          focusDirection: 'both',
          filters: NO_FILTERS,
          searchOpen: false,
          lockedMapId: null,
          renaming: null,

          openDocument(doc, options) {
            untracked({
              doc,
              loadProblems: options?.problems ?? [],
              initialViewport: options?.viewport ?? null,
              selectedNodes: EMPTY,
              selectedTies: EMPTY,
              drag: null,
              save: { state: 'saved' },
              analysis: null,
              analysisState: 'idle',
              analysisError: null,
              lens: 'none',
              pathTarget: null,
              view: 'network',
              focusId: null,
              filters: NO_FILTERS,
              lockedMapId: null,
              renaming: null,
            });
            history().clear();
            lastGroup = undefined;
          },
          closeDocument() {
            untracked({ doc: null, selectedNodes: EMPTY, selectedTies: EMPTY, drag: null, loadProblems: [], initialViewport: null, save: { state: 'idle' } });
            history().clear();
          },
          edit(fn, group) {
            const doc = get().doc;
            if (doc) commit(fn(doc), group);
          },
          addStakeholderAt(position, fields) {
            const doc = get().doc;
            if (!doc) return null;
            const { doc: next, id } = ops.addStakeholderAt(doc, position, fields);
            commit(next);
            set({ selectedNodes: new Set([id]), selectedTies: EMPTY });
            return id;
          },
          updateStakeholder(id, patch, group) {
            get().edit((doc) => ops.updateStakeholder(doc, id, patch), group ?? `s:${id}:${Object.keys(patch).join(',')}`);
          },
          connect(source, target, kind) {
            const doc = get().doc;
            if (!doc) return false;
            const tieKind = kind ?? get().tieKind;
            const result = ops.connect(doc, source, target, tieKind);
            if (!result.ok) {
              get().notify(result.error, 'error');
              return false;
            }
            commit(result.doc);
            if (result.id) set({ selectedNodes: EMPTY, selectedTies: new Set([result.id]) });
            return true;
          },
          updateTie(id, patch) {
            const doc = get().doc;
            if (!doc) return false;
            const result = ops.updateTie(doc, id, patch);
            if (!result.ok) {
              get().notify(result.error, 'error');
              return false;
            }
            commit(result.doc);
            return true;
          },
          swapTie(id) {
            const doc = get().doc;
            if (!doc) return;
            const result = ops.swapTieDirection(doc, id);
            if (!result.ok) get().notify(result.error, 'error');
            else commit(result.doc);
          },
          deleteSelection() {
            const { doc, selectedNodes, selectedTies } = get();
            if (!doc || (selectedNodes.size === 0 && selectedTies.size === 0)) return;
            commit(ops.removeElements(doc, selectedNodes, selectedTies));
            set({ selectedNodes: EMPTY, selectedTies: EMPTY });
          },
          select(nodes, ties = []) {
            set({ selectedNodes: new Set(nodes), selectedTies: new Set(ties) });
          },
          selectAll() {
            const doc = get().doc;
            if (doc) set({ selectedNodes: new Set(Object.keys(doc.stakeholders)), selectedTies: new Set(Object.keys(doc.ties)) });
          },
          clearSelection() {
            if (get().selectedNodes.size || get().selectedTies.size) set({ selectedNodes: EMPTY, selectedTies: EMPTY });
          },
          dragTo(positions) {
            set({ drag: Object.assign(copyRecord(get().drag ?? {}), positions) });
          },
          dragEnd(positions) {
            const all = Object.assign(copyRecord(get().drag ?? {}), positions);
            set({ drag: null });
            get().edit((doc) => ops.moveStakeholders(doc, all));
          },
          copySelection() {
            const { doc, selectedNodes } = get();
            if (!doc || selectedNodes.size === 0) return 0;
            clipboard = ops.copySelection(doc, selectedNodes);
            pasteCount = 0;
            return clipboard.stakeholders.length;
          },
          paste() {
            if (!clipboard) return 0;
            pasteCount++;
            return pasteClip(clipboard, { x: PASTE_OFFSET * pasteCount, y: PASTE_OFFSET * pasteCount });
          },
          duplicateSelection() {
            const { doc, selectedNodes } = get();
            if (!doc || selectedNodes.size === 0) return 0;
            return pasteClip(ops.copySelection(doc, selectedNodes), { x: PASTE_OFFSET, y: PASTE_OFFSET });
          },
          renameMap(name) {
            get().edit((doc) => ops.updateMapMeta(doc, { name }), 'map:name');
          },
          setMe(id) {
            get().edit((doc) => ops.updateMapMeta(doc, { meId: id }));
          },
          updateSettings(settings) {
            get().edit((doc) => ops.updateSettings(doc, settings), 'map:settings');
          },
          setTieKind(kind) {
            set({ tieKind: kind });
          },
          toggleSnap() {
            set({ snapToGrid: !get().snapToGrid });
          },
          notify(text, tone = 'info') {
            set({ notice: { id: Date.now() + Math.random(), text, tone } });
          },
          dismissNotice() {
            set({ notice: null });
          },
          setSaveStatus(status) {
            const current = get().save;
            if (current.state !== status.state || current.message !== status.message) set({ save: status });
          },
          adoptExternal(doc) {
            const before = get().doc;
            untracked({ doc });
            if (before && before.map.id === doc.map.id) rebaseHistory(before, doc);
            pruneSelection();
          },
          setAnalysis(result, state, error = null) {
            set({ analysis: result, analysisState: state, analysisError: error });
          },
          setAnalysisState(state) {
            if (get().analysisState !== state) set({ analysisState: state });
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
          setSidePanel(panel) {
            set({ sidePanel: panel });
          },
          setMetricsOpen(open) {
            set({ metricsOpen: open });
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
          setSearchOpen(open) {
            set({ searchOpen: open });
          },
          setLockedMap(id) {
            set({ lockedMapId: id });
          },
          setRenaming(id) {
            if (get().renaming !== id) set({ renaming: id });
          },
          undo() {
            lastGroup = undefined;
            history().undo();
            pruneSelection();
          },
          redo() {
            lastGroup = undefined;
            history().redo();
            pruneSelection();
          },
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
