import { act, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MARKS_WAIT_MS, PEOPLE_AFTER_PAINT, TIES_AFTER_PAINT, usePeopleMapped, useSlicedOverlay, useTiesMapped } from '../../src/canvas/ties-mapped';
import { createStakeholder } from '../../src/domain/factories';
import { nextTask } from '../../src/domain/next-task';
import { createMapDocument, createTie } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';

function docWithTies(count: number): MapDocument {
  const doc = createMapDocument('Ties');
  for (let i = 0; i < count; i++) doc.ties[`t${i}`] = createTie('a', 'b', 'influences', { id: `t${i}` });
  return doc;
}

/** One painted frame, then the task after it, and the prepared ties' promise settled. */
const frameThenTask = () => act(async () => void (await vi.advanceTimersByTimeAsync(40)));

/** A prepare that finishes when told to (the edge mapper's slices, as far as the hook can tell). */
function preparer() {
  const calls: Array<() => boolean> = [];
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const prepare = (stopped: () => boolean) => {
    calls.push(stopped);
    return done;
  };
  return { prepare, calls, finish: () => act(async () => void finish()) };
}
const ready = () => Promise.resolve();

describe('an opening map maps its ties after its people are drawn', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] }));
  afterEach(() => void vi.useRealTimers());

  it('a map with fewer ties maps them at once', () => {
    const { result } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT - 1), true, ready));
    expect(result.current.mapped).toBe(true);
  });

  it('zoomed out, a big map waits for the layer to say its people are drawn, then prepares the ties a frame later, once', async () => {
    const doc = docWithTies(TIES_AFTER_PAINT);
    const { prepare, calls, finish } = preparer();
    const { result } = renderHook(() => useTiesMapped(doc, true, prepare));
    expect(result.current.mapped).toBe(false);
    await frameThenTask();
    expect(calls).toHaveLength(0);
    // The layer says so on every frame until the ties come.
    act(() => result.current.marksDrawn());
    act(() => result.current.marksDrawn());
    expect(calls).toHaveLength(0);
    await frameThenTask();
    expect(calls).toHaveLength(1);
    // Mapped only once the slices are done.
    expect(result.current.mapped).toBe(false);
    await finish();
    expect(result.current.mapped).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('under StrictMode (mounted, unmounted and mounted again) the ties are still mapped', async () => {
    const doc = docWithTies(TIES_AFTER_PAINT);
    const { prepare, calls, finish } = preparer();
    const { result } = renderHook(() => useTiesMapped(doc, true, prepare), { wrapper: StrictMode });
    act(() => result.current.marksDrawn());
    await frameThenTask();
    expect(calls).toHaveLength(1);
    expect(calls[0]()).toBe(false);
    await finish();
    expect(result.current.mapped).toBe(true);
  });

  it('a canvas that goes away stops the slices and maps nothing', async () => {
    const { prepare, calls, finish } = preparer();
    const { result, unmount } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT), true, prepare));
    act(() => result.current.marksDrawn());
    await frameThenTask();
    expect(calls[0]()).toBe(false);
    unmount();
    expect(calls[0]()).toBe(true);
    await finish();
  });

  it('zoomed out on a canvas that never draws, the ties still come after MARKS_WAIT_MS', async () => {
    const doc = docWithTies(TIES_AFTER_PAINT);
    const { result } = renderHook(() => useTiesMapped(doc, true, ready));
    await act(async () => void (await vi.advanceTimersByTimeAsync(MARKS_WAIT_MS - 50)));
    expect(result.current.mapped).toBe(false);
    await act(async () => void (await vi.advanceTimersByTimeAsync(100)));
    expect(result.current.mapped).toBe(true);
  });

  it('zoomed in (cards), a big map maps its ties after the first paint', async () => {
    const doc = docWithTies(TIES_AFTER_PAINT);
    const { result } = renderHook(() => useTiesMapped(doc, false, ready));
    expect(result.current.mapped).toBe(false);
    await frameThenTask();
    expect(result.current.mapped).toBe(true);
  });
});

