/**
 * What the team server promises about rooms, whatever stores them: run against SQLite
 * (server.test.ts) and PostgreSQL (postgres.test.ts) with the same tests. Each test starts the
 * real server as a child process on a fresh, empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { creationToken, deriveRoomKeys, newRoom, ownerToken, sha256Hex } from '../../src/sync/keys';
import { openValue, sealValue } from '../../src/sync/seal';
import { connect, eventually, startServer, type Client, type RunningServer } from './helpers';

export type StoreEnv = Record<string, string>;

export interface Backend {
  name: string;
  /** Server environment for a fresh, empty store. */
  fresh(): Promise<StoreEnv>;
  /** Everything the store holds, as text (latin1): to look for ids and plaintext. */
  dump(env: StoreEnv): Promise<string>;
  /** Rows about one room: registered, with a document, retired. */
  counts(env: StoreEnv, roomId: string): Promise<{ rooms: number; documents: number; retired: number }>;
  /** Writes a room as the server registered it before owner tokens (old schema, no owner hash). */
  legacyRoom(env: StoreEnv, room: { id: string; editHash: string; viewHash: string }): Promise<void>;
}

export async function sharedRoom() {
  const { roomId, editSecret, ownerSecret } = newRoom();
  const edit = await deriveRoomKeys(roomId, editSecret, 'edit');
  const view = await deriveRoomKeys(roomId, edit.viewSecret, 'view');
  return { roomId, edit, view, create: await creationToken(edit, ownerSecret), owner: await ownerToken(roomId, ownerSecret) };
}

export const retire = (s: { url: string }, room: string, body: Record<string, unknown>) =>
  fetch(`${s.url}/collab/retire`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room, ...body }) });

