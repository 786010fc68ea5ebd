import { afterEach, describe, expect, it } from 'vitest';
import { diffDocuments } from '../../../src/domain/diff';
import { addStakeholderAt, connect, moveStakeholders, removeElements, updateMapMeta, updateSettings, updateStakeholder } from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import type { InfluenceDb } from '../../../src/storage/db';
import { Repository, revKey, type LoadedMap } from '../../../src/storage/repository';
import { docOf, person, teamDoc } from '../helpers/docs';
import { generateOrganisation } from '../../../src/analysis/generate';
import { RESTORE_CHUNK } from '../../../src/domain/restore';
import { countWrites, freshDb, type WriteCounter } from '../helpers/storage';

const opened: InfluenceDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

function setup(): { repo: Repository; db: InfluenceDb; writes: WriteCounter } {
  const db = freshDb();
  opened.push(db);
  const writes = countWrites(db);
  return { repo: new Repository(db), db, writes };
}

async function stored(repo: Repository, doc: MapDocument): Promise<LoadedMap> {
  await repo.createMap(doc);
  const loaded = await repo.loadMap(doc.map.id);
  if (!loaded) throw new Error('map not stored');
  return loaded;
}

/** Saves `next` as an edit of what `base` loaded, as autosave does. */
function save(repo: Repository, base: LoadedMap, next: MapDocument, now = 5_000) {
  return repo.saveChanges(base.doc.map.id, diffDocuments(base.doc, next), { doc: base.doc, revs: base.revs }, now);
}

describe('create and load', () => {
  it('a map larger than one page of records loads whole, and only its own records', async () => {
    const { repo } = setup();
    const big = generateOrganisation(RESTORE_CHUNK * 2 + 7, 4);
    const other = teamDoc();
    await repo.createMap(other);
    const loaded = await stored(repo, big);
    expect(loaded.problems).toEqual([]);
    expect(Object.keys(loaded.doc.stakeholders).sort()).toEqual(Object.keys(big.stakeholders).sort());
    expect(Object.keys(loaded.doc.ties).sort()).toEqual(Object.keys(big.ties).sort());
    expect(loaded.doc.stakeholders).toEqual(big.stakeholders);
  }, 60_000);

  it('loads exactly the map that was created', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    const loaded = await stored(repo, doc);
    expect(loaded.doc).toEqual(doc);
    expect(loaded.problems).toEqual([]);
    expect(loaded.revs.get(revKey.stakeholder('tom'))).toBe(1);
    expect(loaded.revs.get(revKey.tie('t1'))).toBe(1);
    expect(loaded.revs.get(revKey.map(doc.map.id))).toBe(1);
  });

  it('returns null for a map that does not exist', async () => {
    const { repo } = setup();
    expect(await repo.loadMap('nope')).toBeNull();
  });

  it('refuses to overwrite an existing map and leaves it intact', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    await expect(repo.createMap({ ...doc, stakeholders: {}, ties: {} })).rejects.toThrow(/already exists/);
    expect((await repo.loadMap(doc.map.id))!.doc).toEqual(doc);
  });

  it('keeps people with the same id in two maps apart', async () => {
    const { repo } = setup();
    const one = teamDoc('One');
    const two = docOf([person('tom', { title: 'Other Tom' })], [], 'Two');
    await repo.createMap(one);
    await repo.createMap(two);
    expect((await repo.loadMap(one.map.id))!.doc.stakeholders.tom.title).toBe('');
    expect((await repo.loadMap(two.map.id))!.doc.stakeholders.tom.title).toBe('Other Tom');
  });
});

