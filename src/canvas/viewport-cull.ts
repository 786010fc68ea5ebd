/**
 * Zoomed in on a very large map, React Flow gets only the people around the view and their ties.
 * Given all 20,000 people it keeps a lookup entry, a connection entry per tie and a visibility
 * test per frame for each, even though it draws only the cards in view: crossing the
 * level-of-detail zoom from marks to cards cost seconds of main thread. Here the view plus half a
 * view's width and height each way is the region handed over; it is recomputed only when the view
 * leaves it (or zooms out of it), not on every pan frame.
 *
 * `cullToRegion` is pure; `useViewportCull` follows React Flow's viewport.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { NODE_BASE_WIDTH, NODE_HEIGHT } from '../domain/defaults';
import type { Id } from '../domain/types';
import type { StakeholderFlowNode, TieFlowEdge } from './flow-mapping';

/** From this many people on, zoomed in, React Flow gets the region around the view only. */
export const CULL_MIN_PEOPLE = 5000;

export interface Region {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The people whose cards overlap the region, every tie with an end among them, and the people at
 * the other ends of those ties (so a tie leaving the view is still drawn to its far card).
 * Order is kept: cards stack and ties are listed as in the full lists.
 */
export function cullToRegion(nodes: readonly StakeholderFlowNode[], edges: readonly TieFlowEdge[], region: Region): { nodes: StakeholderFlowNode[]; edges: TieFlowEdge[] } {
  const inRegion = new Set<Id>();
  for (const n of nodes) {
    const { x, y } = n.position;
    if (x <= region.maxX && x + (n.width ?? NODE_BASE_WIDTH) >= region.minX && y <= region.maxY && y + (n.height ?? NODE_HEIGHT) >= region.minY) inRegion.add(n.id);
  }
  const shownEdges = edges.filter((e) => inRegion.has(e.source) || inRegion.has(e.target));
  const shown = new Set(inRegion);
  for (const e of shownEdges) {
    shown.add(e.source);
    shown.add(e.target);
  }
  return { nodes: nodes.filter((n) => shown.has(n.id)), edges: shownEdges };
}

/** The view in flow coordinates. */
function viewOf(s: { transform: [number, number, number]; width: number; height: number }): Region & { zoom: number } {
  const [tx, ty, zoom] = s.transform;
  return { minX: -tx / zoom, minY: -ty / zoom, maxX: (s.width - tx) / zoom, maxY: (s.height - ty) / zoom, zoom };
}

/** Is the current region still right for this view: covering it, and not far too big for it? */
export function regionFits(region: (Region & { zoom: number }) | null, view: Region & { zoom: number }): boolean {
  return !!region && view.minX >= region.minX && view.minY >= region.minY && view.maxX <= region.maxX && view.maxY <= region.maxY && view.zoom <= region.zoom * 4;
}

/** The view and half a view's size each way around it (four views' area: a pan of half a view is free). */
export function regionAround(view: Region & { zoom: number }): Region & { zoom: number } {
  const w = (view.maxX - view.minX) / 2;
  const h = (view.maxY - view.minY) / 2;
  return { minX: view.minX - w, minY: view.minY - h, maxX: view.maxX + w, maxY: view.maxY + h, zoom: view.zoom };
}

const NOTHING = { nodes: [] as StakeholderFlowNode[], edges: [] as TieFlowEdge[] };

/**
 * What React Flow gets: everything (`active` false), or the region around the view. The region is
 * chosen during render (so the first render after crossing into cards already hands over only
 * the region), and a React Flow store subscription re-renders only when the view leaves it.
 */
export function useViewportCull(active: boolean, nodes: StakeholderFlowNode[], edges: TieFlowEdge[]): { nodes: StakeholderFlowNode[]; edges: TieFlowEdge[] } {
  const flowStore = useStoreApi();
  const [, bump] = useState(0);
  const current = useRef<(Region & { zoom: number }) | null>(null);
  useEffect(() => {
    if (!active) return;
    return flowStore.subscribe((s, prev) => {
      if (s.transform === prev.transform && s.width === prev.width && s.height === prev.height) return;
      if (s.width > 0 && s.height > 0 && !regionFits(current.current, viewOf(s))) bump((n) => n + 1);
    });
  }, [active, flowStore]);
  const state = flowStore.getState();
  const sized = state.width > 0 && state.height > 0;
  if (!active) current.current = null;
  else if (sized) {
    const view = viewOf(state);
    if (!regionFits(current.current, view)) current.current = regionAround(view);
  }
  const region = current.current;
  return useMemo(() => (!active ? { nodes, edges } : region ? cullToRegion(nodes, edges, region) : NOTHING), [active, region, nodes, edges]);
}
