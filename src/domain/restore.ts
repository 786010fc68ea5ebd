/**
 * The one way a document enters the app. Whatever it came from (a JSON file, a PNG's embedded
 * map, a backup, a snapshot, IndexedDB, the close journal, later a sync peer), its raw records go
 * through `restoreDocument`: each record is migrated to the current version, over-long text is
 * cut to the limits the editor uses (domain/limits.ts), each record is validated and restored by
 * its schema (defaults fill what is missing), duplicate ids are dropped, tie directions that a
 * kind fixes are corrected, and the whole is made consistent (no tie to a missing person).
 * Every change is reported; nothing is dropped without a line saying what and why.
 */
import { TIE_DIRECTION_RULES } from './defaults';
import { newId } from './ids';
import { formatCount, MAX_TIE_KINDS, STAKEHOLDER_TEXT_FIELDS, TEXT_LIMITS, cutText, type TextLimitKey } from './limits';
import { personNeedsRepair, repairDocument, tieNeedsRepair, type RepairKind } from './operations';
import { currentVersion, isCurrentVersion, MapRecordType, migrateRecord, VERSION_FIELD, StakeholderRecordType, TieRecordType, type RawRecord, type RecordType } from './record-types';
import { emptyRecord, hasEntry, rememberEntries } from './records';
import { runSteps, runStepsWithPauses, type Steps } from './next-task';
import { isBuiltInKind, isKnownKind } from './tie-kinds';
import type { CustomTieKind, Id, MapDocument, MapMeta, Stakeholder, Tie } from './types';

export type RestoreSource = 'file' | 'png' | 'backup' | 'snapshot' | 'indexeddb' | 'journal' | 'peer';

/** What a restore changed, by kind, so callers and tests can tell a cut from a drop. */
export type RestoreFixKind = 'clamped' | 'defaulted' | 'unreadable' | 'duplicate' | 'direction' | 'tie-kind' | RepairKind;

export interface RestoreFix {
  kind: RestoreFixKind;
  message: string;
}

/** The raw parts of a document: records as a list or as an id-keyed object. */
export interface RawDocument {
  map: unknown;
  stakeholders: unknown;
  ties: unknown;
}

export interface RestoreOptions {
  source: RestoreSource;
  /** The map id to use when the map record has none (e.g. its id is the storage key). */
  mapId?: Id;
  /**
   * Lists whose records were made for this restore alone (a stored map's pack opened:
   * storage/packs.ts), each with only its record's own fields, in an order its type's
   * `exactFields` accepts, and without a version when it is at its type's current one. A record
   * that passes as it is is then kept, not copied.
   */
  fresh?: { stakeholders?: boolean; ties?: boolean };
}

export type RestoreResult =
  | { ok: true; doc: MapDocument; fixes: RestoreFix[]; problems: string[]; source: RestoreSource }
  | { ok: false; error: string };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records may come as an array (files, storage) or as an id-keyed object (the in-memory shape). */
export function recordList(value: unknown): unknown[] | null {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return null;
}

