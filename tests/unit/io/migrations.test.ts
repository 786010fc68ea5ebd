/**
 * Migration harness: every migration in MAP_FILE_MIGRATIONS must have a fixture
 * tests/fixtures/io/map-v<from>.json, and reading each fixture must run every migration from its
 * version up; the test fails when a migration never ran. Version 1 is the first format, so today
 * the list is empty and the harness is exercised with a synthetic chain below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMapFile } from '../../../src/io/map-file';
import { FIRST_VERSION, MAP_FILE_MIGRATIONS, MAP_FILE_VERSION, migrateFile } from '../../../src/io/migrations';
import type { Migration } from '../../../src/io/migrations';

const FIXTURES = join(__dirname, '../../fixtures/io');

function fixture(version: number): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, `map-v${version}.json`), 'utf8'));
}

describe('map file migrations', () => {
  it('has a fixture for every version, and each reads without problems', () => {
    for (let v = FIRST_VERSION; v <= MAP_FILE_VERSION; v++) {
      expect(existsSync(join(FIXTURES, `map-v${v}.json`)), `fixture map-v${v}.json`).toBe(true);
      const result = readMapFile(fixture(v));
      expect(result.ok, `map-v${v}.json`).toBe(true);
      if (result.ok) {
        expect(result.problems).toEqual([]);
        expect(Object.keys(result.doc.stakeholders).length).toBeGreaterThan(0);
      }
    }
  });

  it('runs every shipped migration at least once on the fixtures', () => {
    const ran = new Set<number>();
    const counted = MAP_FILE_MIGRATIONS.map((m) => ({ ...m, up: (f: Record<string, unknown>) => (ran.add(m.to), m.up(f)) }));
    for (let v = FIRST_VERSION; v <= MAP_FILE_VERSION; v++) {
      const result = migrateFile(fixture(v), counted);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.file.version).toBe(MAP_FILE_VERSION);
    }
    expect([...ran].sort()).toEqual(MAP_FILE_MIGRATIONS.map((m) => m.to));
  });

  it('numbers migrations contiguously from the first version', () => {
    MAP_FILE_MIGRATIONS.forEach((m, i) => expect(m.to).toBe(FIRST_VERSION + i + 1));
    expect(MAP_FILE_VERSION).toBe(FIRST_VERSION + MAP_FILE_MIGRATIONS.length);
  });

  describe('the runner, on a synthetic chain', () => {
    const chain: Migration[] = [
      { to: 2, description: 'rename people to stakeholders', up: (f) => ({ ...f, stakeholders: f.people, people: undefined }) },
      { to: 3, description: 'add exportedAt', up: (f) => ({ ...f, exportedAt: f.exportedAt ?? 'unknown' }) },
    ];

    it('applies only the migrations after the file version, in order', () => {
      expect(migrateFile({ version: 1, people: [1] }, chain)).toEqual({ ok: true, file: { version: 3, stakeholders: [1], people: undefined, exportedAt: 'unknown' }, applied: [2, 3] });
      expect(migrateFile({ version: 2, stakeholders: [] }, chain)).toMatchObject({ ok: true, applied: [3] });
      expect(migrateFile({ version: 3 }, chain)).toMatchObject({ ok: true, applied: [] });
    });

    it('refuses newer, missing and impossible versions, and reports a failing migration', () => {
      expect(migrateFile({ version: 4 }, chain)).toMatchObject({ ok: false, error: expect.stringMatching(/newer version.*format version 4.*up to version 3/) });
      expect(migrateFile({}, chain)).toMatchObject({ ok: false });
      expect(migrateFile({ version: 0 }, chain)).toMatchObject({ ok: false });
      expect(migrateFile({ version: 1.5 }, chain)).toMatchObject({ ok: false });
      const broken: Migration[] = [{ to: 2, description: 'throws', up: () => { throw new Error('boom'); } }];
      expect(migrateFile({ version: 1 }, broken)).toMatchObject({ ok: false, error: expect.stringMatching(/version 2 failed: boom/) });
      expect(migrateFile({ version: 1 }, [{ to: 5, description: 'gap', up: (f) => f }])).toMatchObject({ ok: false });
    });
  });
});
