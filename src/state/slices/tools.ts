/**
 * What every slice of the editor store gets: `set`/`get` on the whole combined store (a slice may
 * read another's state; it writes its own, except where an action spans slices, which it says),
 * and the document helpers that go through the one zundo history.
 */
import type { TemporalState } from 'zundo';
import type { MapDocument } from '../../domain/types';
import type { EditorState, EditorStore } from '../store';

export interface SliceTools {
  set(partial: Partial<EditorState>): void;
  get(): EditorStore;
  /** The undo history (zundo, applied once on the combined store; it records only `doc`). */
  history(): TemporalState<{ doc: MapDocument | null }>;
  /** Replaces entries of the undo history (another tab's change carried into it). */
  setHistory(partial: Pick<TemporalState<{ doc: MapDocument | null }>, 'pastStates' | 'futureStates'>): void;
  /** Sets state without making an undo step (opening a document, adopting another tab's change). */
  untracked(partial: Partial<EditorState>): void;
}

/** A slice: its state and actions, made from the shared tools. */
export type Slice<T> = (tools: SliceTools) => T;
