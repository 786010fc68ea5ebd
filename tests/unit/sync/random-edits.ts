/**
 * Random edits for the convergence properties (ydoc.test.ts, snapshot.test.ts): people p0-p2 of
 * the sample maps renamed, moved, deleted, tied, logged, added, and the tie t0's strength set.
 */
import fc from 'fast-check';
import { createStakeholder } from '../../../src/domain/factories';
import * as ops from '../../../src/domain/operations';
import type { MapDocument } from '../../../src/domain/types';

const ids = ['p0', 'p1', 'p2'];

export const EDITS = [
  fc.record({ op: fc.constant('name' as const), id: fc.constantFrom(...ids), value: fc.string({ maxLength: 8 }) }),
  fc.record({ op: fc.constant('title' as const), id: fc.constantFrom(...ids), value: fc.string({ maxLength: 8 }) }),
  fc.record({ op: fc.constant('move' as const), id: fc.constantFrom(...ids), value: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ op: fc.constant('delete' as const), id: fc.constantFrom(...ids) }),
  fc.record({ op: fc.constant('tie' as const), id: fc.constantFrom(...ids), to: fc.constantFrom(...ids) }),
  fc.record({ op: fc.constant('strength' as const), value: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ op: fc.constant('log' as const), id: fc.constantFrom(...ids), value: fc.string({ maxLength: 5 }) }),
  fc.record({ op: fc.constant('add' as const), value: fc.string({ maxLength: 5 }) }),
];

type Edit = (typeof EDITS)[number] extends fc.Arbitrary<infer E> ? E : never;

/** Applies one edit (edit number `n` made on `side`, for fresh ids); other ops (sync, snapshot) change nothing. */
export function applyEdit(doc: MapDocument, e: Edit | { op: string }, n: number, side: string): MapDocument {
  const edit = e as Edit;
  switch (edit.op) {
    case 'name':
    case 'title':
      return doc.stakeholders[edit.id] ? ops.updateStakeholder(doc, edit.id, { [edit.op]: edit.value }) : doc;
    case 'move':
      return doc.stakeholders[edit.id] ? ops.moveStakeholders(doc, { [edit.id]: { x: edit.value, y: -edit.value } }) : doc;
    case 'delete':
      return ops.removeElements(doc, [edit.id]);
    case 'tie': {
      const r = ops.connect(doc, edit.id, edit.to, 'trust', { id: `t-${side}-${n}` });
      return r.ok ? r.doc : doc;
    }
    case 'strength': {
      // The tie between Priya and Tom, which the other side may be deleting Priya under.
      const r = doc.ties.t0 ? ops.updateTie(doc, 't0', { strength: edit.value }) : null;
      return r?.ok ? r.doc : doc;
    }
    case 'log': {
      const s = doc.stakeholders[edit.id];
      return s ? ops.updateStakeholder(doc, edit.id, { interactions: [...s.interactions, { id: `i-${side}-${n}`, date: '2026-02-03', kind: 'meeting', note: edit.value }] }) : doc;
    }
    case 'add':
      return ops.addStakeholder(doc, createStakeholder({ id: `p-${side}-${n}`, name: edit.value }));
    default:
      return doc;
  }
}
