/** Issue 16 item 10: a map that never finished opening does not reopen at the next start. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearOpeningMarker, guardMapOpening, readOpeningMarker, stuckMapMessage } from '../../src/app/opening-guard';
import { createMapDocument } from '../../src/domain/factories';
import { createEditorStore } from '../../src/state/store';

describe('opening guard', () => {
  afterEach(() => {
    clearOpeningMarker();
    vi.useRealTimers();
  });

  it('marks a map as opening the moment it enters the store, and clears the mark once painted', async () => {
    const store = createEditorStore();
    const stop = guardMapOpening(store);
    const doc = createMapDocument('Whole company');
    store.getState().openDocument(doc);
    // Synchronously: the mark is on disk before React starts drawing.
    expect(readOpeningMarker()).toEqual({ mapId: doc.map.id, name: 'Whole company' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(readOpeningMarker()).toBeNull();
    stop();
  });

  it('keeps the mark when the page never got to paint (frozen or closed), and says so next time', () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const store = createEditorStore();
    const stop = guardMapOpening(store);
    store.getState().openDocument(createMapDocument('Huge import'));
    const marker = readOpeningMarker();
    expect(marker?.name).toBe('Huge import');
    expect(stuckMapMessage(marker!)).toMatch(/^“Huge import” did not finish opening last time .* started on your list of maps/);
    stop();
    vi.restoreAllMocks();
  });

  it('ignores a damaged mark', () => {
    localStorage.setItem('influence-map:opening', '{not json');
    expect(readOpeningMarker()).toBeNull();
  });
});
