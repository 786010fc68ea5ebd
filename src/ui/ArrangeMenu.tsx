import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorStoreApi } from '../state/store';
import { useEditor, useServices } from '../state/context';
import { isLayoutCancelled, prepareLayoutWorker, startLayout } from '../layout/client';
import type { LayoutJob } from '../layout/client';
import type { LayoutKind } from '../layout/types';
import { tidyLayout } from '../layout/tidy';
import { layoutInputFromDoc } from '../layout/types';
import { MenuButton, type MenuItem } from './Header';
import { BusyIndicator } from './import/ImportDialogs';
import type { Positions } from '../layout/types';
import { moveStakeholders } from '../domain/operations';
import { entryCount, valuesOf } from '../domain/records';
import { ANIMATION_MS, MAX_ANIMATED, frameAt, movingOnly } from '../layout/animate';

/**
 * Applies a layout to the open map: animates the cards to their new places (about 300 ms, via
 * the store's drag positions, which are never saved or undone), then commits every move as ONE
 * undoable edit. Large moves and reduced-motion users get the change at once.
 */
export function applyPositions(store: EditorStoreApi, target: Positions, ms = ANIMATION_MS): Promise<number> {
  const doc = store.getState().doc;
  if (!doc) return Promise.resolve(0);
  const from: Positions = {};
  for (const s of Object.values(doc.stakeholders)) from[s.id] = { x: s.x, y: s.y };
  const moving = movingOnly(from, target);
  const count = Object.keys(moving).length;
  if (count === 0) return Promise.resolve(0);
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (reduced || count > MAX_ANIMATED || typeof requestAnimationFrame !== 'function' || ms <= 0) {
    store.getState().edit((d) => moveStakeholders(d, moving));
    return Promise.resolve(count);
  }
  const mapId = doc.map.id;
  const start = performance.now();
  return new Promise((resolve) => {
    const step = () => {
      const state = store.getState();
      if (state.doc?.map.id !== mapId) return resolve(0);
      // performance.now(), not the frame's timestamp: some environments (jsdom) time frames
      // from another origin, and the animation would never end.
      const t = (performance.now() - start) / ms;
      if (t >= 1) {
        state.dragEnd(moving);
        return resolve(count);
      }
      state.dragTo(frameAt(from, moving, t));
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

/** From this many people, a map with reporting lines loads ELK when it opens, before Arrange is used. */
export const WARM_LAYOUT_AT = 300;

/** Whether a map has reporting lines, remembered per ties object (checked on every store change). */
const reportsToCache = new WeakMap<object, boolean>();
function hasReportsToTies(ties: Record<string, { kind: string }>): boolean {
  let known = reportsToCache.get(ties);
  if (known === undefined) {
    // The shared list of ties (the canvas reads it too): a for-in over 250,000 keys was 0.1 s.
    known = valuesOf(ties).some((t) => t.kind === 'reports-to');
    reportsToCache.set(ties, known);
  }
  return known;
}

const LABELS: Record<LayoutKind, string> = { 'org-chart': 'Arranging as an org chart…', network: 'Arranging as a network…' };

/**
 * The "Arrange" menu: Org chart (ELK, layered by reports-to), Network (ForceAtlas2) and Tidy
 * selection. Layouts run in a worker with a deadline; the busy pill has a Cancel. Each result is
 * animated in and is one undo step.
 */
export function ArrangeMenu({ onAddTies }: { onAddTies?: () => void }) {
  const { store } = useServices();
  const selected = useEditor((s) => s.selectedNodes.size);
  const people = useEditor((s) => (s.doc ? entryCount(s.doc.stakeholders) : 0));
  const hasReportsTo = useEditor((s) => (s.doc ? hasReportsToTies(s.doc.ties) : false));
  const [busy, setBusy] = useState<{ label: string; progress: number | null } | null>(null);
  const job = useRef<LayoutJob | null>(null);

  useEffect(() => () => job.current?.cancel(), []);

  // A large org chart: load ELK in a worker as soon as the map is open (off the main thread), so
  // "Org chart" starts at once.
  const warmUp = hasReportsTo && people >= WARM_LAYOUT_AT;
  useEffect(() => {
    if (!warmUp) return;
    const timer = setTimeout(() => prepareLayoutWorker(), 0);
    return () => clearTimeout(timer);
  }, [warmUp]);

  const run = useCallback(
    (kind: LayoutKind) => {
      const doc = store.getState().doc;
      if (!doc || job.current) return;
      const mapId = doc.map.id;
      const input = layoutInputFromDoc(doc);
      const current = startLayout(kind, input, { onProgress: (fraction) => setBusy((b) => (b ? { ...b, progress: fraction } : b)) });
      job.current = current;
      setBusy({ label: LABELS[kind], progress: null });
      current.promise
        .then(async (outcome) => {
          if (store.getState().doc?.map.id !== mapId) return;
          setBusy(null);
          const moved = await applyPositions(store, outcome.positions);
          const state = store.getState();
          if (outcome.note) state.notify(outcome.note);
          else if (moved === 0) state.notify('Already arranged: nothing moved.');
        })
        .catch((error: unknown) => {
          if (isLayoutCancelled(error)) store.getState().notify('Layout cancelled; nothing moved.');
          else store.getState().notify(error instanceof Error ? error.message : String(error), 'error');
        })
        .finally(() => {
          job.current = null;
          setBusy(null);
        });
    },
    [store],
  );

  const tidy = useCallback(() => {
    const { doc, selectedNodes } = store.getState();
    if (!doc || selectedNodes.size < 2) return;
    const input = layoutInputFromDoc(doc, selectedNodes);
    void applyPositions(store, tidyLayout(input.cards)).then((moved) => {
      if (moved === 0) store.getState().notify('The selection is already tidy.');
    });
  }, [store]);

  const items: MenuItem[] = [
    { label: 'Org chart', onSelect: () => run('org-chart'), disabled: people === 0 || !hasReportsTo || busy !== null },
    { label: 'Network', onSelect: () => run('network'), disabled: people < 2 || busy !== null },
    { label: 'Tidy selection', onSelect: tidy, disabled: selected < 2 || busy !== null },
  ];
  if (onAddTies) items.push({ label: 'Add ties from CSV…', onSelect: onAddTies });
  return (
    <>
      {/* Opening the menu starts the layout worker and loads ELK, so "Org chart" starts at once. */}
      <span style={{ display: 'contents' }} onPointerDown={() => prepareLayoutWorker()} onKeyDown={() => prepareLayoutWorker()} onFocus={() => prepareLayoutWorker()}>
        <MenuButton label="Arrange" items={items} />
      </span>
      {busy && <BusyIndicator label={busy.label} progress={busy.progress} onCancel={() => job.current?.cancel()} />}
    </>
  );
}
