/**
 * The close journal's records: what the screen holds that storage does not yet, with the stored
 * version each edit started from, so a replay merges field by field (as a save does) instead of
 * writing over what another tab saved meanwhile.
 */
import { diffDocuments, isEmptyChangeSet, mergeRecord } from './diff';
import { isObject, restoreDocument, type RestoreResult } from './restore';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie } from './types';

export interface JournalRecord<T> {
  id: Id;
  /** The screen's record; null when it was deleted on screen. */
  ours: T | null;
  /** The record as last stored; null when it is new. */
  base: T | null;
}

export interface JournalRecords {
  map: { ours: MapMeta; base: MapMeta } | null;
  stakeholders: JournalRecord<Stakeholder>[];
  ties: JournalRecord<Tie>[];
}

/** The edits on `screen` that `stored` does not have yet; null when there are none. */
export function pendingRecords(stored: MapDocument, screen: MapDocument): JournalRecords | null {
  const changes = diffDocuments(stored, screen);
  if (isEmptyChangeSet(changes)) return null;
  const entry = <T>(table: Record<Id, T>, id: Id, ours: T | null): JournalRecord<T> => ({ id, ours, base: Object.hasOwn(table, id) ? table[id] : null });
  return {
    map: changes.map ? { ours: changes.map, base: stored.map } : null,
    stakeholders: [
      ...changes.upsertStakeholders.map((s) => entry(stored.stakeholders, s.id, s)),
      ...changes.deleteStakeholders.map((id) => entry<Stakeholder>(stored.stakeholders, id, null)),
    ],
    ties: [...changes.upsertTies.map((t) => entry(stored.ties, t.id, t)), ...changes.deleteTies.map((id) => entry<Tie>(stored.ties, id, null))],
  };
}

function replayTable(stored: Record<Id, unknown>, entries: unknown): { records: Map<Id, unknown>; replayed: number } {
  const records = new Map<Id, unknown>(Object.entries(stored));
  let replayed = 0;
  if (!Array.isArray(entries)) return { records, replayed };
  for (const e of entries) {
    if (!isObject(e) || typeof e.id !== 'string') continue;
    const theirs = records.get(e.id);
    const base = isObject(e.base) ? e.base : null;
    if (e.ours === null) {
      if (records.delete(e.id)) replayed++;
      continue;
    }
    if (!isObject(e.ours)) continue;
    // Deleted elsewhere after this edit started: deletion wins, as in a save.
    if (theirs === undefined && base) continue;
    records.set(e.id, isObject(theirs) && base ? mergeRecord(base, e.ours, theirs) : e.ours);
    replayed++;
  }
  return { records, replayed };
}

/**
 * Applies journaled edits over the stored document, merging each record with what is stored
 * now, and sends the result through restoreDocument like anything else that enters the app.
 */
export function replayJournal(stored: MapDocument, raw: unknown): RestoreResult & { replayed: number } {
  const journal = isObject(raw) ? raw : {};
  const people = replayTable(stored.stakeholders, journal.stakeholders);
  const ties = replayTable(stored.ties, journal.ties);
  let map: unknown = stored.map;
  let replayed = people.replayed + ties.replayed;
  const m = journal.map;
  if (isObject(m) && isObject(m.ours) && isObject(m.base)) {
    map = { ...mergeRecord(m.base, m.ours, stored.map as unknown as Record<string, unknown>), id: stored.map.id };
    replayed++;
  }
  const result = restoreDocument({ map, stakeholders: [...people.records.values()], ties: [...ties.records.values()] }, { source: 'journal', mapId: stored.map.id });
  return { ...result, replayed };
}
