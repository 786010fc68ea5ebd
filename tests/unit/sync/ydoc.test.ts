import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import * as ops from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';
import { deriveRoomKeys, newRoom } from '../../../src/sync/keys';
import { applyPlan, planChanges, readDocument, roots, type SealContext } from '../../../src/sync/ydoc';
import { applyEdit, EDITS } from './random-edits';

const LOCAL = 'test-local';

async function room(): Promise<SealContext> {
  const { roomId, editSecret } = newRoom();
  const keys = await deriveRoomKeys(roomId, editSecret, 'edit');
  return { room: roomId, key: keys.sealKey };
}

function sampleDoc(): MapDocument {
  let doc = createMapDocument('Buying committee', 1000);
  for (const [i, name] of ['Priya', 'Tom', 'Ana'].entries()) doc = ops.addStakeholder(doc, createStakeholder({ id: `p${i}`, name, x: i * 100, y: 0 }));
  const tie = ops.connect(doc, 'p0', 'p1', 'influence', { id: 't0' });
  if (!tie.ok) throw new Error(tie.error);
  return tie.doc;
}

/** What every member must agree on: the shared parts of the document. */
function shared(doc: MapDocument) {
  const { id: _id, meId: _me, updatedAt: _u, ...map } = doc.map;
  return { map, stakeholders: { ...doc.stakeholders }, ties: { ...doc.ties } };
}

