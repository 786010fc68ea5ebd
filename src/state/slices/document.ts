/**
 * Document slice: the open map (the only state zundo records, so the only thing undo changes),
 * its edits, the drag under way, the save status, and the clipboard. Edits sharing a `group`
 * within a second are one undo step (typing); a drag is one step, committed on drag end.
 */
import * as ops from '../../domain/operations';
import type { Clip, Position } from '../../domain/operations';
import { mergeDocuments } from '../../domain/merge';
import { localDate } from '../../domain/nurture';
import { stancePatch } from '../../domain/stance-history';
import { copyRecord } from '../../domain/records';
import type { Id, MapDocument, MapSettings, Stakeholder, Tie, TieKindId, Viewport } from '../../domain/types';
import { analysisOnOpen } from './analysis';
import { interfaceOnOpen } from './interface';
import { EMPTY_IDS, prunedSelection, selectionOnOpen } from './selection';
import type { Slice } from './tools';
import { viewOnOpen } from './view';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
export interface SaveStatus {
  state: SaveState;
  message?: string;
}

export interface DocumentState {
  doc: MapDocument | null;
  /** Problems found while opening the document (damaged records skipped, repairs made). */
  loadProblems: string[];
  /** Positions of nodes while a drag is under way; committed to the document on drag end. */
  drag: Record<Id, Position> | null;
  save: SaveStatus;
  /** The viewport the canvas should restore when the document opens. */
  initialViewport: Viewport | null;
  /** A locked map the user asked to open: the unlock screen shows instead of the canvas. */
  lockedMapId: Id | null;
  /**
   * View only (a view-only member of a team map, the interactive HTML viewer): every edit of the
   * document is refused (edit, undo, redo and the actions built on them); looking still works.
   */
  readOnly: boolean;
}

export interface DocumentActions {
  /** Opens a document: a new history, and the selection, view, analysis and menus of the last one reset. */
  openDocument(doc: MapDocument, options?: { problems?: string[]; viewport?: Viewport | null }): void;
  closeDocument(): void;
  /**
   * Applies a pure edit. Edits sharing a `group` within a second are one undo step (typing).
   * False when the edit was refused (no map open, or view only).
   */
  edit(fn: (doc: MapDocument) => MapDocument, group?: string): boolean;
  addStakeholderAt(position: Position, fields?: Partial<Stakeholder>): Id | null;
  updateStakeholder(id: Id, patch: Partial<Omit<Stakeholder, 'id'>>, group?: string): void;
  connect(source: Id, target: Id, kind?: TieKindId): boolean;
  updateTie(id: Id, patch: Partial<Omit<Tie, 'id'>>): boolean;
  swapTie(id: Id): void;
  deleteSelection(): void;
  dragTo(positions: Record<Id, Position>): void;
  dragEnd(positions: Record<Id, Position>): void;
  copySelection(): number;
  paste(): number;
  duplicateSelection(): number;
  renameMap(name: string): void;
  setMe(id: Id | null): void;
  updateSettings(settings: MapSettings): void;
  setSaveStatus(status: SaveStatus): void;
  /** Adopts a document change made elsewhere (another tab, a merge); not an undo step. */
  adoptExternal(doc: MapDocument): void;
  undo(): void;
  redo(): void;
  setLockedMap(id: Id | null): void;
  /** Turns view-only mode on or off (kept across opening another document). */
  setReadOnly(value: boolean): void;
}

const GROUP_WINDOW_MS = 1000;
const PASTE_OFFSET = 40;

