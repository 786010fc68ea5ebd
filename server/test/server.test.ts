import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, eventually, startServer, tempDataDir, type Client, type RunningServer } from './helpers';
import { roomTests, sharedRoom, type Backend } from './room-suite';

/** SQLite in a temporary DATA_DIR: the one-machine set-up. */
const sqlite: Backend = {
  name: 'SQLite',
  async fresh() {
    return { DATA_DIR: tempDataDir() };
  },
  async dump(env) {
    return readdirSync(env.DATA_DIR)
      .map((f) => readFileSync(join(env.DATA_DIR, f)).toString('latin1'))
      .join('\n');
  },
  async counts(env, roomId) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(env.DATA_DIR, 'influence-map.sqlite'), { readonly: true });
    try {
      const count = (sql: string) => (db.prepare(sql).get(roomId) as { n: number }).n;
      return {
        rooms: count('SELECT COUNT(*) AS n FROM rooms WHERE id = ?'),
        documents: count('SELECT COUNT(*) AS n FROM documents WHERE room_id = ?'),
        retired: count('SELECT COUNT(*) AS n FROM retired_rooms WHERE id = ?'),
      };
    } finally {
      db.close();
    }
  },
  async legacyRoom(env, room) {
    const { default: Database } = await import('better-sqlite3');
    if (!existsSync(env.DATA_DIR)) mkdirSync(env.DATA_DIR, { recursive: true });
    const db = new Database(join(env.DATA_DIR, 'influence-map.sqlite'));
    // The schema as it was before owner tokens.
    db.exec(`
      CREATE TABLE rooms (id TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, view_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE documents (room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE retired_rooms (id TEXT PRIMARY KEY, retired_at INTEGER NOT NULL);
    `);
    db.prepare('INSERT INTO rooms (id, edit_hash, view_hash, created_at) VALUES (?, ?, ?, ?)').run(room.id, room.editHash, room.viewHash, Date.now());
    db.close();
  },
};

roomTests(sqlite);

const servers: RunningServer[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

async function server(env: Record<string, string> = {}) {
  const s = await startServer(env);
  servers.push(s);
  return s;
}
function client(s: { url: string }, room: string, token: string) {
  const c = connect(s, room, token);
  clients.push(c);
  return c;
}

describe('team server: message size limit', () => {
  it('refuses messages over the size limit and keeps the room as it was', async () => {
    const s = await server({ MAX_MESSAGE_BYTES: '20000' });
    const room = await sharedRoom();
    const owner = client(s, room.roomId, room.create);
    await owner.authenticated;
    owner.doc.getMap('people').set('small', 'ok');
    const watcher = client(s, room.roomId, room.edit.token);
    await eventually(() => expect(watcher.doc.getMap('people').get('small')).toBe('ok'));
    owner.doc.getMap('people').set('huge', 'x'.repeat(50_000));
    expect(await owner.closed).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.doc.getMap('people').has('huge')).toBe(false);
  });
});

describe('team server: document size limit', () => {
  it('closes a room’s connections once its document grows over MAX_DOCUMENT_BYTES, over many small updates', async () => {
    const s = await server({ MAX_DOCUMENT_BYTES: '60000' });
    const room = await sharedRoom();
    const owner = client(s, room.roomId, room.create);
    await owner.authenticated;
    let closed = false;
    void owner.closed.then(() => (closed = true));
    for (let i = 0; i < 5 && !closed; i++) {
      owner.doc.getMap('people').set(`p${i}`, 'x'.repeat(10_000));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(closed).toBe(false);
    for (let i = 5; i < 12 && !closed; i++) {
      owner.doc.getMap('people').set(`p${i}`, 'x'.repeat(10_000));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await owner.closed).toBeGreaterThan(0);
  });
});

describe('team server: the app on the same origin', () => {
  it('serves the built app, falls back to index.html for app routes, and never a file outside it', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'im-static-'));
    mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'dist', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    const s = await server({ STATIC_DIR: join(root, 'dist') });
    const get = async (path: string) => {
      const res = await fetch(s.url + path);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    expect(await get('/')).toMatchObject({ status: 200, body: '<!doctype html><title>app</title>' });
    expect(await get('/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect((await get('/map/abc')).body).toContain('<title>app</title>');
    expect((await get('/missing.js')).status).toBe(404);
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(path);
      expect(res.body, path).not.toContain('do not serve');
    }
    expect((await fetch(s.url + '/', { method: 'POST' })).status).toBe(405);
  });
});
