/**
 * The project's own JSON file: one map with every field, and a backup of all maps.
 *
 *   { "type": "influence-map", "version": 1, "exportedAt": ISO-8601,
 *     "map": MapMeta, "stakeholders": Stakeholder[], "ties": Tie[] }
 *   { "type": "influence-map-backup", "version": 1, "exportedAt": ISO-8601, "maps": [file, ...] }
 *
 * Reading goes parse -> migrate -> validate -> restore: each record goes through its zod schema
 * (defaults fill what is missing), a record that cannot be restored is dropped with a problem
 * line naming it, and `repairDocument` makes the rest consistent. Reading never throws.
 */
import { TIE_DIRECTION_RULES } from '../domain/defaults';
import { newId } from '../domain/ids';
import { repairDocument } from '../domain/operations';
import { MapMetaSchema, StakeholderSchema, TieSchema, restore } from '../domain/schemas';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { initials } from '../domain/describe';
import { migrateFile, MAP_FILE_VERSION } from './migrations';
import type { RawFile } from './migrations';
import { MAX_NOTES, MAX_SHORT_TEXT, clampText, plural, quote } from './text';
import { emptyRecord, hasEntry } from '../domain/records';

export const MAP_FILE_TYPE = 'influence-map';
export const BACKUP_FILE_TYPE = 'influence-map-backup';
export const BACKUP_VERSION = 1;

export interface MapFile {
  type: typeof MAP_FILE_TYPE;
  version: number;
  exportedAt: string;
  map: MapDocument['map'];
  stakeholders: Stakeholder[];
  ties: Tie[];
}

export interface BackupFile {
  type: typeof BACKUP_FILE_TYPE;
  version: number;
  exportedAt: string;
  maps: MapFile[];
}

export type ReadResult = { ok: true; doc: MapDocument; problems: string[] } | { ok: false; error: string };

export function toMapFile(doc: MapDocument, now: Date = new Date()): MapFile {
  return {
    type: MAP_FILE_TYPE,
    version: MAP_FILE_VERSION,
    exportedAt: now.toISOString(),
    map: doc.map,
    stakeholders: Object.values(doc.stakeholders),
    ties: Object.values(doc.ties),
  };
}

export function exportMapJson(doc: MapDocument, now?: Date): string {
  return JSON.stringify(toMapFile(doc, now), null, 2);
}

