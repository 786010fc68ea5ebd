import { afterEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from '../../../src/state/autosave';
import { afterDrawn, DRAWN_WAIT_FROM_PEOPLE, DRAWN_WAIT_MS } from '../../../src/state/drawn';
import { createEditorStore } from '../../../src/state/store';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import { Repository, type Revisions } from '../../../src/storage/repository';
import { teamDoc } from '../helpers/docs';
import { freshDb } from '../helpers/storage';
import type { MapDocument } from '../../../src/domain/types';

function mapOf(people: number): MapDocument {
  const doc = createMapDocument('Company');
  for (let i = 0; i < people; i++) doc.stakeholders[`p${i}`] = createStakeholder({ id: `p${i}`, name: `Person ${i}` });
  return doc;
}

describe('work that waits for an opening big map to be drawn', () => {
  afterEach(() => void vi.useRealTimers());

  it('waits for the canvas to say the map is drawn, once per opening', () => {
    const store = createEditorStore();
    store.getState().openDocument(mapOf(DRAWN_WAIT_FROM_PEOPLE));
    const run = vi.fn();
    afterDrawn(store, run);
    store.getState().select(['p1']);
    expect(run).not.toHaveBeenCalled();
    store.getState().markDrawn();
    expect(run).toHaveBeenCalledOnce();
    // Opening a map again starts again: nothing is drawn of it yet.
    store.getState().openDocument(mapOf(DRAWN_WAIT_FROM_PEOPLE));
    const again = vi.fn();
    afterDrawn(store, again);
    expect(again).not.toHaveBeenCalled();
  });

  it('a canvas that never says so holds nothing back for longer than DRAWN_WAIT_MS; a cancelled wait runs nothing', () => {
    vi.useFakeTimers();
    const store = createEditorStore();
    store.getState().openDocument(mapOf(DRAWN_WAIT_FROM_PEOPLE));
    const run = vi.fn();
    const cancelled = vi.fn();
    afterDrawn(store, run);
    afterDrawn(store, cancelled)();
    vi.advanceTimersByTime(DRAWN_WAIT_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledOnce();
    store.getState().markDrawn();
    expect(run).toHaveBeenCalledOnce();
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('a small map makes nothing wait', () => {
    const store = createEditorStore();
    store.getState().openDocument(mapOf(DRAWN_WAIT_FROM_PEOPLE - 1));
    const run = vi.fn();
    afterDrawn(store, run);
    expect(run).toHaveBeenCalledOnce();
  });
});

describe('saving an opening map whose revisions are still being worked out', () => {
  it('is watched from the start, and its first save waits for the revisions and then writes the edit', async () => {
    const db = freshDb();
    const repo = new Repository(db);
    const doc = teamDoc();
    await repo.createMap(doc);
    const shown = (await repo.loadMapToShow(doc.map.id))!;
    const store = createEditorStore();
    store.getState().openDocument(shown.doc);
    let giveRevisions: (revs: Revisions) => void = () => {};
    const revisions = new Promise<Revisions>((resolve) => (giveRevisions = resolve));
    const autosave = new Autosave(repo, store, { doc: shown.doc, revs: revisions }, null, 10_000);
    store.getState().updateStakeholder('tom', { title: 'Sales lead' });
    expect(autosave.dirty).toBe(true);
    const saving = autosave.flush();
    let saved = false;
    void saving.then(() => (saved = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(saved).toBe(false);
    giveRevisions(await shown.revisions());
    await saving;
    expect(autosave.dirty).toBe(false);
    expect((await repo.loadMap(doc.map.id))!.doc.stakeholders.tom.title).toBe('Sales lead');
    // Saved over the stored revisions, not as new records: the next edit saves as cleanly.
    store.getState().updateStakeholder('tom', { notes: 'Met at the offsite' });
    await autosave.flush();
    expect((await repo.loadMap(doc.map.id))!.doc.stakeholders.tom).toMatchObject({ title: 'Sales lead', notes: 'Met at the offsite' });
    expect(store.getState().save.state).toBe('saved');
    autosave.dispose();
    db.close();
  });
});
