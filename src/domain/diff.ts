/**
 * What changed between two versions of a document. Edits share untouched records, so a changed
 * record is one whose reference differs: this is O(records) pointer comparisons, no deep equality.
 */
import { changedKeys } from './records';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie } from './types';

export interface ChangeSet {
  map: MapMeta | null;
  upsertStakeholders: Stakeholder[];
  deleteStakeholders: Id[];
  upsertTies: Tie[];
  deleteTies: Id[];
}

export function emptyChangeSet(): ChangeSet {
  return { map: null, upsertStakeholders: [], deleteStakeholders: [], upsertTies: [], deleteTies: [] };
}

export function isEmptyChangeSet(c: ChangeSet): boolean {
  return !c.map && !c.upsertStakeholders.length && !c.deleteStakeholders.length && !c.upsertTies.length && !c.deleteTies.length;
}

export function changeCount(c: ChangeSet): number {
  return (c.map ? 1 : 0) + c.upsertStakeholders.length + c.deleteStakeholders.length + c.upsertTies.length + c.deleteTies.length;
}

function diffRecords<T>(prev: Record<Id, T>, next: Record<Id, T>, upserts: T[], deletes: Id[]): void {
  if (prev === next) return;
  // Made from prev by a few edits: only their keys can differ (a save after one tie edit on a
  // 250,000-tie map was otherwise two passes over every tie).
  const keys = changedKeys(prev, next);
  if (keys) {
    for (const id of keys) {
      const inNext = Object.hasOwn(next, id);
      if (inNext && (!Object.hasOwn(prev, id) || prev[id] !== next[id])) upserts.push(next[id]);
      else if (!inNext && Object.hasOwn(prev, id)) deletes.push(id);
    }
    return;
  }
  for (const id in next) if (prev[id] !== next[id]) upserts.push(next[id]);
  for (const id in prev) if (!(id in next)) deletes.push(id);
}

export function diffDocuments(prev: MapDocument, next: MapDocument): ChangeSet {
  const changes = emptyChangeSet();
  if (prev.map !== next.map) changes.map = next.map;
  diffRecords(prev.stakeholders, next.stakeholders, changes.upsertStakeholders, changes.deleteStakeholders);
  diffRecords(prev.ties, next.ties, changes.upsertTies, changes.deleteTies);
  return changes;
}

/** The field-by-field merge of one record lives with the document merge (domain/merge.ts). */
export { mergeRecord } from './merge';
