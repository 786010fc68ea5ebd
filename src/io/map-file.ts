/**
 * The project's own JSON file: one map with every field, and a backup of all maps.
 *
 *   { "type": "influence-map", "version": 1, "exportedAt": ISO-8601,
 *     "map": MapMeta, "stakeholders": Stakeholder[], "ties": Tie[] }
 *   { "type": "influence-map-backup", "version": 1, "exportedAt": ISO-8601, "maps": [file, ...] }
 *
 * Reading goes parse -> migrate the file -> `restoreDocument` (domain/restore.ts, the one path every
 * document takes into the app: per-record migrations, limits, schemas, consistency), which names
 * every record it dropped or fixed. Reading never throws.
 */
import { newId } from '../domain/ids';
import { isObject, restoreDocument, type RestoreSource } from '../domain/restore';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { initials } from '../domain/describe';
import { migrateFile, MAP_FILE_VERSION } from './migrations';
import { isSealedMapEntry, readSealedMapFile, SEALED_MAP_TYPE, type SealedMapFile } from './sealed-map-file';
import type { RawFile } from './migrations';
import { plural, quote } from './text';
import { emptyRecord, recordOf } from '../domain/records';
import { copyWithNewIds } from '../domain/copy';

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
  /** Says in the file itself what a reader without the app needs to know (locked maps are sealed). */
  note?: string;
  /** Maps in clear, and locked maps still sealed (see sealed-map-file.ts). */
  maps: (MapFile | SealedMapFile)[];
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

export function exportBackupJson(docs: MapDocument[], now: Date = new Date(), sealed: SealedMapFile[] = []): string {
  const backup: BackupFile = { type: BACKUP_FILE_TYPE, version: BACKUP_VERSION, exportedAt: now.toISOString(), maps: [...docs.map((d) => toMapFile(d, now)), ...sealed] };
  if (sealed.length) {
    backup.note = `${plural(sealed.length, 'locked map')} ${sealed.length === 1 ? 'is' : 'are'} in this file still encrypted ("${SEALED_MAP_TYPE}"): restored, ${sealed.length === 1 ? 'it opens' : 'each opens'} only with ${sealed.length === 1 ? 'its' : 'its own'} passphrase.`;
  }
  return JSON.stringify(backup, null, 2);
}

/** Reads a parsed map file (any supported version) through the one restore path. */
export function readMapFile(value: unknown, source: RestoreSource = 'file'): ReadResult {
  if (!isObject(value)) return { ok: false, error: 'This is not an Influence Map file: it does not hold a map object.' };
  if (value.type === BACKUP_FILE_TYPE) return { ok: false, error: 'This is a backup of several maps, not a single map. Use "Restore backup".' };
  if (value.type !== MAP_FILE_TYPE) return { ok: false, error: `This JSON file is not an Influence Map file (its "type" is ${typeof value.type === 'string' ? quote(value.type) : 'missing'}).` };
  const migrated = migrateFile(value as RawFile);
  if (!migrated.ok) return migrated;
  const file = migrated.file;
  const restored = restoreDocument({ map: file.map, stakeholders: file.stakeholders, ties: file.ties }, { source });
  if (!restored.ok) return { ok: false, error: restored.error.replace(/^The "/, 'The file\'s "') };
  return { ok: true, doc: restored.doc, problems: restored.problems };
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

/** `sealed`: locked maps, still encrypted; restored as locked maps (Repository.restoreSealed). */
export type BackupReadResult = { ok: true; maps: BackupMap[]; sealed: SealedMapFile[]; problems: string[] } | { ok: false; error: string };

/** Reads a backup: every map that can be read is returned; the rest are named in `problems`. */
export function readBackupFile(value: unknown): BackupReadResult {
  if (!isObject(value) || value.type !== BACKUP_FILE_TYPE) return { ok: false, error: 'This is not an Influence Map backup file.' };
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) return { ok: false, error: 'The backup has no format version, so it cannot be read safely.' };
  if (value.version > BACKUP_VERSION) {
    return { ok: false, error: `The backup was made by a newer version of Influence Map (backup version ${value.version}); this app reads up to version ${BACKUP_VERSION}.` };
  }
  if (!Array.isArray(value.maps)) return { ok: false, error: 'The backup has no list of maps.' };
  const maps: BackupMap[] = [];
  const sealed: SealedMapFile[] = [];
  const problems: string[] = [];
  value.maps.forEach((raw, i) => {
    if (isSealedMapEntry(raw)) {
      const read = readSealedMapFile(raw);
      if (read.ok) sealed.push(read.file);
      else problems.push(`Locked map ${i + 1} could not be read: ${read.error} Skipped.`);
      return;
    }
    const name = isObject(raw) && isObject(raw.map) && typeof raw.map.name === 'string' ? ` (${quote(raw.map.name)})` : '';
    const result = readMapFile(raw, 'backup');
    if (!result.ok) problems.push(`Map ${i + 1}${name} could not be read: ${result.error} Skipped.`);
    else {
      maps.push({ doc: result.doc, problems: result.problems });
      if (result.problems.length) problems.push(`Map ${i + 1}${name}: ${plural(result.problems.length, 'problem')} (${result.problems[0]}${result.problems.length > 1 ? ' …' : ''})`);
    }
  });
  if (maps.length === 0 && sealed.length === 0) return { ok: false, error: value.maps.length ? `None of the ${plural(value.maps.length, 'map')} in the backup could be read. ${problems[0] ?? ''}`.trim() : 'The backup holds no maps.' };
  return { ok: true, maps, sealed, problems };
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
  const copied = copyWithNewIds(Object.values(doc.stakeholders), Object.values(doc.ties));
  const ids = copied.ids;
  const stakeholders = recordOf(copied.stakeholders, (s) => s.id);
  const ties = recordOf(copied.ties, (t) => t.id);
  return { map: { ...map, meId: map.meId ? (ids.get(map.meId) ?? null) : null }, stakeholders, ties };
}

/**
 * What a redacted export may carry: initials instead of names, and only what the redacted image
 * shows (title, department, level, influence, interest, stance, position, ties), and the target
 * stance, which is a stance like the current one. Notes, e-mail, the contact fields (other
 * e-mails, phone, company, LinkedIn URL), tags, the contact log, follow-up dates, the dated stance
 * history (it says when the user assessed whom, like the contact log), tie notes and "Me" are removed, and every id is fresh
 * (ids written by other tools can be names).
 */
export function redactDocument(doc: MapDocument): MapDocument {
  const fresh = asNewMap(doc, { reIdRecords: true, now: doc.map.updatedAt });
  const stakeholders: Record<Id, Stakeholder> = emptyRecord();
  for (const s of Object.values(fresh.stakeholders)) {
    const kept: Stakeholder = { ...s, name: initials(s.name), notes: '', email: '', tags: [], interactions: [], cadenceDays: null, nextFollowUp: null };
    // Contact fields are removed, not just emptied, so a redacted file does not even say which people had them.
    delete kept.otherEmails;
    delete kept.phone;
    delete kept.company;
    delete kept.linkedinUrl;
    delete kept.stanceHistory;
    stakeholders[s.id] = kept;
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
