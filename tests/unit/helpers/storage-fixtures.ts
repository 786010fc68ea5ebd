/**
 * Database fixtures: raw IndexedDB rows as a given schema version stored them, in JSON. Binary
 * values (a locked map's salts, IVs and ciphertext) are written as {"$bytes": base64} for a
 * Uint8Array and {"$buffer": base64} for an ArrayBuffer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MapDocument } from '../../../src/domain/types';
import { SCHEMA_VERSIONS } from '../../../src/storage/db';
import { freshDb } from './storage';

export type FixtureTable = 'maps' | 'stakeholders' | 'ties' | 'settings' | 'snapshots';

export interface DatabaseFixture {
  description?: string;
  schemaVersion: number;
  /** For a locked map: the passphrase that opens it. */
  passphrase?: string;
  tables: Partial<Record<FixtureTable, Record<string, unknown>[]>> & Record<'maps' | 'stakeholders' | 'ties' | 'settings', Record<string, unknown>[]>;
  /** What each map must load as, when that is not simply its stored records. */
  expected?: Record<string, MapDocument>;
  /** What each snapshot must restore as, by snapshot id. */
  expectedSnapshots?: Record<string, MapDocument>;
}

const FIXTURES = join(__dirname, '../../fixtures/storage');

export function binaryReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof ArrayBuffer) return { $buffer: Buffer.from(new Uint8Array(value)).toString('base64') };
  return value;
}

function binaryReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object') {
    const v = value as { $bytes?: string; $buffer?: string };
    if (typeof v.$bytes === 'string') return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
    if (typeof v.$buffer === 'string') {
      const bytes = Buffer.from(v.$buffer, 'base64');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    }
  }
  return value;
}

export function readDatabaseFixture(file: string): DatabaseFixture {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'), binaryReviver) as DatabaseFixture;
}

/** Writes a fixture's rows into a new database of its schema version; returns the database name. */
export async function seedDatabase(f: DatabaseFixture): Promise<string> {
  const name = `seed-${crypto.randomUUID()}`;
  const old = freshDb(SCHEMA_VERSIONS.filter((v) => v.version <= f.schemaVersion), name);
  await old.open();
  if (old.verno !== f.schemaVersion) throw new Error(`seeded version ${old.verno}, expected ${f.schemaVersion}`);
  const tables = Object.keys(f.tables) as FixtureTable[];
  await old.transaction('rw', tables.map((t) => old.table(t)), async () => {
    for (const t of tables) await old.table(t).bulkPut(f.tables[t] as never[]);
  });
  old.close();
  return name;
}
