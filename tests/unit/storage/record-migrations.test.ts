/**
 * Record migrations (domain/records.ts) on stored maps, plain and locked. Every fixture in
 * FIXTURES is a database an earlier version of the app wrote; each is opened with the current
 * app (a locked one with its passphrase), and must load as its "expected" block says. The
 * harness fails when a shipped record migration never ran on any fixture: a new migration needs
 * the fixture of the version before it (make-locked-fixtures.test.ts writes the locked one).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MapRecordType, StakeholderRecordType, TieRecordType, currentVersion, migrateRecord, type RecordMigration, type RecordType } from '../../../src/domain/record-types';
import { deriveKey, unseal } from '../../../src/storage/crypto';
import { SCHEMA_VERSIONS, type InfluenceDb } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { loadSnapshot } from '../../../src/storage/snapshots';
import { freshDb } from '../helpers/storage';
import { readDatabaseFixture, seedDatabase, type DatabaseFixture } from '../helpers/storage-fixtures';

const FIXTURES = ['v1-database.json', 'v2-locked-database.json'];
const TYPES = [MapRecordType, StakeholderRecordType, TieRecordType] as RecordType<unknown>[];

const opened: InfluenceDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function openFixture(f: DatabaseFixture): Promise<Repository> {
  const repo = new Repository(freshDb(SCHEMA_VERSIONS, await seedDatabase(f)));
  opened.push(repo.db);
  if (f.passphrase) for (const m of f.tables.maps) await repo.unlockMap(m.id as string, f.passphrase);
  return repo;
}

/** Runs `body` with `extra` migrations appended to a record type, restoring it after. */
async function withMigrations<T>(type: RecordType<unknown>, extra: RecordMigration[], body: () => Promise<T>): Promise<T> {
  const original = type.migrations;
  (type as { migrations: readonly RecordMigration[] }).migrations = [...original, ...extra];
  try {
    return await body();
  } finally {
    (type as { migrations: readonly RecordMigration[] }).migrations = original;
  }
}

describe('locked map fixtures of every earlier version', () => {
  it('open with the passphrase and load exactly as expected, snapshots too', async () => {
    const f = readDatabaseFixture('v2-locked-database.json');
    const repo = await openFixture(f);
    expect((await repo.listMaps()).map((m) => m.locked)).toEqual([true]);
    for (const [id, expected] of Object.entries(f.expected!)) {
      const loaded = await repo.loadMap(id);
      expect(loaded?.problems).toEqual([]);
      expect(loaded?.doc).toEqual(expected);
    }
    for (const [id, expected] of Object.entries(f.expectedSnapshots!)) {
      const snap = await loadSnapshot(repo, id);
      expect(snap.ok && snap.doc).toEqual(expected);
    }
  }, 30_000);

  it('are upgraded on the next write: a saved record carries the current record version, inside the seal', async () => {
    const f = readDatabaseFixture('v2-locked-database.json');
    const repo = await openFixture(f);
    const [mapId, expected] = Object.entries(f.expected!)[0];
    const loaded = (await repo.loadMap(mapId))!;
    const person = Object.values(expected.stakeholders)[0];
    await repo.saveChanges(mapId, { map: null, upsertStakeholders: [{ ...person, title: 'Upgraded' }], deleteStakeholders: [], upsertTies: [], deleteTies: [] }, loaded);
    const raw = (await repo.db.stakeholders.get([mapId, person.id])) as unknown as { sealed: { iv: Uint8Array; data: ArrayBuffer }; v?: number };
    expect(raw.v).toBeUndefined();
    const lock = (await repo.lockInfo(mapId))!;
    const key = await deriveKey(f.passphrase!, lock.salt, lock.iterations);
    expect(await unseal(key, raw.sealed)).toMatchObject({ title: 'Upgraded', v: currentVersion(StakeholderRecordType) });
  }, 30_000);

  it('run record migrations after decryption (a synthetic next version of people and ties)', async () => {
    const f = readDatabaseFixture('v2-locked-database.json');
    const [mapId, expected] = Object.entries(f.expected!)[0];
    const next = (type: RecordType<unknown>, up: RecordMigration['up']): RecordMigration => ({ to: currentVersion(type) + 1, description: 'synthetic', up });
    const loaded = await withMigrations(StakeholderRecordType as RecordType<unknown>, [next(StakeholderRecordType as RecordType<unknown>, (r) => ({ ...r, title: `v2 ${String(r.title)}` }))], () =>
      withMigrations(TieRecordType as RecordType<unknown>, [next(TieRecordType as RecordType<unknown>, (r) => ({ ...r, note: 'migrated' }))], async () => (await openFixture(f)).loadMap(mapId)),
    );
    expect(loaded?.problems).toEqual([]);
    for (const p of Object.values(expected.stakeholders)) expect(loaded!.doc.stakeholders[p.id].title).toBe(`v2 ${p.title}`);
    for (const t of Object.values(loaded!.doc.ties)) expect(t.note).toBe('migrated');
  }, 30_000);
});

