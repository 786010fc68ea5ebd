import { afterEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from '../../../src/state/autosave';
import { createEditorStore, type EditorStoreApi, type SaveState } from '../../../src/state/store';
import type { InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { teamDoc } from '../helpers/docs';
import { countWrites, freshDb, type WriteCounter } from '../helpers/storage';
import { FakeBroadcast } from '../helpers/sync';
import type { SyncChannel } from '../../../src/state/sync-channel';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface Tab {
  store: EditorStoreApi;
  autosave: Autosave;
  statuses: SaveState[];
}

/** Opens the map in a new "tab": a store, and an autosave writing to the shared repository. */
async function openTab(repo: Repository, mapId: string, channel: SyncChannel | null = null, debounceMs = 10_000): Promise<Tab> {
  const loaded = (await repo.loadMap(mapId))!;
  const store = createEditorStore();
  store.getState().openDocument(loaded.doc);
  const autosave = new Autosave(repo, store, { doc: loaded.doc, revs: loaded.revs }, channel, debounceMs);
  const statuses: SaveState[] = [];
  // Zustand may report a nested update twice to later listeners; record each change of state once.
  const unsubscribe = store.subscribe((s) => {
    if (s.save.state !== (statuses.at(-1) ?? 'saved')) statuses.push(s.save.state);
  });
  cleanups.push(() => {
    unsubscribe();
    autosave.dispose();
    channel?.close();
  });
  return { store, autosave, statuses };
}

async function setup(): Promise<{ repo: Repository; db: InfluenceDb; writes: WriteCounter; mapId: string }> {
  const db = freshDb();
  const writes = countWrites(db);
  cleanups.push(() => db.close());
  const repo = new Repository(db);
  const doc = teamDoc();
  await repo.createMap(doc);
  writes.reset();
  return { repo, db, writes, mapId: doc.map.id };
}

const storedPerson = async (repo: Repository, mapId: string, id: string) => (await repo.loadMap(mapId))!.doc.stakeholders[id];

describe('Autosave', () => {
  it('saves an edit, going from saving to saved', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    tab.store.getState().updateStakeholder('tom', { title: 'Sales lead' });
    expect(tab.store.getState().save.state).toBe('saving');
    expect(tab.autosave.dirty).toBe(true);
    await tab.autosave.flush();
    expect(tab.statuses).toEqual(['saving', 'saved']);
    expect(tab.autosave.dirty).toBe(false);
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ title: 'Sales lead' });
  });

  it('saves by itself after the debounce', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId, null, 20);
    tab.store.getState().updateStakeholder('tom', { title: 'Sales lead' });
    await vi.waitFor(() => expect(tab.store.getState().save.state).toBe('saved'));
    expect(tab.autosave.stats.saves).toBe(1);
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ title: 'Sales lead' });
  });

  it('writes exactly one record when one node is dragged', async () => {
    const { repo, mapId, writes } = await setup();
    const tab = await openTab(repo, mapId);
    for (let i = 0; i < 20; i++) tab.store.getState().dragTo({ tom: { x: 200 + i * 5, y: i } });
    tab.store.getState().dragEnd({ tom: { x: 321, y: 45 } });
    await tab.autosave.flush();
    expect(tab.autosave.stats).toMatchObject({ saves: 1, lastRecords: 1 });
    expect(writes.records()).toBe(1);
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ x: 321, y: 45 });
  });

  it('writes a burst of typing once', async () => {
    const { repo, mapId, writes } = await setup();
    const tab = await openTab(repo, mapId);
    for (const name of ['T', 'To', 'Tom', 'Tom ', 'Tom B', 'Tom Be']) tab.store.getState().updateStakeholder('tom', { name });
    await tab.autosave.flush();
    expect(tab.autosave.stats).toMatchObject({ saves: 1, lastRecords: 1 });
    expect(writes.records()).toBe(1);
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ name: 'Tom Be' });
  });

  it('an edit made while a save is under way is saved right after it', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    tab.store.getState().updateStakeholder('tom', { title: 'First' });
    const saving = tab.autosave.flush();
    tab.store.getState().updateStakeholder('ann', { notes: 'Second' });
    await saving;
    expect(tab.autosave.stats.saves).toBe(2);
    expect(tab.store.getState().save.state).toBe('saved');
    const stored = (await repo.loadMap(mapId))!.doc;
    expect(stored.stakeholders.tom.title).toBe('First');
    expect(stored.stakeholders.ann.notes).toBe('Second');
  });

  it('deleting a person saves them and their ties together', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    tab.store.getState().select(['tom']);
    tab.store.getState().deleteSelection();
    await tab.autosave.flush();
    expect(tab.autosave.stats.lastRecords).toBe(3);
    const stored = (await repo.loadMap(mapId))!.doc;
    expect(Object.keys(stored.stakeholders).sort()).toEqual(['ann', 'priya']);
    expect(Object.keys(stored.ties)).toEqual(['t3']);
  });

  it('undoing a saved deletion brings the person and their ties back, and they stay (not taken for a deletion in another tab)', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    tab.store.getState().select(['tom']);
    tab.store.getState().deleteSelection();
    await tab.autosave.flush();
    tab.store.getState().undo();
    await tab.autosave.flush();
    expect(Object.keys(tab.store.getState().doc!.stakeholders).sort()).toEqual(['ann', 'priya', 'tom']);
    expect(tab.store.getState().notice).toBeNull();
    const stored = (await repo.loadMap(mapId))!.doc;
    expect(Object.keys(stored.stakeholders).sort()).toEqual(['ann', 'priya', 'tom']);
    expect(Object.keys(stored.ties).sort()).toEqual(['t1', 't2', 't3']);
    // And redo, after that was saved, deletes them again.
    tab.store.getState().redo();
    await tab.autosave.flush();
    expect(Object.keys((await repo.loadMap(mapId))!.doc.stakeholders).sort()).toEqual(['ann', 'priya']);
  });

  it('a full disk keeps the edit on screen, says so, and a retry saves it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId, null, 50);
    const save = vi.spyOn(repo, 'saveChanges').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    tab.store.getState().updateStakeholder('tom', { notes: 'Important' });
    const onScreen = tab.store.getState().doc;
    await tab.autosave.flush();
    const status = tab.store.getState().save;
    expect(status.state).toBe('error');
    expect(status.message).toMatch(/browser has no room/i);
    expect(status.message).toMatch(/kept on screen/i);
    expect(tab.store.getState().doc).toBe(onScreen);
    expect(tab.autosave.dirty).toBe(true);
    expect((await storedPerson(repo, mapId, 'tom')).notes).toBe('');
    // The retry fires on its own.
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(tab.store.getState().save.state).toBe('saved'));
    expect(save).toHaveBeenCalledTimes(2);
    expect(tab.autosave.dirty).toBe(false);
    expect((await storedPerson(repo, mapId, 'tom')).notes).toBe('Important');
    expect(tab.statuses).toEqual(['saving', 'error', 'saved']);
  });

  it('an explicit flush after a failure saves too, including edits made meanwhile', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    vi.spyOn(repo, 'saveChanges').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    tab.store.getState().updateStakeholder('tom', { notes: 'First' });
    await tab.autosave.flush();
    expect(tab.store.getState().save.state).toBe('error');
    tab.store.getState().updateStakeholder('priya', { title: 'Second' });
    await tab.autosave.flush();
    expect(tab.store.getState().save.state).toBe('saved');
    const stored = (await repo.loadMap(mapId))!.doc;
    expect(stored.stakeholders.tom.notes).toBe('First');
    expect(stored.stakeholders.priya.title).toBe('Second');
  });

  it('stops saving once disposed', async () => {
    const { repo, mapId } = await setup();
    const tab = await openTab(repo, mapId);
    tab.autosave.dispose();
    tab.store.getState().updateStakeholder('tom', { title: 'x' });
    await tab.autosave.flush();
    expect(tab.autosave.stats.saves).toBe(0);
    expect((await storedPerson(repo, mapId, 'tom')).title).toBe('');
  });
});

