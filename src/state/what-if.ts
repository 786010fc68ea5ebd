/**
 * "What if ... leaves?": which people are taken out, and the comparison the worker worked out.
 * On-screen state only, deliberately outside the editor store: it is never part of the document,
 * never an undo step and never saved. Closing it leaves the map exactly as it was.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { WhatIfResult } from '../analysis/what-if';
import type { Id } from '../domain/types';

export interface WhatIfState {
  /** Empty when the what-if panel is closed. */
  removedIds: Id[];
  result: WhatIfResult | null;
  status: 'idle' | 'working' | 'ready' | 'error';
  error: string | null;
  /** Opens the panel with one person taken out (or adds them to an open what-if). */
  start(id: Id): void;
  add(id: Id): void;
  /** Puts someone back; the panel closes when nobody is left out. */
  restore(id: Id): void;
  close(): void;
  setResult(result: WhatIfResult | null, status: WhatIfState['status'], error?: string | null): void;
}

export function createWhatIfStore() {
  return createStore<WhatIfState>()((set, get) => ({
    removedIds: [],
    result: null,
    status: 'idle',
    error: null,
    start(id) {
      if (get().removedIds.includes(id)) return;
      set({ removedIds: [...get().removedIds, id], status: 'working' });
    },
    add(id) {
      get().start(id);
    },
    restore(id) {
      const removedIds = get().removedIds.filter((r) => r !== id);
      if (removedIds.length === 0) get().close();
      else set({ removedIds, status: 'working' });
    },
    close() {
      set({ removedIds: [], result: null, status: 'idle', error: null });
    },
    setResult(result, status, error = null) {
      set({ result, status, error });
    },
  }));
}

/** One per page: the what-if follows the open map and is closed when another map opens. */
export const whatIfStore = createWhatIfStore();

export function useWhatIf<T>(selector: (s: WhatIfState) => T): T {
  return useStore(whatIfStore, selector);
}
