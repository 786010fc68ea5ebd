/**
 * A map must never make the app unopenable. A map too big to draw froze the page for minutes,
 * and because start-up reopens the last map, every later start froze too.
 *
 * So a marker is written to localStorage the moment a map enters the store (synchronously, before
 * React starts drawing it) and removed once the browser has painted it. If the page was closed
 * or crashed while the map was still opening, the marker is still there at the next start: the
 * app then starts on the list of maps instead of reopening that map, and says why.
 *
 * localStorage, not IndexedDB: it is synchronous, so the marker is on disk before the long
 * render begins. It holds a map id and name only, and is removed as soon as the map is drawn.
 */
import type { EditorStoreApi } from '../state/store';

const KEY = 'influence-map:opening';

export interface OpeningMarker {
  mapId: string;
  name: string;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: no guard, the app still works
  }
}

/** The map that was still opening when the page last went away, if any. */
export function readOpeningMarker(): OpeningMarker | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && typeof (value as OpeningMarker).mapId === 'string') {
      const name = (value as OpeningMarker).name;
      return { mapId: (value as OpeningMarker).mapId, name: typeof name === 'string' ? name : '' };
    }
  } catch {
    // a damaged marker says nothing
  }
  return null;
}

export function clearOpeningMarker(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing to do
  }
}

function writeOpeningMarker(marker: OpeningMarker): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(marker));
  } catch {
    // full or disabled storage: no guard for this open
  }
}

/** Two animation frames: the first runs before the paint that shows the map, the second after it. */
function afterPaint(callback: () => void): () => void {
  let second = 0;
  const first = requestAnimationFrame(() => {
    second = requestAnimationFrame(callback);
  });
  return () => {
    cancelAnimationFrame(first);
    cancelAnimationFrame(second);
  };
}

/**
 * Marks every map that enters the store as opening until it has been painted. Returns a function
 * that stops watching.
 */
export function guardMapOpening(store: EditorStoreApi): () => void {
  let cancel: (() => void) | null = null;
  const unsubscribe = store.subscribe((state, previous) => {
    const id = state.doc?.map.id ?? null;
    if (id === (previous.doc?.map.id ?? null)) return;
    cancel?.();
    cancel = null;
    if (!id) {
      clearOpeningMarker();
      return;
    }
    writeOpeningMarker({ mapId: id, name: state.doc?.map.name ?? '' });
    cancel = afterPaint(() => {
      cancel = null;
      if (store.getState().doc?.map.id === id) clearOpeningMarker();
    });
  });
  return () => {
    unsubscribe();
    cancel?.();
  };
}

/** What the app says when it started on the list instead of reopening a map. */
export function stuckMapMessage(marker: OpeningMarker): string {
  const name = marker.name.trim() ? `“${marker.name.trim().slice(0, 80)}”` : 'The last map';
  return `${name} did not finish opening last time (the page was closed or stopped while it was being drawn), so Influence Map started on your list of maps. Open it from the list when you are ready.`;
}
