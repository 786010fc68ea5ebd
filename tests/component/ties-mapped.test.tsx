import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MARKS_WAIT_MS, TIES_AFTER_PAINT, useTiesMapped } from '../../src/canvas/ties-mapped';
import { createMapDocument, createTie } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';

function docWithTies(count: number): MapDocument {
  const doc = createMapDocument('Ties');
  for (let i = 0; i < count; i++) doc.ties[`t${i}`] = createTie('a', 'b', 'influences', { id: `t${i}` });
  return doc;
}

/** One painted frame, then the task after it. */
const frameThenTask = () => act(() => void vi.advanceTimersByTime(40));

describe('an opening map maps its ties after its people are drawn', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] }));
  afterEach(() => void vi.useRealTimers());

  it('a map with fewer ties maps them at once', () => {
    const { result } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT - 1), true));
    expect(result.current.mapped).toBe(true);
  });

  it('zoomed out, a big map waits for the layer to say its people are drawn, then maps the ties a frame later', () => {
    const { result } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT), true));
    expect(result.current.mapped).toBe(false);
    frameThenTask();
    expect(result.current.mapped).toBe(false);
    act(() => result.current.marksDrawn());
    expect(result.current.mapped).toBe(false);
    frameThenTask();
    expect(result.current.mapped).toBe(true);
  });

  it('zoomed out on a canvas that never draws, the ties still come after MARKS_WAIT_MS', () => {
    const { result } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT), true));
    act(() => void vi.advanceTimersByTime(MARKS_WAIT_MS - 50));
    expect(result.current.mapped).toBe(false);
    act(() => void vi.advanceTimersByTime(100));
    expect(result.current.mapped).toBe(true);
  });

  it('zoomed in (cards), a big map maps its ties after the first paint', () => {
    const { result } = renderHook(() => useTiesMapped(docWithTies(TIES_AFTER_PAINT), false));
    expect(result.current.mapped).toBe(false);
    frameThenTask();
    expect(result.current.mapped).toBe(true);
  });
});
