/**
 * A shared map as a Yjs document. One Y.Doc per shared map:
 *
 *   meta          Y.Map  field -> sealed value          (name, createdAt, settings)
 *   stakeholders  Y.Map  id -> Y.Map field -> sealed   (interactions: Y.Map entryId -> sealed)
 *   ties          Y.Map  id -> Y.Map field -> sealed
 *
 * Records map onto Y.Maps of fields, so two people editing different fields of one person both
 * keep their edit (the same field-by-field merge as the two-tab merge). Fields that must change
 * together are one value: a card's position `pos` {x, y}, a tie's `ends` {source, target}, the
 * map's `settings`. The contact log is a nested map keyed by entry id, so two people logging at
 * once both keep theirs. Every value is sealed (seal.ts) with room, table, record and field as
 * additional data: the server sees ids, field names, sizes and timing, never a name or a note.
 *
 * Not synced: the map's local id (each device has its own), `meId` ("Me" is whoever looks at the
 * map) and `updatedAt` (set by the local repository on save).
 *
 * Reading goes through restoreDocument with source 'peer': peers are untrusted, so a value that
 * fails to open (tampered, moved, another key) is left out and reported, and whatever opens is
 * validated and repaired like any file.
 */
import * as Y from 'yjs';
import { diffDocuments } from '../domain/diff';
import { hasEntry } from '../domain/records';
import { restoreDocument, type RestoreFix } from '../domain/restore';
import type { Id, Interaction, MapDocument, MapMeta, Stakeholder, Tie } from '../domain/types';
import { openValues, sealValue, type SealError, type ValuePlace } from './seal';

export type SharedTable = 'meta' | 'stakeholders' | 'ties';
export const META_ID = 'map';

const PERSON_FIELDS = ['name', 'title', 'department', 'seniority', 'influence', 'interest', 'stance', 'targetStance', 'stanceHistory', 'tags', 'notes', 'email', 'pos', 'cadenceDays', 'nextFollowUp'] as const;
const TIE_FIELDS = ['ends', 'kind', 'strength', 'mutual', 'note'] as const;
const META_FIELDS = ['name', 'createdAt', 'settings'] as const;
const INTERACTIONS = 'interactions';

export interface SealContext {
  room: string;
  key: CryptoKey;
}

export function roots(ydoc: Y.Doc): Record<SharedTable, Y.Map<unknown>> {
  return { meta: ydoc.getMap('meta'), stakeholders: ydoc.getMap('stakeholders'), ties: ydoc.getMap('ties') };
}

// ---- Records <-> fields -------------------------------------------------------------------

type Fields = Map<string, unknown>;

function personFields(s: Stakeholder): Fields {
  const f: Fields = new Map();
  // Optional fields travel as null when absent (a sealed value must be JSON); restore drops the null.
  for (const name of PERSON_FIELDS) f.set(name, name === 'pos' ? { x: s.x, y: s.y } : (s[name] ?? null));
  return f;
}

function tieFields(t: Tie): Fields {
  const f: Fields = new Map();
  for (const name of TIE_FIELDS) f.set(name, name === 'ends' ? { source: t.source, target: t.target } : t[name]);
  return f;
}

function metaFields(m: MapMeta): Fields {
  return new Map(META_FIELDS.map((name) => [name, m[name]]));
}

const interactionValue = (i: Interaction) => ({ date: i.date, kind: i.kind, note: i.note });

