/**
 * Writes tests/fixtures/storage/v<N>-locked-database.json: a locked map as the app stores it at
 * schema version N, with the passphrase and what it must open as. Run only on purpose, when a
 * record or schema version is about to change (the fixture of the version being left):
 *   WRITE_FIXTURES=1 npx vitest run tests/unit/storage/make-locked-fixtures.test.ts
 * A fixture is never rewritten once the version after it ships.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import { CURRENT_SCHEMA_VERSION } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';
import { saveSnapshot } from '../../../src/storage/snapshots';
import { binaryReplacer } from '../helpers/storage-fixtures';
import { freshDb } from '../helpers/storage';

const PASSPHRASE = 'fixture passphrase: plum heron lantern';

function fixtureDoc() {
  const meta = { ...createMapMeta('Locked fixture', 1_700_000_000_000), id: 'locked-fixture-map' };
  const settings = { levels: ['Board', 'Director', 'Staff'], leadershipLevel: 1, cadenceDays: [21, 30, 60] };
  const people = [
    createStakeholder({ id: 'p-ines', name: 'Inès Moreau', title: 'CFO', department: 'Finance', seniority: 0, influence: 5, interest: 4, stance: 'champion', tags: ['budget', 'board'], notes: 'Owns the budget.\nPrefers numbers.', email: 'ines@example.com', x: 10, y: 20, cadenceDays: 14, nextFollowUp: '2024-02-01', interactions: [{ id: 'i-1', date: '2024-01-10', kind: 'coffee', note: 'Talked about Q1' }] }),
    createStakeholder({ id: 'p-kofi', name: 'Kofi Mensah', title: 'Head of Sales', department: 'Sales', seniority: 1, influence: 4, interest: 2, stance: 'sceptic', x: 300, y: 40 }),
    createStakeholder({ id: 'p-me', name: 'Me Myself', title: 'Analyst', department: 'Finance', seniority: 2, x: 150, y: 260 }),
  ];
  const ties = [
    createTie('p-kofi', 'p-ines', 'reports-to', { id: 't-1' }),
    createTie('p-ines', 'p-me', 'trust', { id: 't-2', strength: 3, note: 'Known for years' }),
    createTie('p-kofi', 'p-me', 'tension', { id: 't-3', note: 'Next: lunch' }),
    createTie('p-me', 'p-kofi', 'influence', { id: 't-4', strength: 1 }),
  ];
  return documentFrom({ ...meta, settings, meId: 'p-me' }, people, ties);
}

describe.runIf(process.env.WRITE_FIXTURES)('make locked-map fixtures', () => {
  it(`writes v${CURRENT_SCHEMA_VERSION}-locked-database.json`, async () => {
    const file = join(__dirname, '../../fixtures/storage', `v${CURRENT_SCHEMA_VERSION}-locked-database.json`);
    expect(existsSync(file), 'a fixture is never rewritten').toBe(false);
    const db = freshDb();
    const repo = new Repository(db);
    const doc = fixtureDoc();
    await repo.createMap(doc);
    await repo.lockMap(doc.map.id, PASSPHRASE);
    const loaded = (await repo.loadMap(doc.map.id))!;
    await saveSnapshot(repo, loaded.doc, { name: 'Before the reorg', now: 1_700_000_100_000 });
    const tables = {
      maps: await db.maps.toArray(),
      stakeholders: await db.stakeholders.toArray(),
      ties: await db.ties.toArray(),
      settings: await db.settings.toArray(),
      snapshots: await db.snapshots.toArray(),
    };
    const snapshotId = tables.snapshots[0].id;
    const fixture = {
      description: `A locked map as schema version ${CURRENT_SCHEMA_VERSION} stored it (records sealed; ids renewed by locking), with one named snapshot. Written by tests/unit/storage/make-locked-fixtures.test.ts; never edit once a later version ships.`,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      passphrase: PASSPHRASE,
      tables,
      expected: { [doc.map.id]: loaded.doc },
      expectedSnapshots: { [snapshotId]: loaded.doc },
    };
    writeFileSync(file, `${JSON.stringify(fixture, binaryReplacer, 2)}\n`);
    db.close();
  }, 60_000);
});