function exchange(a: Y.Doc, b: Y.Doc) {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

describe('shared map as a Y.Doc', () => {
  it('round-trips a document, values sealed: the Y.Doc holds no name or note in clear', async () => {
    const ctx = await room();
    let doc = sampleDoc();
    doc = ops.updateStakeholder(doc, 'p0', { notes: 'Secret plan', interactions: [{ id: 'i1', date: '2026-01-02', kind: 'coffee', note: 'Chat' }] });
    const ydoc = new Y.Doc();
    await applyPlan(ydoc, ctx, planChanges(null, doc), LOCAL);
    const bytes = new TextDecoder().decode(Y.encodeStateAsUpdate(ydoc));
    for (const secret of ['Priya', 'Secret plan', 'Chat', 'Buying committee']) expect(bytes).not.toContain(secret);
    const read = await readDocument(ydoc, ctx, { mapId: 'local-id' });
    expect(read!.problems).toEqual([]);
    expect(read!.doc.map.id).toBe('local-id');
    expect(shared(read!.doc)).toEqual(shared(doc));
  });

  it('keeps both first contact-log entries two people add at once to someone with no log yet', async () => {
    const ctx = await room();
    const base = sampleDoc();
    expect(base.stakeholders.p2.interactions).toEqual([]);
    const a = new Y.Doc();
    await applyPlan(a, ctx, planChanges(null, base), LOCAL);
    const b = new Y.Doc();
    exchange(a, b);
    const entry = (id: string, note: string) => ({ writes: [{ table: 'stakeholders' as const, id: 'p2', field: 'interactions', entry: id, value: { date: '2026-11-30', kind: 'coffee', note } }], deletes: [] });
    // Offline from each other, each logs a first entry for Ana; then they sync.
    await applyPlan(a, ctx, entry('ia', 'from A'), LOCAL);
    await applyPlan(b, ctx, entry('ib', 'from B'), LOCAL);
    exchange(a, b);
    for (const d of [a, b]) {
      const read = await readDocument(d, ctx, { mapId: 'm' });
      expect(read!.doc.stakeholders.p2.interactions.map((i) => i.note).sort()).toEqual(['from A', 'from B']);
    }
  });

  it('merges field by field: two people editing different fields of one person both keep their edit', async () => {
    const ctx = await room();
    const base = sampleDoc();
    const a = new Y.Doc();
    await applyPlan(a, ctx, planChanges(null, base), LOCAL);
    const b = new Y.Doc();
    exchange(a, b);
    await applyPlan(a, ctx, planChanges(base, ops.updateStakeholder(base, 'p0', { name: 'Priya S.' })), LOCAL);
    await applyPlan(b, ctx, planChanges(base, ops.updateStakeholder(base, 'p0', { title: 'CFO' })), LOCAL);
    exchange(a, b);
    const docA = (await readDocument(a, ctx, { mapId: 'x' }))!.doc;
    expect(docA.stakeholders.p0).toMatchObject({ name: 'Priya S.', title: 'CFO' });
    expect(shared((await readDocument(b, ctx, { mapId: 'x' }))!.doc)).toEqual(shared(docA));
  });

  it('rejects tampered, swapped and wrong-key values, reports them and keeps the rest of the map', async () => {
    const ctx = await room();
    const doc = sampleDoc();
    const ydoc = new Y.Doc();
    await applyPlan(ydoc, ctx, planChanges(null, doc), LOCAL);
    const people = roots(ydoc).stakeholders;
    const p0 = people.get('p0') as Y.Map<unknown>;
    const p1 = people.get('p1') as Y.Map<unknown>;
    const p2 = people.get('p2') as Y.Map<unknown>;
    const sealed = p0.get('name') as string;
    // Swapped: Tom's sealed name moved onto Priya's record; tampered: one character changed; garbage; a number.
    p0.set('name', p1.get('name'));
    p1.set('title', `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`);
    p2.set('notes', 'not sealed at all');
    p2.set('pos', 42);
    // Sealed with another room's key.
    const other = await room();
    const foreign = new Y.Doc();
    await applyPlan(foreign, { room: ctx.room, key: other.key }, planChanges(null, ops.addStakeholder(createMapDocument('x'), createStakeholder({ id: 'p9', name: 'Mallory' }))), LOCAL);
    people.set('p9', new Y.Map<unknown>([['name', ((roots(foreign).stakeholders.get('p9') as Y.Map<unknown>).get('name'))]]));

    const read = await readDocument(ydoc, ctx, { mapId: 'x' });
    expect(read!.rejected).toBe(5);
    expect(read!.problems[0]).toMatch(/5 values from another member could not be opened/);
    expect(read!.doc.stakeholders.p0.name).toBe('');
    expect(read!.doc.stakeholders.p1).toMatchObject({ name: 'Tom', title: '' });
    expect(read!.doc.stakeholders.p2).toMatchObject({ name: 'Ana', notes: '', x: 0, y: 0 });
    expect(read!.doc.stakeholders.p9.name).toBe('');
    expect(Object.keys(read!.doc.ties)).toEqual(['t0']);
  });

  it('treats records a peer made unreadable like any damaged file: restored or skipped, never thrown', async () => {
    const ctx = await room();
    const ydoc = new Y.Doc();
    await applyPlan(ydoc, ctx, planChanges(null, sampleDoc()), LOCAL);
    roots(ydoc).ties.set('t-bad', 'not a record');
    roots(ydoc).stakeholders.set('p-empty', new Y.Map());
    const read = await readDocument(ydoc, ctx, { mapId: 'x' });
    expect(Object.keys(read!.doc.ties)).toEqual(['t0']);
    expect(read!.doc.stakeholders['p-empty']).toMatchObject({ id: 'p-empty', name: '' });
  });

  it('converges: random concurrent edits on two Y.Docs, including deleting a person while a tie to them is edited', async () => {
    const ctx = await room();
    const edit = fc.oneof(...EDITS, fc.record({ op: fc.constant('sync' as const) }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), edit), { maxLength: 14 }), async (steps) => {
        const base = sampleDoc();
        const a = new Y.Doc();
        await applyPlan(a, ctx, planChanges(null, base), LOCAL);
        const b = new Y.Doc();
        exchange(a, b);
        // Each side edits its own view of the document, which follows its Y.Doc after each sync.
        let docA = base;
        let docB = base;
        for (const [n, [onA, e]] of steps.entries()) {
          if (e.op === 'sync') {
            exchange(a, b);
            docA = (await readDocument(a, ctx, { mapId: 'a' }))!.doc;
            docB = (await readDocument(b, ctx, { mapId: 'b' }))!.doc;
            continue;
          }
          if (onA) {
            const next = applyEdit(docA, e, n, 'a');
            await applyPlan(a, ctx, planChanges(docA, next), LOCAL);
            docA = next;
          } else {
            const next = applyEdit(docB, e, n, 'b');
            await applyPlan(b, ctx, planChanges(docB, next), LOCAL);
            docB = next;
          }
        }
        exchange(a, b);
        const finalA = (await readDocument(a, ctx, { mapId: 'a' }))!;
        const finalB = (await readDocument(b, ctx, { mapId: 'b' }))!;
        expect(shared(finalA.doc)).toEqual(shared(finalB.doc));
        expect(finalA.rejected).toBe(0);
        // No tie survives to a deleted person.
        for (const t of Object.values(finalA.doc.ties)) expect(finalA.doc.stakeholders[t.source] && finalA.doc.stakeholders[t.target]).toBeTruthy();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