function same(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

/** A raw person (for restoreDocument) from opened field values. */
function rawPerson(id: Id, fields: Fields, interactions: Interaction[] | null): Record<string, unknown> {
  const raw: Record<string, unknown> = { id };
  for (const [name, value] of fields) {
    if (name === 'pos') {
      const pos = value as { x?: unknown; y?: unknown } | null;
      raw.x = pos?.x;
      raw.y = pos?.y;
    } else if ((PERSON_FIELDS as readonly string[]).includes(name)) raw[name] = value;
  }
  if (interactions) raw.interactions = interactions;
  return raw;
}

function rawTie(id: Id, fields: Fields): Record<string, unknown> {
  const raw: Record<string, unknown> = { id };
  for (const [name, value] of fields) {
    if (name === 'ends') {
      const ends = value as { source?: unknown; target?: unknown } | null;
      raw.source = ends?.source;
      raw.target = ends?.target;
    } else if ((TIE_FIELDS as readonly string[]).includes(name)) raw[name] = value;
  }
  return raw;
}

// ---- Writing: a document change as one transaction -------------------------------------------

export interface FieldWrite {
  table: SharedTable;
  id: Id;
  field: string;
  value: unknown;
  /** Set for one contact-log entry (field is then `interactions`); value null deletes it. */
  entry?: Id;
}

export interface WritePlan {
  writes: FieldWrite[];
  deletes: { table: 'stakeholders' | 'ties'; id: Id }[];
}

function planRecord(table: SharedTable, id: Id, before: Fields | null, after: Fields, writes: FieldWrite[]): void {
  for (const [field, value] of after) if (!before || !same(before.get(field), value)) writes.push({ table, id, field, value });
}

function planInteractions(id: Id, before: Interaction[], after: Interaction[], writes: FieldWrite[]): void {
  const old = new Map(before.map((i) => [i.id, i]));
  for (const i of after) {
    const was = old.get(i.id);
    if (!was || !same(interactionValue(was), interactionValue(i))) writes.push({ table: 'stakeholders', id, field: INTERACTIONS, entry: i.id, value: interactionValue(i) });
    old.delete(i.id);
  }
  for (const gone of old.keys()) writes.push({ table: 'stakeholders', id, field: INTERACTIONS, entry: gone, value: null });
}

/**
 * Field by field, what turns `prev` into `next` (prev null: everything). Records are compared by
 * reference first (edits share untouched records), then by field value.
 */
export function planChanges(prev: MapDocument | null, next: MapDocument): WritePlan {
  const writes: FieldWrite[] = [];
  const deletes: WritePlan['deletes'] = [];
  if (!prev) {
    planRecord('meta', META_ID, null, metaFields(next.map), writes);
    for (const s of Object.values(next.stakeholders)) {
      planRecord('stakeholders', s.id, null, personFields(s), writes);
      planInteractions(s.id, [], s.interactions, writes);
    }
    for (const t of Object.values(next.ties)) planRecord('ties', t.id, null, tieFields(t), writes);
    return { writes, deletes };
  }
  const changes = diffDocuments(prev, next);
  if (changes.map) planRecord('meta', META_ID, metaFields(prev.map), metaFields(next.map), writes);
  for (const s of changes.upsertStakeholders) {
    const was = hasEntry(prev.stakeholders, s.id) ? prev.stakeholders[s.id] : null;
    planRecord('stakeholders', s.id, was ? personFields(was) : null, personFields(s), writes);
    planInteractions(s.id, was?.interactions ?? [], s.interactions, writes);
  }
  for (const t of changes.upsertTies) {
    const was = hasEntry(prev.ties, t.id) ? prev.ties[t.id] : null;
    planRecord('ties', t.id, was ? tieFields(was) : null, tieFields(t), writes);
  }
  for (const id of changes.deleteStakeholders) deletes.push({ table: 'stakeholders', id });
  for (const id of changes.deleteTies) deletes.push({ table: 'ties', id });
  return { writes, deletes };
}

export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.writes.length === 0 && plan.deletes.length === 0;
}

/** The name a value goes by in its record: the field, or `interactions/<entry>` for a contact-log entry. */
export const fieldKey = (field: string, entry?: Id): string => (entry === undefined ? field : `${field}/${entry}`);

const placeOf = (room: string, w: { table: SharedTable; id: Id; field: string; entry?: Id }): ValuePlace => ({
  room,
  table: w.table,
  record: w.id,
  field: fieldKey(w.field, w.entry),
});

function recordMap(parent: Y.Map<unknown>, table: SharedTable, id: Id): Y.Map<unknown> {
  const existing = parent.get(id);
  if (existing instanceof Y.Map) return existing;
  const created = new Y.Map<unknown>();
  // A person's contact log is made with the person (by the one member who adds them), never
  // later: two members each making it for a first entry at once would each set a new Y.Map
  // under the same key, and Yjs keeps one of them, losing the other's entry
  // (`npm run bench:team -- --long` lost 2 of 9,294 edits that way).
  if (table === 'stakeholders') created.set(INTERACTIONS, new Y.Map<unknown>());
  parent.set(id, created);
  return created;
}

/**
 * Seals every value first (Web Crypto is asynchronous), then applies the plan in one Yjs
 * transaction with `origin`, so the whole edit reaches peers together.
 */
export async function applyPlan(ydoc: Y.Doc, ctx: SealContext, plan: WritePlan, origin: unknown): Promise<void> {
  if (isEmptyPlan(plan)) return;
  const sealed = await Promise.all(plan.writes.map((w) => (w.entry !== undefined && w.value === null ? null : sealValue(ctx.key, placeOf(ctx.room, w), w.value))));
  const r = roots(ydoc);
  ydoc.transact(() => {
    plan.writes.forEach((w, i) => {
      if (w.table === 'meta') {
        r.meta.set(w.field, sealed[i]);
        return;
      }
      const record = recordMap(r[w.table], w.table, w.id);
      if (w.entry === undefined) record.set(w.field, sealed[i]);
      else {
        const log = record.get(INTERACTIONS) instanceof Y.Map ? (record.get(INTERACTIONS) as Y.Map<unknown>) : null;
        if (sealed[i] === null) log?.delete(w.entry);
        else {
          const target = log ?? new Y.Map<unknown>();
          if (!log) record.set(INTERACTIONS, target);
          target.set(w.entry, sealed[i]);
        }
      }
    });
    for (const d of plan.deletes) r[d.table].delete(d.id);
  }, origin);
}