export function exportBackupJson(docs: MapDocument[], now: Date = new Date()): string {
  const backup: BackupFile = { type: BACKUP_FILE_TYPE, version: BACKUP_VERSION, exportedAt: now.toISOString(), maps: docs.map((d) => toMapFile(d, now)) };
  return JSON.stringify(backup, null, 2);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records may come as an array (what we write) or as an id-keyed object (the in-memory shape). */
function recordList(value: unknown): unknown[] | null {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return null;
}

function labelOf(raw: unknown): string {
  if (!isObject(raw)) return '';
  if (typeof raw.name === 'string' && raw.name.trim()) return ` (${quote(raw.name)})`;
  if (typeof raw.id === 'string' && raw.id) return ` (id ${quote(raw.id)})`;
  return '';
}

/** Cuts over-long text fields before validation so they are shortened, not silently emptied. */
function clampRawText(raw: Record<string, unknown>, fields: Record<string, number>, what: string, problems: string[]): Record<string, unknown> {
  let out = raw;
  for (const [field, max] of Object.entries(fields)) {
    const value = raw[field];
    if (typeof value === 'string' && value.length > max) {
      if (out === raw) out = { ...raw };
      out[field] = clampText(value, max, `${what}: the ${field}`, problems);
    }
  }
  return out;
}

const PERSON_TEXT_LIMITS = { name: MAX_SHORT_TEXT, title: MAX_SHORT_TEXT, department: MAX_SHORT_TEXT, email: MAX_SHORT_TEXT, notes: MAX_NOTES };

/** Reads a parsed map file (any supported version). */
export function readMapFile(value: unknown): ReadResult {
  if (!isObject(value)) return { ok: false, error: 'This is not an Influence Map file: it does not hold a map object.' };
  if (value.type === BACKUP_FILE_TYPE) return { ok: false, error: 'This is a backup of several maps, not a single map. Use "Restore backup".' };
  if (value.type !== MAP_FILE_TYPE) return { ok: false, error: `This JSON file is not an Influence Map file (its "type" is ${typeof value.type === 'string' ? quote(value.type) : 'missing'}).` };
  const migrated = migrateFile(value as RawFile);
  if (!migrated.ok) return migrated;
  const file = migrated.file;
  const problems: string[] = [];

  const rawMap: Record<string, unknown> = isObject(file.map) ? { ...file.map } : {};
  if (!isObject(file.map)) problems.push('The file had no map settings; defaults were used.');
  if (typeof rawMap.id !== 'string' || rawMap.id === '') rawMap.id = newId();
  if (typeof rawMap.name === 'string') rawMap.name = clampText(rawMap.name, 500, 'The map name', problems);
  const mapResult = restore(MapMetaSchema, rawMap);
  if (!mapResult.ok) return { ok: false, error: `The map settings could not be read (${mapResult.error}).` };

  const people = recordList(file.stakeholders);
  if (people === null) return { ok: false, error: 'The file\'s "stakeholders" is not a list of people.' };
  const tieList = recordList(file.ties);
  if (tieList === null) return { ok: false, error: 'The file\'s "ties" is not a list of ties.' };

  const stakeholders: Record<Id, Stakeholder> = emptyRecord();
  const firstSeen = new Map<Id, number>();
  people.forEach((raw, i) => {
    const what = `Person ${i + 1}${labelOf(raw)}`;
    const clamped = isObject(raw) ? clampRawText(raw, PERSON_TEXT_LIMITS, what, problems) : raw;
    const result = restore(StakeholderSchema, clamped);
    if (!result.ok) {
      problems.push(`${what} could not be read (${result.error}); skipped.`);
      return;
    }
    const seen = firstSeen.get(result.value.id);
    if (seen !== undefined) {
      problems.push(`${what} has the same id as person ${seen}; skipped.`);
      return;
    }
    firstSeen.set(result.value.id, i + 1);
    stakeholders[result.value.id] = result.value;
  });

  const ties: Record<Id, Tie> = emptyRecord();
  tieList.forEach((raw, i) => {
    const what = `Tie ${i + 1}${isObject(raw) && typeof raw.id === 'string' ? ` (id ${quote(raw.id)})` : ''}`;
    const clamped = isObject(raw) ? clampRawText(raw, { note: MAX_NOTES }, what, problems) : raw;
    const result = restore(TieSchema, clamped);
    if (!result.ok) {
      problems.push(`${what} could not be read (${result.error}); skipped.`);
      return;
    }
    let tie = result.value;
    if (hasEntry(ties, tie.id)) {
      problems.push(`${what} has the same id as an earlier tie; skipped.`);
      return;
    }
    const rule = TIE_DIRECTION_RULES[tie.kind];
    if (rule.fixed && tie.mutual !== rule.defaultMutual) {
      problems.push(`${what}: a ${tie.kind} tie is always ${rule.defaultMutual ? 'mutual' : 'one-way'}; corrected.`);
      tie = { ...tie, mutual: rule.defaultMutual };
    }
    ties[tie.id] = tie;
  });

  const repaired = repairDocument({ map: mapResult.value, stakeholders, ties });
  return { ok: true, doc: repaired.doc, problems: [...problems, ...repaired.repairs] };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `The file is not valid JSON (${message}).` };
  }
}

export function readMapJson(text: string): ReadResult {
  const parsed = parseJson(text);
  return parsed.ok ? readMapFile(parsed.value) : parsed;
}

export interface BackupMap {
  doc: MapDocument;
  problems: string[];
}

export type BackupReadResult = { ok: true; maps: BackupMap[]; problems: string[] } | { ok: false; error: string };

