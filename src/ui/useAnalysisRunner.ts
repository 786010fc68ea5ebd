/**
 * Keeps the analysis of the open map current: after an edit that changes the network (not a move,
 * not a note) it asks the analysis client again; the client waits for a short pause and drops
 * answers that a newer edit made stale (analysis/client.ts).
 */
import { useEffect } from 'react';
import { createAnalysisClient, isAnalysisCancelled } from '../analysis/client';
import { samePackedInput, toPackedInput, type PackedInput } from '../analysis/packed-input';
import type { AnalysisInput } from '../analysis/types';
import type { AnalysisState } from '../state/slices/analysis';
import { sameInEvery } from '../domain/records';
import type { MapDocument } from '../domain/types';
import { useServices } from '../state/context';
import { afterDrawn } from '../state/drawn';

const DEBOUNCE_MS = 250;

/** True when two inputs describe the same network, so a re-run would give the same answer. */
export function sameAnalysisInput(a: AnalysisInput, b: AnalysisInput): boolean {
  if (a.meId !== b.meId || a.leadershipLevel !== b.leadershipLevel || a.people.length !== b.people.length || a.ties.length !== b.ties.length) return false;
  if (a.levels.length !== b.levels.length || a.levels.some((l, i) => l !== b.levels[i])) return false;
  for (let i = 0; i < a.people.length; i++) {
    const p = a.people[i];
    const q = b.people[i];
    if (p.id !== q.id || p.name !== q.name || p.department !== q.department || p.title !== q.title || p.seniority !== q.seniority) return false;
  }
  for (let i = 0; i < a.ties.length; i++) {
    const s = a.ties[i];
    const t = b.ties[i];
    if (s.id !== t.id || s.source !== t.source || s.target !== t.target || s.kind !== t.kind || s.strength !== t.strength || s.mutual !== t.mutual) return false;
  }
  return true;
}

/**
 * True when nothing the analysis reads can differ between two versions of a map: the same ties
 * and settings, and every person the same object or with the same name, title, department and
 * seniority (a move, a note, a catch-up). Checked before converting the map, which at 50,000
 * people is a long pass over every person and tie on the page.
 */
export function sameNetwork(a: MapDocument, b: MapDocument): boolean {
  if (a.map.id !== b.map.id || a.ties !== b.ties || a.map.settings !== b.map.settings || a.map.meId !== b.map.meId) return false;
  return sameInEvery(a.stakeholders, b.stakeholders, 'name', 'title', 'department', 'seniority');
}

/** A conversion of the map for the analysis: stopped when the map closes. */
interface Conversion {
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Stops waiting for an opening map to be drawn. */
  cancelWait: (() => void) | null;
}

export function useAnalysisRunner(): void {
  const { store } = useServices();
  useEffect(() => {
    // The client waits for a quiet moment and drops answers that a newer edit made stale.
    const client = createAnalysisClient({ debounceMs: DEBOUNCE_MS });
    let lastInput: PackedInput | null = null;
    let lastMapId: string | null = null;
    let lastDoc: MapDocument | null = null;
    /** The input whose answer was last shown. */
    let landed: PackedInput | null = null;

    /** The conversion under way (waiting for its first turn, or packing in slices), if any. */
    let converting: Conversion | null = null;
    const stopConverting = () => {
      if (converting?.timer != null) clearTimeout(converting.timer);
      converting?.cancelWait?.();
      if (converting) converting.stopped = true;
      converting = null;
    };

    /**
     * Converts the newest map and asks for its analysis. Run after a yield, not in the store
     * subscription: the subscription fires before React renders the new map, and on opening a
     * 20,000-person map this pass (0.2 s) held back the canvas's first image. The client waits
     * 250 ms for a quiet moment anyway. The map is packed into columns a few milliseconds at a
     * time (packed-input.ts); a newer map that arrives meanwhile is packed instead.
     */
    const convert = async (job: Conversion, before: AnalysisState) => {
      job.timer = null;
      let doc = store.getState().doc;
      let input: PackedInput | null = null;
      while (doc) {
        input = await toPackedInput(doc);
        if (job.stopped) return;
        const now = store.getState().doc;
        if (now === doc || (now && sameNetwork(doc, now))) break;
        doc = now;
      }
      converting = null;
      if (!doc || !input) return;
      if (lastInput && landed === lastInput && samePackedInput(lastInput, input)) {
        // Nothing the analysis reads changed after all: the answer on screen stands.
        store.getState().setAnalysisState(before);
        return;
      }
      lastInput = input;
      client.run(input).then(
        (result) => {
          landed = input;
          store.getState().setAnalysis(result, 'ready');
        },
        (error: unknown) => {
          if (!isAnalysisCancelled(error)) store.getState().setAnalysis(null, 'error', error instanceof Error ? error.message : String(error));
        },
      );
    };

    const schedule = () => {
      const doc = store.getState().doc;
      if (!doc) {
        lastInput = null;
        lastMapId = null;
        lastDoc = null;
        stopConverting();
        client.cancel();
        return;
      }
      if (doc.map.id !== lastMapId) {
        lastInput = null;
        lastDoc = null;
        lastMapId = doc.map.id;
      }
      if (lastInput && lastDoc && sameNetwork(lastDoc, doc)) {
        lastDoc = doc;
        return;
      }
      lastDoc = doc;
      // A conversion under way picks up this newer map itself (it reads the store).
      if (converting !== null) return;
      // A run still working on the older map would land as current: dropped now, not after the yield.
      client.cancel();
      const before = store.getState().analysisState;
      store.getState().setAnalysisState('updating');
      const job: Conversion = { stopped: false, timer: null, cancelWait: null };
      converting = job;
      // An opening map is analysed once it is drawn: the analysis takes both cores, which the
      // raster worker needs for the people and ties of a big map (state/drawn.ts).
      job.cancelWait = afterDrawn(store, () => {
        job.cancelWait = null;
        job.timer = setTimeout(() => void convert(job, before), 0);
      });
    };

    const unsubscribe = store.subscribe((state, prev) => {
      if (state.doc !== prev.doc) schedule();
    });
    schedule();
    return () => {
      unsubscribe();
      stopConverting();
      client.dispose();
    };
  }, [store]);
}