// ---- Reading: sealed fields back into a document ------------------------------------------

export interface OpenReport {
  /** Values that failed to open (tampered, moved, another key): left out. */
  rejected: number;
  /** One line per rejected value, for the user and the log. */
  lines: string[];
}

const rejectLine = (error: SealError) => `${error.place.table} ${error.place.record} ${error.place.field}: ${error.message}`;

/** A record's opened values, filled in as its batch opens. */
interface RecordValues {
  table: SharedTable;
  id: Id;
  fields: Fields;
  interactions: Interaction[] | null;
}

/** Where an opened value goes: a field of a record, or one of its contact-log entries. */
interface Slot {
  record: RecordValues;
  field: string;
  entry?: Id;
}

/**
 * Values already opened elsewhere (a whole-map snapshot, sync/snapshot.ts): the value the Yjs
 * item at a place holds, or NOT_KNOWN when it must be opened on its own.
 */
export interface KnownValues {
  get(table: SharedTable, record: Id, field: string, item: Y.Item): unknown;
}

export const NOT_KNOWN = Symbol('not known');

/** How many known values are opened anyway and compared, to catch a snapshot that disagrees with the values. */
const SPOT_CHECKS = 32;

/** One batch being gathered: what to open, where it goes, and the known values to check. */
class Batch {
  readonly items: { place: ValuePlace; sealed: unknown }[] = [];
  readonly slots: Slot[] = [];
  /** Known values taken, and a random sample of them (reservoir) to open and compare. */
  taken = 0;
  readonly checks: { place: ValuePlace; sealed: unknown; value: unknown }[] = [];

  constructor(
    readonly ctx: SealContext,
    readonly known: KnownValues | undefined,
  ) {}

  /** Queues every sealed value of one record (or fills it from the known values). */
  collect(record: RecordValues, source: Y.Map<unknown>): void {
    const { table } = record;
    source.forEach((value, field) => {
      if (field === INTERACTIONS && table === 'stakeholders') {
        if (!(value instanceof Y.Map)) return;
        record.interactions = [];
        value.forEach((sealed, entry) => this.add({ record, field, entry }, sealed, value._map.get(entry)));
        return;
      }
      this.add({ record, field }, value, source._map.get(field));
    });
  }

  private add(slot: Slot, sealed: unknown, item: Y.Item | undefined): void {
    const { table, id } = slot.record;
    const place = placeOf(this.ctx.room, { table, id, field: slot.field, entry: slot.entry });
    const value = this.known && item ? this.known.get(table, id, place.field, item) : NOT_KNOWN;
    if (value === NOT_KNOWN) {
      this.items.push({ place, sealed });
      this.slots.push(slot);
      return;
    }
    fill(slot, value);
    this.taken++;
    if (this.checks.length < SPOT_CHECKS) this.checks.push({ place, sealed, value });
    else {
      const i = Math.floor(Math.random() * this.taken);
      if (i < SPOT_CHECKS) this.checks[i] = { place, sealed, value };
    }
  }
}

function fill({ record, field, entry }: Slot, value: unknown): void {
  if (entry === undefined) record.fields.set(field, value);
  else record.interactions!.push({ ...(value as Omit<Interaction, 'id'>), id: entry });
}

export interface PeerRecords {
  /** The raw meta fields, or null when the Y.Doc has none yet. */
  meta: Record<string, unknown> | null;
  /** Raw records by id; null means deleted in the Y.Doc. */
  stakeholders: Map<Id, Record<string, unknown> | null>;
  ties: Map<Id, Record<string, unknown> | null>;
  report: OpenReport;
  /** With known values: how many were taken, and whether a sample opened on its own disagreed with them. */
  known: { taken: number; disagrees: boolean };
}

const byDateThenId = (a: Interaction, b: Interaction) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Opens the named records (all of them when `which` is omitted) as raw records. Every value of
 * every record goes into one batch (openValues), and the records are built once it is open.
 * Values in `known` are taken from there instead (a random sample is opened anyway and
 * compared: `known.disagrees` says a caller should not trust them).
 */