describe('saveChanges writes only what changed', () => {
  it('moving one person writes one record', async () => {
    const { repo, writes } = setup();
    const base = await stored(repo, teamDoc());
    writes.reset();
    const result = await save(repo, base, moveStakeholders(base.doc, { tom: { x: 999, y: -5 } }));
    expect(result.written).toBe(1);
    expect(writes.records()).toBe(1);
    const reloaded = (await repo.loadMap(base.doc.map.id))!;
    expect(reloaded.doc.stakeholders.tom).toMatchObject({ x: 999, y: -5 });
    expect(reloaded.revs.get(revKey.stakeholder('tom'))).toBe(2);
    expect(reloaded.revs.get(revKey.stakeholder('priya'))).toBe(1);
    // The map is only touched so the maps list sorts by last edit; its revision stays.
    expect(reloaded.doc.map.updatedAt).toBe(5_000);
    expect(reloaded.revs.get(revKey.map(base.doc.map.id))).toBe(1);
  });

  it('renaming one person writes one record', async () => {
    const { repo, writes } = setup();
    const base = await stored(repo, teamDoc());
    writes.reset();
    const result = await save(repo, base, updateStakeholder(base.doc, 'priya', { name: 'Priya Shah' }));
    expect(result.written).toBe(1);
    expect(writes.records()).toBe(1);
    expect((await repo.loadMap(base.doc.map.id))!.doc.stakeholders.priya.name).toBe('Priya Shah');
  });

  it('deleting a person with two ties writes three records', async () => {
    const { repo, writes } = setup();
    const base = await stored(repo, teamDoc());
    writes.reset();
    const next = removeElements(base.doc, ['tom']);
    const result = await save(repo, base, next);
    expect(result.written).toBe(3);
    expect(writes.records()).toBe(3);
    expect((await repo.loadMap(base.doc.map.id))!.doc).toEqual({ ...next, map: { ...next.map, updatedAt: 5_000 } });
  });

  it('renaming the map writes the map record only', async () => {
    const { repo, writes } = setup();
    const base = await stored(repo, teamDoc());
    writes.reset();
    const result = await save(repo, base, updateMapMeta(base.doc, { name: 'Renamed' }));
    expect(result.written).toBe(1);
    expect(writes.records()).toBe(0);
    const reloaded = (await repo.loadMap(base.doc.map.id))!;
    expect(reloaded.doc.map).toMatchObject({ name: 'Renamed', updatedAt: 5_000 });
    expect(reloaded.revs.get(revKey.map(base.doc.map.id))).toBe(2);
  });

  it('adding a person and a tie to them writes two records', async () => {
    const { repo, writes } = setup();
    const base = await stored(repo, teamDoc());
    const added = addStakeholderAt(base.doc, { x: 1, y: 2 }, { name: 'Zoe' });
    const linked = connect(added.doc, added.id, 'ann', 'reports-to');
    if (!linked.ok) throw new Error(linked.error);
    writes.reset();
    expect((await save(repo, base, linked.doc)).written).toBe(2);
    expect(writes.records()).toBe(2);
    expect((await repo.loadMap(base.doc.map.id))!.doc.ties[linked.id!]).toMatchObject({ source: added.id, target: 'ann', kind: 'reports-to' });
  });

  it('successive saves chain on the revisions they return', async () => {
    const { repo } = setup();
    const base = await stored(repo, teamDoc());
    const next = updateStakeholder(base.doc, 'tom', { title: 'A' });
    const first = await save(repo, base, next);
    const revs = new Map([...base.revs, ...first.revs]);
    const second = await repo.saveChanges(base.doc.map.id, diffDocuments(next, updateStakeholder(next, 'tom', { notes: 'B' })), { doc: next, revs });
    expect(second.adopted.stakeholders).toEqual([]);
    expect((await repo.loadMap(base.doc.map.id))!.doc.stakeholders.tom).toMatchObject({ title: 'A', notes: 'B' });
  });
});

