/**
 * Keyboard work on the canvas that React Flow does not do for us:
 * - Tab and Shift+Tab walk people in reading order, then ties (tab-order.ts), and reach people
 *   outside the view (the view moves to them first, since off-screen cards are not drawn);
 * - Enter or F2 on a focused card edits the person's name in place;
 * - zoomed out on a large map there are no cards to focus (people are marks on the canvas layer):
 *   one stand-in control (LOD_ENTRY) takes Tab, and Tab or Enter on it zooms in to a readable
 *   zoom on the first selected person, or the first in reading order, and focuses the card.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import type { Id } from '../domain/types';
import type { EditorStoreApi } from '../state/store';
import { tabOrder, type CanvasItem } from './tab-order';
import { cachedOrgTree, collapseOf } from '../domain/org-tree';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
/** Marks the zoomed-out canvas's stand-in for its people in the Tab order. */
export const LOD_ENTRY = 'data-lod-entry';
/** The zoom a person is revealed at from the zoomed-out map: cards readable again. */
const READABLE_ZOOM = 0.9;
/** Frames to wait for a card to be drawn after the view moved to it. */
const REVEAL_FRAMES = 45;

const selectorFor = (item: CanvasItem) => `${item.kind === 'person' ? '.react-flow__node' : '.react-flow__edge'}[data-id="${CSS.escape(item.id)}"]`;

/** The person or tie a focused element is (the element itself, not something inside it). */
function itemOf(target: EventTarget | null): CanvasItem | null {
  if (!(target instanceof Element)) return null;
  const id = target.getAttribute('data-id');
  if (!id) return null;
  if (target.classList.contains('react-flow__node')) return { kind: 'person', id };
  if (target.classList.contains('react-flow__edge')) return { kind: 'tie', id };
  return null;
}

/**
 * Focuses a card or tie once it is in the DOM. While the view travels to it, only what is in view
 * is drawn, and an animated flight can draw it, pass it and draw it again (a new element): so
 * for a while focus is given again whenever it has fallen to the page (never taken from
 * anything else the user has moved to).
 */
export function focusWhenDrawn(root: ParentNode, item: CanvasItem, frames = REVEAL_FRAMES): void {
  // Where focus was when asked (the card Tab left): still ours to move on from.
  const start = document.activeElement;
  const attempt = (left: number) => {
    const active = document.activeElement;
    const lost = !active || active === document.body || active === start;
    // The user has gone on to something else: leave focus there.
    if (!lost && itemOf(active)?.id !== item.id) return;
    const el = root.querySelector<HTMLElement | SVGElement>(selectorFor(item));
    if (el && el !== active) el.focus({ preventScroll: true });
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  attempt(frames);
}

/** The first (or last) thing Tab can reach outside the canvas's people and ties, after (before) them. */
function tabbableBeyond(viewport: Element, forward: boolean): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !viewport.contains(el) && el.getClientRects().length > 0);
  if (forward) return all.find((el) => viewport.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
  return all.reverse().find((el) => viewport.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) ?? null;
}

