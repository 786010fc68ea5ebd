/**
 * The one way to copy people and ties under fresh ids: pasting and duplicating on the canvas
 * (`pasteClip`), and making a map into a new one (`asNewMap` with `reIdRecords`: Duplicate map,
 * Restore as new map, redacted exports).
 *
 * Every copied person gets a new id, as does every entry of their contact log; a tie is copied
 * only when both its people are, and points at their copies. Tags and the contact log are fresh
 * arrays, so editing a copy never changes the original. Pure apart from `newId`.
 */
import { newId } from './ids';
import type { Id, Stakeholder, Tie } from './types';

export interface CopiedRecords {
  stakeholders: Stakeholder[];
  ties: Tie[];
  /** Each original person's id to their copy's id, in the order they were copied. */
  ids: Map<Id, Id>;
}

/**
 * Copies `people` and the `ties` among them with fresh ids. `adjust` may change each copy (a new
 * name, a shifted position); it gets the copy (already with its new id) and the original.
 */
export function copyWithNewIds(
  people: Iterable<Stakeholder>,
  ties: Iterable<Tie>,
  adjust?: (copy: Stakeholder, original: Stakeholder) => Stakeholder,
): CopiedRecords {
  const ids = new Map<Id, Id>();
  const stakeholders: Stakeholder[] = [];
  for (const s of people) {
    const id = newId();
    ids.set(s.id, id);
    const copy: Stakeholder = { ...s, id, tags: [...s.tags], interactions: s.interactions.map((i) => ({ ...i, id: newId() })) };
    stakeholders.push(adjust ? adjust(copy, s) : copy);
  }
  const copiedTies: Tie[] = [];
  for (const t of ties) {
    const source = ids.get(t.source);
    const target = ids.get(t.target);
    if (source && target) copiedTies.push({ ...t, id: newId(), source, target });
  }
  return { stakeholders, ties: copiedTies, ids };
}
