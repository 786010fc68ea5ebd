/**
 * The one merge of two versions of a document that grew apart from a common one: another tab's
 * saved change over this tab's unsaved edits (autosave), another tab's change carried into every
 * step of this tab's undo history (the store), and, later, a peer's change in a team map.
 *
 * `mergeDocuments(base, local, remote)` is a three-way, field-by-field merge:
 *
 * - A record only one side changed takes that side's version (the same object, so "what changed"
 *   stays a pointer comparison afterwards, `domain/diff.ts`).
 * - A record both sides changed is merged field by field (`mergeRecord`): a field local changed
 *   keeps local's value, every other field takes remote's. Two people editing different fields
 *   of one person both keep their edit; the same field changed to different values on both sides
 *   is a conflict, local's value is kept and the conflict is reported.
 * - Deletion wins: a record deleted on either side stays deleted, even if the other side edited
 *   it (reported as `deletedEdited`). This is also what the repository does when it saves.
 * - A record added on one side is kept; added on both sides under the same id, remote's is kept.
 * - Afterwards the document is made whole: ties whose person at either end is gone are dropped
 *   (`dropDanglingTies`), and "Me" is cleared if Me's person is gone.
 *
 * Pure: no clock, no ids, and it never changes its arguments. Records stay prototype-free
 * (`domain/records.ts`). When remote changed nothing relative to base, `local` itself is returned.
 */
import { copyRecord, hasEntry } from './records';
import type { Id, MapDocument, MapMeta, Tie } from './types';

export type MergeTable = 'map' | 'stakeholders' | 'ties';

export interface FieldConflict {
  table: MergeTable;
  id: Id;
  field: string;
}

export interface DeletedEdited {
  table: Exclude<MergeTable, 'map'>;
  id: Id;
  /** Which side deleted it (the other side had edited it). */
  deletedBy: 'local' | 'remote';
}

export interface MergeReport {
  /** Fields both sides changed to different values; local's value was kept. */
  conflicts: FieldConflict[];
  /** Records one side deleted while the other edited them; they stay deleted. */
  deletedEdited: DeletedEdited[];
  /** Ties dropped because a person at one of their ends is gone. */
  droppedTies: Id[];
  /** True when "Me" was cleared because Me's person is gone. */
  meCleared: boolean;
}

export interface MergeResult {
  doc: MapDocument;
  report: MergeReport;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Three-way merge of one record edited in two places: each field takes `ours` where we changed it
 * since `base`, else `theirs`. Two tabs editing different fields of one person both keep their edit.
 */
export function mergeRecord<T extends object>(base: T, ours: T, theirs: T): T {
  return mergeFields(base, ours, theirs).value;
}

/** `mergeRecord`, also naming the fields both sides changed to different values. */
export function mergeFields<T extends object>(base: T, ours: T, theirs: T): { value: T; conflicts: string[] } {
  const value = { ...theirs };
  const conflicts: string[] = [];
  for (const key of Object.keys(ours) as (keyof T)[]) {
    if (sameValue(ours[key], base[key])) continue;
    if (!sameValue(theirs[key], base[key]) && !sameValue(theirs[key], ours[key])) conflicts.push(String(key));
    value[key] = ours[key];
  }
  return { value, conflicts };
}

function emptyReport(): MergeReport {
  return { conflicts: [], deletedEdited: [], droppedTies: [], meCleared: false };
}

function mergeTable<T extends object>(
  table: 'stakeholders' | 'ties',
  base: Readonly<Record<Id, T>>,
  local: Readonly<Record<Id, T>>,
  remote: Readonly<Record<Id, T>>,
  report: MergeReport,
): Record<Id, T> {
  if (remote === base) return local as Record<Id, T>;
  let out: Record<Id, T> | null = null;
  const put = (id: Id, value: T | undefined) => {
    const has = hasEntry(out ?? local, id);
    if (value === undefined ? !has : has && (out ?? local)[id] === value) return;
    out ??= copyRecord(local);
    if (value === undefined) delete out[id];
    else out[id] = value;
  };
  // Changed or added on remote.
  for (const id of Object.keys(remote)) {
    const theirs = remote[id];
    const inBase = hasEntry(base, id);
    if (inBase && base[id] === theirs) continue;
    const inLocal = hasEntry(local, id);
    if (!inBase) {
      put(id, theirs);
      continue;
    }
    const was = base[id];
    if (!inLocal) {
      report.deletedEdited.push({ table, id, deletedBy: 'local' });
      continue;
    }
    const ours = local[id];
    if (ours === was) put(id, theirs);
    else {
      const merged = mergeFields(was, ours, theirs);
      for (const field of merged.conflicts) report.conflicts.push({ table, id, field });
      put(id, merged.value);
    }
  }
  // Deleted on remote.
  for (const id of Object.keys(base)) {
    if (hasEntry(remote, id) || !hasEntry(local, id)) continue;
    if (local[id] !== base[id]) report.deletedEdited.push({ table, id, deletedBy: 'remote' });
    put(id, undefined);
  }
  return out ?? (local as Record<Id, T>);
}

/** The document without ties whose person at either end is missing (the same object if none). */
export function dropDanglingTies(doc: MapDocument): { doc: MapDocument; dropped: Tie[] } {
  let ties: Record<Id, Tie> | null = null;
  const dropped: Tie[] = [];
  for (const id of Object.keys(doc.ties)) {
    const t = doc.ties[id];
    if (hasEntry(doc.stakeholders, t.source) && hasEntry(doc.stakeholders, t.target)) continue;
    ties ??= copyRecord(doc.ties);
    delete ties[id];
    dropped.push(t);
  }
  return { doc: ties ? { ...doc, ties } : doc, dropped };
}

/** Three-way merge of `local` and `remote`, both grown from `base` (see the top of this file). */
export function mergeDocuments(base: MapDocument, local: MapDocument, remote: MapDocument): MergeResult {
  const report = emptyReport();
  if (remote === base) return { doc: local, report };
  let map: MapMeta = local.map;
  if (remote.map !== base.map) {
    if (local.map === base.map) map = remote.map;
    else {
      const merged = mergeFields(base.map, local.map, remote.map);
      for (const field of merged.conflicts) report.conflicts.push({ table: 'map', id: base.map.id, field });
      map = merged.value;
    }
  }
  const stakeholders = mergeTable('stakeholders', base.stakeholders, local.stakeholders, remote.stakeholders, report);
  const ties = mergeTable('ties', base.ties, local.ties, remote.ties, report);
  let doc: MapDocument = map === local.map && stakeholders === local.stakeholders && ties === local.ties ? local : { map, stakeholders, ties };
  const repaired = dropDanglingTies(doc);
  doc = repaired.doc;
  for (const t of repaired.dropped) report.droppedTies.push(t.id);
  if (doc.map.meId && !hasEntry(doc.stakeholders, doc.map.meId)) {
    doc = { ...doc, map: { ...doc.map, meId: null } };
    report.meCleared = true;
  }
  return { doc, report };
}

/** True when the merge met nothing the user might want to hear about. */
export function isQuietMerge(report: MergeReport): boolean {
  return !report.conflicts.length && !report.deletedEdited.length && !report.droppedTies.length && !report.meCleared;
}
