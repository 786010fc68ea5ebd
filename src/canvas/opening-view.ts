/**
 * Where a map opens. Fitting the whole map is right while the cards stay readable; a larger map
 * fitted whole shrinks names to a few pixels (the 40-person sample opened at zoom 0.24). So an
 * opening never goes below READABLE_ZOOM: the view opens on Me and the people tied to Me (without
 * a Me, on the best-connected person), and the caller offers "Show the whole map".
 *
 * Maps large enough for the level-of-detail layer (lod/) keep the whole-map overview: there the
 * zoomed-out drawing is the readable form, and opening on thousands of full cards is what the
 * level of detail exists to avoid.
 */
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Id, MapDocument } from '../domain/types';
import { LOD_MIN_PEOPLE } from './lod/scene';
import { fittedViewport, type FitOptions } from './lod/viewport';
import { entryCount, valuesOf } from '../domain/records';

/** Card names are 13.5 px: at 0.8 they are drawn at about 11 px, the smallest we open at. */
export const READABLE_ZOOM = 0.8;

export interface OpeningView {
  viewport: Viewport;
  /** Set when only part of the map is in view: whom the view opened on. */
  partial: { focusId: Id; isMe: boolean } | null;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boundsOf(doc: MapDocument, ids: Iterable<Id>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const id of ids) {
    const s = doc.stakeholders[id];
    if (!s) continue;
    minX = Math.min(minX, s.x);
    minY = Math.min(minY, s.y);
    maxX = Math.max(maxX, s.x + nodeWidth(s.influence));
    maxY = Math.max(maxY, s.y + NODE_HEIGHT);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Me, else the person with the most ties (ties of every kind count: this is about where to look). */
export function openingFocus(doc: MapDocument): { id: Id; isMe: boolean } | null {
  const me = doc.map.meId;
  if (me && doc.stakeholders[me]) return { id: me, isMe: true };
  const degree = new Map<Id, number>();
  for (const t of valuesOf(doc.ties)) {
    degree.set(t.source, (degree.get(t.source) ?? 0) + 1);
    degree.set(t.target, (degree.get(t.target) ?? 0) + 1);
  }
  let best: Id | null = null;
  let bestDegree = -1;
  for (const id of Object.keys(doc.stakeholders)) {
    const d = degree.get(id) ?? 0;
    if (d > bestDegree) {
      best = id;
      bestDegree = d;
    }
  }
  return best ? { id: best, isMe: false } : null;
}

/** The person and everyone they have a tie with, either way. */
export function neighbourhood(doc: MapDocument, id: Id): Set<Id> {
  const out = new Set<Id>([id]);
  for (const t of valuesOf(doc.ties)) {
    if (t.source === id) out.add(t.target);
    else if (t.target === id) out.add(t.source);
  }
  return out;
}

export function openingViewport(doc: MapDocument, width: number, height: number, options: FitOptions): OpeningView | null {
  const whole = fittedViewport(doc, width, height, options);
  if (!whole) return null;
  const people = entryCount(doc.stakeholders);
  if (whole.zoom >= READABLE_ZOOM || people >= LOD_MIN_PEOPLE) return { viewport: whole, partial: null };
  const focus = openingFocus(doc);
  if (!focus) return { viewport: whole, partial: null };
  const readable = { ...options, minZoom: Math.max(options.minZoom, READABLE_ZOOM) };
  const near = boundsOf(doc, neighbourhood(doc, focus.id))!;
  let viewport = getViewportForBounds(near, width, height, readable.minZoom, readable.maxZoom, readable.padding);
  if (viewport.zoom <= readable.minZoom) {
    // The neighbourhood is wider than the screen: keep the focus person in the middle.
    const card = boundsOf(doc, [focus.id])!;
    viewport = getViewportForBounds(card, width, height, readable.minZoom, readable.minZoom, 0);
  }
  return { viewport, partial: { focusId: focus.id, isMe: focus.isMe } };
}