describe('record migrations', () => {
  it('every shipped record migration runs at least once on the fixtures', async () => {
    const ran = new Set<string>();
    const load = async () => {
      for (const file of FIXTURES) {
        const f = readDatabaseFixture(file);
        const repo = await openFixture(f);
        for (const m of f.tables.maps) {
          const loaded = await repo.loadMap(m.id as string);
          expect(loaded?.problems, `${file}: ${m.id as string}`).toEqual([]);
        }
      }
    };
    const counting = (type: RecordType<unknown>) => type.migrations.map((m) => ({ ...m, up: (r: Record<string, unknown>) => (ran.add(`${type.name}:${m.to}`), m.up(r)) }));
    const originals = TYPES.map((t) => t.migrations);
    TYPES.forEach((t) => ((t as { migrations: readonly RecordMigration[] }).migrations = counting(t)));
    try {
      await load();
    } finally {
      TYPES.forEach((t, i) => ((t as { migrations: readonly RecordMigration[] }).migrations = originals[i]));
    }
    expect([...ran].sort()).toEqual(TYPES.flatMap((t) => t.migrations.map((m) => `${t.name}:${m.to}`)).sort());
  }, 60_000);

  it('numbers each type\'s migrations contiguously from version 1', () => {
    for (const type of TYPES) type.migrations.forEach((m, i) => expect(m.to, type.name).toBe(i + 2));
  });

  it('the runner applies only later migrations, treats an unversioned record as version 1 and refuses a newer one', () => {
    const chain = { migrations: [{ to: 2, description: 'a', up: (r: Record<string, unknown>) => ({ ...r, a: 1 }) }, { to: 3, description: 'b', up: (r: Record<string, unknown>) => ({ ...r, b: 1 }) }] };
    expect(migrateRecord(chain, { id: 'x' })).toEqual({ ok: true, record: { id: 'x', a: 1, b: 1, v: 3 }, applied: [2, 3] });
    expect(migrateRecord(chain, { id: 'x', v: 2 })).toMatchObject({ ok: true, applied: [3] });
    expect(migrateRecord(chain, { id: 'x', v: 4 })).toMatchObject({ ok: false, error: expect.stringMatching(/newer version/) });
    expect(migrateRecord(chain, { id: 'x', v: 'two' })).toMatchObject({ ok: false });
    const throwing = { migrations: [{ to: 2, description: 'boom', up: () => { throw new Error('bad'); } }] };
    expect(migrateRecord(throwing, { id: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/failed \(bad\)/) });
  });

  it('a record from a newer app is skipped with a line saying why, the rest of the map loads', async () => {
    const f = readDatabaseFixture('v1-database.json');
    const repo = await openFixture(f);
    const mapId = f.tables.maps[0].id as string;
    const someone = f.tables.stakeholders.find((s) => s.mapId === mapId)!;
    await repo.db.stakeholders.put({ ...someone, v: 99 } as never);
    const loaded = (await repo.loadMap(mapId))!;
    expect(loaded.doc.stakeholders[someone.id as string]).toBeUndefined();
    expect(loaded.problems.join('\n')).toMatch(/could not be read \(it was written by a newer version of Influence Map \(record version 99/);
  });
});

