import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import * as ops from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import { LOCAL_ORIGIN, SharedMapBridge } from '../../../src/state/shared-bridge';
import { createEditorStore, type EditorStoreApi } from '../../../src/state/store';
import { deriveRoomKeys, newRoom } from '../../../src/sync/keys';
import { readDocumentWithSnapshot, snapshotCoverage } from '../../../src/sync/snapshot';
import { roots, type SealContext } from '../../../src/sync/ydoc';

function sampleDoc(id: string): MapDocument {
  let doc = createMapDocument('Committee', 1000);
  doc = { ...doc, map: { ...doc.map, id } };
  for (const [i, name] of ['Priya', 'Tom'].entries()) doc = ops.addStakeholder(doc, createStakeholder({ id: `p${i}`, name }));
  const tie = ops.connect(doc, 'p0', 'p1', 'influence', { id: 't0' });
  if (!tie.ok) throw new Error(tie.error);
  return tie.doc;
}

/** Two devices: each a store and a Y.Doc, the Y.Docs relaying updates to each other as a server would. */
async function twoMembers() {
  const { roomId, editSecret } = newRoom();
  const ctx: SealContext = { room: roomId, key: (await deriveRoomKeys(roomId, editSecret, 'edit')).sealKey };
  const ya = new Y.Doc();
  const yb = new Y.Doc();
  let connected = true;
  const held: [Y.Doc, Uint8Array][] = [];
  ya.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && (connected ? Y.applyUpdate(yb, u, 'relay') : held.push([yb, u])));
  yb.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && (connected ? Y.applyUpdate(ya, u, 'relay') : held.push([ya, u])));
  const a = createEditorStore();
  a.getState().openDocument(sampleDoc('map-a'));
  const bridgeA = new SharedMapBridge(a, ya, ctx, a.getState().doc!);
  await bridgeA.seed();
  bridgeA.start();
  // B joined: its local map (own id) starts empty and is filled from the Y.Doc.
  const b = createEditorStore();
  b.getState().openDocument({ ...createMapDocument('', 0), map: { ...createMapDocument('', 0).map, id: 'map-b' } });
  const bridgeB = new SharedMapBridge(b, yb, ctx, b.getState().doc!);
  bridgeB.start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.all([bridgeA.idle(), bridgeB.idle()]);
  };
  await settle();
  return {
    a, b, ya, yb, ctx, settle,
    offline() {
      connected = false;
    },
    online() {
      connected = true;
      for (const [doc, u] of held.splice(0)) Y.applyUpdate(doc, u, 'relay');
    },
  };
}

const person = (s: EditorStoreApi, id: string) => s.getState().doc!.stakeholders[id];

