/**
 * The room tests (room-suite.ts) on PostgreSQL, the store of a company deployment: each test
 * gets a schema of its own in the test database (search_path in the connection string), dropped
 * afterwards. A real server: .ci/run makes sure it is up; run locally without it, this fails
 * and says how to start it.
 */
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { DATABASE_URL, requireServices } from './helpers';
import { roomTests, type Backend, type StoreEnv } from './room-suite';

const schemas: string[] = [];
const schemaOf = (env: StoreEnv) => new URL(env.DATABASE_URL).searchParams.get('options')!.replace('-c search_path=', '');

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'PostgreSQL',
  async fresh() {
    const schema = `im_test_${process.pid}_${schemas.length}_${Date.now().toString(36)}`;
    await query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { DATABASE_URL: url.toString() };
  },
  async dump(env) {
    const s = schemaOf(env);
    const rooms = await query<{ row: string }>(`SELECT row_to_json(r)::text AS row FROM ${s}.influence_rooms r`);
    const docs = await query<{ room_id: string; state: Buffer }>(`SELECT room_id, state FROM ${s}.influence_documents`);
    return [...rooms.map((r) => r.row), ...docs.map((d) => `${d.room_id} ${d.state.toString('latin1')}`)].join('\n');
  },
  async counts(env, roomId) {
    const s = schemaOf(env);
    const count = async (table: string, column: string) => Number((await query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${s}.${table} WHERE ${column} = $1`, [roomId]))[0].n);
    return { rooms: await count('influence_rooms', 'id'), documents: await count('influence_documents', 'room_id'), retired: await count('influence_retired_rooms', 'id') };
  },
  async legacyRoom(env, room) {
    const s = schemaOf(env);
    // The schema as it was before owner tokens.
    await query(`
      CREATE TABLE ${s}.influence_rooms (id TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, view_hash TEXT NOT NULL, created_at BIGINT NOT NULL);
      CREATE TABLE ${s}.influence_documents (room_id TEXT PRIMARY KEY REFERENCES ${s}.influence_rooms(id) ON DELETE CASCADE, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
      CREATE TABLE ${s}.influence_retired_rooms (id TEXT PRIMARY KEY, retired_at BIGINT NOT NULL);
    `);
    await query(`INSERT INTO ${s}.influence_rooms (id, edit_hash, view_hash, created_at) VALUES ($1, $2, $3, $4)`, [room.id, room.editHash, room.viewHash, Date.now()]);
  },
};

beforeAll(async () => {
  await requireServices({ postgres: true }, 'The PostgreSQL room tests');
});
afterAll(async () => {
  for (const schema of schemas.splice(0)) await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
});

roomTests(postgres);
