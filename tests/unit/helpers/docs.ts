/** Small builders for documents with readable ids, shared by the state and storage tests. */
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import type { Id, MapDocument, Stakeholder, Tie, TieKind } from '../../../src/domain/types';

/** A person whose id doubles as their name. */
export function person(id: Id, fields: Partial<Stakeholder> = {}): Stakeholder {
  return createStakeholder({ id, name: id, ...fields });
}

export function tie(id: Id, source: Id, target: Id, kind: TieKind = 'influence', fields: Partial<Tie> = {}): Tie {
  return createTie(source, target, kind, { id, ...fields });
}

/** A map with a fresh id (so tests sharing a database never collide) holding these records. */
export function docOf(people: Stakeholder[], ties: Tie[] = [], name = 'Test map'): MapDocument {
  return documentFrom(createMapMeta(name, 1_000), people, ties);
}

/** Priya influences Tom; Tom reports to Ann; Ann and Priya trust each other. */
export function teamDoc(name = 'Team'): MapDocument {
  return docOf(
    [person('priya', { x: 0, y: 0 }), person('tom', { x: 200, y: 0 }), person('ann', { x: 100, y: 200, seniority: 1 })],
    [tie('t1', 'priya', 'tom', 'influence', { strength: 3 }), tie('t2', 'tom', 'ann', 'reports-to'), tie('t3', 'ann', 'priya', 'trust')],
    name,
  );
}