describe('shared map bridge (store <-> Y.Doc)', () => {
  it('brings a joining member the whole map, under their own map id, not as an undo step', async () => {
    const { b } = await twoMembers();
    expect(b.getState().doc!.map).toMatchObject({ id: 'map-b', name: 'Committee' });
    expect(person(b, 'p0').name).toBe('Priya');
    expect(Object.keys(b.getState().doc!.ties)).toEqual(['t0']);
    expect(b.temporal.getState().pastStates).toHaveLength(0);
  });

  it('carries edits both ways, field by field', async () => {
    const { a, b, settle } = await twoMembers();
    a.getState().updateStakeholder('p0', { name: 'Priya S.' });
    b.getState().updateStakeholder('p0', { title: 'CFO' });
    await settle();
    expect(person(a, 'p0')).toMatchObject({ name: 'Priya S.', title: 'CFO' });
    expect(person(b, 'p0')).toMatchObject({ name: 'Priya S.', title: 'CFO' });
    b.getState().select(['p1']);
    b.getState().deleteSelection();
    await settle();
    expect(person(a, 'p1')).toBeUndefined();
    expect(a.getState().doc!.ties).toEqual({});
  });

  it("undoes only one's own edits", async () => {
    const { a, b, settle } = await twoMembers();
    a.getState().updateStakeholder('p0', { name: 'Priya S.' });
    await settle();
    b.getState().updateStakeholder('p1', { title: 'CTO' });
    await settle();
    expect(person(a, 'p1').title).toBe('CTO');
    a.getState().undo();
    await settle();
    for (const s of [a, b]) expect([person(s, 'p0').name, person(s, 'p1').title]).toEqual(['Priya', 'CTO']);
    // B's undo history holds only B's edit.
    b.getState().undo();
    await settle();
    for (const s of [a, b]) expect([person(s, 'p0').name, person(s, 'p1').title]).toEqual(['Priya', '']);
    expect(b.temporal.getState().pastStates).toHaveLength(0);
  });

  it('merges edits made offline on both sides when they reconnect, nothing lost', async () => {
    const m = await twoMembers();
    m.offline();
    m.a.getState().updateStakeholder('p0', { notes: 'from A' });
    m.a.getState().addStakeholderAt({ x: 5, y: 5 }, { name: 'Ana' });
    m.b.getState().updateStakeholder('p0', { department: 'Finance' });
    m.b.getState().updateTie('t0', { strength: 3 });
    await m.settle();
    expect(person(m.a, 'p0').department).toBe('');
    m.online();
    await m.settle();
    for (const s of [m.a, m.b]) {
      expect(person(s, 'p0')).toMatchObject({ notes: 'from A', department: 'Finance' });
      expect(Object.values(s.getState().doc!.stakeholders).map((p) => p.name).sort()).toEqual(['Ana', 'Priya', 'Tom']);
      expect(s.getState().doc!.ties.t0.strength).toBe(3);
    }
  });

  it('keeps an edit typed while a peer change was being opened', async () => {
    const { a, b, settle } = await twoMembers();
    b.getState().updateStakeholder('p0', { title: 'CFO' });
    // A types before B's change is adopted (its values are still being opened).
    a.getState().updateStakeholder('p0', { notes: 'typed meanwhile' });
    await settle();
    for (const s of [a, b]) expect(person(s, 'p0')).toMatchObject({ title: 'CFO', notes: 'typed meanwhile' });
  });

  it('reports tampered and wrong-key values from a peer, keeps what it knew and never crashes', async () => {
    const { a, yb, ctx, settle } = await twoMembers();
    const problems: string[] = [];
    const member = (key: CryptoKey) => {
      const store = createEditorStore();
      store.getState().openDocument({ ...a.getState().doc!, map: { ...a.getState().doc!.map, id: 'map-c' } });
      const y = new Y.Doc();
      Y.applyUpdate(y, Y.encodeStateAsUpdate(yb));
      const bridge = new SharedMapBridge(store, y, { room: ctx.room, key }, store.getState().doc!, { onProblems: (l) => problems.push(...l) });
      bridge.start();
      return { store, y, bridge };
    };
    const c = member(ctx.key);
    await c.bridge.idle();
    expect(problems).toEqual([]);
    // A modified client writes a value that does not open.
    (roots(c.y).stakeholders.get('p0') as Y.Map<unknown>).set('name', 'v1.AAAAAAAAAAAAAAAA.BBBB');
    (roots(c.y).stakeholders.get('p0') as Y.Map<unknown>).set('title', 42);
    await c.bridge.idle();
    expect(problems[0]).toMatch(/2 values from another member could not be opened/);
    expect(c.store.getState().doc!.stakeholders.p0.name).toBe('Priya');
    // A member holding the wrong key opens nothing, says so, and keeps its map.
    problems.length = 0;
    const { roomId, editSecret } = newRoom();
    const d = member((await deriveRoomKeys(roomId, editSecret, 'edit')).sealKey);
    await d.bridge.idle();
    await settle();
    expect(problems[0]).toMatch(/could not be opened/);
    expect(d.store.getState().doc!.stakeholders.p0.name).toBe('Priya');
    expect(d.store.getState().doc!.map.name).toBe('Committee');
    expect(LOCAL_ORIGIN).toBeTypeOf('symbol');
  });

  it('seals a snapshot when sharing, and a new one once enough edits settle (editors only, never a view-only member)', async () => {
    const { roomId, editSecret } = newRoom();
    const ctx: SealContext = { room: roomId, key: (await deriveRoomKeys(roomId, editSecret, 'edit')).sealKey };
    const ya = new Y.Doc();
    const yv = new Y.Doc();
    ya.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(yv, u, 'relay'));
    yv.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(ya, u, 'relay'));
    const a = createEditorStore();
    a.getState().openDocument(sampleDoc('map-a'));
    const owner = new SharedMapBridge(a, ya, ctx, a.getState().doc!, { snapshotAfterMs: 20 });
    await owner.seed();
    expect(snapshotCoverage(ya).uncovered).toBe(0);
    owner.start();
    const v = createEditorStore();
    v.getState().openDocument({ ...createMapDocument('', 0), map: { ...createMapDocument('', 0).map, id: 'map-v' } });
    const viewer = new SharedMapBridge(v, yv, ctx, v.getState().doc!, { readOnly: true, snapshotAfterMs: 20 });
    viewer.start();
    const settle = async () => {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 40));
        await Promise.all([owner.idle(), viewer.idle()]);
      }
    };
    await settle();
    const first = ya.getMap('snapshot').get('map');
    // A few edits: below the threshold, the snapshot stays.
    a.getState().updateStakeholder('p0', { name: 'Priya S.' });
    await settle();
    expect(ya.getMap('snapshot').get('map')).toBe(first);
    expect(snapshotCoverage(ya).uncovered).toBeGreaterThan(0);
    // Many new people: the owner seals a new snapshot covering them.
    for (let i = 0; i < 30; i++) a.getState().addStakeholderAt({ x: i * 10, y: 300 }, { name: `New ${i}` });
    await settle();
    expect(ya.getMap('snapshot').get('map')).not.toBe(first);
    expect(snapshotCoverage(ya).uncovered).toBe(0);
    const joined = await readDocumentWithSnapshot(yv, ctx, { mapId: 'j' });
    expect(joined.snapshot.kind).toBe('used');
    expect(joined.read!.doc.stakeholders.p0.name).toBe('Priya S.');
    expect(Object.keys(joined.read!.doc.stakeholders)).toHaveLength(32);
    // The view-only member's Y.Doc got it, but never wrote one (it would be refused anyway).
    expect(yv.getMap('snapshot').get('map')).toEqual(ya.getMap('snapshot').get('map'));
    owner.dispose();
    viewer.dispose();
  });
});
