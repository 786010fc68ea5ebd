/**
 * What the network canvas and the other views (canvas/AltViewCanvas.tsx) share: the overlay they
 * draw over the map (lens, size and colour by, filters, introduction paths, collapsed teams and,
 * on the network canvas, the focus view), read from the store and computed once per change; and
 * the handler of React Flow's tie changes.
 */
import type { EdgeChange } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import type { MapDocument } from '../domain/types';
import { useEditor, useServices } from '../state/context';
import { useIntroductionPaths } from '../state/hooks';
import { reduceEdgeChanges } from './flow-changes';
import { computeOverlay } from './overlay';
import type { TieFlowEdge } from './flow-mapping';

export function useMapOverlay(doc: MapDocument, { withFocus }: { withFocus: boolean }) {
  const analysis = useEditor((s) => s.analysis);
  const lens = useEditor((s) => s.lens);
  const sizeBy = useEditor((s) => s.sizeBy);
  const colourBy = useEditor((s) => s.colourBy);
  const filters = useEditor((s) => s.filters);
  const introductions = useIntroductionPaths();
  const focused = useEditor((s) => withFocus && s.view === 'focus');
  const focusId = useEditor((s) => s.focusId);
  const focusSteps = useEditor((s) => s.focusSteps);
  const focusDirection = useEditor((s) => s.focusDirection);
  // Collapsed teams are hidden in every view: the grid and Me at the centre leave them out too.
  const collapsed = useEditor((s) => s.collapsed);
  return useMemo(
    () =>
      computeOverlay({
        doc,
        analysis,
        lens,
        sizeBy,
        colourBy,
        paths: introductions?.paths ?? null,
        filters,
        focus: focused ? { id: focusId, steps: focusSteps, direction: focusDirection } : null,
        collapsed,
      }),
    [doc, analysis, lens, sizeBy, colourBy, introductions, filters, focused, focusId, focusSteps, focusDirection, collapsed],
  );
}

/** React Flow's tie changes (selection) on either canvas: through the one reducer into the store. */
export function useEdgeChanges() {
  const { store } = useServices();
  return useCallback(
    (changes: EdgeChange<TieFlowEdge>[]) => {
      const state = store.getState();
      const selection = reduceEdgeChanges(state.selectedTies, changes);
      if (selection) state.select(state.selectedNodes, selection);
    },
    [store],
  );
}