describe('damaged records', () => {
  it('restores a malformed field with its default and opens the rest of the map', async () => {
    const { repo, db } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    await db.stakeholders.put({ ...person('odd', { name: 'Odd' }), influence: 'lots' as unknown as number, stance: 'grumpy' as never, mapId: doc.map.id, rev: 1 });
    const loaded = (await repo.loadMap(doc.map.id))!;
    expect(loaded.doc.stakeholders.odd).toMatchObject({ name: 'Odd', influence: 3, stance: 'unknown' });
    expect(Object.keys(loaded.doc.stakeholders)).toHaveLength(4);
    expect(Object.keys(loaded.doc.ties)).toHaveLength(3);
  });

  it('skips and reports a person without a usable id; keeps a tie of an unknown kind as a shown-only kind', async () => {
    const { repo, db } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    await db.stakeholders.put({ mapId: doc.map.id, id: '', name: 'Nameless', rev: 1 } as never);
    await db.stakeholders.put({ mapId: doc.map.id, id: 42, name: 'Numbered', rev: 1 } as never);
    await db.ties.put({ mapId: doc.map.id, id: 'weird', source: 'priya', target: 'tom', kind: 'friendship', strength: 2, mutual: false, note: '', rev: 1 } as never);
    const loaded = (await repo.loadMap(doc.map.id))!;
    expect(loaded.problems).toHaveLength(3);
    expect(loaded.problems.filter((p) => /^Person \d+ \("N(ameless|umbered)"\) could not be read \(id: /.test(p))).toHaveLength(2);
    // A tie of a kind the map does not define is kept, as a kind of the map's own that is shown only.
    expect(loaded.problems[2]).toMatch(/1 tie has the kind "friendship", which this map does not define; kept .* shown only/);
    expect(loaded.doc.ties.weird).toMatchObject({ source: 'priya', target: 'tom', kind: 'friendship' });
    expect(loaded.doc.map.settings.tieKinds).toEqual([expect.objectContaining({ id: 'friendship', name: 'friendship', meaning: 'shown' })]);
    expect(Object.keys(loaded.doc.stakeholders).sort()).toEqual(Object.keys(doc.stakeholders).sort());
  });

  it('drops and reports a tie that points at a person who is not there', async () => {
    const { repo, db } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    await db.ties.put({ mapId: doc.map.id, id: 'dangling', source: 'priya', target: 'ghost', kind: 'trust', strength: 2, mutual: true, note: '', rev: 1 });
    const loaded = (await repo.loadMap(doc.map.id))!;
    expect(loaded.doc.ties.dangling).toBeUndefined();
    expect(Object.keys(loaded.doc.ties)).toHaveLength(3);
    expect(loaded.problems).toEqual([expect.stringMatching(/trust tie \(dangling\) pointed to a person who is not on the map/)]);
  });

  it("opens a map whose own record is damaged, with default settings", async () => {
    const { repo, db } = setup();
    const doc = teamDoc('Keep me');
    await repo.createMap(doc);
    await db.maps.put({ ...doc.map, settings: 'broken' as never, name: 42 as never, rev: 1 });
    const loaded = (await repo.loadMap(doc.map.id))!;
    expect(loaded.doc.map.settings.levels).toHaveLength(4);
    expect(Object.keys(loaded.doc.stakeholders)).toHaveLength(3);
  });
});

describe('listing and deleting maps', () => {
  it('lists every map with its counts, most recently edited first', async () => {
    const { repo } = setup();
    const older = { ...teamDoc('Older'), map: { ...teamDoc().map, name: 'Older', updatedAt: 100 } };
    const newer = docOf([person('x')], [], 'Newer');
    const empty = docOf([], [], 'Empty');
    await repo.createMap(older);
    await repo.createMap({ ...newer, map: { ...newer.map, updatedAt: 300 } });
    await repo.createMap({ ...empty, map: { ...empty.map, updatedAt: 200 } });
    const maps = await repo.listMaps();
    expect(maps.map((m) => [m.name, m.people, m.ties])).toEqual([
      ['Newer', 1, 0],
      ['Empty', 0, 0],
      ['Older', 3, 3],
    ]);
  });

  it('deleteMap removes the map, its people, ties and viewport, and nothing else', async () => {
    const { repo, db } = setup();
    const gone = teamDoc('Gone');
    const kept = teamDoc('Kept');
    await repo.createMap(gone);
    await repo.createMap(kept);
    await repo.setSetting(`viewport:${gone.map.id}`, { x: 1, y: 2, zoom: 1 });
    await repo.setSetting(`viewport:${kept.map.id}`, { x: 3, y: 4, zoom: 1 });
    await repo.deleteMap(gone.map.id);
    expect(await repo.loadMap(gone.map.id)).toBeNull();
    expect(await db.stakeholders.where('mapId').equals(gone.map.id).count()).toBe(0);
    expect(await db.ties.where('mapId').equals(gone.map.id).count()).toBe(0);
    expect(await repo.getSetting(`viewport:${gone.map.id}`)).toBeUndefined();
    expect((await repo.loadMap(kept.map.id))!.doc).toEqual(kept);
    expect(await repo.getSetting(`viewport:${kept.map.id}`)).toEqual({ x: 3, y: 4, zoom: 1 });
    expect((await repo.listMaps()).map((m) => m.name)).toEqual(['Kept']);
  });

  it('an incremental save to a map that is gone fails instead of writing orphan records', async () => {
    const { repo, db } = setup();
    const base = await stored(repo, teamDoc());
    await repo.deleteMap(base.doc.map.id);
    await expect(save(repo, base, updateStakeholder(base.doc, 'tom', { title: 'x' }))).rejects.toThrow();
    expect(await repo.listMaps()).toEqual([]);
    expect(await db.stakeholders.count()).toBe(0);
  });
});

describe('two tabs saving the same map', () => {
  it('edits to different fields of the same person both survive (three-way merge)', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, updateStakeholder(tabA.doc, 'tom', { name: 'Tom Berg' }));
    const result = await save(repo, tabB, updateStakeholder(tabB.doc, 'tom', { title: 'Sales lead' }));
    const merged = (await repo.loadMap(doc.map.id))!.doc.stakeholders.tom;
    expect(merged).toMatchObject({ name: 'Tom Berg', title: 'Sales lead' });
    // Tab B is told what is now stored so it can show tab A's edit too.
    expect(result.adopted.stakeholders).toEqual([merged]);
    expect(result.revs.get(revKey.stakeholder('tom'))).toBe(3);
  });

  it('the later tab wins on a field both edited, and never writes back the older rest', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, updateStakeholder(tabA.doc, 'tom', { name: 'From A', notes: 'A notes' }));
    await save(repo, tabB, updateStakeholder(tabB.doc, 'tom', { name: 'From B' }));
    expect((await repo.loadMap(doc.map.id))!.doc.stakeholders.tom).toMatchObject({ name: 'From B', notes: 'A notes' });
  });

  it('map settings and map name edited in two tabs both survive', async () => {
    const { repo } = setup();
    const doc = teamDoc('Old name');
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, updateMapMeta(tabA.doc, { name: 'New name' }));
    const settings = { ...tabB.doc.map.settings, leadershipLevel: 0 };
    await save(repo, tabB, updateSettings(tabB.doc, settings));
    expect((await repo.loadMap(doc.map.id))!.doc.map).toMatchObject({ name: 'New name', settings });
  });

  it('a person deleted in one tab stays deleted when the other tab edits them', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, removeElements(tabA.doc, ['tom']));
    const result = await save(repo, tabB, updateStakeholder(moveStakeholders(tabB.doc, { tom: { x: 5, y: 5 } }), 'priya', { title: 'Kept' }));
    expect(result.goneStakeholders).toEqual(['tom']);
    const after = (await repo.loadMap(doc.map.id))!;
    expect(after.doc.stakeholders.tom).toBeUndefined();
    expect(after.doc.stakeholders.priya.title).toBe('Kept');
    expect(after.problems).toEqual([]);
  });

  it('a tie deleted in one tab stays deleted when the other tab changes its strength', async () => {
    const { repo } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, removeElements(tabA.doc, [], ['t1']));
    const result = await save(repo, tabB, { ...tabB.doc, ties: { ...tabB.doc.ties, t1: { ...tabB.doc.ties.t1, strength: 1 } } });
    expect(result.goneTies).toEqual(['t1']);
    expect((await repo.loadMap(doc.map.id))!.doc.ties.t1).toBeUndefined();
  });

  it('a new tie to a person deleted in the other tab is not written', async () => {
    const { repo, writes } = setup();
    const doc = teamDoc();
    await repo.createMap(doc);
    const tabA = (await repo.loadMap(doc.map.id))!;
    const tabB = (await repo.loadMap(doc.map.id))!;
    await save(repo, tabA, removeElements(tabA.doc, ['ann']));
    const drawn = connect(tabB.doc, 'priya', 'ann', 'influence');
    if (!drawn.ok) throw new Error(drawn.error);
    writes.reset();
    const result = await save(repo, tabB, drawn.doc);
    expect(result.goneTies).toEqual([drawn.id]);
    expect(result.written).toBe(0);
    expect(writes.records()).toBe(0);
    const after = (await repo.loadMap(doc.map.id))!;
    expect(after.doc.ties[drawn.id!]).toBeUndefined();
    expect(after.problems).toEqual([]);
    expect(await repo.db.ties.where('mapId').equals(doc.map.id).count()).toBe(1);
  });
});
