/**
 * Pointer work on the zoomed-out map, where people are marks on the canvas layer and React Flow
 * has no node for them (no DOM node per person): hover, click and shift-click to select,
 * double-click to name, the context menu, dragging a person or the selection, and box selection
 * all hit-test a grid index of the cards (spatial.ts) instead.
 *
 * Events on a mark are taken in the capture phase, before React Flow's pane sees them, so a press
 * on a person drags the person rather than panning; presses on empty canvas go on to React Flow
 * (pan, and Shift-drag for its selection box, whose rectangle is read from React Flow's store).
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { Id } from '../../domain/types';
import type { EditorStoreApi } from '../../state/store';
import type { StakeholderFlowNode } from '../flow-mapping';
import { GridIndex } from './spatial';

/** Pixels the pointer must travel before a press on a person becomes a drag. */
const DRAG_THRESHOLD = 3;
const GRID = 20;

export interface LodPointerOptions {
  active: boolean;
  nodes: readonly StakeholderFlowNode[];
  readOnly: boolean;
  snapToGrid: boolean;
}

/** Only presses on the canvas itself (not on a card being named, the controls or the minimap). */
const onCanvas = (target: EventTarget | null) => target instanceof Element && (target.classList.contains('react-flow__pane') || target.classList.contains('lod-layer'));

const MULTI = (e: MouseEvent) => e.shiftKey || e.metaKey || e.ctrlKey;