/** A short quoted form of user text for report lines. */
function quoted(value: string, max = 40): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`;
}

function labelOf(raw: unknown): string {
  if (!isObject(raw)) return '';
  if (typeof raw.name === 'string' && raw.name.trim()) return ` (${quoted(raw.name)})`;
  if (typeof raw.id === 'string' && raw.id) return ` (id ${quoted(raw.id)})`;
  return '';
}

function cutMessage(what: string, length: number, limit: number): string {
  return `${what} was ${formatCount(length)} characters long; it was cut to ${formatCount(limit)}.`;
}

/**
 * How a record is named in the report ("Person 12 (\"Ann\")"), made only when there is something
 * to report: naming every record up front cost a regular expression per record (300,000 at 50,000
 * people) on every open.
 */
type Label = () => string;

class Report {
  readonly fixes: RestoreFix[] = [];
  add(kind: RestoreFixKind, message: string): void {
    this.fixes.push({ kind, message });
  }

  /** Cuts one over-long string field of `record` (copying it first), reporting the cut. */
  clamp(record: RawRecord, field: string, limit: TextLimitKey, what: Label): RawRecord {
    const value = record[field];
    const max = TEXT_LIMITS[limit];
    if (typeof value !== 'string' || value.length <= max) return record;
    this.add('clamped', cutMessage(`${what()}: the ${field}`, value.length, max));
    return { ...record, [field]: cutText(value, max) };
  }
}

const PERSON_TEXT_FIELDS = Object.entries(STAKEHOLDER_TEXT_FIELDS);

function clampPerson(raw: RawRecord, what: Label, report: Report): RawRecord {
  let out = raw;
  for (const [field, limit] of PERSON_TEXT_FIELDS) out = report.clamp(out, field, limit, what);
  if (Array.isArray(out.tags) && out.tags.some((t) => typeof t === 'string' && t.length > TEXT_LIMITS.tag)) {
    out = { ...out, tags: out.tags.map((t) => {
      if (typeof t !== 'string' || t.length <= TEXT_LIMITS.tag) return t;
      report.add('clamped', cutMessage(`${what()}: the tag ${quoted(t, 20)}`, t.length, TEXT_LIMITS.tag));
      return cutText(t, TEXT_LIMITS.tag);
    }) };
  }
  if (Array.isArray(out.interactions) && out.interactions.some((i) => isObject(i) && typeof i.note === 'string' && i.note.length > TEXT_LIMITS.interactionNote)) {
    out = { ...out, interactions: out.interactions.map((i, n) => (isObject(i) ? report.clamp(i, 'note', 'interactionNote', () => `${what()}: catch-up ${n + 1}`) : i)) };
  }
  return out;
}

function clampMap(raw: RawRecord, report: Report): RawRecord {
  let out = raw;
  if (typeof out.name === 'string' && out.name.length > TEXT_LIMITS.mapName) {
    report.add('clamped', cutMessage('The map name', out.name.length, TEXT_LIMITS.mapName));
    out = { ...out, name: cutText(out.name, TEXT_LIMITS.mapName) };
  }
  const settings = out.settings;
  if (isObject(settings) && Array.isArray(settings.levels)) {
    const levels = settings.levels;
    if (levels.some((l) => typeof l === 'string' && l.length > TEXT_LIMITS.levelName)) {
      const cut = levels.map((l, i) => {
        if (typeof l !== 'string' || l.length <= TEXT_LIMITS.levelName) return l;
        report.add('clamped', cutMessage(`The name of level ${i + 1}`, l.length, TEXT_LIMITS.levelName));
        return cutText(l, TEXT_LIMITS.levelName);
      });
      out = { ...out, settings: { ...settings, levels: cut } };
    }
    if (levels.some((l) => typeof l !== 'string')) report.add('defaulted', 'A seniority level had no name; it was named after its place.');
  }
  return out;
}

/**
 * The record as the schema would return it, when it is current and passes through unchanged
 * (domain/exact-records.ts). `fresh`: see RestoreOptions; such a record without a version is current.
 */
function exactRecord<T>(type: RecordType<T>, raw: RawRecord, fresh = false): T | null {
  if (!type.exact) return null;
  if (fresh && raw[VERSION_FIELD] === undefined) return type.exact(raw, true);
  return isCurrentVersion(type, raw) ? type.exact(raw) : null;
}

/** Migrates, clamps and validates one record; null (reported) when it cannot be used. */
function restoreRecord<T>(type: RecordType<T>, raw: unknown, what: Label, report: Report, clamp: (r: RawRecord) => RawRecord, fresh = false): T | null {
  if (!isObject(raw)) {
    report.add('unreadable', `${what()} could not be read (it is not a record); skipped.`);
    return null;
  }
  // A record the schema would pass through unchanged has nothing to migrate, cut or report.
  const exact = exactRecord(type, raw, fresh);
  if (exact) return exact;
  // A fresh record without a version is at the current one (not the first, as a stored row without one is).
  const migrated = migrateRecord(type, fresh && raw[VERSION_FIELD] === undefined ? { ...raw, [VERSION_FIELD]: currentVersion(type) } : raw);
  if (!migrated.ok) {
    report.add('unreadable', `${what()} could not be read (${migrated.error}); skipped.`);
    return null;
  }
  const parsed = type.schema.safeParse(clamp(migrated.record));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  report.add('unreadable', `${what()} could not be read (${where}: ${issue?.message ?? 'invalid'}); skipped.`);
  return null;
}

/**
 * Restores a document from raw records. Never throws; fails only when the records are not lists
 * at all. `problems` is the report as lines for the user (the same text as `fixes`).
 */
export function restoreDocument(raw: RawDocument, options: RestoreOptions): RestoreResult {
  return runSteps(restoreSteps(raw, options, Infinity));
}

/** Records restored between two pauses of restoreDocumentInChunks. */
export const RESTORE_CHUNK = 2000;

/**
 * restoreDocument, pausing (`pause`, e.g. a yield to the event loop) after every `chunk` records,
 * so that opening a stored map of tens of thousands of people never holds the page in one task.
 * The same result as restoreDocument.
 */
export async function restoreDocumentInChunks(raw: RawDocument, options: RestoreOptions, pause: () => Promise<void>, chunk = RESTORE_CHUNK): Promise<RestoreResult> {
  // Never stopped, so never null.
  return (await runStepsWithPauses(restoreSteps(raw, options, chunk), pause))!;
}

/** The work of restoreDocument, yielding after every `chunk` records. */
function* restoreSteps(raw: RawDocument, options: RestoreOptions, chunk: number): Steps<RestoreResult> {
  const report = new Report();
  const stored = options.source === 'indexeddb' || options.source === 'journal';

  let rawMap: RawRecord;
  if (isObject(raw.map)) rawMap = { ...raw.map };
  else {
    report.add('defaulted', stored ? "The map's own record could not be read; default settings were used." : 'The file had no map settings; defaults were used.');
    rawMap = {};
  }
  if (typeof rawMap.id !== 'string' || rawMap.id === '') rawMap.id = options.mapId ?? newId();
  const migratedMap = migrateRecord(MapRecordType, rawMap);
  if (!migratedMap.ok) return { ok: false, error: `The map settings could not be read (${migratedMap.error}).` };
  const mapParsed = MapRecordType.schema.safeParse(clampMap(migratedMap.record, report));
  let map: MapMeta;
  if (mapParsed.success) map = mapParsed.data;
  else {
    report.add('defaulted', "The map's own record was damaged; default settings were used.");
    map = MapRecordType.schema.parse({ id: rawMap.id, name: 'Recovered map' });
  }
  // Settings the schema replaced as a whole (e.g. "levels" not a list) are worth a line too.
  if (isObject(rawMap.settings) && !Array.isArray(rawMap.settings.levels) && rawMap.settings.levels !== undefined) {
    report.add('defaulted', 'The map\'s seniority levels could not be read; the default levels were used.');
  }

  const people = recordList(raw.stakeholders);
  if (people === null) return { ok: false, error: 'The "stakeholders" is not a list of people.' };
  const tieList = recordList(raw.ties);
  if (tieList === null) return { ok: false, error: 'The "ties" is not a list of ties.' };

  // Ids are user data (imported files can use any text): the records are prototype-free
  // (domain/records.ts), so an id such as "__proto__" is an ordinary key. Built as records
  // directly: a Map of 250,000 ties then copied into a record was a second pass at every open.
  const stakeholders = emptyRecord<Stakeholder>();
  const personList: Stakeholder[] = [];
  const firstSeen = new Map<Id, number>();
  // Whether repairDocument has anything to do is seen here, record by record, instead of in a
  // second pass over every record (a for-in over 250,000 ties at 50,000 people).
  const maxLevel = map.settings.levels.length - 1;
  let checked = true;
  for (let i = 0; i < people.length; i++) {
    if (i > 0 && i % chunk === 0) yield;
    const rawPerson = people[i];
    const what = () => `Person ${i + 1}${labelOf(rawPerson)}`;
    const person = restoreRecord(StakeholderRecordType, rawPerson, what, report, (r) => clampPerson(r, what, report), options.fresh?.stakeholders);
    if (!person) continue;
    const seen = firstSeen.get(person.id);
    if (seen !== undefined) {
      report.add('duplicate', `${what()} has the same id as person ${seen}; skipped.`);
      continue;
    }
    firstSeen.set(person.id, i + 1);
    stakeholders[person.id] = person;
    personList.push(person);
    if (personNeedsRepair(person, maxLevel)) checked = false;
  }
  // A small map opens in one go (no pause): only a map past one chunk is worth giving way for.
  if (people.length >= chunk) yield;

  const ties = emptyRecord<Tie>();
  const tieValues: Tie[] = [];
  // Ties of kinds the map does not define, counted by kind in the order the kinds first appear.
  const unknownKinds = new Map<string, number>();
  const kindKnown = new Map<string, boolean>();
  for (let i = 0; i < tieList.length; i++) {
    if (i > 0 && i % chunk === 0) yield;
    const rawTie = tieList[i];
    const what = () => `Tie ${i + 1}${isObject(rawTie) && typeof rawTie.id === 'string' ? ` (id ${quoted(rawTie.id)})` : ''}`;
    let tie = restoreRecord(TieRecordType, rawTie, what, report, (r) => report.clamp(r, 'note', 'tieNote', what), options.fresh?.ties);
    if (!tie) continue;
    if (hasEntry(ties, tie.id)) {
      report.add('duplicate', `${what()} has the same id as an earlier tie; skipped.`);
      continue;
    }
    const rule = isBuiltInKind(tie.kind) ? TIE_DIRECTION_RULES[tie.kind] : null;
    if (rule && rule.fixed && tie.mutual !== rule.defaultMutual) {
      report.add('direction', `${what()}: a ${tie.kind} tie is always ${rule.defaultMutual ? 'mutual' : 'one-way'}; corrected.`);
      tie = { ...tie, mutual: rule.defaultMutual };
    }
    ties[tie.id] = tie;
    tieValues.push(tie);
    let known = kindKnown.get(tie.kind);
    if (known === undefined) kindKnown.set(tie.kind, (known = isKnownKind(map.settings, tie.kind)));
    if (!known) unknownKinds.set(tie.kind, (unknownKinds.get(tie.kind) ?? 0) + 1);
    if (checked && tieNeedsRepair(tie, stakeholders)) checked = false;
  }
  if (tieList.length >= chunk) yield;

  map = keepUnknownKinds(map, ties, unknownKinds, report);
  rememberEntries(stakeholders, personList);
  rememberEntries(ties, tieValues);

  const repaired = repairDocument({ map, stakeholders, ties }, checked);
  repaired.repairs.forEach((message, i) => report.add(repaired.kinds[i], message));
  return { ok: true, doc: repaired.doc, fixes: report.fixes, problems: report.fixes.map((f) => f.message), source: options.source };
}


/** The kind that ties of unknown kinds join once the map has MAX_TIE_KINDS kinds of its own. */
export const UNKNOWN_KIND_ID = 'unknown-kind';

/**
 * Ties whose kind the map does not define (its kind was deleted elsewhere, or a file names a kind
 * of its own) are kept, not dropped: each such kind becomes a kind of the map's own, shown only
 * (drawn, never counted in the analysis), named after what the file called it, and reported.
 */
function keepUnknownKinds(map: MapMeta, ties: Record<Id, Tie>, counts: ReadonlyMap<string, number>, report: Report): MapMeta {
  if (!counts.size) return map;
  const kinds: CustomTieKind[] = [...(map.settings.tieKinds ?? [])];
  const placeholder = (id: string): CustomTieKind => ({ id, name: cutText(id, TEXT_LIMITS.tieKindName), colour: 'slate', line: 'solid', mutual: false, meaning: 'shown' });
  const moved = new Map<string, string>();
  for (const [kind, n] of counts) {
    const what = n === 1 ? '1 tie has' : `${formatCount(n)} ties have`;
    if (kinds.length < MAX_TIE_KINDS) {
      kinds.push(placeholder(kind));
      report.add('tie-kind', `${what} the kind ${quoted(kind)}, which this map does not define; kept as a kind of the map's own, shown only (not counted in the analysis).`);
    } else {
      if (!kinds.some((k) => k.id === UNKNOWN_KIND_ID)) kinds.push({ ...placeholder(UNKNOWN_KIND_ID), name: 'Unknown kind' });
      moved.set(kind, UNKNOWN_KIND_ID);
      report.add('tie-kind', `${what} the kind ${quoted(kind)}, which this map does not define; kept under "Unknown kind", shown only (the map already has ${MAX_TIE_KINDS} kinds of its own).`);
    }
  }
  if (moved.size) {
    for (const id in ties) {
      const to = moved.get(ties[id].kind);
      if (to) ties[id] = { ...ties[id], kind: to };
    }
  }
  return { ...map, settings: { ...map.settings, tieKinds: kinds } };
}

/**
 * One record on its own (another tab's change, a record read to merge a save): migrated and
 * restored like a whole document's records; null when it cannot be used.
 */
export function restoreRecordValue<T>(type: RecordType<T>, raw: unknown): T | null {
  if (!isObject(raw)) return null;
  const exact = exactRecord(type, raw);
  if (exact) return exact;
  const migrated = migrateRecord(type, raw);
  if (!migrated.ok) return null;
  const parsed = type.schema.safeParse(migrated.record);
  return parsed.success ? parsed.data : null;
}
