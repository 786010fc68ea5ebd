import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../../src/domain/factories';
import type { Id, MapDocument, Stakeholder, Tie, TieKind } from '../../../src/domain/types';

/** A person with a readable, fixed id (the id doubles as the default name). */
export function person(id: Id, fields: Partial<Stakeholder> = {}): Stakeholder {
  return createStakeholder({ id, name: id, ...fields });
}

export function tie(id: Id, source: Id, target: Id, kind: TieKind, fields: Partial<Tie> = {}): Tie {
  return createTie(source, target, kind, { id, ...fields });
}

export function mapOf(people: Stakeholder[], ties: Tie[] = [], meId: Id | null = null): MapDocument {
  const meta = { ...createMapMeta('Test map', 0), id: 'map-1', meId };
  return documentFrom(meta, people, ties);
}