export function roomTests(backend: Backend): void {
  const servers: RunningServer[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.stop();
  });
  const server = async (env: StoreEnv) => {
    const s = await startServer(env);
    servers.push(s);
    return s;
  };
  const stop = async (s: RunningServer) => {
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
  };
  const client = (s: { url: string }, room: string, token: string) => {
    const c = connect(s, room, token);
    clients.push(c);
    return c;
  };

  describe(`team server rooms (${backend.name})`, () => {
    it('registers a room on first connection, then admits its editors and refuses wrong tokens', async () => {
      const s = await server(await backend.fresh());
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
      // A "create" without an owner hash (clients from before owner tokens) registers nothing.
      const ownerless = `create.${other.edit.token}.${await sha256Hex(other.view.token)}`;
      await expect(client(s, other.roomId, ownerless).authenticated).rejects.toThrow();
    });

    it('makes view-only connections read-only on the server, whatever the client does', async () => {
      const s = await server(await backend.fresh());
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
      const env = await backend.fresh();
      const first = await server(env);
      const room = await sharedRoom();
      const owner = client(first, room.roomId, room.create);
      await owner.authenticated;
      const place = { room: room.roomId, table: 'people', record: 'p1', field: 'name' };
      const sealedName = await sealValue(room.edit.sealKey, place, 'Ngozi Adeyemi, notes: wants the CFO job');
      owner.doc.getMap('people').set('p1', sealedName);
      await new Promise((r) => setTimeout(r, 200));
      owner.destroy();
      await stop(first);

      const stored = await backend.dump(env);
      expect(stored).toContain(room.roomId);
      expect(stored).not.toContain('Ngozi');
      expect(stored).not.toContain('CFO');

      const second = await server(env);
      const back = client(second, room.roomId, room.view.token);
      expect(await back.authenticated).toBe('readonly');
      await eventually(() => expect(back.doc.getMap('people').get('p1')).toBe(sealedName));
      expect(await openValue(room.view.sealKey, place, back.doc.getMap('people').get('p1'))).toBe('Ngozi Adeyemi, notes: wants the CFO job');
    });

    it('retires a room for its owner only: editors are refused, old links then get "replaced", the new room works', async () => {
      const s = await server(await backend.fresh());
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

      // An editor holds the edit token and everything derived from it: none of it retires the room.
      for (const token of [old.edit.token, old.view.token, next.owner]) {
        expect((await retire(s, old.roomId, { owner: token })).status, token).toBe(403);
      }
      // Nor does the request of clients from before owner tokens (the edit token as `token`).
      expect((await retire(s, old.roomId, { token: old.edit.token })).status).toBe(400);
      expect((await retire(s, old.roomId, { owner: 'garbage' })).status).toBe(400);
      expect((await retire(s, 'not-a-room', { owner: old.owner })).status).toBe(400);
      expect((await retire(s, newRoom().roomId, { owner: old.owner })).status).toBe(404);
      // Refused retirements changed nothing.
      const still = client(s, old.roomId, old.view.token);
      expect(await still.authenticated).toBe('readonly');
      await eventually(() => expect(still.doc.getMap('people').get('p1')).toBe('sealed-old'));

      expect((await retire(s, old.roomId, { owner: old.owner })).status).toBe(200);
      // Members on the old link are disconnected, and every old token (and a new "create") is refused.
      expect(await member.closed).toBeGreaterThan(0);
      for (const token of [old.edit.token, old.view.token, old.create]) {
        await expect(client(s, old.roomId, token).authenticated).rejects.toThrow('replaced');
      }
      const joiner = client(s, next.roomId, next.view.token);
      expect(await joiner.authenticated).toBe('readonly');
      await eventually(() => expect(joiner.doc.getMap('people').get('p1')).toBe('sealed-new'));
    });

    it('forgets a retired room’s document for good, across a restart, even with a store still pending', async () => {
      const env = await backend.fresh();
      const first = await server(env);
      const old = await sharedRoom();
      const owner = client(first, old.roomId, old.create);
      await owner.authenticated;
      owner.doc.getMap('people').set('p1', 'sealed-old-value');
      await eventually(() => expect(owner.provider.hasUnsyncedChanges).toBe(false));
      // Retired within the server's store debounce (1 s), then shut down at once: neither the
      // debounced store nor the one on shutdown may bring the document back.
      expect((await retire(first, old.roomId, { owner: old.owner })).status).toBe(200);
      owner.destroy();
      await stop(first);
      expect(await backend.counts(env, old.roomId)).toEqual({ rooms: 0, documents: 0, retired: 1 });

      const second = await server(env);
      await expect(client(second, old.roomId, old.edit.token).authenticated).rejects.toThrow('replaced');
      await expect(client(second, old.roomId, old.create).authenticated).rejects.toThrow('replaced');
      const again = await retire(second, old.roomId, { owner: old.owner });
      expect([again.status, await again.text()]).toEqual([200, 'Already retired']);
      await stop(second);
      expect(await backend.counts(env, old.roomId)).toEqual({ rooms: 0, documents: 0, retired: 1 });
      expect(await backend.dump(env)).not.toContain('sealed-old-value');
    });

    it('upgrades a store from before owner tokens: its rooms still open, and nobody can retire them', async () => {
      const env = await backend.fresh();
      const room = await sharedRoom();
      const { createHash } = await import('node:crypto');
      const hash = (t: string) => createHash('sha256').update(t).digest('hex');
      await backend.legacyRoom(env, { id: room.roomId, editHash: hash(room.edit.token), viewHash: hash(room.view.token) });
      const s = await server(env);
      const editor = client(s, room.roomId, room.edit.token);
      expect(await editor.authenticated).toBe('read-write');
      editor.doc.getMap('people').set('p1', 'sealed');
      const viewer = client(s, room.roomId, room.view.token);
      expect(await viewer.authenticated).toBe('readonly');
      await eventually(() => expect(viewer.doc.getMap('people').get('p1')).toBe('sealed'));
      // The server cannot tell such a room's owner from its editors, so it retires it for no one.
      for (const token of [room.owner, room.edit.token]) expect((await retire(s, room.roomId, { owner: token })).status).toBe(403);
      expect((await backend.counts(env, room.roomId)).rooms).toBe(1);
    });
  });
}