export function useCanvasKeyboard(container: RefObject<HTMLElement | null>, store: EditorStoreApi, options: { tiesDrawn: boolean; lod?: boolean }): void {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const { tiesDrawn, lod = false } = options;

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let tabAt = -Infinity;
    let tabBack = false;

    const inView = (el: Element) => {
      const box = el.getBoundingClientRect();
      const frame = root.getBoundingClientRect();
      return box.right > frame.left && box.left < frame.right && box.bottom > frame.top && box.top < frame.bottom;
    };

    /** Moves the view to a person or tie if it is not on screen, then focuses it. */
    const reveal = (item: CanvasItem) => {
      const el = root.querySelector<HTMLElement | SVGElement>(selectorFor(item));
      if (el && inView(el)) {
        el.focus({ preventScroll: true });
        return;
      }
      const doc = store.getState().doc;
      if (!doc) return;
      const centre = (id: Id) => {
        const p = doc.stakeholders[id];
        return p ? { x: p.x + nodeWidth(p.influence) / 2, y: p.y + NODE_HEIGHT / 2 } : null;
      };
      let point: { x: number; y: number } | null = null;
      if (item.kind === 'person') point = centre(item.id);
      else {
        const tie = doc.ties[item.id];
        const a = tie && centre(tie.source);
        const b = tie && centre(tie.target);
        if (a && b) point = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      }
      if (!point) return;
      const zoom = flowStore.getState().transform[2];
      void flow.setCenter(point.x, point.y, { zoom: lod ? Math.max(zoom, READABLE_ZOOM) : zoom });
      focusWhenDrawn(root, item);
    };

    const order = () => {
      const { doc, collapsed } = store.getState();
      if (!doc) return [];
      const all = tabOrder(doc, { ties: tiesDrawn });
      if (!collapsed.size) return all;
      // People in collapsed teams have no card, and their ties no line: Tab skips them.
      const { hidden } = collapseOf(cachedOrgTree(doc), Object.keys(doc.stakeholders), collapsed);
      return all.filter((item) => {
        if (item.kind === 'person') return !hidden.has(item.id);
        const tie = doc.ties[item.id];
        return !!tie && !hidden.has(tie.source) && !hidden.has(tie.target);
      });
    };
    const same = (a: CanvasItem, b: CanvasItem) => a.kind === b.kind && a.id === b.id;
    const isEntry = (target: EventTarget | null) => target instanceof Element && target.hasAttribute(LOD_ENTRY);
    /** From the zoomed-out stand-in: the first selected person in reading order, else the first (last) person. */
    const enterPeople = (back: boolean) => {
      const items = order().filter((i) => i.kind === 'person');
      const selected = store.getState().selectedNodes;
      const goal = items.find((i) => selected.has(i.id)) ?? (back ? items[items.length - 1] : items[0]);
      if (goal) reveal(goal);
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (isEntry(e.target) && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        return enterPeople(false);
      }
      const item = itemOf(e.target);
      if (!item) return;
      if ((e.key === 'Enter' || e.key === 'F2') && item.kind === 'person' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        store.getState().select([item.id]);
        store.getState().setRenaming(item.id);
        return;
      }
      if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey) return;
      const items = order();
      const index = items.findIndex((i) => same(i, item));
      if (index < 0) return;
      const next = index + (e.shiftKey ? -1 : 1);
      e.preventDefault();
      // Handled here: the focus this causes is not Tab arriving from outside the canvas.
      tabAt = -Infinity;
      if (next >= 0 && next < items.length) return reveal(items[next]);
      const viewport = root.querySelector('.react-flow__viewport');
      if (viewport) tabbableBeyond(viewport, !e.shiftKey)?.focus();
    };

    // Tab from outside lands on whichever card comes first (or last) in the DOM: send it to the
    // first person (or, going back, the last item) in reading order instead.
    const onWindowKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      tabAt = performance.now();
      tabBack = e.shiftKey;
    };
    const onFocusIn = (e: FocusEvent) => {
      if (isEntry(e.target) && performance.now() - tabAt <= 500) {
        tabAt = -Infinity;
        return enterPeople(tabBack);
      }
      const item = itemOf(e.target);
      if (!item || itemOf(e.relatedTarget) || performance.now() - tabAt > 500) return;
      tabAt = -Infinity;
      const items = order();
      // Tab out of a field on a card (the name being edited) goes on from that card.
      const card = e.relatedTarget instanceof Element ? itemOf(e.relatedTarget.closest('.react-flow__node')) : null;
      const from = card ? items.findIndex((i) => same(i, card)) : -1;
      const goal = from >= 0 ? items[from + (tabBack ? -1 : 1)] : tabBack ? items[items.length - 1] : items[0];
      if (goal && !same(goal, item)) reveal(goal);
    };

    root.addEventListener('keydown', onKeyDown);
    root.addEventListener('focusin', onFocusIn);
    window.addEventListener('keydown', onWindowKeyDown, true);
    return () => {
      root.removeEventListener('keydown', onKeyDown);
      root.removeEventListener('focusin', onFocusIn);
      window.removeEventListener('keydown', onWindowKeyDown, true);
    };
  }, [container, store, flow, flowStore, tiesDrawn, lod]);
}
