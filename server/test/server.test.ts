import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { creationToken, deriveRoomKeys, newRoom } from '../../src/sync/keys';
import { openValue, sealValue } from '../../src/sync/seal';
import { connect, eventually, startServer, type Client, type RunningServer } from './helpers';

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

async function sharedRoom() {
  const { roomId, editSecret } = newRoom();
  const edit = await deriveRoomKeys(roomId, editSecret, 'edit');
  const view = await deriveRoomKeys(roomId, edit.viewSecret, 'view');
  return { roomId, edit, view, create: await creationToken(edit) };
}

describe('team server (real Hocuspocus server, SQLite)', () => {
  it('registers a room on first connection, then admits its editors and refuses wrong tokens', async () => {
    const s = await server();
    const room = await sharedRoom();
    const owner = client(s, room.roomId, room.create);
    expect(await owner.authenticated).toBe('read-write');
    owner.doc.getMap('people').set('p1', 'sealed-value');

    const peer = client(s, room.roomId, room.edit.token);
    expect(await peer.authenticated).toBe('read-write');
    await eventually(() => expect(peer.doc.getMap('people').get('p1')).toBe('sealed-value'));

    const other = await sharedRoom();
    await expect(client(s, room.roomId, other.edit.token).authenticated).rejects.toThrow(/Not allowed|permission/i);
    await expect(client(s, room.roomId, 'garbage').authenticated).rejects.toThrow();
    // A room nobody created cannot be joined, even with a well-formed token.
    await expect(client(s, other.roomId, other.edit.token).authenticated).rejects.toThrow();
    // A second "create" for a taken room id does not take it over.
    await expect(client(s, room.roomId, other.create).authenticated).rejects.toThrow();
  });

  it('makes view-only connections read-only on the server, whatever the client does', async () => {
    const s = await server();
    const room = await sharedRoom();
    const owner = client(s, room.roomId, room.create);
    await owner.authenticated;
    owner.doc.getMap('people').set('p1', 'from-owner');

    const viewer = client(s, room.roomId, room.view.token);
    expect(await viewer.authenticated).toBe('readonly');
    await eventually(() => expect(viewer.doc.getMap('people').get('p1')).toBe('from-owner'));
    // A modified client writes anyway: the server must not apply or relay it.
    viewer.doc.getMap('people').set('p2', 'from-viewer');
    owner.doc.getMap('people').set('p3', 'after');
    await eventually(() => expect(viewer.doc.getMap('people').get('p3')).toBe('after'));
    await new Promise((r) => setTimeout(r, 300));
    expect(owner.doc.getMap('people').has('p2')).toBe(false);
    const late = client(s, room.roomId, room.edit.token);
    await late.synced;
    await eventually(() => expect(late.doc.getMap('people').get('p3')).toBe('after'));
    expect(late.doc.getMap('people').has('p2')).toBe(false);
  });

  it('keeps rooms across a restart, and stores no plaintext name or note', async () => {
    const first = await server();
    const room = await sharedRoom();
    const owner = client(first, room.roomId, room.create);
    await owner.authenticated;
    const place = { room: room.roomId, table: 'people', record: 'p1', field: 'name' };
    const sealedName = await sealValue(room.edit.sealKey, place, 'Ngozi Adeyemi, notes: wants the CFO job');
    owner.doc.getMap('people').set('p1', sealedName);
    await new Promise((r) => setTimeout(r, 200));
    owner.destroy();
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    const files = readdirSync(first.dataDir).map((f) => readFileSync(join(first.dataDir, f)).toString('latin1')).join('\n');
    expect(files).toContain(room.roomId);
    expect(files).not.toContain('Ngozi');
    expect(files).not.toContain('CFO');

    const second = await server({ DATA_DIR: first.dataDir });
    const back = client(second, room.roomId, room.view.token);
    expect(await back.authenticated).toBe('readonly');
    await eventually(() => expect(back.doc.getMap('people').get('p1')).toBe(sealedName));
    expect(await openValue(room.view.sealKey, place, back.doc.getMap('people').get('p1'))).toBe('Ngozi Adeyemi, notes: wants the CFO job');
  });

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

describe('team server: key rotation retires the old room', () => {
  const retire = (s: { url: string }, room: string, token: string) =>
    fetch(`${s.url}/collab/retire`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room, token }) });

  it('refuses old links with "replaced" once the owner retires the room, while the new room works', async () => {
    const s = await server();
    const old = await sharedRoom();
    const owner = client(s, old.roomId, old.create);
    await owner.authenticated;
    owner.doc.getMap('people').set('p1', 'sealed-old');
    const member = client(s, old.roomId, old.edit.token);
    await eventually(() => expect(member.doc.getMap('people').get('p1')).toBe('sealed-old'));

    // The map moves into a new room with a new key.
    const next = await sharedRoom();
    const ownerNext = client(s, next.roomId, next.create);
    expect(await ownerNext.authenticated).toBe('read-write');
    ownerNext.doc.getMap('people').set('p1', 'sealed-new');

    // Only the old room's edit token may retire it.
    expect((await retire(s, old.roomId, old.view.token)).status).toBe(403);
    expect((await retire(s, old.roomId, next.edit.token)).status).toBe(403);
    expect((await retire(s, old.roomId, 'garbage')).status).toBe(400);
    expect((await retire(s, old.roomId, old.edit.token)).status).toBe(200);

    // The member on the old link is disconnected, and every old token (and a new "create") is refused.
    expect(await member.closed).toBeGreaterThan(0);
    for (const token of [old.edit.token, old.view.token, old.create]) {
      await expect(client(s, old.roomId, token).authenticated).rejects.toThrow('replaced');
    }
    // The new link joins and has the map.
    const joiner = client(s, next.roomId, next.view.token);
    expect(await joiner.authenticated).toBe('readonly');
    await eventually(() => expect(joiner.doc.getMap('people').get('p1')).toBe('sealed-new'));
  });

  it('forgets the old document for good, across a restart', async () => {
    const first = await server();
    const old = await sharedRoom();
    const owner = client(first, old.roomId, old.create);
    await owner.authenticated;
    owner.doc.getMap('people').set('p1', 'sealed-old-value');
    await new Promise((r) => setTimeout(r, 200));
    expect((await retire(first, old.roomId, old.edit.token)).status).toBe(200);
    owner.destroy();
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    const second = await server({ DATA_DIR: first.dataDir });
    await expect(client(second, old.roomId, old.edit.token).authenticated).rejects.toThrow('replaced');
    await expect(client(second, old.roomId, old.create).authenticated).rejects.toThrow('replaced');
    expect((await retire(second, old.roomId, old.edit.token)).status).toBe(200);
    await second.stop();
    servers.splice(servers.indexOf(second), 1);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(first.dataDir, 'influence-map.sqlite'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get(old.roomId) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM rooms WHERE id = ?')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM documents WHERE room_id = ?')).toBe(0);
    db.close();
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
