/**
 * Several instances behind a load balancer: PostgreSQL stores the rooms, Redis relays updates
 * and presence between instances. Real servers: .ci/run makes sure both are up; run locally,
 * this test says which one is missing and how to start it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { creationToken, deriveRoomKeys, newRoom } from '../../src/sync/keys';
import { sealValue } from '../../src/sync/seal';
import { retire, sharedRoom } from './room-suite';
import { connect, DATABASE_URL, eventually, REDIS_URL, requireServices, startServer, type Client, type RunningServer } from './helpers';

const servers: RunningServer[] = [];
const clients: Client[] = [];

describe('team server scale-out (two instances, PostgreSQL + Redis)', () => {
  beforeAll(async () => {
    await requireServices({ postgres: true, redis: true }, 'The scale-out tests');
    for (let i = 0; i < 2; i++) servers.push(await startServer({ DATABASE_URL, REDIS_URL }));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.stop();
  });

  it('clients on different instances converge, presence included, and the database holds no plaintext', async () => {
    const { roomId, editSecret, ownerSecret } = newRoom();
    const keys = await deriveRoomKeys(roomId, editSecret, 'edit');
    const a = connect(servers[0], roomId, await creationToken(keys, ownerSecret));
    clients.push(a);
    expect(await a.authenticated).toBe('read-write');
    const b = connect(servers[1], roomId, keys.token);
    clients.push(b);
    expect(await b.authenticated).toBe('read-write');

    const sealed = await sealValue(keys.sealKey, { room: roomId, table: 'people', record: 'p1', field: 'name' }, 'Sam Okoro');
    a.doc.getMap('people').set('p1', sealed);
    b.doc.getMap('people').set('p2', 'from-b');
    await eventually(() => expect(b.doc.getMap('people').get('p1')).toBe(sealed));
    await eventually(() => expect(a.doc.getMap('people').get('p2')).toBe('from-b'));

    a.provider.setAwarenessField('user', { sealed: 'presence-of-a' });
    await eventually(() => {
      const states = [...b.provider.awareness!.getStates().values()];
      expect(states.some((s) => (s.user as { sealed?: string } | undefined)?.sealed === 'presence-of-a')).toBe(true);
    });

    // Stored in PostgreSQL (after the debounce): the room is there, the name is not.
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      let stored: Buffer | null = null;
      for (let i = 0; i < 80 && !stored; i++) {
        const { rows } = await client.query('SELECT state FROM influence_documents WHERE room_id = $1', [roomId]);
        stored = rows[0]?.state ?? null;
        if (!stored) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored, 'the room was stored in PostgreSQL').not.toBeNull();
      expect(stored!.toString('latin1')).not.toContain('Sam Okoro');
    } finally {
      await client.end();
    }
  });

  it('retiring a room on one instance disconnects its members on the other, and both refuse old links', async () => {
    const old = await sharedRoom();
    const owner = connect(servers[0], old.roomId, old.create);
    clients.push(owner);
    await owner.authenticated;
    owner.doc.getMap('people').set('p1', 'sealed-old');
    const member = connect(servers[1], old.roomId, old.edit.token);
    clients.push(member);
    await eventually(() => expect(member.doc.getMap('people').get('p1')).toBe('sealed-old'));

    expect((await retire(servers[0], old.roomId, { owner: old.owner })).status).toBe(200);
    // The member's instance learns it through Redis, not from the request.
    const closedWithin = (ms: number) => Promise.race([member.closed, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);
    expect(await closedWithin(10_000), 'the member on the other instance is disconnected').not.toBe('still open');
    for (const s of servers) {
      const late = connect(s, old.roomId, old.edit.token);
      clients.push(late);
      await expect(late.authenticated).rejects.toThrow('replaced');
    }
    // An edit still sent on the other instance (a client that did not close) is not stored.
    member.doc.getMap('people').set('p2', 'after-retirement');
    await new Promise((r) => setTimeout(r, 1500));
    const rows = await new pg.Client({ connectionString: DATABASE_URL });
    await rows.connect();
    try {
      const { rows: found } = await rows.query('SELECT 1 FROM influence_documents WHERE room_id = $1 UNION ALL SELECT 1 FROM influence_rooms WHERE id = $1', [old.roomId]);
      expect(found).toHaveLength(0);
    } finally {
      await rows.end();
    }
  });
});