/** Reads a backup: every map that can be read is returned; the rest are named in `problems`. */
export function readBackupFile(value: unknown): BackupReadResult {
  if (!isObject(value) || value.type !== BACKUP_FILE_TYPE) return { ok: false, error: 'This is not an Influence Map backup file.' };
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) return { ok: false, error: 'The backup has no format version, so it cannot be read safely.' };
  if (value.version > BACKUP_VERSION) {
    return { ok: false, error: `The backup was made by a newer version of Influence Map (backup version ${value.version}); this app reads up to version ${BACKUP_VERSION}.` };
  }
  if (!Array.isArray(value.maps)) return { ok: false, error: 'The backup has no list of maps.' };
  const maps: BackupMap[] = [];
  const problems: string[] = [];
  value.maps.forEach((raw, i) => {
    const name = isObject(raw) && isObject(raw.map) && typeof raw.map.name === 'string' ? ` (${quote(raw.map.name)})` : '';
    const result = readMapFile(raw);
    if (!result.ok) problems.push(`Map ${i + 1}${name} could not be read: ${result.error} Skipped.`);
    else {
      maps.push({ doc: result.doc, problems: result.problems });
      if (result.problems.length) problems.push(`Map ${i + 1}${name}: ${plural(result.problems.length, 'problem')} (${result.problems[0]}${result.problems.length > 1 ? ' …' : ''})`);
    }
  });
  if (maps.length === 0) return { ok: false, error: value.maps.length ? `None of the ${plural(value.maps.length, 'map')} in the backup could be read. ${problems[0] ?? ''}`.trim() : 'The backup holds no maps.' };
  return { ok: true, maps, problems };
}

export interface AsNewMapOptions {
  /** Also give every person, tie and interaction a fresh id (references follow). */
  reIdRecords?: boolean;
  name?: string;
  now?: number;
}

/**
 * The document as a new map: a fresh map id and timestamps, so importing never overwrites an
 * existing map. With `reIdRecords`, people, ties and log entries get fresh ids too, consistently.
 */
export function asNewMap(doc: MapDocument, options: AsNewMapOptions = {}): MapDocument {
  const now = options.now ?? Date.now();
  const map = { ...doc.map, id: newId(), createdAt: now, updatedAt: now, name: options.name ?? doc.map.name };
  if (!options.reIdRecords) return { ...doc, map };
  const ids = new Map<Id, Id>();
  const stakeholders: Record<Id, Stakeholder> = emptyRecord();
  for (const s of Object.values(doc.stakeholders)) {
    const id = newId();
    ids.set(s.id, id);
    stakeholders[id] = { ...s, id, tags: [...s.tags], interactions: s.interactions.map((i) => ({ ...i, id: newId() })) };
  }
  const ties: Record<Id, Tie> = emptyRecord();
  for (const t of Object.values(doc.ties)) {
    const source = ids.get(t.source);
    const target = ids.get(t.target);
    if (!source || !target) continue;
    const id = newId();
    ties[id] = { ...t, id, source, target };
  }
  return { map: { ...map, meId: map.meId ? (ids.get(map.meId) ?? null) : null }, stakeholders, ties };
}

/**
 * What a redacted export may carry: initials instead of names, and only what the redacted image
 * shows (title, department, level, influence, interest, stance, position, ties). Notes, e-mail,
 * tags, the contact log, follow-up dates, tie notes and "Me" are removed, and every id is fresh
 * (ids written by other tools can be names).
 */
export function redactDocument(doc: MapDocument): MapDocument {
  const fresh = asNewMap(doc, { reIdRecords: true, now: doc.map.updatedAt });
  const stakeholders: Record<Id, Stakeholder> = emptyRecord();
  for (const s of Object.values(fresh.stakeholders)) {
    stakeholders[s.id] = { ...s, name: initials(s.name), notes: '', email: '', tags: [], interactions: [], cadenceDays: null, nextFollowUp: null };
  }
  const ties: Record<Id, Tie> = emptyRecord();
  for (const t of Object.values(fresh.ties)) ties[t.id] = { ...t, note: '' };
  return { map: { ...fresh.map, meId: null }, stakeholders, ties };
}

/** A file name for the map: its name with characters that file systems dislike replaced. */
export function fileBaseName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return (clean || 'influence-map').slice(0, 80);
}
