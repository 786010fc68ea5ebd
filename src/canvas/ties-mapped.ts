/**
 * When an opening map's people and ties are mapped for React Flow and the level-of-detail layer (MapCanvas).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { entryCount } from '../domain/records';
import { nextTask, onNextFrame } from '../domain/next-task';
import type { MapDocument } from '../domain/types';

/** From this many ties, an opened map draws its people first and maps its ties after. */
export const TIES_AFTER_PAINT = 20_000;
/** The longest the ties wait for the people to be drawn. */
export const MARKS_WAIT_MS = 3000;

/**
 * Whether the ties are mapped yet: at once on a map with fewer than TIES_AFTER_PAINT ties, else
 * once the level-of-detail layer has drawn the people (`marksDrawn`), or after the first paint
 * when the map opens zoomed in. Mapping a whole company's ties for React Flow and the layer
 * (250,000 at 50,000 people, about 0.5 s) was the largest part of the task that first drew an
 * opened map, and it also held up the people's image coming back from the raster worker.
 *
 * Before they count as mapped, `prepare` maps them a slice at a time outside React (the edge
 * mapper's prepare), so the render that then takes them finds them done: no long task at all.
 */
export function useTiesMapped(doc: MapDocument, lod: boolean, prepare: (stopped: () => boolean) => Promise<void>): { mapped: boolean; marksDrawn: () => void } {
  const { mapped, start } = usePrepared(() => entryCount(doc.ties) < TIES_AFTER_PAINT, prepare);
  // A frame later, and then in tasks of their own: the people's image is on screen (and that
  // frame counted) before the ties are mapped.
  const marksDrawn = useCallback(() => void onNextFrame(start), [start]);
  useEffect(() => {
    if (mapped) return;
    if (!lod) return onNextFrame(start);
    // Zoomed out, a canvas with no size draws nothing: then the ties come after MARKS_WAIT_MS.
    const timer = setTimeout(start, MARKS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [mapped, lod, start]);
  return { mapped, marksDrawn };
}

/** From this many people, an opened map maps its people in slices before its first render with them. */
export const PEOPLE_AFTER_PAINT = 20_000;

/**
 * Whether the people are mapped yet: at once on a map with fewer than PEOPLE_AFTER_PAINT people,
 * else once `prepare` (the node mapper's and the scene's slices) has run, started right away.
 * Mapping 50,000 people and their level-of-detail scene was most of the one long task that first
 * drew an imported company.
 */
export function usePeopleMapped(doc: MapDocument, prepare: (stopped: () => boolean) => Promise<void>): boolean {
  const { mapped, start } = usePrepared(() => entryCount(doc.stakeholders) < PEOPLE_AFTER_PAINT, prepare);
  // After a turn for the page: not in the task of the render that mounted the canvas.
  useEffect(() => {
    if (!mapped) void nextTask().then(start);
  }, [mapped, start]);
  return mapped;
}

/**
 * What both share: `start()` runs `prepare` once, and `mapped` turns true when it has finished,
 * unless the canvas has gone meanwhile (then `prepare` is told to stop).
 */
function usePrepared(initially: () => boolean, prepare: (stopped: () => boolean) => Promise<void>): { mapped: boolean; start: () => void } {
  const [mapped, setMapped] = useState(initially);
  const prepareRef = useRef(prepare);
  prepareRef.current = prepare;
  const started = useRef(false);
  const gone = useRef(false);
  // Set on mount too: StrictMode mounts, unmounts and mounts again, and a canvas still here is not gone.
  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
    };
  }, []);
  const start = useCallback(() => {
    if (started.current || gone.current) return;
    started.current = true;
    const stopped = () => gone.current;
    void prepareRef
      .current(stopped)
      .catch(() => undefined)
      .then(() => {
        if (!stopped()) setMapped(true);
      });
  }, []);
  return { mapped, start };
}

/**
 * The overlay the canvas shows. On a map of PEOPLE_AFTER_PAINT people or more, an overlay that
 * changes on its own (the analysis landing with its badges, a lens, a collapsed team; not an
 * edit) is shown once `prepare` has mapped the people, the ties and the level-of-detail scene with
 * it a slice at a time, so the render that then takes it finds them done: mapping 50,000 people's
 * badges in that render was a task of over 100 ms when an imported company's analysis came back.
 * An edit's overlay (a new document) is shown at once, as on a smaller map: that render maps the
 * changed people anyway.
 */
export function useSlicedOverlay<O, D>(overlay: O, doc: D, sliced: boolean, prepare: (overlay: O, stopped: () => boolean) => Promise<void>): O {
  const [shown, setShown] = useState({ overlay, doc });
  const atOnce = !sliced || shown.doc !== doc;
  // Kept in step during render (React renders again at once), so an edit never shows an older overlay.
  if (atOnce && shown.overlay !== overlay) setShown({ overlay, doc });
  const prepareRef = useRef(prepare);
  prepareRef.current = prepare;
  useEffect(() => {
    if (atOnce || shown.overlay === overlay) return;
    let stopped = false;
    void nextTask()
      .then(() => (stopped ? undefined : prepareRef.current(overlay, () => stopped)))
      .catch(() => undefined)
      .then(() => {
        if (!stopped) setShown({ overlay, doc });
      });
    return () => {
      stopped = true;
    };
  }, [overlay, doc, atOnce, shown]);
  return atOnce ? overlay : shown.overlay;
}
