/**
 * The close journal: edits the page had no time to save are written synchronously when it goes
 * away, and come back (merged with what is stored, through restoreDocument) when the map opens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pendingRecords, replayJournal } from '../../../src/domain/journal';
import { removeElements, updateStakeholder } from '../../../src/domain/operations';
import { CloseJournal, type JournalStorage } from '../../../src/state/journal';
import { attachPageLifecycle } from '../../../src/state/page-lifecycle';
import { createEditorStore } from '../../../src/state/store';
import { Workspace } from '../../../src/state/workspace';
import type { InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { person, teamDoc } from '../helpers/docs';
import { freshDb } from '../helpers/storage';

class MemoryStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('replayJournal', () => {
  it('merges each journaled record with what is stored now: other fields saved elsewhere stay', () => {
    const base = teamDoc();
    const screen = updateStakeholder(base, 'tom', { notes: 'typed just before closing' });
    const records = pendingRecords(base, screen);
    // Meanwhile another tab saved a new title for Tom.
    const stored = updateStakeholder(base, 'tom', { title: 'Head of sales' });
    const result = replayJournal(stored, JSON.parse(JSON.stringify(records)));
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.stakeholders.tom).toMatchObject({ notes: 'typed just before closing', title: 'Head of sales' });
    expect(result.replayed).toBe(1);
    expect(result.problems).toEqual([]);
  });

  it('replays deletions and additions; a record deleted elsewhere since stays deleted', () => {
    const base = teamDoc();
    let screen = removeElements(base, ['priya']);
    screen = { ...screen, stakeholders: { ...screen.stakeholders, new: person('new') } };
    screen = updateStakeholder(screen, 'ann', { notes: 'edited' });
    const records = JSON.parse(JSON.stringify(pendingRecords(base, screen)));
    const stored = removeElements(base, ['ann']);
    const result = replayJournal(stored, records);
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.doc.stakeholders).sort()).toEqual(['new', 'tom']);
    // Priya's ties went with her (reported), Ann's with her deletion elsewhere.
    expect(Object.keys(result.doc.ties)).toEqual([]);
  });

  it('a tampered journal goes through restore: over-long text is cut and reported, junk is skipped', () => {
    const base = teamDoc();
    const journal = {
      stakeholders: [{ id: 'tom', ours: { ...base.stakeholders.tom, notes: 'n'.repeat(120_000) }, base: base.stakeholders.tom }, 'junk', { id: 'x', ours: 5 }],
      ties: 'not a list',
    };
    const result = replayJournal(base, journal);
    if (!result.ok) throw new Error(result.error);
    expect(result.doc.stakeholders.tom.notes).toHaveLength(100_000);
    expect(result.problems.join('\n')).toMatch(/the notes was 120,000 characters long; it was cut to 100,000/);
    expect(Object.keys(result.doc.stakeholders)).toHaveLength(3);
  });
});

describe('the journal in a workspace', () => {
  const opened: InfluenceDb[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const fn of cleanups.splice(0).reverse()) fn();
    for (const db of opened.splice(0)) db.close();
  });

  /** One page: its own store and repository (keys in memory), sharing the database and localStorage. */
  function page(dbName: string, storage: MemoryStorage) {
    const db = freshDb(undefined, dbName);
    opened.push(db);
    const repo = new Repository(db);
    const store = createEditorStore();
    const workspace = new Workspace(repo, store, null, new CloseJournal(repo, storage));
    cleanups.push(() => workspace.dispose());
    return { repo, store, workspace };
  }

  it('an edit not yet saved when the page goes is journaled at once, brought back on the next open, saved, and the journal cleared', async () => {
    const storage = new MemoryStorage();
    const name = `j-${crypto.randomUUID()}`;
    const first = page(name, storage);
    const doc = teamDoc();
    await first.workspace.createMap(doc);
    first.store.getState().updateStakeholder('tom', { notes: 'last words' });
    // pagehide: nothing awaits; the save never finishes because the page is gone.
    expect(first.workspace.journal.persist()).toBe(true);
    first.workspace.stopSaving();
    expect(storage.items.size).toBe(1);

    const second = page(name, storage);
    expect((await second.repo.loadMap(doc.map.id))!.doc.stakeholders.tom.notes).toBe('');
    await second.workspace.openMap(doc.map.id);
    expect(second.store.getState().doc!.stakeholders.tom.notes).toBe('last words');
    expect(second.store.getState().notice?.text).toMatch(/brought back/);
    await second.workspace.flush();
    expect((await second.repo.loadMap(doc.map.id))!.doc.stakeholders.tom.notes).toBe('last words');
    expect(storage.items.size).toBe(0);
  });

  it('a journal written at pagehide goes as soon as the page lives on and edits again', async () => {
    const storage = new MemoryStorage();
    const { store, workspace } = page(`j-${crypto.randomUUID()}`, storage);
    await workspace.createMap(teamDoc());
    store.getState().updateStakeholder('tom', { notes: 'a' });
    workspace.journal.persist();
    expect(storage.items.size).toBe(1);
    store.getState().updateStakeholder('tom', { notes: 'ab' });
    expect(storage.items.size).toBe(0);
  });

  it('deleting a map removes its journal, so its edits never come back', async () => {
    const storage = new MemoryStorage();
    const { store, workspace } = page(`j-${crypto.randomUUID()}`, storage);
    const doc = teamDoc();
    await workspace.createMap(doc);
    store.getState().updateStakeholder('tom', { notes: 'x' });
    workspace.journal.persist();
    expect(storage.items.size).toBe(1);
    await workspace.deleteMap(doc.map.id);
    expect(storage.items.size).toBe(0);
  });

  it('beforeunload warns only when the edit could not be journaled', async () => {
    const storage = new MemoryStorage();
    const { store, workspace } = page(`j-${crypto.randomUUID()}`, storage);
    await workspace.createMap(teamDoc());
    const target = new EventTarget() as unknown as Window;
    Object.assign(target, { document: new EventTarget() });
    const detach = attachPageLifecycle(workspace, target);
    cleanups.push(detach);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    store.getState().updateStakeholder('tom', { notes: 'journaled' });
    expect(leave()).toBe(false);
    storage.full = true;
    store.getState().updateStakeholder('tom', { notes: 'cannot be journaled' });
    expect(leave()).toBe(true);
    await workspace.flush();
    expect(leave()).toBe(false);
  });

  it('a locked map is journaled sealed, never in the clear, and comes back after unlocking', async () => {
    const storage = new MemoryStorage();
    const name = `j-${crypto.randomUUID()}`;
    const first = page(name, storage);
    const doc = teamDoc();
    await first.workspace.createMap(doc);
    await first.workspace.lockOpenMap('a long passphrase');
    const tom = Object.values(first.store.getState().doc!.stakeholders).find((s) => s.name === 'tom')!;
    first.store.getState().updateStakeholder(tom.id, { notes: 'secret plan' });
    // Sealing is asynchronous: until it is done, leaving would lose the edit, and says so.
    expect(first.workspace.journal.persist()).toBe(false);
    await expect.poll(() => first.workspace.journal.persist()).toBe(true);
    first.workspace.stopSaving();
    const stored = [...storage.items.values()].join();
    expect(stored).not.toContain('secret plan');
    expect(stored).not.toContain('tom');
    expect(stored).toContain('"sealed"');
    const second = page(name, storage);
    await second.workspace.unlockAndOpen(doc.map.id, 'a long passphrase');
    expect(second.store.getState().doc!.stakeholders[tom.id].notes).toBe('secret plan');
    await second.workspace.flush();
    expect(storage.items.size).toBe(0);
  }, 30_000);
});
