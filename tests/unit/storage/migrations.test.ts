/**
 * Schema upgrade harness. Each fixture tests/fixtures/storage/v<N>-database.json holds the raw
 * records a version-N database stored. The harness writes them with only the schema versions up to
 * N, closes the database, reopens it with every version the app ships plus one hypothetical next
 * version, and checks that every map still loads with all its data and that every shipped upgrade
 * ran at least once.
 *
 * Shipping schema version 2 is a one-line change here: nothing, if the new SCHEMA_VERSIONS entry
 * keeps the records as they are; otherwise add its fixture file to FIXTURE_VERSIONS and, if the
 * upgrade reshapes records, give that fixture an "expected" block (see expectedDocs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Transaction } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { documentFrom } from '../../../src/domain/factories';
import type { MapDocument, MapMeta, Stakeholder, Tie } from '../../../src/domain/types';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type InfluenceDb, type SchemaVersion } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { freshDb } from '../helpers/storage';

const FIXTURE_VERSIONS = [1];

interface DatabaseFixture {
  schemaVersion: number;
  tables: Record<'maps' | 'stakeholders' | 'ties' | 'settings', Record<string, unknown>[]>;
  /** What each map must load as after upgrading, when an upgrade reshapes records. */
  expected?: Record<string, MapDocument>;
}

function fixture(version: number): DatabaseFixture {
  const file = join(__dirname, '../../fixtures/storage', `v${version}-database.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as DatabaseFixture;
}

function withoutStorageFields<T>(record: Record<string, unknown>): T {
  const { mapId: _mapId, rev: _rev, ...rest } = record;
  return rest as T;
}

/** Without an "expected" block, every map loads exactly as its stored records. */
function expectedDocs(f: DatabaseFixture): Record<string, MapDocument> {
  if (f.expected) return f.expected;
  return Object.fromEntries(
    f.tables.maps.map((m) => [
      m.id as string,
      documentFrom(
        withoutStorageFields<MapMeta>(m),
        f.tables.stakeholders.filter((s) => s.mapId === m.id).map((s) => withoutStorageFields<Stakeholder>(s)),
        f.tables.ties.filter((t) => t.mapId === m.id).map((t) => withoutStorageFields<Tie>(t)),
      ),
    ]),
  );
}

/** A version after the newest shipped one: adds an index and walks every record in its upgrade. */
const visited: string[] = [];
const HYPOTHETICAL_NEXT: SchemaVersion = {
  version: CURRENT_SCHEMA_VERSION + 1,
  stores: { stakeholders: '[mapId+id], mapId, department' },
  upgrade: async (tx: Transaction) => {
    await tx.table('stakeholders').toCollection().each((s: { id: string }) => void visited.push(s.id));
  },
};

const opened: InfluenceDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  visited.length = 0;
});

async function seed(f: DatabaseFixture): Promise<string> {
  const name = `migrate-${crypto.randomUUID()}`;
  const old = freshDb(SCHEMA_VERSIONS.filter((v) => v.version <= f.schemaVersion), name);
  await old.open();
  expect(old.verno).toBe(f.schemaVersion);
  await old.transaction('rw', [old.maps, old.stakeholders, old.ties, old.settings], async () => {
    await old.maps.bulkPut(f.tables.maps as never[]);
    await old.stakeholders.bulkPut(f.tables.stakeholders as never[]);
    await old.ties.bulkPut(f.tables.ties as never[]);
    await old.settings.bulkPut(f.tables.settings as never[]);
  });
  old.close();
  return name;
}

describe('storage schema upgrades', () => {
  it('numbers schema versions contiguously from 1 and keeps version 1 as shipped', () => {
    SCHEMA_VERSIONS.forEach((v, i) => expect(v.version).toBe(i + 1));
    expect(SCHEMA_VERSIONS[0].stores).toEqual({ maps: 'id, updatedAt', stakeholders: '[mapId+id], mapId', ties: '[mapId+id], mapId', settings: 'key' });
    expect(FIXTURE_VERSIONS).toContain(1);
  });

  describe.each(FIXTURE_VERSIONS)('a version %i database', (version) => {
    const f = fixture(version);

    it('opens with the current schema and loads every map unchanged', async () => {
      const name = await seed(f);
      const repo = new Repository(freshDb(SCHEMA_VERSIONS, name));
      opened.push(repo.db);
      for (const [id, expected] of Object.entries(expectedDocs(f))) {
        const loaded = await repo.loadMap(id);
        expect(loaded?.problems, id).toEqual([]);
        expect(loaded?.doc, id).toEqual(expected);
      }
      expect(repo.db.verno).toBe(CURRENT_SCHEMA_VERSION);
    });

    it('upgrades to a further version with all data intact', async () => {
      const name = await seed(f);
      const db = freshDb([...SCHEMA_VERSIONS, HYPOTHETICAL_NEXT], name);
      opened.push(db);
      const repo = new Repository(db);
      const expected = expectedDocs(f);
      for (const [id, doc] of Object.entries(expected)) expect((await repo.loadMap(id))?.doc, id).toEqual(doc);
      expect(db.verno).toBe(HYPOTHETICAL_NEXT.version);
      // The upgrade ran over every stored person, and the new index answers queries.
      expect(visited.sort()).toEqual(f.tables.stakeholders.map((s) => s.id as string).sort());
      const engineers = Object.values(expected).flatMap((d) => Object.values(d.stakeholders)).filter((s) => s.department === 'Engineering');
      expect(await db.stakeholders.where('department').equals('Engineering').count()).toBe(engineers.length);
      // Summaries and settings survive too.
      const summaries = await repo.listMaps();
      expect(summaries.map((m) => [m.id, m.people, m.ties]).sort()).toEqual(
        Object.values(expected).map((d) => [d.map.id, Object.keys(d.stakeholders).length, Object.keys(d.ties).length]).sort(),
      );
      for (const s of f.tables.settings) expect(await repo.getSetting(s.key as string)).toEqual(s.value);
      // And the upgraded database takes new writes.
      const [firstId] = Object.keys(expected);
      await repo.setSetting('lastMapId', firstId);
      expect(await repo.getSetting('lastMapId')).toBe(firstId);
    });
  });

  it('runs every shipped upgrade at least once on the fixtures', async () => {
    const ran = new Set<number>();
    const counted = SCHEMA_VERSIONS.map((v) => (v.upgrade ? { ...v, upgrade: (tx: Transaction) => (ran.add(v.version), v.upgrade!(tx)) } : v));
    for (const version of FIXTURE_VERSIONS) {
      const name = await seed(fixture(version));
      const db = freshDb(counted, name);
      opened.push(db);
      await db.open();
    }
    expect([...ran].sort()).toEqual(SCHEMA_VERSIONS.filter((v) => v.upgrade).map((v) => v.version));
  });
});
