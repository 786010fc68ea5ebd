/**
 * Record types (tldraw style): each kind of record the app stores or exchanges has one
 * descriptor with its zod schema (which holds the defaults), its current version and its
 * migrations. Factories take their defaults from the schema, and `migrateRecord` brings a raw
 * record of any earlier version up to date before the schema sees it, wherever it was read
 * (file, IndexedDB, a locked map's record after decryption, the close journal).
 *
 * Rules: a shipped migration is never edited. A change to a record's shape adds one entry to
 * its `migrations` (`to` = the next version), and a fixture of the version before it in
 * tests/fixtures/storage (a plain and a locked database); tests/unit/storage/record-migrations.test.ts
 * fails until every migration has run on a fixture.
 *
 * A stored record carries its version in `v`; a record without `v` was written before versions
 * were stamped, which is version 1.
 */
import type { z } from 'zod';
import { createMapMeta, createStakeholder } from './factories';
import { exactPerson, exactPersonFields, exactTie, exactTieFields } from './exact-records';
import { MapMetaSchema, StakeholderSchema, TieSchema } from './schemas';
import type { MapMeta, Stakeholder, Tie } from './types';

export type RawRecord = Record<string, unknown>;

export interface RecordMigration {
  /** The version this migration produces; it reads records of version `to - 1`. */
  to: number;
  description: string;
  up: (record: RawRecord) => RawRecord;
}

export interface RecordType<T> {
  name: 'map' | 'stakeholder' | 'tie';
  schema: z.ZodType<T, unknown>;
  migrations: readonly RecordMigration[];
  /**
   * The record the schema would return for a current-version raw record it passes through
   * unchanged, recognised without zod (domain/exact-records.ts); null sends it the full way.
   */
  exact?: (raw: RawRecord, keep?: boolean) => T | null;
  /** Whether a raw record of exactly these fields, in this order, can be kept as it is by `exact` (exact-records.ts). */
  exactFields?: (fields: readonly string[]) => boolean;
}

export const FIRST_RECORD_VERSION = 1;
/** Where a stored record keeps its version. */
export const VERSION_FIELD = 'v';

// Types live in types.ts, schemas in schemas.ts and factories (defaults from the schemas) in
// factories.ts; each descriptor below names them together with the type's migrations.
export const MapRecordType: RecordType<MapMeta> & { create: typeof createMapMeta } = { name: 'map', schema: MapMetaSchema, migrations: [], create: createMapMeta };
export const StakeholderRecordType: RecordType<Stakeholder> & { create: typeof createStakeholder } = {
  name: 'stakeholder',
  schema: StakeholderSchema as z.ZodType<Stakeholder, unknown>,
  migrations: [],
  exact: exactPerson,
  exactFields: exactPersonFields,
  create: createStakeholder,
};
// A tie's factory needs its ends and kind: createTie in factories.ts.
export const TieRecordType: RecordType<Tie> = { name: 'tie', schema: TieSchema as z.ZodType<Tie, unknown>, migrations: [], exact: exactTie, exactFields: exactTieFields };

export const RECORD_TYPES = [MapRecordType, StakeholderRecordType, TieRecordType] as const;

export function currentVersion(type: Pick<RecordType<unknown>, 'migrations'>): number {
  return FIRST_RECORD_VERSION + type.migrations.length;
}

export type MigrateRecordResult = { ok: true; record: RawRecord; applied: number[] } | { ok: false; error: string };

/**
 * Brings one raw record up to the current version of its type. A record from a newer app is
 * refused (it would lose fields it does not know); a migration that throws refuses the record.
 */
export function migrateRecord(type: Pick<RecordType<unknown>, 'migrations'>, record: RawRecord): MigrateRecordResult {
  const raw = record[VERSION_FIELD];
  const version = raw === undefined ? FIRST_RECORD_VERSION : raw;
  const current = currentVersion(type);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < FIRST_RECORD_VERSION) return { ok: false, error: `it has an unknown record version (${String(raw)})` };
  if (version > current) return { ok: false, error: `it was written by a newer version of Influence Map (record version ${version}; this app reads up to ${current})` };
  let out = record;
  const applied: number[] = [];
  for (let i = version - FIRST_RECORD_VERSION; i < type.migrations.length; i++) {
    const migration = type.migrations[i];
    try {
      out = { ...migration.up(out), [VERSION_FIELD]: migration.to };
    } catch (error) {
      return { ok: false, error: `upgrading it to record version ${migration.to} failed (${error instanceof Error ? error.message : String(error)})` };
    }
    applied.push(migration.to);
  }
  return { ok: true, record: out, applied };
}

/** True when `record` is of its type's current version (no migration would change it). */
export function isCurrentVersion(type: Pick<RecordType<unknown>, 'migrations'>, record: RawRecord): boolean {
  const version = record[VERSION_FIELD];
  const current = currentVersion(type);
  return version === current || (version === undefined && current === FIRST_RECORD_VERSION);
}

/** The record as stored: stamped with its type's current version. */
export function stampVersion<T extends object>(type: Pick<RecordType<unknown>, 'migrations'>, value: T): T & { v: number } {
  return { ...value, v: currentVersion(type) };
}