describe('an opening whole company maps its people in slices before showing them', () => {
  function docWithPeople(count: number): MapDocument {
    const doc = createMapDocument('People');
    for (let i = 0; i < count; i++) doc.stakeholders[`p${i}`] = createStakeholder({ id: `p${i}`, name: `P${i}` });
    return doc;
  }

  it('a smaller map has its people at once and prepares nothing', () => {
    const { prepare, calls } = preparer();
    const { result } = renderHook(() => usePeopleMapped(docWithPeople(10), prepare));
    expect(result.current).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('a whole company prepares them at once, and has them only when the slices are done; a canvas that goes away stops them', async () => {
    const doc = docWithPeople(PEOPLE_AFTER_PAINT);
    const { prepare, calls, finish } = preparer();
    const { result } = renderHook(() => usePeopleMapped(doc, prepare));
    expect(result.current).toBe(false);
    // Started after a turn for the page, not in the render's own task.
    expect(calls).toHaveLength(0);
    await act(async () => void (await nextTask()));
    expect(calls).toHaveLength(1);
    await finish();
    expect(result.current).toBe(true);

    const second = preparer();
    const { unmount } = renderHook(() => usePeopleMapped(doc, second.prepare));
    await act(async () => void (await nextTask()));
    expect(second.calls[0]()).toBe(false);
    unmount();
    expect(second.calls[0]()).toBe(true);
  });
});

describe('on a whole company, an overlay that changes on its own is shown once it is mapped in slices', () => {
  /** A prepare of overlays that finishes when told to, noting each overlay and its stop flag. */
  function overlayPreparer() {
    const calls: Array<{ overlay: string; stopped: () => boolean; finish: () => void }> = [];
    const prepare = (overlay: string, stopped: () => boolean) => new Promise<void>((resolve) => calls.push({ overlay, stopped, finish: resolve }));
    return { prepare, calls };
  }
  const settle = () => act(async () => void (await nextTask()));

  it('the analysis landing (same document, new overlay): the old overlay stays until the slices are done, then the new one', async () => {
    const doc = createMapDocument('Company');
    const { prepare, calls } = overlayPreparer();
    const { result, rerender } = renderHook(({ overlay }) => useSlicedOverlay(overlay, doc, true, prepare), { initialProps: { overlay: 'opened' } });
    expect(result.current).toBe('opened');
    rerender({ overlay: 'with badges' });
    expect(result.current).toBe('opened');
    await settle();
    expect(calls.map((c) => c.overlay)).toEqual(['with badges']);
    expect(result.current).toBe('opened');
    await act(async () => calls[0].finish());
    expect(result.current).toBe('with badges');
    expect(calls).toHaveLength(1);
  });

  it('an edit (a new document) shows its overlay at once and stops slices under way', async () => {
    const doc = createMapDocument('Company');
    const { prepare, calls } = overlayPreparer();
    const { result, rerender } = renderHook(({ overlay, d }) => useSlicedOverlay(overlay, d, true, prepare), { initialProps: { overlay: 'opened', d: doc } });
    rerender({ overlay: 'with badges', d: doc });
    await settle();
    expect(calls).toHaveLength(1);
    const edited = { ...doc, map: { ...doc.map, name: 'Renamed' } };
    rerender({ overlay: 'after the edit', d: edited });
    expect(result.current).toBe('after the edit');
    expect(calls[0].stopped()).toBe(true);
    await act(async () => calls[0].finish());
    expect(result.current).toBe('after the edit');
    await settle();
    expect(calls).toHaveLength(1);
  });

  it('a smaller map shows a new overlay at once and prepares nothing', async () => {
    const doc = createMapDocument('Team');
    const { prepare, calls } = overlayPreparer();
    const { result, rerender } = renderHook(({ overlay }) => useSlicedOverlay(overlay, doc, false, prepare), { initialProps: { overlay: 'opened' } });
    rerender({ overlay: 'with badges' });
    expect(result.current).toBe('with badges');
    await settle();
    expect(calls).toHaveLength(0);
  });
});
