import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateOrganisation } from '../../../src/analysis/generate';
import { createEditorStore } from '../../../src/state/store';
import { Workspace } from '../../../src/state/workspace';
import { Repository } from '../../../src/storage/repository';
import { docOf, person, teamDoc } from '../helpers/docs';
import { freshDb } from '../helpers/storage';
import { FakeBroadcast } from '../helpers/sync';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

function setup() {
  const db = freshDb();
  const repo = new Repository(db);
  const store = createEditorStore();
  const hub = new FakeBroadcast();
  const workspace = new Workspace(repo, store, hub.channel());
  cleanups.push(() => db.close(), () => workspace.dispose());
  return { repo, store, workspace, hub };
}

const withUpdatedAt = <T extends { map: { updatedAt: number } }>(doc: T, updatedAt: number): T => ({ ...doc, map: { ...doc.map, updatedAt } });

describe('Workspace', () => {
  it('createMap stores a blank map, opens it and remembers it as the last map', async () => {
    const { repo, store, workspace, hub } = setup();
    const id = await workspace.createMap();
    expect(id).toBeTruthy();
    expect(store.getState().doc?.map).toMatchObject({ id, name: 'Untitled map' });
    expect(workspace.openMapId).toBe(id);
    expect(workspace.saving).toBe(true);
    expect(await repo.getSetting('lastMapId')).toBe(id);
    expect((await repo.listMaps()).map((m) => m.id)).toEqual([id]);
    expect(hub.sent).toContainEqual({ type: 'maps-changed' });
  });

  it('createMap with a document stores all of it', async () => {
    const { repo, workspace } = setup();
    const doc = teamDoc('Given');
    await workspace.createMap(doc);
    expect((await repo.loadMap(doc.map.id))!.doc).toEqual(doc);
  });

  it('a big map edited here is packed again once saves have been quiet, so its next open is fast too (storage/packs.ts)', { timeout: 30_000 }, async () => {
    const { repo, store, workspace } = setup();
    workspace.packQuietMs = 20;
    const doc = generateOrganisation(1_000, 2);
    await workspace.createMap(doc);
    expect(await repo.db.packs.get(doc.map.id)).toBeDefined();
    const someone = Object.keys(doc.stakeholders)[5];
    store.getState().updateStakeholder(someone, { title: 'Chief of Staff' });
    await workspace.flush();
    // The save dropped the pack in its own transaction; quiet, the map is packed again.
    await vi.waitFor(async () => expect(await repo.db.packs.get(doc.map.id)).toBeDefined(), { timeout: 20_000 });
    expect((await repo.loadMap(doc.map.id))!.doc.stakeholders[someone].title).toBe('Chief of Staff');
  });

  it('edits to the open map are saved through its autosave', async () => {
    const { repo, store, workspace } = setup();
    const doc = teamDoc();
    await workspace.createMap(doc);
    store.getState().updateStakeholder('tom', { title: 'Saved' });
    await workspace.flush();
    expect((await repo.loadMap(doc.map.id))!.doc.stakeholders.tom.title).toBe('Saved');
  });

  it('opening another map first saves what is pending in the current one', async () => {
    const { repo, store, workspace } = setup();
    const a = teamDoc('A');
    const b = teamDoc('B');
    await workspace.createMap(a);
    await repo.createMap(b);
    store.getState().updateStakeholder('tom', { title: 'Typed just before switching' });
    expect(await workspace.openMap(b.map.id)).toBe(true);
    expect(store.getState().doc?.map.name).toBe('B');
    expect((await repo.loadMap(a.map.id))!.doc.stakeholders.tom.title).toBe('Typed just before switching');
    expect(await repo.getSetting('lastMapId')).toBe(b.map.id);
  });

  it('opening a map that does not exist says so and keeps the open map', async () => {
    const { store, workspace } = setup();
    const id = await workspace.createMap();
    expect(await workspace.openMap('missing')).toBe(false);
    expect(store.getState().notice).toMatchObject({ tone: 'error', text: 'That map no longer exists.' });
    expect(workspace.openMapId).toBe(id);
  });

  describe('startupMapId', () => {
    async function threeMaps() {
      const ctx = setup();
      const older = withUpdatedAt(teamDoc('Older'), 100);
      const newest = withUpdatedAt(teamDoc('Newest'), 300);
      const middle = withUpdatedAt(teamDoc('Middle'), 200);
      for (const d of [older, newest, middle]) await ctx.repo.createMap(d);
      return { ...ctx, older: older.map.id, newest: newest.map.id, middle: middle.map.id };
    }

    it('prefers the requested map', async () => {
      const { repo, workspace, older, middle } = await threeMaps();
      await repo.setSetting('lastMapId', middle);
      expect(await workspace.startupMapId(older)).toBe(older);
    });

    it('then the last opened map', async () => {
      const { repo, workspace, middle } = await threeMaps();
      await repo.setSetting('lastMapId', middle);
      expect(await workspace.startupMapId(null)).toBe(middle);
      expect(await workspace.startupMapId('no-such-map')).toBe(middle);
    });

    it('then the most recently edited map', async () => {
      const { repo, workspace, newest, older } = await threeMaps();
      expect(await workspace.startupMapId(null)).toBe(newest);
      await repo.setSetting('lastMapId', older);
      await repo.deleteMap(older);
      expect(await workspace.startupMapId('no-such-map')).toBe(newest);
    });

    it('and nothing when there are no maps', async () => {
      const { workspace } = setup();
      expect(await workspace.startupMapId('whatever')).toBeNull();
    });
  });

  it('duplicateMap copies everything with fresh ids and " (copy)" in the name, and opens the copy', async () => {
    const { repo, store, workspace } = setup();
    const original = teamDoc('Team');
    await workspace.createMap({ ...original, map: { ...original.map, meId: 'priya' } });
    const copyId = await workspace.duplicateMap(original.map.id);
    expect(copyId).toBeTruthy();
    expect(copyId).not.toBe(original.map.id);
    const copy = (await repo.loadMap(copyId!))!.doc;
    expect(copy.map.name).toBe('Team (copy)');
    expect(store.getState().doc?.map.id).toBe(copyId);
    const people = Object.values(copy.stakeholders);
    expect(people.map((p) => p.name).sort()).toEqual(['ann', 'priya', 'tom']);
    for (const p of people) expect(['ann', 'priya', 'tom']).not.toContain(p.id);
    for (const t of Object.values(copy.ties)) {
      expect(['t1', 't2', 't3']).not.toContain(t.id);
      expect(copy.stakeholders[t.source]).toBeDefined();
      expect(copy.stakeholders[t.target]).toBeDefined();
    }
    const byName = Object.fromEntries(people.map((p) => [p.name, p.id]));
    expect(Object.values(copy.ties).map((t) => [copy.stakeholders[t.source].name, copy.stakeholders[t.target].name, t.kind]).sort()).toEqual([
      ['ann', 'priya', 'trust'],
      ['priya', 'tom', 'influence'],
      ['tom', 'ann', 'reports-to'],
    ]);
    expect(copy.map.meId).toBe(byName.priya);
    // The original is untouched.
    expect((await repo.loadMap(original.map.id))!.doc.map.name).toBe('Team');
    expect((await repo.listMaps()).map((m) => [m.people, m.ties])).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it('duplicating twice names the copies "(copy)" and "(copy 2)"; imported maps get a free name', async () => {
    const { workspace } = setup();
    const original = teamDoc('Team');
    await workspace.createMap(original);
    await workspace.duplicateMap(original.map.id);
    const second = await workspace.duplicateMap(original.map.id);
    expect(workspace.store.getState().doc?.map.id).toBe(second);
    expect(workspace.store.getState().doc?.map.name).toBe('Team (copy 2)');
    const named = await workspace.withFreeNames([teamDoc('Team'), teamDoc('Team'), teamDoc('Other')]);
    expect(named.map((d) => d.map.name)).toEqual(['Team (2)', 'Team (3)', 'Other']);
  });

  it('a copy in the clear opens from memory at once and is stored after, as an import is (a big copy written first kept the page on the original for seconds)', async () => {
    const { repo, store, workspace } = setup();
    const original = teamDoc('Team');
    await workspace.createMap(original);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const createMap = repo.createMap.bind(repo);
    const spy = vi.spyOn(repo, 'createMap').mockImplementation(async (...args) => {
      await gate;
      return createMap(...args);
    });
    const copying = workspace.duplicateMap(original.map.id);
    await vi.waitFor(() => expect(store.getState().doc?.map.name).toBe('Team (copy)'));
    expect(workspace.saving).toBe(false);
    release();
    const copyId = await copying;
    spy.mockRestore();
    expect(store.getState().doc?.map.id).toBe(copyId);
    expect(workspace.saving).toBe(true);
    expect((await repo.loadMap(copyId!))!.doc.map.name).toBe('Team (copy)');
  });

  it('duplicateMap includes edits not yet saved', async () => {
    const { repo, store, workspace } = setup();
    const original = teamDoc('Team');
    await workspace.createMap(original);
    store.getState().updateStakeholder('tom', { title: 'Fresh' });
    const copyId = await workspace.duplicateMap(original.map.id);
    const copy = (await repo.loadMap(copyId!))!.doc;
    expect(Object.values(copy.stakeholders).find((p) => p.name === 'tom')?.title).toBe('Fresh');
  });

  it('deleting the open map closes it and removes it from storage', async () => {
    const { repo, store, workspace } = setup();
    const id = (await workspace.createMap(teamDoc()))!;
    await workspace.deleteMap(id);
    expect(store.getState().doc).toBeNull();
    expect(workspace.openMapId).toBeNull();
    expect(workspace.saving).toBe(false);
    expect(await repo.loadMap(id)).toBeNull();
    expect(await repo.listMaps()).toEqual([]);
    expect(await workspace.startupMapId(null)).toBeNull();
  });

  it('deleting another map keeps the open one open', async () => {
    const { repo, workspace } = setup();
    const other = teamDoc('Other');
    await repo.createMap(other);
    const open = await workspace.createMap(docOf([person('x')], [], 'Open'));
    await workspace.deleteMap(other.map.id);
    expect(workspace.openMapId).toBe(open);
    expect((await repo.listMaps()).map((m) => m.name)).toEqual(['Open']);
  });

  it('renaming a map that is not open persists the name', async () => {
    const { repo, store, workspace, hub } = setup();
    const closed = teamDoc('Closed');
    await repo.createMap(closed);
    await workspace.createMap(docOf([], [], 'Open'));
    await workspace.renameMap(closed.map.id, 'Renamed');
    expect((await repo.loadMap(closed.map.id))!.doc.map.name).toBe('Renamed');
    expect((await repo.loadMap(closed.map.id))!.doc.stakeholders).toEqual(closed.stakeholders);
    expect(store.getState().doc?.map.name).toBe('Open');
    expect(hub.sent).toContainEqual(expect.objectContaining({ type: 'changed', mapId: closed.map.id, map: true }));
  });

  it('renaming the open map renames it on screen, as an undoable edit, and saves it', async () => {
    const { repo, store, workspace } = setup();
    const id = (await workspace.createMap(docOf([], [], 'Before')))!;
    await workspace.renameMap(id, 'After');
    expect(store.getState().doc?.map.name).toBe('After');
    await workspace.flush();
    expect((await repo.loadMap(id))!.doc.map.name).toBe('After');
    store.getState().undo();
    expect(store.getState().doc?.map.name).toBe('Before');
  });

  it('remembers the viewport of each map', async () => {
    const { repo, store, workspace } = setup();
    const a = (await workspace.createMap(docOf([], [], 'A')))!;
    workspace.saveViewport({ x: 10, y: -20, zoom: 1.5 });
    await workspace.flush();
    expect(await repo.getSetting(`viewport:${a}`)).toEqual({ x: 10, y: -20, zoom: 1.5 });
    await workspace.createMap(docOf([], [], 'B'));
    expect(store.getState().initialViewport).toBeNull();
    await workspace.openMap(a);
    expect(store.getState().initialViewport).toEqual({ x: 10, y: -20, zoom: 1.5 });
  });
});