export async function readRecords(ydoc: Y.Doc, ctx: SealContext, which?: { meta: boolean; stakeholders: Iterable<Id>; ties: Iterable<Id> }, known?: KnownValues): Promise<PeerRecords> {
  const r = roots(ydoc);
  const report: OpenReport = { rejected: 0, lines: [] };
  const out: PeerRecords = { meta: null, stakeholders: new Map(), ties: new Map(), report, known: { taken: 0, disagrees: false } };
  const batch = new Batch(ctx, known);
  const records: RecordValues[] = [];
  let meta: RecordValues | null = null;
  if ((!which || which.meta) && r.meta.size > 0) {
    meta = { table: 'meta', id: META_ID, fields: new Map(), interactions: null };
    batch.collect(meta, r.meta);
  }
  const read = (table: 'stakeholders' | 'ties', ids: Iterable<Id>) => {
    for (const id of ids) {
      const value = r[table].get(id);
      if (!(value instanceof Y.Map)) {
        out[table].set(id, null);
        continue;
      }
      const record: RecordValues = { table, id, fields: new Map(), interactions: null };
      records.push(record);
      batch.collect(record, value);
    }
  };
  read('stakeholders', which ? which.stakeholders : r.stakeholders.keys());
  read('ties', which ? which.ties : r.ties.keys());

  const { items, slots, checks } = batch;
  const opened = await openValues(ctx.key, [...items, ...checks]);
  out.known.taken = batch.taken;
  opened.forEach((result, i) => {
    if (i >= items.length) {
      const check = checks[i - items.length];
      if (!result.ok || JSON.stringify(result.value) !== JSON.stringify(check.value)) out.known.disagrees = true;
      return;
    }
    if (!result.ok) {
      report.rejected++;
      if (report.lines.length < 20) report.lines.push(rejectLine(result.error));
      return;
    }
    fill(slots[i], result.value);
  });
  if (meta) out.meta = Object.fromEntries(meta.fields);
  for (const record of records) {
    // A deterministic order, so every member derives the same record from the same Y.Doc.
    record.interactions?.sort(byDateThenId);
    if (record.table === 'stakeholders') out.stakeholders.set(record.id, rawPerson(record.id, record.fields, record.interactions));
    else out.ties.set(record.id, rawTie(record.id, record.fields));
  }
  return out;
}

export interface PeerDocument {
  doc: MapDocument;
  /** Repairs and values left out, as lines for the user (ties left dangling by a concurrent delete are normal and not listed). */
  problems: string[];
  fixes: RestoreFix[];
  rejected: number;
}

/**
 * The whole Y.Doc as a document, through restoreDocument (source 'peer'). `local` supplies
 * what is not shared: the local map id, "Me" and the last-saved time. Null when the Y.Doc holds
 * no map yet (nothing synced).
 */
export async function readDocument(ydoc: Y.Doc, ctx: SealContext, local: LocalParts): Promise<PeerDocument | null> {
  return documentOf(await readRecords(ydoc, ctx), local);
}

/** What a member keeps to themselves: the local map id, "Me" and the last-saved time. */
export interface LocalParts {
  mapId: Id;
  meId?: Id | null;
  updatedAt?: number;
}

/** Every record read, restored as one document; null when there is no map yet. */
export function documentOf(records: PeerRecords, local: LocalParts): PeerDocument | null {
  if (!records.meta) return null;
  return restorePeer(records.meta, [...records.stakeholders.values()].filter(isRecord), [...records.ties.values()].filter(isRecord), records.report, local);
}

const isRecord = (r: Record<string, unknown> | null): r is Record<string, unknown> => r !== null;

export function restorePeer(
  meta: Record<string, unknown>,
  stakeholders: unknown[],
  ties: unknown[],
  report: OpenReport,
  local: LocalParts,
): PeerDocument {
  const map = { ...meta, id: local.mapId, meId: local.meId ?? null, updatedAt: local.updatedAt ?? meta.createdAt };
  let result = restoreDocument({ map, stakeholders, ties }, { source: 'peer', mapId: local.mapId });
  // Fails only when the record lists are not lists, which callers never pass; kept total anyway.
  if (!result.ok) result = restoreDocument({ map, stakeholders: [], ties: [] }, { source: 'peer', mapId: local.mapId });
  if (!result.ok) throw new Error(result.error);
  const visible = result.fixes.filter((f) => f.kind !== 'dangling-tie' && f.kind !== 'me');
  const problems = visible.map((f) => f.message);
  if (report.rejected) problems.unshift(`${report.rejected} value${report.rejected === 1 ? '' : 's'} from another member could not be opened (tampered with, moved, or sealed with another key) and ${report.rejected === 1 ? 'was' : 'were'} left out.`);
  return { doc: result.doc, problems, fixes: result.fixes, rejected: report.rejected };
}