describe('Autosave with two tabs', () => {
  async function twoTabs() {
    const ctx = await setup();
    const hub = new FakeBroadcast();
    const a = await openTab(ctx.repo, ctx.mapId, hub.channel());
    const b = await openTab(ctx.repo, ctx.mapId, hub.channel());
    return { ...ctx, hub, a, b };
  }

  it("each tab shows the other's saved changes", async () => {
    const { a, b, hub } = await twoTabs();
    a.store.getState().updateStakeholder('tom', { name: 'Tom Berg' });
    await a.autosave.flush();
    expect(hub.sent).toContainEqual(expect.objectContaining({ type: 'changed', stakeholders: ['tom'] }));
    await vi.waitFor(() => expect(b.store.getState().doc!.stakeholders.tom.name).toBe('Tom Berg'));

    b.store.getState().connect('priya', 'ann', 'influence');
    b.store.getState().dragEnd({ ann: { x: 7, y: 8 } });
    await b.autosave.flush();
    await vi.waitFor(() => expect(a.store.getState().doc!.stakeholders.ann).toMatchObject({ x: 7, y: 8 }));
    expect(Object.keys(a.store.getState().doc!.ties)).toHaveLength(4);
    // Adopting the other tab's change is not an undo step, and leaves nothing to save.
    expect(a.store.temporal.getState().pastStates).toHaveLength(1);
    expect(a.autosave.dirty).toBe(false);
  });

  it('a deletion in one tab removes the person and their ties in the other', async () => {
    const { a, b } = await twoTabs();
    a.store.getState().select(['tom']);
    a.store.getState().deleteSelection();
    await a.autosave.flush();
    await vi.waitFor(() => expect(b.store.getState().doc!.stakeholders.tom).toBeUndefined());
    expect(Object.keys(b.store.getState().doc!.ties)).toEqual(['t3']);
  });

  it('an unsaved edit to another field of the same person is merged, not lost', async () => {
    const { repo, mapId, a, b } = await twoTabs();
    b.store.getState().updateStakeholder('tom', { title: 'Typed in B' });
    a.store.getState().updateStakeholder('tom', { name: 'Renamed in A' });
    await a.autosave.flush();
    await vi.waitFor(() => expect(b.store.getState().doc!.stakeholders.tom.name).toBe('Renamed in A'));
    expect(b.store.getState().doc!.stakeholders.tom.title).toBe('Typed in B');
    expect(b.autosave.dirty).toBe(true);
    await b.autosave.flush();
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ name: 'Renamed in A', title: 'Typed in B' });
    await vi.waitFor(() => expect(a.store.getState().doc!.stakeholders.tom.title).toBe('Typed in B'));
    expect(a.store.getState().doc!.stakeholders.tom.name).toBe('Renamed in A');
  });

  it('a person deleted here and not yet saved stays deleted when the other tab edits them (the one merge: deletion wins)', async () => {
    const { repo, mapId, a, b } = await twoTabs();
    b.store.getState().select(['tom']);
    b.store.getState().deleteSelection();
    a.store.getState().updateStakeholder('tom', { title: 'Edited in A' });
    await a.autosave.flush();
    await vi.waitFor(() => expect(b.autosave.base.stakeholders.tom?.title).toBe('Edited in A'));
    expect(b.store.getState().doc!.stakeholders.tom).toBeUndefined();
    expect(Object.keys(b.store.getState().doc!.ties)).toEqual(['t3']);
    await b.autosave.flush();
    expect(await storedPerson(repo, mapId, 'tom')).toBeUndefined();
    await vi.waitFor(() => expect(a.store.getState().doc!.stakeholders.tom).toBeUndefined());
  });

  it("another tab's change read while a save starts is merged into that save, never written over", async () => {
    const ctx = await setup();
    const hub = new FakeBroadcast();
    const a = await openTab(ctx.repo, ctx.mapId, hub.channel());
    const repoB = new Repository(ctx.db);
    const b = await openTab(repoB, ctx.mapId, hub.channel());
    // Hold B at the two points that raced: reading A's records, and the start of B's own save.
    let releaseRead!: () => void;
    const readGate = new Promise<void>((resolve) => (releaseRead = resolve));
    const read = repoB.readRecords.bind(repoB);
    const reading = vi.spyOn(repoB, 'readRecords').mockImplementation(async (...args) => {
      await readGate;
      return read(...args);
    });
    let releaseSave!: () => void;
    const saveGate = new Promise<void>((resolve) => (releaseSave = resolve));
    const save = repoB.saveChanges.bind(repoB);
    const firstWrite: unknown[] = [];
    vi.spyOn(repoB, 'saveChanges').mockImplementation(async (...args) => {
      await saveGate;
      const result = await save(...args);
      if (!firstWrite.length) firstWrite.push(await storedPerson(repoB, ctx.mapId, 'tom'));
      return result;
    });

    a.store.getState().updateStakeholder('tom', { name: 'From A' });
    await a.autosave.flush();
    await vi.waitFor(() => expect(reading).toHaveBeenCalled());
    b.store.getState().updateStakeholder('tom', { title: 'From B' });
    const saving = b.autosave.flush();
    releaseRead();
    await vi.waitFor(() => expect(b.store.getState().doc!.stakeholders.tom.name).toBe('From A'));
    releaseSave();
    await saving;
    // B's first write already carries A's name: A's tab never sees its edit undone.
    expect(firstWrite[0]).toMatchObject({ name: 'From A', title: 'From B' });
    expect(await storedPerson(ctx.repo, ctx.mapId, 'tom')).toMatchObject({ name: 'From A', title: 'From B' });
  });

  it('without any message from the other tab, a save still merges instead of overwriting', async () => {
    const { repo, mapId } = await setup();
    const a = await openTab(repo, mapId);
    const b = await openTab(repo, mapId);
    a.store.getState().updateStakeholder('tom', { name: 'From A' });
    await a.autosave.flush();
    b.store.getState().updateStakeholder('tom', { title: 'From B' });
    await b.autosave.flush();
    expect(await storedPerson(repo, mapId, 'tom')).toMatchObject({ name: 'From A', title: 'From B' });
    // B now shows A's edit as well.
    expect(b.store.getState().doc!.stakeholders.tom).toMatchObject({ name: 'From A', title: 'From B' });
  });

  it('an edit to a person deleted in the other tab does not bring them back', async () => {
    const { repo, mapId } = await setup();
    const a = await openTab(repo, mapId);
    const b = await openTab(repo, mapId);
    a.store.getState().select(['tom']);
    a.store.getState().deleteSelection();
    await a.autosave.flush();
    b.store.getState().updateStakeholder('tom', { title: 'Edited in B' });
    await b.autosave.flush();
    expect(await storedPerson(repo, mapId, 'tom')).toBeUndefined();
    expect(b.store.getState().doc!.stakeholders.tom).toBeUndefined();
    expect(b.store.getState().notice?.text).toMatch(/deleted in another tab/);
  });

  it("undo in one tab does not write back over the other tab's saved edit", async () => {
    const { repo, mapId, a, b } = await twoTabs();
    a.store.getState().updateStakeholder('tom', { title: 'A title' });
    await a.autosave.flush();
    b.store.getState().updateStakeholder('priya', { notes: 'B notes' });
    await b.autosave.flush();
    await vi.waitFor(() => expect(a.store.getState().doc!.stakeholders.priya.notes).toBe('B notes'));
    a.store.getState().undo();
    await a.autosave.flush();
    const stored = (await repo.loadMap(mapId))!.doc;
    expect(stored.stakeholders.tom.title).toBe('');
    expect(stored.stakeholders.priya.notes).toBe('B notes');
  });
});
