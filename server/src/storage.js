// @ts-check
/**
 * Where rooms and their Yjs documents are kept: an embedded SQLite file (one machine) or
 * PostgreSQL (several instances). Both hold only room ids, token hashes and Yjs updates whose
 * values are sealed by the clients.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ id: string, editHash: string, viewHash: string, ownerHash: string | null, createdAt: number }} Room
 *   ownerHash: SHA-256 of the owner token (only it retires the room); null for rooms registered
 *   before owner tokens, which nobody can retire.
 * @typedef {object} RoomStorage
 * @property {string} kind
 * @property {(id: string) => Promise<Room | null>} getRoom
 * @property {(room: Room) => Promise<boolean>} createRoom   false if the id is taken
 * @property {(id: string) => Promise<void>} deleteRoom
 * @property {(id: string) => Promise<void>} retireRoom   deletes the room and its document and remembers the id, so it is never opened or created again
 * @property {(id: string) => Promise<boolean>} isRetired
 * @property {(id: string) => Promise<Uint8Array | null>} fetchDocument
 * @property {(id: string, state: Uint8Array) => Promise<void>} storeDocument
 * @property {() => Promise<void>} close
 */

/** @param {string} dataDir @returns {Promise<RoomStorage>} */
export async function sqliteStorage(dataDir) {
  const { default: Database } = await import('better-sqlite3');
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'influence-map.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS rooms (id TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, view_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS documents (room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS retired_rooms (id TEXT PRIMARY KEY, retired_at INTEGER NOT NULL);
  `);
  // Databases from before owner tokens: add the column (SQLite has no ADD COLUMN IF NOT EXISTS).
  const columns = /** @type {{ name: string }[]} */ (db.prepare('PRAGMA table_info(rooms)').all());
  if (!columns.some((c) => c.name === 'owner_hash')) db.exec('ALTER TABLE rooms ADD COLUMN owner_hash TEXT');
  const get = db.prepare('SELECT id, edit_hash AS editHash, view_hash AS viewHash, owner_hash AS ownerHash, created_at AS createdAt FROM rooms WHERE id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO rooms (id, edit_hash, view_hash, owner_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const removeDoc = db.prepare('DELETE FROM documents WHERE room_id = ?');
  const removeRoom = db.prepare('DELETE FROM rooms WHERE id = ?');
  const fetch = db.prepare('SELECT state FROM documents WHERE room_id = ?');
  const retire = db.prepare('INSERT OR IGNORE INTO retired_rooms (id, retired_at) VALUES (?, ?)');
  const retired = db.prepare('SELECT 1 FROM retired_rooms WHERE id = ?');
  const store = db.prepare('INSERT INTO documents (room_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(room_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at');
  return {
    kind: 'SQLite',
    async getRoom(id) {
      return /** @type {Room | undefined} */ (get.get(id)) ?? null;
    },
    async createRoom(room) {
      return insert.run(room.id, room.editHash, room.viewHash, room.ownerHash, room.createdAt).changes === 1;
    },
    async deleteRoom(id) {
      db.transaction(() => {
        removeDoc.run(id);
        removeRoom.run(id);
      })();
    },
    async retireRoom(id) {
      db.transaction(() => {
        retire.run(id, Date.now());
        removeDoc.run(id);
        removeRoom.run(id);
      })();
    },
    async isRetired(id) {
      return retired.get(id) !== undefined;
    },
    async fetchDocument(id) {
      const row = /** @type {{ state: Buffer } | undefined} */ (fetch.get(id));
      return row ? new Uint8Array(row.state) : null;
    },
    async storeDocument(id, state) {
      store.run(id, Buffer.from(state), Date.now());
    },
    async close() {
      db.close();
    },
  };
}

/** @param {string} url @returns {Promise<RoomStorage>} */
export async function postgresStorage(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS influence_rooms (id TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, view_hash TEXT NOT NULL, created_at BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS influence_documents (room_id TEXT PRIMARY KEY REFERENCES influence_rooms(id) ON DELETE CASCADE, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS influence_retired_rooms (id TEXT PRIMARY KEY, retired_at BIGINT NOT NULL);
    ALTER TABLE influence_rooms ADD COLUMN IF NOT EXISTS owner_hash TEXT;
  `);
  return {
    kind: 'PostgreSQL',
    async getRoom(id) {
      const { rows } = await pool.query('SELECT id, edit_hash, view_hash, owner_hash, created_at FROM influence_rooms WHERE id = $1', [id]);
      const r = rows[0];
      return r ? { id: r.id, editHash: r.edit_hash, viewHash: r.view_hash, ownerHash: r.owner_hash ?? null, createdAt: Number(r.created_at) } : null;
    },
    async createRoom(room) {
      const result = await pool.query('INSERT INTO influence_rooms (id, edit_hash, view_hash, owner_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING', [
        room.id,
        room.editHash,
        room.viewHash,
        room.ownerHash,
        room.createdAt,
      ]);
      return result.rowCount === 1;
    },
    async deleteRoom(id) {
      await pool.query('DELETE FROM influence_rooms WHERE id = $1', [id]);
    },
    async retireRoom(id) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO influence_retired_rooms (id, retired_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, Date.now()]);
        await client.query('DELETE FROM influence_rooms WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async isRetired(id) {
      const { rowCount } = await pool.query('SELECT 1 FROM influence_retired_rooms WHERE id = $1', [id]);
      return (rowCount ?? 0) > 0;
    },
    async fetchDocument(id) {
      const { rows } = await pool.query('SELECT state FROM influence_documents WHERE room_id = $1', [id]);
      return rows[0] ? new Uint8Array(rows[0].state) : null;
    },
    async storeDocument(id, state) {
      await pool.query(
        'INSERT INTO influence_documents (room_id, state, updated_at) VALUES ($1, $2, $3) ON CONFLICT (room_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at',
        [id, Buffer.from(state), Date.now()],
      );
    },
    async close() {
      await pool.end();
    },
  };
}
