import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import * as ops from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import { deriveRoomKeys, newRoom, toBase64Url } from '../../../src/sync/keys';
import { sealBytes } from '../../../src/sync/seal';
import { readDocumentWithSnapshot, snapshotCoverage, writeSnapshot } from '../../../src/sync/snapshot';
import { applyPlan, planChanges, readDocument, type SealContext } from '../../../src/sync/ydoc';
import { applyEdit, EDITS } from './random-edits';

const LOCAL = 'test-local';

async function room(): Promise<SealContext> {
  const { roomId, editSecret } = newRoom();
  const keys = await deriveRoomKeys(roomId, editSecret, 'edit');
  return { room: roomId, key: keys.sealKey };
}

function sampleDoc(people = ['Priya', 'Tom', 'Ana']): MapDocument {
  let doc = createMapDocument('Buying committee', 1000);
  for (const [i, name] of people.entries()) doc = ops.addStakeholder(doc, createStakeholder({ id: `p${i}`, name, x: i * 100, y: 0 }));
  if (people.length < 2) return doc;
  const tie = ops.connect(doc, 'p0', 'p1', 'influence', { id: 't0' });
  if (!tie.ok) throw new Error(tie.error);
  return ops.updateStakeholder(tie.doc, 'p0', { notes: 'Secret plan', interactions: [{ id: 'i1', date: '2026-01-02', kind: 'coffee', note: 'Chat' }] });
}

function shared(doc: MapDocument) {
  const { id: _id, meId: _me, updatedAt: _u, ...map } = doc.map;
  return { map, stakeholders: { ...doc.stakeholders }, ties: { ...doc.ties } };
}

/** A Y.Doc holding `doc`, sealed, with its snapshot: what the owner makes when sharing. */
async function sharedRoom(ctx: SealContext, doc: MapDocument): Promise<Y.Doc> {
  const ydoc = new Y.Doc();
  await applyPlan(ydoc, ctx, planChanges(null, doc), LOCAL);
  await writeSnapshot(ydoc, ctx, doc, LOCAL);
  return ydoc;
}

/** A joiner's copy: everything the server holds. */
function joinerCopy(ydoc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc), 'remote');
  return copy;
}

const packed = (ydoc: Y.Doc) => ydoc.getMap('snapshot').get('map') as Uint8Array;

/** Counts AES-GCM decryptions (one per value opened on its own, one for the snapshot). */
function countDecryptions() {
  return vi.spyOn(globalThis.crypto.subtle, 'decrypt');
}

afterEach(() => vi.restoreAllMocks());