export const documentSlice: Slice<DocumentState & DocumentActions> = ({ set, get, history, setHistory, untracked }) => {
  let clipboard: Clip | null = null;
  let pasteCount = 0;
  let lastGroup: string | undefined;
  let lastGroupAt = 0;

  /**
   * Commits a new document; merges into the previous undo step when in the same group. The one
   * place view only is enforced for edits: every action goes through here, and an action with
   * side effects beyond the document (selection) makes them only when this returns true. An edit
   * that changed nothing is not refused.
   */
  const commit = (next: MapDocument, group?: string): boolean => {
    const current = get().doc;
    if (!current || get().readOnly) return false;
    if (next === current) return true;
    const now = Date.now();
    const coalesce = group !== undefined && group === lastGroup && now - lastGroupAt < GROUP_WINDOW_MS;
    lastGroup = group;
    lastGroupAt = now;
    if (coalesce) {
      history().pause();
      set({ doc: next });
      history().resume();
    } else set({ doc: next });
    return true;
  };

  /** Drops selected ids that no longer exist (after undo, delete or a remote change). */
  const pruneSelection = () => {
    const state = get();
    const pruned = prunedSelection(state.doc, state);
    if (pruned) set(pruned);
  };

  /**
   * Another tab's change must survive this tab's undo and redo: carry it into every document in
   * the history with the one merge (domain/merge.ts), keeping only this tab's own differences there.
   */
  const rebaseHistory = (before: MapDocument, after: MapDocument) => {
    const patch = (h: MapDocument | null): MapDocument | null => (!h || h.map.id !== after.map.id ? h : mergeDocuments(before, h, after).doc);
    const { pastStates, futureStates } = history();
    setHistory({
      pastStates: pastStates.map((p) => ({ ...p, doc: patch(p.doc ?? null) })),
      futureStates: futureStates.map((f) => ({ ...f, doc: patch(f.doc ?? null) })),
    });
  };

  const pasteClip = (clip: Clip, offset: Position): number => {
    const doc = get().doc;
    if (!doc || clip.stakeholders.length === 0) return 0;
    const result = ops.pasteClip(doc, clip, offset);
    if (!commit(result.doc)) return 0;
    set({ selectedNodes: new Set(result.ids), selectedTies: EMPTY_IDS });
    return result.ids.length;
  };

  return {
    doc: null,
    loadProblems: [],
    drag: null,
    save: { state: 'idle' },
    initialViewport: null,
    lockedMapId: null,
    readOnly: false,

    openDocument(doc, options) {
      untracked({
        ...selectionOnOpen,
        ...analysisOnOpen,
        ...viewOnOpen,
        ...interfaceOnOpen,
        doc,
        loadProblems: options?.problems ?? [],
        initialViewport: options?.viewport ?? null,
        drag: null,
        save: { state: 'saved' },
        lockedMapId: null,
      });
      history().clear();
      lastGroup = undefined;
    },
    closeDocument() {
      untracked({ doc: null, selectedNodes: EMPTY_IDS, selectedTies: EMPTY_IDS, drag: null, loadProblems: [], initialViewport: null, save: { state: 'idle' }, contextMenu: null, drawn: false });
      history().clear();
    },
    edit(fn, group) {
      const doc = get().doc;
      // Checked here too only so that the edit function (and any outcome it records) does not run.
      return !!doc && !get().readOnly && commit(fn(doc), group);
    },
    addStakeholderAt(position, fields) {
      const doc = get().doc;
      if (!doc) return null;
      const { doc: next, id } = ops.addStakeholderAt(doc, position, fields);
      if (!commit(next)) return null;
      set({ selectedNodes: new Set([id]), selectedTies: EMPTY_IDS });
      return id;
    },
    updateStakeholder(id, patch, group) {
      get().edit((doc) => {
        // A stance edit records its date on the person in the same change, so one undo takes both back.
        const person = doc.stakeholders[id];
        const stance = patch.stance && person ? stancePatch(person, patch.stance, localDate()) : null;
        return ops.updateStakeholder(doc, id, stance ? { ...patch, ...stance } : patch);
      }, group ?? `s:${id}:${Object.keys(patch).join(',')}`);
    },
    connect(source, target, kind) {
      const doc = get().doc;
      // View only is checked first here so that a refused connection says nothing.
      if (!doc || get().readOnly) return false;
      const tieKind = kind ?? get().tieKind;
      const result = ops.connect(doc, source, target, tieKind);
      if (!result.ok) {
        get().notify(result.error, 'error');
        return false;
      }
      if (!commit(result.doc)) return false;
      if (result.id) set({ selectedNodes: EMPTY_IDS, selectedTies: new Set([result.id]) });
      return true;
    },
    updateTie(id, patch) {
      const doc = get().doc;
      // Checked first so that a refused change says nothing.
      if (!doc || get().readOnly) return false;
      const result = ops.updateTie(doc, id, patch);
      if (!result.ok) {
        get().notify(result.error, 'error');
        return false;
      }
      return commit(result.doc);
    },
    swapTie(id) {
      const doc = get().doc;
      // Checked first so that a refused swap says nothing.
      if (!doc || get().readOnly) return;
      const result = ops.swapTieDirection(doc, id);
      if (!result.ok) get().notify(result.error, 'error');
      else commit(result.doc);
    },
    deleteSelection() {
      const { doc, selectedNodes, selectedTies } = get();
      if (!doc || (selectedNodes.size === 0 && selectedTies.size === 0)) return;
      if (!commit(ops.removeElements(doc, selectedNodes, selectedTies))) return;
      set({ selectedNodes: EMPTY_IDS, selectedTies: EMPTY_IDS });
    },
    dragTo(positions) {
      // A drag is not a commit until it ends; refused here so no card moves on screen.
      if (get().readOnly) return;
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
    setLockedMap(id) {
      set({ lockedMapId: id });
    },
    setReadOnly(value) {
      if (get().readOnly === value) return;
      untracked(value ? { readOnly: true, drag: null, renaming: null } : { readOnly: false });
    },
    undo() {
      if (get().readOnly) return;
      lastGroup = undefined;
      history().undo();
      pruneSelection();
    },
    redo() {
      if (get().readOnly) return;
      lastGroup = undefined;
      history().redo();
      pruneSelection();
    },
  };
};
