/**
 * "After the map is drawn": work an opening map does not need for its first image waits until the
 * canvas has shown the map whole (the store's `drawn`, set by the canvas once per opening).
 *
 * At 50,000 people the analysis (both cores, in workers), the revisions autosave keeps (a pass
 * over 300,000 rows) and every person's label for the Details pickers each took a share of the
 * main thread or of the cores while the people and their ties were being rasterised, and so made
 * the map appear later. None of it is needed to see the map.
 *
 * A canvas that never reports (no canvas mounted, a tab in the background) must not hold the work
 * back for ever: it runs after DRAWN_WAIT_MS at the latest.
 */
import { useEffect, useState } from 'react';
import { useEditor } from './context';
import { entryCount } from '../domain/records';
import type { EditorStore, EditorStoreApi } from './store';

/** The longest work waits for the map to be drawn. */
export const DRAWN_WAIT_MS = 4000;
/**
 * Only maps this big wait: below it, what waits takes a few milliseconds, and a small map is
 * analysed and saved as before, whether or not a canvas shows it.
 */
export const DRAWN_WAIT_FROM_PEOPLE = 5000;

/** Is the open map drawn, or too small to make anything wait for it? */
function drawnEnough(state: EditorStore): boolean {
  return state.drawn || !state.doc || entryCount(state.doc.stakeholders) < DRAWN_WAIT_FROM_PEOPLE;
}

/** Runs `run` once the open map is drawn (at once if it is), or after `maxWaitMs`. Returns a cancel. */
export function afterDrawn(store: EditorStoreApi, run: () => void, maxWaitMs = DRAWN_WAIT_MS): () => void {
  if (drawnEnough(store.getState())) {
    run();
    return () => undefined;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unsubscribe();
    run();
  };
  const timer = setTimeout(finish, maxWaitMs);
  const unsubscribe = store.subscribe((state) => {
    if (drawnEnough(state)) finish();
  });
  return () => {
    done = true;
    clearTimeout(timer);
    unsubscribe();
  };
}

/** A promise of afterDrawn. */
export function whenDrawn(store: EditorStoreApi, maxWaitMs = DRAWN_WAIT_MS): Promise<void> {
  return new Promise((resolve) => void afterDrawn(store, resolve, maxWaitMs));
}

/** True once the open map is drawn, or DRAWN_WAIT_MS after this component first asked. */
export function useDrawn(): boolean {
  const drawn = useEditor(drawnEnough);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (drawn || waited) return;
    const timer = setTimeout(() => setWaited(true), DRAWN_WAIT_MS);
    return () => clearTimeout(timer);
  }, [drawn, waited]);
  return drawn || waited;
}