describe('sealed whole-map snapshot', () => {
  it('round-trips: a joiner reads the whole map from one decryption (plus a few spot checks), same as from the values', async () => {
    const ctx = await room();
    const doc = sampleDoc();
    const joiner = joinerCopy(await sharedRoom(ctx, doc));
    const text = new TextDecoder().decode(packed(joiner));
    for (const secret of ['Priya', 'Secret plan', 'Chat', 'Buying committee']) expect(text).not.toContain(secret);
    const decrypt = countDecryptions();
    const { read, snapshot } = await readDocumentWithSnapshot(joiner, ctx, { mapId: 'local-id' });
    expect(snapshot.kind).toBe('used');
    expect(decrypt.mock.calls.length).toBeLessThanOrEqual(1 + 32);
    expect(read!.problems).toEqual([]);
    expect(read!.doc.map.id).toBe('local-id');
    expect(shared(read!.doc)).toEqual(shared(doc));
    expect(snapshotCoverage(joiner).uncovered).toBe(0);
  });

  it('applies edits made after the snapshot: changed values are opened on their own, the rest come from it', async () => {
    const ctx = await room();
    const base = sampleDoc();
    const ydoc = await sharedRoom(ctx, base);
    let next = ops.updateStakeholder(base, 'p1', { name: 'Tom B.', interactions: [{ id: 'i2', date: '2026-03-04', kind: 'meeting', note: 'Later' }] });
    next = ops.addStakeholder(next, createStakeholder({ id: 'p9', name: 'New', x: 5, y: 6 }));
    next = ops.removeElements(next, ['p2'], ['t0']);
    await applyPlan(ydoc, ctx, planChanges(base, next), LOCAL);
    const joiner = joinerCopy(ydoc);
    expect(snapshotCoverage(joiner).uncovered).toBeGreaterThan(0);
    const { read, snapshot } = await readDocumentWithSnapshot(joiner, ctx, { mapId: 'm' });
    expect(snapshot.kind).toBe('used');
    expect(read!.doc.stakeholders.p1).toMatchObject({ name: 'Tom B.', title: '' });
    expect(read!.doc.stakeholders.p1.interactions.map((i) => i.note)).toEqual(['Later']);
    expect(read!.doc.stakeholders.p9).toMatchObject({ name: 'New', x: 5, y: 6 });
    expect(read!.doc.stakeholders.p2).toBeUndefined();
    expect(read!.doc.ties.t0).toBeUndefined();
    expect(shared(read!.doc)).toEqual(shared((await readDocument(joiner, ctx, { mapId: 'm' }))!.doc));
  });

  const rejectedCases: [string, (ydoc: Y.Doc, ctx: SealContext) => Promise<void>, RegExp][] = [
    [
      'tampered',
      async (ydoc) => {
        const bytes = packed(ydoc).slice();
        bytes[bytes.length - 3] ^= 1;
        ydoc.getMap('snapshot').set('map', bytes);
      },
      /failed authentication/,
    ],
    [
      'swapped in from another map',
      async (ydoc, ctx) => {
        // Same key and state vector, another room: the room is in the additional data.
        const other = joinerCopy(ydoc);
        await writeSnapshot(other, { room: 'another-room', key: ctx.key }, sampleDoc(), LOCAL);
        ydoc.getMap('snapshot').set('map', packed(other));
      },
      /failed authentication/,
    ],
    [
      'given another state vector',
      async (ydoc) => {
        // The state vector it claims is bound to it: presenting it as covering less fails too.
        const bytes = packed(ydoc);
        const empty = Y.encodeStateVector(new Y.Doc());
        const sealed = bytes.subarray(5 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(1));
        const forged = new Uint8Array(5 + empty.length + sealed.length);
        forged[0] = 1;
        new DataView(forged.buffer).setUint32(1, empty.length);
        forged.set(empty, 5);
        forged.set(sealed, 5 + empty.length);
        ydoc.getMap('snapshot').set('map', forged);
      },
      /failed authentication/,
    ],
    [
      'sealed with another key',
      async (ydoc, ctx) => {
        const other = await room();
        const fake = joinerCopy(ydoc);
        await writeSnapshot(fake, { room: ctx.room, key: other.key }, sampleDoc(['Mallory']), LOCAL);
        ydoc.getMap('snapshot').set('map', packed(fake));
      },
      /failed authentication/,
    ],
    [
      'ahead of the values (a server rolling changes back)',
      async (ydoc, ctx) => {
        const ahead = new Y.Doc();
        Y.applyUpdate(ahead, Y.encodeStateAsUpdate(ydoc));
        const doc = ops.updateStakeholder(sampleDoc(), 'p0', { name: 'Rolled back' });
        await applyPlan(ahead, ctx, planChanges(sampleDoc(), doc), LOCAL);
        await writeSnapshot(ahead, ctx, doc, LOCAL);
        ydoc.getMap('snapshot').set('map', packed(ahead));
      },
      /covers changes this copy of the map does not hold/,
    ],
    [
      'holding something else than tables of records',
      async (ydoc, ctx) => {
        const sv = Y.encodeStateVector(ydoc);
        const gz = new Uint8Array(await new Response(new Blob([JSON.stringify({ meta: 1 })]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
        const sealed = await sealBytes(ctx.key, { room: ctx.room, table: 'snapshot', record: toBase64Url(sv), field: 'map' }, gz);
        const bytes = new Uint8Array(5 + sv.length + sealed.length);
        bytes[0] = 1;
        new DataView(bytes.buffer).setUint32(1, sv.length);
        bytes.set(sv, 5);
        bytes.set(sealed, 5 + sv.length);
        ydoc.getMap('snapshot').set('map', bytes);
      },
      /not a map snapshot/,
    ],
    [
      'not a snapshot at all',
      async (ydoc) => void ydoc.getMap('snapshot').set('map', 'v1.garbage'),
      /not in a format/,
    ],
  ];

  for (const [name, spoil, reason] of rejectedCases) {
    it(`rejects a snapshot ${name}, reports it and opens every value instead`, async () => {
      const ctx = await room();
      const doc = sampleDoc();
      const joiner = joinerCopy(await sharedRoom(ctx, doc));
      await spoil(joiner, ctx);
      const { read, snapshot } = await readDocumentWithSnapshot(joiner, ctx, { mapId: 'm' });
      expect(snapshot).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(reason) });
      expect(read!.problems[0]).toMatch(/snapshot was not used/);
      expect(shared(read!.doc)).toEqual(shared(doc));
    });
  }

  it('rejects a snapshot whose values disagree with the sealed values (checked on a sample, here every value)', async () => {
    const ctx = await room();
    const doc = sampleDoc(['Priya']);
    const ydoc = new Y.Doc();
    await applyPlan(ydoc, ctx, planChanges(null, doc), LOCAL);
    // An editor (who holds the key) seals a snapshot saying something else than the values.
    await writeSnapshot(ydoc, ctx, ops.updateStakeholder(doc, 'p0', { name: 'Someone else' }), LOCAL);
    const { read, snapshot } = await readDocumentWithSnapshot(joinerCopy(ydoc), ctx, { mapId: 'm' });
    expect(snapshot).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/disagrees/) });
    expect(read!.doc.stakeholders.p0.name).toBe('Priya');
  });

  it('reads a room without a snapshot (shared before snapshots) from the values, without a problem', async () => {
    const ctx = await room();
    const ydoc = new Y.Doc();
    await applyPlan(ydoc, ctx, planChanges(null, sampleDoc()), LOCAL);
    const { read, snapshot } = await readDocumentWithSnapshot(ydoc, ctx, { mapId: 'm' });
    expect(snapshot.kind).toBe('none');
    expect(read!.problems).toEqual([]);
    expect(shared(read!.doc)).toEqual(shared(sampleDoc()));
    expect(snapshotCoverage(ydoc)).toEqual({ values: expect.any(Number), uncovered: snapshotCoverage(ydoc).values });
  });

  it('converges: after random concurrent edits and snapshots on two Y.Docs, a joiner reads the same map through the snapshot as from the values', async () => {
    const ctx = await room();
    const edit = fc.oneof(...EDITS, fc.record({ op: fc.constant('snapshot' as const) }), fc.record({ op: fc.constant('sync' as const) }));
    const exchange = (a: Y.Doc, b: Y.Doc) => {
      const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
      const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
      Y.applyUpdate(b, toB, 'remote');
      Y.applyUpdate(a, toA, 'remote');
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), edit), { maxLength: 14 }), async (steps) => {
        const base = sampleDoc();
        const a = await sharedRoom(ctx, base);
        const b = joinerCopy(a);
        const docs = { a: base, b: base };
        const ydocs = { a, b };
        for (const [n, [onA, e]] of steps.entries()) {
          if (e.op === 'sync') {
            exchange(a, b);
            docs.a = (await readDocument(a, ctx, { mapId: 'a' }))!.doc;
            docs.b = (await readDocument(b, ctx, { mapId: 'b' }))!.doc;
            continue;
          }
          const side = onA ? 'a' : 'b';
          // Each side's document is exactly its Y.Doc here, as the bridge's `written` is when it settles.
          if (e.op === 'snapshot') {
            await writeSnapshot(ydocs[side], ctx, docs[side], LOCAL);
            continue;
          }
          const next = applyEdit(docs[side], e, n, side);
          await applyPlan(ydocs[side], ctx, planChanges(docs[side], next), LOCAL);
          docs[side] = next;
        }
        exchange(a, b);
        const joiner = joinerCopy(a);
        const viaValues = (await readDocument(joiner, ctx, { mapId: 'j' }))!;
        const { read, snapshot } = await readDocumentWithSnapshot(joiner, ctx, { mapId: 'j' });
        expect(snapshot.kind).toBe('used');
        expect(shared(read!.doc)).toEqual(shared(viaValues.doc));
        expect(read!.rejected).toBe(0);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
