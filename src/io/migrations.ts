/**
 * Numbered migrations of the JSON map file (`{ "type": "influence-map", "version": N, ... }`).
 *
 * Rules (the same as for storage): a shipped migration is never edited. A format change adds one
 * entry at the end whose `to` is the next version, a fixture `tests/fixtures/io/map-v<N>.json`
 * written by the version before it, and nothing else: the harness in
 * tests/unit/io/migrations.test.ts runs every migration on its fixture and checks that each ran.
 *
 * Migrations work on the raw parsed JSON, before validation, so they may meet anything: they
 * must not throw on missing or odd fields (validation and restore come after them).
 */

export type RawFile = Record<string, unknown>;

export interface Migration {
  /** The version this migration produces; it reads files of version `to - 1`. */
  to: number;
  description: string;
  up: (file: RawFile) => RawFile;
}

/** Version 1 is the first shipped format; there is nothing to migrate from yet. */
export const FIRST_VERSION = 1;

export const MAP_FILE_MIGRATIONS: readonly Migration[] = [
  // Add the next format here as { to: 2, description: '...', up: (file) => ({ ...file, version: 2 }) }.
];

export const MAP_FILE_VERSION = FIRST_VERSION + MAP_FILE_MIGRATIONS.length;

export type MigrateResult = { ok: true; file: RawFile; applied: number[] } | { ok: false; error: string };

/**
 * Brings a raw file up to the newest version (of `migrations`). Files from a newer app, or
 * without a usable version, are refused with a sentence the user can act on.
 */
export function migrateFile(file: RawFile, migrations: readonly Migration[] = MAP_FILE_MIGRATIONS, first = FIRST_VERSION): MigrateResult {
  const current = first + migrations.length;
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, error: 'The file has no format version, so it cannot be read safely.' };
  }
  if (version > current) {
    return { ok: false, error: `The file was made by a newer version of Influence Map (format version ${version}); this app reads up to version ${current}. Update the app and try again.` };
  }
  if (version < first) {
    return { ok: false, error: `The file has format version ${version}, which never existed; the first version is ${first}.` };
  }
  let result: RawFile = file;
  const applied: number[] = [];
  for (let i = version - first; i < migrations.length; i++) {
    const migration = migrations[i];
    if (migration.to !== first + i + 1) {
      return { ok: false, error: `Internal error: migration ${i} should produce version ${first + i + 1}, not ${migration.to}.` };
    }
    try {
      result = { ...migration.up(result), version: migration.to };
    } catch (error) {
      return { ok: false, error: `Upgrading the file to format version ${migration.to} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    applied.push(migration.to);
  }
  return { ok: true, file: result, applied };
}
