import { afterEach, describe, expect, it } from 'vitest';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import * as ops from '../../../src/domain/operations';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { deleteShare, getShare, putShare, shareByRoom, sharedMapIds } from '../../../src/storage/shares';
import { freshDb } from '../helpers/storage';

const opened: InfluenceDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('schema version 3: shared maps', () => {
  it('opens a version-2 database with its maps intact and adds the shares table', async () => {
    const name = `v2-${crypto.randomUUID()}`;
    const v2 = new Repository(freshDb(SCHEMA_VERSIONS.filter((v) => v.version <= 2), name));
    const doc = ops.addStakeholder(createMapDocument('Before team maps', 5), createStakeholder({ id: 'p1', name: 'Priya' }));
    await v2.createMap(doc);
    expect(v2.db.verno).toBe(2);
    v2.db.close();

    const db = freshDb(SCHEMA_VERSIONS, name);
    opened.push(db);
    const repo = new Repository(db);
    expect((await repo.loadMap(doc.map.id))?.doc).toEqual(doc);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await sharedMapIds(db)).toEqual(new Set());

    await putShare(db, { mapId: doc.map.id, roomId: 'R'.repeat(22), role: 'edit', secret: 's', owner: true, joinedAt: 1 });
    expect((await getShare(db, doc.map.id))?.roomId).toBe('R'.repeat(22));
    expect((await shareByRoom(db, 'R'.repeat(22)))?.mapId).toBe(doc.map.id);
    expect(await sharedMapIds(db)).toEqual(new Set([doc.map.id]));
    await deleteShare(db, doc.map.id);
    expect(await getShare(db, doc.map.id)).toBeNull();
  });

  it('renews record ids in place before a map is shared, keeping the map and its ties', async () => {
    const db = freshDb();
    opened.push(db);
    const repo = new Repository(db);
    let doc = createMapDocument('Imported', 5);
    doc = ops.addStakeholder(doc, createStakeholder({ id: 'priya@example.com', name: 'Priya' }));
    doc = ops.addStakeholder(doc, createStakeholder({ id: 'tom@example.com', name: 'Tom' }));
    const tied = ops.connect(doc, 'priya@example.com', 'tom@example.com', 'trust', { id: 'n0-n1' });
    if (!tied.ok) throw new Error(tied.error);
    await repo.createMap({ ...tied.doc, map: { ...tied.doc.map, meId: 'priya@example.com' } });
    await repo.renewRecordIds(doc.map.id);
    const after = (await repo.loadMap(doc.map.id))!.doc;
    const people = Object.values(after.stakeholders);
    expect(people.map((p) => p.name).sort()).toEqual(['Priya', 'Tom']);
    for (const p of people) expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    const [tie] = Object.values(after.ties);
    expect(tie.id).not.toBe('n0-n1');
    expect(after.stakeholders[tie.source].name).toBe('Priya');
    expect(after.stakeholders[after.map.meId!].name).toBe('Priya');
  });
});