export function useLodPointer(container: RefObject<HTMLElement | null>, store: EditorStoreApi, options: LodPointerOptions): void {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const latest = useRef(options);
  latest.current = options;
  const index = useRef<{ grid: GridIndex; nodes: readonly StakeholderFlowNode[] | null }>({ grid: new GridIndex(), nodes: null });
  const { active } = options;

  useEffect(() => {
    const root = container.current;
    if (!root || !active) return;

    /** The index, brought up to date with the cards only when it is asked (not on every drag frame). */
    const grid = () => {
      const { nodes } = latest.current;
      if (index.current.nodes !== nodes) {
        index.current.grid.sync(nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width ?? 150, height: n.height ?? 76 })));
        index.current.nodes = nodes;
      }
      return index.current.grid;
    };
    const personAt = (e: MouseEvent): Id | null => {
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      return grid().hit(p.x, p.y);
    };

    let press: { id: Id; x: number; y: number; zoom: number; start: Map<Id, { x: number; y: number }>; dragging: boolean; positions: Record<Id, { x: number; y: number }> | null } | null = null;
    let frame = 0;
    let hovered: Id | null = null;

    const setHover = (id: Id | null) => {
      if (id === hovered) return;
      hovered = id;
      const person = id ? store.getState().doc?.stakeholders[id] : undefined;
      root.classList.toggle('canvas--over-person', !!person);
      if (person) root.setAttribute('title', person.name || 'Unnamed person');
      else root.removeAttribute('title');
    };

    const onPointerDown = (e: PointerEvent) => {
      if (e.button !== 0 || !onCanvas(e.target)) return;
      const id = personAt(e);
      if (!id) return;
      // A press on a person is the person's, not the pane's: no pan, no selection box.
      e.stopPropagation();
      e.preventDefault();
      const state = store.getState();
      if (MULTI(e)) {
        const next = new Set(state.selectedNodes);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        state.select(next, state.selectedTies);
        return;
      }
      if (!state.selectedNodes.has(id)) state.select([id]);
      const doc = store.getState().doc;
      if (!doc || latest.current.readOnly) return;
      const start = new Map<Id, { x: number; y: number }>();
      for (const sid of store.getState().selectedNodes) {
        const p = doc.stakeholders[sid];
        if (p) start.set(sid, { x: p.x, y: p.y });
      }
      press = { id, x: e.clientX, y: e.clientY, zoom: flowStore.getState().transform[2], start, dragging: false, positions: null };
      window.addEventListener('pointermove', onDragMove, true);
      window.addEventListener('pointerup', onDragEnd, true);
      window.addEventListener('pointercancel', onDragEnd, true);
    };

    const flush = () => {
      frame = 0;
      if (press?.positions) store.getState().dragTo(press.positions);
    };

    const onDragMove = (e: PointerEvent) => {
      if (!press) return;
      const dx = e.clientX - press.x;
      const dy = e.clientY - press.y;
      if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      press.dragging = true;
      const snap = latest.current.snapToGrid;
      const positions: Record<Id, { x: number; y: number }> = Object.create(null) as Record<Id, { x: number; y: number }>;
      for (const [id, p] of press.start) {
        const x = p.x + dx / press.zoom;
        const y = p.y + dy / press.zoom;
        positions[id] = snap ? { x: Math.round(x / GRID) * GRID, y: Math.round(y / GRID) * GRID } : { x, y };
      }
      press.positions = positions;
      if (!frame) frame = requestAnimationFrame(flush);
    };

    const onDragEnd = () => {
      window.removeEventListener('pointermove', onDragMove, true);
      window.removeEventListener('pointerup', onDragEnd, true);
      window.removeEventListener('pointercancel', onDragEnd, true);
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      const done = press;
      press = null;
      if (done?.dragging && done.positions) store.getState().dragEnd(done.positions);
    };

    // The compatibility mouse events of a press on a person must not reach the pane either.
    const swallowMouse = (e: MouseEvent) => {
      if (e.button === 0 && onCanvas(e.target) && personAt(e)) e.stopPropagation();
    };

    // A click on empty canvas (not the end of a pan or a box) clears the selection, as it does on cards.
    let paneDown: { x: number; y: number } | null = null;
    const onPaneDown = (e: PointerEvent) => {
      paneDown = e.button === 0 && onCanvas(e.target) && !MULTI(e) ? { x: e.clientX, y: e.clientY } : null;
    };
    const onClick = (e: MouseEvent) => {
      const down = paneDown;
      paneDown = null;
      if (!onCanvas(e.target)) return;
      // A click on a person was handled at the press; React Flow's pane must not take it as a
      // click on empty canvas.
      if (personAt(e)) return void e.stopPropagation();
      if (down && !MULTI(e) && Math.hypot(e.clientX - down.x, e.clientY - down.y) <= DRAG_THRESHOLD) store.getState().clearSelection();
    };

    const onHover = (e: PointerEvent) => {
      if (press || e.buttons) return;
      setHover(onCanvas(e.target) ? personAt(e) : null);
    };
    const onLeave = () => setHover(null);

    const onDoubleClick = (e: MouseEvent) => {
      if (!onCanvas(e.target)) return;
      const id = personAt(e);
      if (!id) return;
      // Not the canvas's "add a person here": the person is named in place, as on a card.
      e.stopPropagation();
      e.preventDefault();
      store.getState().select([id]);
      store.getState().setRenaming(id);
    };

    const onContextMenu = (e: MouseEvent) => {
      if (!onCanvas(e.target)) return;
      const id = personAt(e);
      if (!id) return;
      e.preventDefault();
      e.stopPropagation();
      store.getState().openContextMenu({ id, x: e.clientX, y: e.clientY });
    };

    // React Flow's selection box, drawn on its pane: whoever it covers is selected.
    let boxed = '';
    const unsubscribe = flowStore.subscribe((s, prev) => {
      if (s.userSelectionRect === prev.userSelectionRect) return;
      const rect = s.userSelectionRect;
      if (!rect || !s.userSelectionActive) {
        boxed = '';
        return;
      }
      const [tx, ty, zoom] = s.transform;
      const ids = grid().query({ minX: (rect.x - tx) / zoom, minY: (rect.y - ty) / zoom, maxX: (rect.x + rect.width - tx) / zoom, maxY: (rect.y + rect.height - ty) / zoom });
      const key = ids.join('\n');
      if (key === boxed) return;
      boxed = key;
      store.getState().select(ids);
    });

    root.addEventListener('pointerdown', onPaneDown, true);
    root.addEventListener('pointerdown', onPointerDown, true);
    root.addEventListener('mousedown', swallowMouse, true);
    root.addEventListener('click', onClick, true);
    root.addEventListener('pointermove', onHover);
    root.addEventListener('pointerleave', onLeave);
    root.addEventListener('dblclick', onDoubleClick, true);
    root.addEventListener('contextmenu', onContextMenu, true);
    return () => {
      onDragEnd();
      setHover(null);
      unsubscribe();
      root.removeEventListener('pointerdown', onPaneDown, true);
      root.removeEventListener('pointerdown', onPointerDown, true);
      root.removeEventListener('mousedown', swallowMouse, true);
      root.removeEventListener('click', onClick, true);
      root.removeEventListener('pointermove', onHover);
      root.removeEventListener('pointerleave', onLeave);
      root.removeEventListener('dblclick', onDoubleClick, true);
      root.removeEventListener('contextmenu', onContextMenu, true);
    };
  }, [container, store, flow, flowStore, active]);
}
