/**
 * What changed between two versions of a document. Edits share untouched records, so a changed
 * record is one whose reference differs: this is O(records) pointer comparisons, no deep equality.
 */
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

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Three-way merge of one record edited in two places: each field takes our value where we changed
 * it since `base`, else theirs. Two tabs editing different fields of one person both keep their edit.
 */
export function mergeRecord<T extends object>(base: T, ours: T, theirs: T): T {
  const merged = { ...theirs };
  for (const key of Object.keys(ours) as (keyof T)[]) {
    if (!sameValue(ours[key], base[key])) merged[key] = ours[key];
  }
  return merged;
}
