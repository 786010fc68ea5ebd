/**
 * Opening a large map: the fitted viewport is computed from the document before React Flow first
 * renders, instead of React Flow's `fitView`, which waits until every node has been mounted and
 * measured at zoom 1 (on a 2,000-person map: 2,000 full cards, then a re-render). Opening straight
 * at the fitted zoom means a zoomed-out map mounts only light marks (see StakeholderNode).
 *
 * Nodes also carry their handles (`handlesFor`), so React Flow knows them without measuring and
 * `onlyRenderVisibleElements` culls from the first frame.
 */
import { getViewportForBounds, Position, type NodeHandle, type Viewport } from '@xyflow/react';
import { NODE_HEIGHT, nodeWidth } from '../../domain/defaults';
import type { MapDocument } from '../../domain/types';
import { isBelowLodZoom, LOD_MIN_PEOPLE } from './scene';
import { CULL_MIN_PEOPLE } from '../viewport-cull';
import { entryCount, valuesOf } from '../../domain/records';

export interface FitOptions {
  padding: number;
  minZoom: number;
  maxZoom: number;
}

/** The viewport React Flow's fitView would choose for the document's cards (or only some), or null (empty map, no size). */
export function fittedViewport(doc: MapDocument, width: number, height: number, options: FitOptions, only?: ReadonlySet<string>): Viewport | null {
  if (!(width > 0) || !(height > 0)) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of valuesOf(doc.stakeholders)) {
    if (only && !only.has(s.id)) continue;
    if (s.x < minX) minX = s.x;
    if (s.y < minY) minY = s.y;
    if (s.x + nodeWidth(s.influence) > maxX) maxX = s.x + nodeWidth(s.influence);
    if (s.y + NODE_HEIGHT > maxY) maxY = s.y + NODE_HEIGHT;
  }
  if (minX === Infinity) return null;
  return getViewportForBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, width, height, options.minZoom, options.maxZoom, options.padding);
}

/**
 * Fits the view to the document's people (or only some), as fitView does for React Flow's nodes:
 * zoomed out React Flow has no node per person, so its own fitView would find nothing to fit.
 */
export function fitDocumentBounds(
  flow: { setViewport(viewport: Viewport, options?: { duration?: number }): unknown },
  size: { width: number; height: number },
  doc: MapDocument,
  options: Partial<FitOptions> & { duration?: number } = {},
  only?: ReadonlySet<string>,
): boolean {
  const { padding = 0.2, minZoom = 0.05, maxZoom = 1.2, duration } = options;
  const viewport = fittedViewport(doc, size.width, size.height, { padding, minZoom, maxZoom }, only);
  if (!viewport) return false;
  void flow.setViewport(viewport, duration ? { duration } : undefined);
  return true;
}

/**
 * "Fit view" on the network canvas: zoomed out on a large map React Flow holds no node per person,
 * and zoomed in on a very large one only those around the view (MapCanvas), so the document's
 * people are fitted; otherwise React Flow's own fitView.
 */
export function fitWholeMap(
  flow: { fitView(options?: { padding?: number; duration?: number }): unknown; setViewport(viewport: Viewport, options?: { duration?: number }): unknown },
  flowState: { transform: [number, number, number]; width: number; height: number; minZoom: number; maxZoom: number; nodeLookup: { size: number } },
  doc: MapDocument | null,
  options: { padding: number; duration?: number },
): void {
  const people = doc ? entryCount(doc.stakeholders) : 0;
  // Zoomed in on a very large map React Flow holds only the people around the view (viewport-cull.ts).
  const partial = isBelowLodZoom(flowState) ? people >= LOD_MIN_PEOPLE : people >= CULL_MIN_PEOPLE;
  if (doc && partial && flowState.nodeLookup.size < people) {
    fitDocumentBounds(flow, flowState, doc, { ...options, minZoom: flowState.minZoom, maxZoom: flowState.maxZoom });
    return;
  }
  void flow.fitView(options);
}

const HANDLE = 10;
const handleCache = new Map<string, NodeHandle[]>();

/** The card's four edge dots and its whole-card drop target, as StakeholderNode renders them. */
export function handlesFor(width: number, height: number): NodeHandle[] {
  const key = `${width}x${height}`;
  let handles = handleCache.get(key);
  if (!handles) {
    const h = HANDLE / 2;
    handles = [
      { id: Position.Top, type: 'source', position: Position.Top, x: width / 2 - h, y: -h, width: HANDLE, height: HANDLE },
      { id: Position.Right, type: 'source', position: Position.Right, x: width - h, y: height / 2 - h, width: HANDLE, height: HANDLE },
      { id: Position.Bottom, type: 'source', position: Position.Bottom, x: width / 2 - h, y: height - h, width: HANDLE, height: HANDLE },
      { id: Position.Left, type: 'source', position: Position.Left, x: -h, y: height / 2 - h, width: HANDLE, height: HANDLE },
      { id: 'body', type: 'source', position: Position.Top, x: 0, y: 0, width, height },
    ];
    handleCache.set(key, handles);
  }
  return handles;
}
