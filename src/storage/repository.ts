/**
 * Loading and saving maps. Every multi-record write is one transaction; every record read back
 * is validated and restored, and a record that cannot be restored is skipped and reported.
 */
import type { ChangeSet } from '../domain/diff';
import { mergeRecord } from '../domain/diff';
import { MapRecordType, stampVersion, type RecordType } from '../domain/record-types';
import { Dexie } from 'dexie';
import { RESTORE_CHUNK, restoreDocumentInChunks, restoreRecordValue } from '../domain/restore';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie } from '../domain/types';
import { defaultSettings } from '../domain/defaults';
import { asNewMap } from '../io/map-file';
import { fromBase64, SEALED_MAP_TYPE, SEALED_MAP_VERSION, toBase64, type SealedMapFile, type SealedText } from '../io/sealed-map-file';
import { newId } from '../domain/ids';
import { hasEntry } from '../domain/records';
import { createLock, seal, unlock, unseal, type LockInfo, type Sealed } from './crypto';
import { InfluenceDb, type MapRecord, type SnapshotRecord } from './db';
import { RECORD_TABLES, STAKEHOLDER_TABLE, TIE_TABLE, type RecordTable, type StoredRecord } from './record-tables';
import { isCurrentPack, packRows, packStamp, unpackRows, worthPacking, type PackRecord, type UnpackedRows } from './packs';
import { nextTask } from '../domain/next-task';

/** What a snapshot stores of its content: in the clear, or sealed (file and name) for a locked map. */
export type SealableSnapshot = Pick<SnapshotRecord, 'file' | 'name' | 'sealedName'>;

export interface MapSummary {
  id: Id;
  name: string;
  createdAt: number;
  updatedAt: number;
  people: number;
  ties: number;
  /** Locked with a passphrase (encrypted at rest). */
  locked?: boolean;
}

/** Revisions known to a tab, by record key ("m:id", "s:id", "t:id"). */
export type Revisions = Map<string, number>;
export const revKey = {
  map: (id: Id) => `m:${id}`,
  stakeholder: STAKEHOLDER_TABLE.revKey,
  tie: TIE_TABLE.revKey,
};

/** The revisions of a map just written by `createMap` (every record at revision 1). */
export function initialRevisions(doc: MapDocument): Revisions {
  const revs: Revisions = new Map();
  revs.set(revKey.map(doc.map.id), 1);
  for (const table of RECORD_TABLES) for (const id in table.inDoc(doc)) revs.set(table.revKey(id), 1);
  return revs;
}

/**
 * initialRevisions a chunk of records at a time, with a turn for the page between chunks: for a
 * just-imported 50,000-person, 250,000-tie map it took 1.7 s in one task.
 */
export async function initialRevisionsInChunks(doc: MapDocument): Promise<Revisions> {
  const revs: Revisions = new Map();
  revs.set(revKey.map(doc.map.id), 1);
  let done = 0;
  for (const table of RECORD_TABLES) {
    for (const id in table.inDoc(doc)) {
      revs.set(table.revKey(id), 1);
      if (++done % RESTORE_CHUNK === 0) await nextTask();
    }
  }
  return revs;
}

export interface LoadedMap {
  doc: MapDocument;
  revs: Revisions;
  problems: string[];
}

/** A map read to be shown: its revisions are worked out when asked for (loadMapToShow). */
export interface MapToShow {
  doc: MapDocument;
  revisions: () => Promise<Revisions>;
  problems: string[];
}

/** The record as this tab last saw it in the database: the base for three-way merges. */
export interface SaveBase {
  doc: MapDocument;
  revs: Revisions;
}

export interface SaveResult {
  /** Records put or deleted. */
  written: number;
  revs: Revisions;
  /** Records that another tab had changed: what is now stored (merged), to adopt on screen. */
  adopted: { map: MapMeta | null; stakeholders: Stakeholder[]; ties: Tie[] };
  /** Records another tab deleted while this tab edited them: they stay deleted. */
  goneStakeholders: Id[];
  goneTies: Id[];
}

/** The map's own record is gone: deleted in another tab, or storage was cleared. */
export class MapMissingError extends Error {
  constructor(readonly mapId: Id) {
    super('This map is no longer in the browser\'s storage.');
    this.name = 'MapMissingError';
  }
}

function strip<T extends { mapId?: Id; rev?: number }>(record: T): Omit<T, 'mapId' | 'rev'> {
  const { mapId: _m, rev: _r, ...rest } = record;
  return rest;
}

export function restoreMapRecord(raw: unknown, id?: Id): { value?: MapMeta; error?: string } {
  // The id is the record's key: a locked map restored from a backup under a new id still has
  // its old id inside its sealed meta.
  const value = restoreRecordValue(MapRecordType, id !== undefined && raw && typeof raw === 'object' ? { ...raw, id } : raw);
  return value ? { value } : { error: 'the map record could not be read' };
}

/**
 * The map was deleted on purpose (confirmed by the user, maybe in another tab): it is not written
 * again from a screen that still shows it. Storage cleared by the browser leaves no such mark.
 */
export class MapDeletedError extends Error {
  constructor(readonly mapId: Id) {
    super('This map was deleted.');
    this.name = 'MapDeletedError';
  }
}

/** The key a tab holds for a locked map, with the lock it belongs to (salt and check value). */
interface HeldLock {
  key: CryptoKey;
  lock: LockInfo;
}

/** The mark a deliberate deletion leaves in the settings table. */
const deletedKey = (id: Id) => `deleted:${id}`;

/** The map is locked with a passphrase and this tab does not hold its key. */
export class MapLockedError extends Error {
  constructor(readonly mapId: Id) {
    super('This map is locked with a passphrase.');
    this.name = 'MapLockedError';
  }
}

/** What a codec decodes: a stored row, or a map record's seal. */
type Sealable = { id: Id; mapId?: Id; rev?: number; sealed?: Sealed };

type TableName = RecordTable<{ id: Id }>['name'];
/** One list per record table. */
type PerTable<V> = Record<TableName, V>;
const perTable = <V>(make: () => V): PerTable<V> => ({ stakeholders: make(), ties: make() });

/**
 * How one map's records look at rest: as they are, or sealed (encrypted) when the map is locked.
 * Both directions are async so encryption never runs inside an IndexedDB transaction.
 */
interface Codec {
  decode(raw: Sealable): Promise<unknown>;
  encode<T extends { id: Id }>(type: RecordType<T>, mapId: Id, rev: number, value: T): Promise<StoredRecord>;
  encodeMap(meta: MapMeta, rev: number, stored: Pick<MapRecord, 'lock'>): Promise<MapRecord>;
  /** Seals something that is not a record (a snapshot's file); null when the map is not locked. */
  sealPayload(value: object): Promise<Sealed | null>;
  /**
   * A map's rows for restore, what cannot be decoded reported in `problems`. Rows in the clear go
   * as they are read: restore keeps only the schema's fields, so their mapId and rev fall away.
   */
  decodeRows(rows: PerTable<StoredRecord[]>, problems: string[]): Promise<PerTable<unknown[]>>;
}

/** Rows decoded (decrypted) one by one, in chunks so the page stays responsive. */
async function decodeOneByOne(decode: Codec['decode'], rows: PerTable<StoredRecord[]>, problems: string[]): Promise<PerTable<unknown[]>> {
  const decoded = perTable<unknown[]>(() => []);
  for (const table of RECORD_TABLES) {
    for (const record of rows[table.name]) {
      if (decoded[table.name].length % RESTORE_CHUNK === RESTORE_CHUNK - 1) await nextTask();
      try {
        decoded[table.name].push(await decode(record));
      } catch {
        problems.push(`Skipped a ${table.what} record that could not be decrypted (${record.id || 'no id'}).`);
      }
    }
  }
  return decoded;
}

const plainCodec: Codec = {
  decode: async (raw) => strip(raw),
  decodeRows: async (rows) => rows,
  encode: async (type, mapId, rev, value) => ({ ...stampVersion(type, value), mapId, rev }),
  encodeMap: async (meta, rev) => ({ ...stampVersion(MapRecordType, meta), rev }),
  sealPayload: async () => null,
};

function sealedCodec(key: CryptoKey): Codec {
  const decode: Codec['decode'] = async (raw) => (raw.sealed ? unseal(key, raw.sealed) : strip(raw));
  return {
    decode,
    decodeRows: (rows, problems) => decodeOneByOne(decode, rows, problems),
    // The record version is sealed with the record: migrations run after decryption.
    encode: async (type, mapId, rev, value) => ({ id: value.id, mapId, rev, sealed: await seal(key, stampVersion(type, value)) }),
    // Only what listing maps needs stays in the clear; the name and settings are sealed.
    encodeMap: async (meta, rev, stored) => ({
      id: meta.id,
      name: LOCKED_NAME,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      settings: defaultSettings(),
      meId: null,
      rev,
      lock: stored.lock,
      sealed: await seal(key, stampVersion(MapRecordType, meta)),
    }),
    sealPayload: (value) => seal(key, value),
  };
}

export const LOCKED_NAME = 'Locked map';

interface SavePlan {
  result: SaveResult;
  /** Revisions the commit must still find, or the plan is stale and is made again. */
  expect: { map: number; records: PerTable<Map<Id, number>>; endpoints: Id[] };
  mapRecord: MapRecord | null;
  puts: PerTable<StoredRecord[]>;
}

const key2 = (mapId: Id, id: Id) => [mapId, id] as [Id, Id];

const sameSalt = (a: LockInfo, b: LockInfo) => a.salt.length === b.salt.length && a.salt.every((byte, i) => byte === b.salt[i]);

function withFreshRecordIds(doc: MapDocument): MapDocument {
  const fresh = asNewMap(doc, { reIdRecords: true, now: doc.map.updatedAt });
  return { ...fresh, map: { ...fresh.map, id: doc.map.id, createdAt: doc.map.createdAt } };
}

/** Records per bulkAdd when a new map is written with progress reports. */
const CREATE_CHUNK = 5000;

export class Repository {
  readonly db: InfluenceDb;
  /**
   * Locked maps this tab holds the key of. The lock travels with the map id: whatever writes that
   * map (a save, a snapshot, writing it again after storage was cleared, a copy) seals it.
   */
  private readonly keys = new Map<Id, HeldLock>();
  /** The packs table (storage/packs.ts); null for a database declared before schema version 4 (migration tests). */
  private readonly packs: InfluenceDb['packs'] | null;

  constructor(db: InfluenceDb = new InfluenceDb()) {
    this.db = db;
    this.packs = db.tables.some((t) => t.name === 'packs') ? db.packs : null;
  }

  // ---- Locks -------------------------------------------------------------------------------

  async lockInfo(mapId: Id): Promise<LockInfo | null> {
    return (await this.db.maps.get(mapId))?.lock ?? null;
  }

  isUnlocked(mapId: Id): boolean {
    return this.keys.has(mapId);
  }

  /** Unlocks a map for this tab; a wrong passphrase throws WrongPassphraseError and changes nothing. */
  async unlockMap(mapId: Id, passphrase: string): Promise<void> {
    const lock = await this.lockInfo(mapId);
    if (!lock) return;
    this.keys.set(mapId, { key: await unlock(passphrase, lock), lock });
  }

  /** Forgets the key: the map needs the passphrase again. */
  forgetKey(mapId: Id): void {
    this.keys.delete(mapId);
  }

  /**
   * Encrypts every record of a map (and its snapshots) under a new passphrase, in one transaction.
   * The key is derived first (the slow part); the map is then read, sealed and written in one
   * go that only commits if no other tab saved in between, otherwise it is read again, so an edit
   * another tab has shown as saved is never overwritten by the lock.
   */
  async lockMap(mapId: Id, passphrase: string): Promise<void> {
    const { lock, key } = await createLock(passphrase);
    // Ids stay readable (they are the keys), and ids from imported files can be names: give
    // every person and tie a fresh random id first.
    await this.rewriteAllFresh(mapId, (doc) => withFreshRecordIds(doc), { lock }, sealedCodec(key));
    this.keys.set(mapId, { key, lock });
  }

  /**
   * Gives every person, tie and log entry of a plain map a fresh random id, in place (before the
   * map is shared: ids stay readable to the sync server, and ids from imported files can be names).
   */
  async renewRecordIds(mapId: Id): Promise<void> {
    if (await this.lockInfo(mapId)) throw new MapLockedError(mapId);
    await this.rewriteAllFresh(mapId, (doc) => withFreshRecordIds(doc), { lock: undefined }, plainCodec);
  }

  /** Stores the map in the clear again (the user must have unlocked it). */
  async removeLock(mapId: Id): Promise<void> {
    await this.rewriteAllFresh(mapId, (doc) => doc, { lock: undefined }, plainCodec);
    this.keys.delete(mapId);
  }

  private async rewriteAllFresh(mapId: Id, prepare: (doc: MapDocument) => MapDocument, lock: { lock: LockInfo | undefined }, codec: Codec): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const loaded = await this.loadMap(mapId);
      const raw = await this.db.maps.get(mapId);
      if (!loaded || !raw) throw new MapMissingError(mapId);
      const { lock: _lock, sealed: _sealed, ...clear } = raw;
      const rawMap: MapRecord = lock.lock ? { ...clear, lock: lock.lock } : clear;
      if (await this.rewriteAll(prepare(loaded.doc), rawMap, codec, { rev: raw.rev ?? 0, updatedAt: raw.updatedAt, revs: loaded.revs })) return;
    }
    throw new Error('Another tab kept saving this map; try again in a moment.');
  }

  /**
   * Replaces every record of a map. With `expect`, only if the map is still as it was read
   * (same revision and last-saved time, no record changed or gone); returns false otherwise.
   */
  private async rewriteAll(doc: MapDocument, rawMap: MapRecord, codec: Codec, expect?: { rev: number; updatedAt: number; revs: Revisions }): Promise<boolean> {
    const mapId = doc.map.id;
    const mapRecord = await codec.encodeMap(doc.map, (rawMap.rev ?? 0) + 1, rawMap);
    const rows = await this.encodeRecords(doc, codec);
    const snapshots = await this.db.snapshots.where('mapId').equals(mapId).toArray();
    const resealed = await Promise.all(
      snapshots.map(async (snap) => {
        const { sealedName: _old, ...rest } = snap;
        return { ...rest, ...(await this.encodeSnapshotWith(codec, await this.decodeSnapshotFile(snap.file), await this.decodeSnapshotName(snap))) };
      }),
    );
    return this.db.transaction('rw', [this.db.maps, this.db.snapshots, ...this.recordTables()], async () => {
      if (expect) {
        const now = await this.db.maps.get(mapId);
        if (!now || (now.rev ?? 0) !== expect.rev || now.updatedAt !== expect.updatedAt) return false;
        const stored = await this.readAll(mapId);
        let known = 0;
        for (const table of RECORD_TABLES) {
          for (const r of stored[table.name]) {
            const rev = expect.revs.get(table.revKey(r.id));
            if (rev === undefined) continue;
            if (rev !== (r.rev ?? 0)) return false;
            known++;
          }
        }
        // A record read before and deleted since.
        if (known !== expect.revs.size - 1) return false;
      }
      await this.replaceRecords(mapId, mapRecord, rows);
      await this.db.snapshots.bulkPut(resealed);
      return true;
    });
  }

  /**
   * The record tables, for a transaction's scope, and the packs (storage/packs.ts): every
   * transaction that writes rows can then delete the map's pack in the same transaction.
   */
  private recordTables() {
    const tables = RECORD_TABLES.map((table) => table.rows(this.db));
    return this.packs ? [...tables, this.packs] : tables;
  }

  /** Every row of one map, per record table (inside the caller's transaction, if any). */
  /**
   * Every row of a map, per table, read page by page (inside the caller's transaction): each page
   * becomes objects in a task of its own, so a map of tens of thousands of people never holds the
   * page in one long task.
   */
  private async readAll(mapId: Id): Promise<PerTable<StoredRecord[]>> {
    const rows = perTable<StoredRecord[]>(() => []);
    for (const table of RECORD_TABLES) {
      const out = rows[table.name];
      let after: Id | null = null;
      for (;;) {
        const lower: [Id, unknown] = after === null ? [mapId, Dexie.minKey] : [mapId, after];
        const page: StoredRecord[] = await table.rows(this.db).where('[mapId+id]').between(lower, [mapId, Dexie.maxKey], after === null, true).limit(RESTORE_CHUNK).toArray();
        for (const row of page) out.push(row);
        if (page.length < RESTORE_CHUNK) break;
        after = page[page.length - 1].id;
      }
    }
    return rows;
  }

  /** Some rows of one table by record id, in the order asked (undefined where there is none). */
  private readSome(mapId: Id, table: RecordTable<{ id: Id }>, ids: Id[]): Promise<(StoredRecord | undefined)[]> {
    return table.rows(this.db).bulkGet(ids.map((id) => key2(mapId, id)));
  }

  /** Every record of a document encoded at revision 1, per table. */
  private async encodeRecords(doc: MapDocument, codec: Codec): Promise<PerTable<StoredRecord[]>> {
    const encodeTable = <T extends { id: Id }>(table: RecordTable<T>) => Promise.all(Object.values(table.inDoc(doc)).map((record) => codec.encode(table.type, doc.map.id, 1, record)));
    return { stakeholders: await encodeTable(STAKEHOLDER_TABLE), ties: await encodeTable(TIE_TABLE) };
  }

  /** Replaces a map's record and all its rows (inside the caller's transaction). */
  private async replaceRecords(mapId: Id, mapRecord: MapRecord, rows: PerTable<StoredRecord[]>): Promise<void> {
    await this.packs?.delete(mapId);
    for (const table of RECORD_TABLES) await table.rows(this.db).where('mapId').equals(mapId).delete();
    await this.db.maps.put(mapRecord);
    for (const table of RECORD_TABLES) await table.rows(this.db).bulkPut(rows[table.name]);
  }

  private codecFor(raw: MapRecord): Codec {
    if (!raw.lock) return plainCodec;
    const held = this.keys.get(raw.id);
    // A key for an earlier lock (removed and locked again in another tab) must not write here.
    if (held && sameSalt(held.lock, raw.lock)) return sealedCodec(held.key);
    throw new MapLockedError(raw.id);
  }

  /**
   * A snapshot's file and name as stored: sealed when the map is locked. A map this tab holds the
   * key of is sealed even when its record is gone (storage cleared under it).
   */
  async encodeSnapshot(mapId: Id, file: unknown, name: string | null): Promise<SealableSnapshot> {
    const raw = await this.db.maps.get(mapId);
    const held = this.keys.get(mapId);
    return this.encodeSnapshotWith(raw ? this.codecFor(raw) : held ? sealedCodec(held.key) : plainCodec, file, name);
  }

  private async encodeSnapshotWith(codec: Codec, file: unknown, name: string | null): Promise<SealableSnapshot> {
    const sealedFile = await codec.sealPayload({ id: 'snapshot', file });
    if (!sealedFile) return { file, name };
    const sealedName = name === null ? null : await codec.sealPayload({ id: 'snapshot-name', name });
    return { file: { sealed: sealedFile }, name: null, ...(sealedName ? { sealedName } : {}) };
  }

  private async unsealAny<T>(sealed: Sealed): Promise<T> {
    for (const { key } of this.keys.values()) {
      try {
        return await unseal<T>(key, sealed);
      } catch {
        // Not this map's key.
      }
    }
    throw new Error('This snapshot belongs to a locked map; unlock the map first.');
  }

  async decodeSnapshotFile(file: unknown): Promise<unknown> {
    const sealed = (file as { sealed?: Sealed } | null)?.sealed;
    return sealed ? (await this.unsealAny<{ file: unknown }>(sealed)).file : file;
  }

  /** A snapshot's name: sealed names are read with the key this tab holds. */
  async decodeSnapshotName(snap: Pick<SnapshotRecord, 'name' | 'sealedName'>): Promise<string | null> {
    return snap.sealedName ? (await this.unsealAny<{ name: string }>(snap.sealedName)).name : snap.name;
  }

  // ---- Locked maps in backups ------------------------------------------------------------------

  /** A locked map exactly as stored (still sealed), for a backup file: no key is needed. */
  async exportSealed(mapId: Id): Promise<SealedMapFile> {
    const raw = await this.db.transaction('r', [this.db.maps, ...this.recordTables()], async () => ({
      map: await this.db.maps.get(mapId),
      rows: await this.readAll(mapId),
    }));
    if (!raw.map) throw new MapMissingError(mapId);
    if (!raw.map.lock || !raw.map.sealed) throw new Error('This map is not locked.');
    const text = (sealed: Sealed): SealedText => ({ iv: toBase64(sealed.iv), data: toBase64(sealed.data) });
    const records = (table: RecordTable<{ id: Id }>) =>
      raw.rows[table.name].map((r) => {
        if (!r.sealed) throw new Error(`A ${table.what} of this locked map is not sealed; open the map with its passphrase and back it up again.`);
        return { id: r.id, ...text(r.sealed) };
      });
    return {
      type: SEALED_MAP_TYPE,
      version: SEALED_MAP_VERSION,
      createdAt: raw.map.createdAt,
      updatedAt: raw.map.updatedAt,
      people: raw.rows.stakeholders.length,
      ties: raw.rows.ties.length,
      lock: { salt: toBase64(raw.map.lock.salt), iterations: raw.map.lock.iterations, check: text(raw.map.lock.check) },
      map: text(raw.map.sealed),
      stakeholders: records(STAKEHOLDER_TABLE),
      tieRecords: records(TIE_TABLE),
    };
  }

  /** Stores a locked map from a backup as a new map, still locked: it opens with its passphrase. */
  async restoreSealed(file: SealedMapFile, mapId: Id = newId()): Promise<Id> {
    const sealed = (t: SealedText): Sealed => ({ iv: fromBase64(t.iv), data: fromBase64(t.data).buffer });
    const lock: LockInfo = { salt: fromBase64(file.lock.salt), iterations: file.lock.iterations, check: sealed(file.lock.check) };
    const map: MapRecord = { id: mapId, name: LOCKED_NAME, createdAt: file.createdAt, updatedAt: file.updatedAt, settings: defaultSettings(), meId: null, rev: 1, lock, sealed: sealed(file.map) };
    await this.db.transaction('rw', [this.db.maps, ...this.recordTables()], async () => {
      if (await this.db.maps.get(mapId)) throw new Error(`A map with id ${mapId} already exists.`);
      await this.db.maps.add(map);
      for (const table of RECORD_TABLES) await table.rows(this.db).bulkAdd(file[table.sealedKey].map((r) => ({ id: r.id, mapId, rev: 1, sealed: sealed(r) })));
    });
    return mapId;
  }

  // ---- Reading -----------------------------------------------------------------------------

  /**
   * The stored maps' ids, most recently changed first, without the counts and names `listMaps`
   * works out: choosing the map to open at start needs no more (counting a 50,000-person map's
   * 300,000 rows took ~0.1 s before its open could begin).
   */
  async mapIdsNewestFirst(): Promise<Id[]> {
    return (await this.readableMaps()).map(({ meta }) => meta.id);
  }

  /** Every stored map whose record can be read, with it restored, most recently changed first. */
  private async readableMaps(): Promise<{ raw: MapRecord; meta: MapMeta }[]> {
    const maps: { raw: MapRecord; meta: MapMeta }[] = [];
    for (const raw of await this.db.maps.toArray()) {
      const meta = restoreMapRecord(raw).value;
      if (meta) maps.push({ raw, meta });
    }
    return maps.sort((a, b) => b.meta.updatedAt - a.meta.updatedAt);
  }

  async listMaps(): Promise<MapSummary[]> {
    return Promise.all(
      (await this.readableMaps()).map(async ({ raw, meta: m }) => {
        const [people, ties] = await Promise.all([STAKEHOLDER_TABLE, TIE_TABLE].map((table) => table.rows(this.db).where('mapId').equals(m.id).count()));
        let name = m.name;
        const key = this.keys.get(m.id)?.key;
        if (raw.lock && raw.sealed && key) name = (await unseal<MapMeta>(key, raw.sealed).catch(() => m)).name;
        const summary: MapSummary = { id: m.id, name, createdAt: m.createdAt, updatedAt: m.updatedAt, people, ties, locked: !!raw.lock };
        return summary;
      }),
    );
  }

  async loadMap(id: Id): Promise<LoadedMap | null> {
    const shown = await this.loadMapToShow(id);
    return shown && { doc: shown.doc, revs: await shown.revisions(), problems: shown.problems };
  }

  /**
   * loadMap for opening a map: the document as soon as it is restored, and its revisions (a pass
   * over every stored row: 0.1 s at 50,000 people) only when asked for, a chunk at a time, so
   * they can be worked out after the map is drawn.
   */
  async loadMapToShow(id: Id): Promise<MapToShow | null> {
    const raw = await this.readForOpen(id);
    if (!raw) return null;
    const codec = this.codecFor(raw.map);
    const problems: string[] = [];
    // Decrypt first: record migrations and restore run on the plain records, locked or not.
    const decoded = await codec.decodeRows(raw.rows, problems);
    let decodedMap: unknown = raw.map;
    if (raw.map.lock && raw.map.sealed) {
      decodedMap = await codec.decode({ id, sealed: raw.map.sealed }).catch(() => {
        problems.push("The map's own record could not be decrypted; default settings were used.");
        return null;
      });
    }
    // Records opened from a pack are the restore's own (packs.ts): kept as they are, not copied.
    const opened = raw.opened;
    const fresh = opened && { stakeholders: !!opened.stakeholders, ties: !!opened.ties };
    const restored = await restoreDocumentInChunks(
      { map: decodedMap, stakeholders: decoded.stakeholders, ties: decoded.ties },
      { source: 'indexeddb', mapId: id, fresh },
      nextTask,
    );
    // Only lists can fail, and these are lists.
    if (!restored.ok) throw new Error(restored.error);
    const restoredDoc = restored.doc;
    const revisions = async () => {
      const revs: Revisions = new Map();
      revs.set(revKey.map(id), raw.map.rev ?? 0);
      let done = 0;
      for (const table of RECORD_TABLES) {
        const kept = table.inDoc(restoredDoc);
        const rows = raw.rows[table.name];
        // A pack's records carry no revision: it is beside them, at the same position.
        const aside = opened?.[table.name];
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          if (Object.hasOwn(kept, r.id)) revs.set(table.revKey(r.id), (aside ? aside[i] : r.rev) ?? 0);
          if (++done % RESTORE_CHUNK === 0) await nextTask();
        }
      }
      return revs;
    };
    // The stored map id wins over whatever a damaged record says.
    const doc = restoredDoc.map.id === id ? restoredDoc : { ...restoredDoc, map: { ...restoredDoc.map, id } };
    return { doc, revisions, problems: [...problems, ...restored.problems] };
  }

  /**
   * A map's record and rows: from its pack when it has a current one (storage/packs.ts), else row
   * by row, and then a pack is made for next time when the map is big and in the clear.
   */
  private async readForOpen(id: Id, usePack = true): Promise<{ map: MapRecord; rows: PerTable<StoredRecord[]>; opened?: UnpackedRows['opened'] } | null> {
    const raw = await this.db.transaction('r', [this.db.maps, ...this.recordTables()], async () => {
      const map = await this.db.maps.get(id);
      if (!map) return null;
      const pack = usePack ? await this.currentPack(map) : undefined;
      return pack ? { map, rows: null, pack } : { map, rows: await this.readAll(id), pack: null };
    });
    if (!raw) return null;
    if (raw.pack) {
      try {
        const rows = await unpackRows(raw.pack, nextTask, true);
        return { map: raw.map, rows, opened: rows.opened };
      } catch {
        // A damaged pack: the rows are the truth.
        await this.packs?.delete(id).catch(() => undefined);
        return this.readForOpen(id, false);
      }
    }
    if (worthPacking(raw.map, raw.rows.stakeholders.length + raw.rows.ties.length)) void this.writePack(raw.map, raw.rows);
    return { map: raw.map, rows: raw.rows };
  }

  /** The map's pack when it has one that stands for its rows now (inside the caller's transaction). */
  private async currentPack(map: MapRecord): Promise<PackRecord | undefined> {
    if (map.lock || !this.packs) return undefined;
    const pack = await this.packs.get(map.id);
    return isCurrentPack(pack, map) ? pack : undefined;
  }

  /**
   * Packs a map again after edits deleted its pack (the next open is then fast again): reads the
   * rows (the wait is IndexedDB's, not the page's) only for a big map in the clear without a
   * current pack.
   */
  async refreshPack(id: Id): Promise<void> {
    const raw = await this.db
      .transaction('r', [this.db.maps, ...this.recordTables()], async () => {
        const map = await this.db.maps.get(id);
        if (!map || (await this.currentPack(map))) return null;
        let count = 0;
        for (const table of RECORD_TABLES) count += await table.rows(this.db).where('mapId').equals(id).count();
        return worthPacking(map, count) ? { map, rows: await this.readAll(id) } : null;
      })
      .catch(() => null);
    if (raw) await this.writePack(raw.map, raw.rows);
  }

  /** Stores a pack of rows just read, unless the map was written since (then it would be stale). */
  private async writePack(map: MapRecord, rows: PerTable<StoredRecord[]>): Promise<void> {
    if (!this.packs) return;
    try {
      const pack = await packRows(map, rows, nextTask);
      await this.db.transaction('rw', [this.db.maps, ...this.recordTables()], async () => {
        const now = await this.db.maps.get(map.id);
        if (!now || now.lock || packStamp(now) !== pack.stamp) return;
        // Rewrites that keep the stamp (new record ids) still change the keys; keys alone are cheap.
        for (const table of RECORD_TABLES) {
          const keys = await table.rows(this.db).where('[mapId+id]').between([map.id, Dexie.minKey], [map.id, Dexie.maxKey]).primaryKeys();
          const packed = rows[table.name];
          if (keys.length !== packed.length || keys.some((key, i) => key[1] !== packed[i].id)) return;
        }
        await this.packs?.put(pack);
      });
    } catch {
      // Only a faster next open is lost.
    }
  }

  /** Reads the current stored version of some records, for adopting another tab's change. */
  async readRecords(mapId: Id, stakeholderIds: Id[], tieIds: Id[]) {
    const raw = await this.db.transaction('r', [this.db.maps, ...this.recordTables()], async () => ({
      map: await this.db.maps.get(mapId),
      stakeholders: await this.readSome(mapId, STAKEHOLDER_TABLE, stakeholderIds),
      ties: await this.readSome(mapId, TIE_TABLE, tieIds),
    }));
    if (!raw.map) return { map: null, stakeholders: stakeholderIds.map((id) => ({ id, value: null, rev: 0 })), ties: tieIds.map((id) => ({ id, value: null, rev: 0 })) };
    const codec = this.codecFor(raw.map);
    const read = <T extends { id: Id }>(table: RecordTable<T>, ids: Id[], rows: (StoredRecord | undefined)[]) =>
      Promise.all(ids.map(async (id, i) => ({ id, value: await this.decodeRecord(codec, table, rows[i]), rev: rows[i]?.rev ?? 0 })));
    const stakeholders = await read(STAKEHOLDER_TABLE, stakeholderIds, raw.stakeholders);
    const ties = await read(TIE_TABLE, tieIds, raw.ties);
    const metaValue = raw.map.lock && raw.map.sealed ? await codec.decode({ id: mapId, sealed: raw.map.sealed }).catch(() => null) : raw.map;
    const map = { value: metaValue ? (restoreMapRecord(metaValue, mapId).value ?? null) : null, rev: raw.map.rev ?? 0 };
    return { map, stakeholders, ties };
  }

  /** One stored row restored as its record type, or null when it is missing or unreadable. */
  private async decodeRecord<T extends { id: Id }>(codec: Codec, table: RecordTable<T>, row: StoredRecord | undefined): Promise<T | null> {
    if (!row) return null;
    const value = await codec.decode(row).catch(() => null);
    return value === null ? null : restoreRecordValue(table.type, value);
  }

  // ---- Writing -----------------------------------------------------------------------------

  /**
   * Writes a whole new map in one transaction. Refuses to overwrite an existing map id. A copy
   * of a locked map (`lockedLike`: the original's id) is sealed with the same passphrase, and this
   * tab keeps it unlocked, as it has the original.
   */
  async createMap(doc: MapDocument, options: { lockedLike?: Id; onProgress?: (written: number, total: number) => void } = {}): Promise<Revisions> {
    const mapId = doc.map.id;
    const held = options.lockedLike ? this.keys.get(options.lockedLike) : undefined;
    if (options.lockedLike && !held) throw new MapLockedError(options.lockedLike);
    const records = await this.encodeDoc(doc, held);
    // Packed before the transaction: a transaction ends when a task passes with nothing asked of it.
    const pack = this.packs && worthPacking(records.map, records.rows.stakeholders.length + records.rows.ties.length) ? await packRows(records.map, records.rows, nextTask) : null;
    await this.db.transaction('rw', [this.db.maps, ...this.recordTables()], async () => {
      if (await this.db.maps.get(mapId)) throw new Error(`A map with id ${mapId} already exists.`);
      await this.db.maps.add(records.map);
      if (pack) await this.packs?.put(pack);
      const onProgress = options.onProgress;
      if (!onProgress) {
        for (const table of RECORD_TABLES) await table.rows(this.db).bulkAdd(records.rows[table.name]);
        return;
      }
      // In chunks, still one transaction, so a whole company's map can say how far it is.
      const total = records.rows.stakeholders.length + records.rows.ties.length;
      let written = 0;
      for (const table of RECORD_TABLES) {
        const rows = records.rows[table.name];
        for (let i = 0; i < rows.length; i += CREATE_CHUNK) {
          const chunk = rows.slice(i, i + CREATE_CHUNK);
          await table.rows(this.db).bulkAdd(chunk);
          written += chunk.length;
          onProgress(written, total);
        }
      }
    });
    if (held) this.keys.set(mapId, held);
    return initialRevisions(doc);
  }

  /**
   * Writes the map again from what is on screen, after its records vanished (the browser's
   * storage was cleared). Sealed if this tab holds its key; refused with MapDeletedError if the
   * user deleted the map, and with MapLockedError rather than write over a locked map in clear.
   */
  async writeAgain(doc: MapDocument): Promise<Revisions> {
    const mapId = doc.map.id;
    const held = this.keys.get(mapId);
    const records = await this.encodeDoc(doc, held);
    await this.db.transaction('rw', [this.db.maps, this.db.settings, ...this.recordTables()], async () => {
      if (await this.db.settings.get(deletedKey(mapId))) throw new MapDeletedError(mapId);
      if (!held && (await this.db.maps.get(mapId))?.lock) throw new MapLockedError(mapId);
      await this.replaceRecords(mapId, records.map, records.rows);
    });
    return initialRevisions(doc);
  }

  /** Every record of a new map at revision 1, sealed with `held` when given. */
  private async encodeDoc(doc: MapDocument, held: HeldLock | undefined) {
    const codec = held ? sealedCodec(held.key) : plainCodec;
    return {
      map: await codec.encodeMap(doc.map, 1, { lock: held?.lock }),
      rows: await this.encodeRecords(doc, codec),
    };
  }

  /** True when the user deleted this map (in any tab): nothing writes it again. */
  async wasDeleted(id: Id): Promise<boolean> {
    return !!(await this.db.settings.get(deletedKey(id)));
  }

  /**
   * Deletes a map, its snapshots and its viewport in one transaction, and leaves a mark so that a
   * save under way in another tab cannot bring it back.
   */
  async deleteMap(id: Id, now = Date.now()): Promise<void> {
    await this.db.transaction('rw', [this.db.maps, this.db.snapshots, this.db.settings, ...this.recordTables()], async () => {
      for (const table of RECORD_TABLES) await table.rows(this.db).where('mapId').equals(id).delete();
      await this.packs?.delete(id);
      await this.db.snapshots.where('mapId').equals(id).delete();
      await this.db.maps.delete(id);
      await this.db.settings.delete(`viewport:${id}`);
      await this.db.settings.put({ key: deletedKey(id), value: now });
    });
    this.keys.delete(id);
  }

  /**
   * Writes one change set. A record another tab changed since `base` is merged field by field
   * (our edits win only on the fields we edited); a record another tab deleted stays deleted; a
   * tie whose person is gone is not written. A newer record is never overwritten with an older
   * one: the plan is made from what is stored, and the write (one transaction) only goes ahead
   * if nothing it depends on changed in between; otherwise the plan is made again.
   */
  async saveChanges(mapId: Id, changes: ChangeSet, base: SaveBase, now = Date.now()): Promise<SaveResult> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const plan = await this.planSave(mapId, changes, base, now);
      if (await this.commitPlan(mapId, changes, plan, now)) return plan.result;
    }
    throw new Error('Another tab kept changing the same records; your changes are kept on screen and will be saved on the next try.');
  }

  private async planSave(mapId: Id, changes: ChangeSet, base: SaveBase, now: number): Promise<SavePlan> {
    const tieEndpoints = new Set<Id>();
    for (const t of changes.upsertTies) {
      tieEndpoints.add(t.source);
      tieEndpoints.add(t.target);
    }
    const upsertIds = new Set(changes.upsertStakeholders.map((s) => s.id));
    const endpointIds = [...tieEndpoints].filter((id) => !upsertIds.has(id));
    const stored = await this.db.transaction('r', [this.db.maps, ...this.recordTables()], async () => ({
      map: await this.db.maps.get(mapId),
      stakeholders: await this.readSome(mapId, STAKEHOLDER_TABLE, changes.upsertStakeholders.map((s) => s.id)),
      ties: await this.readSome(mapId, TIE_TABLE, changes.upsertTies.map((t) => t.id)),
      endpoints: await this.readSome(mapId, STAKEHOLDER_TABLE, endpointIds),
    }));
    if (!stored.map) throw new MapMissingError(mapId);
    const codec = this.codecFor(stored.map);
    const result: SaveResult = { written: 0, revs: new Map(), adopted: { map: null, stakeholders: [], ties: [] }, goneStakeholders: [], goneTies: [] };
    const plan: SavePlan = {
      result,
      expect: { map: stored.map.rev ?? 0, records: perTable(() => new Map<Id, number>()), endpoints: [] },
      mapRecord: null,
      puts: perTable<StoredRecord[]>(() => []),
    };

    if (changes.map) {
      const baseRev = base.revs.get(revKey.map(mapId)) ?? 0;
      let next: MapMeta = { ...changes.map, updatedAt: now };
      if ((stored.map.rev ?? 0) !== baseRev) {
        const theirsRaw = stored.map.lock && stored.map.sealed ? await codec.decode({ id: mapId, sealed: stored.map.sealed }).catch(() => null) : stored.map;
        const theirs = theirsRaw ? restoreMapRecord(theirsRaw, mapId).value : undefined;
        if (theirs) {
          next = { ...mergeRecord(base.doc.map, changes.map, theirs), updatedAt: now };
          result.adopted.map = next;
        }
      }
      const rev = (stored.map.rev ?? 0) + 1;
      plan.mapRecord = await codec.encodeMap(next, rev, stored.map);
      result.revs.set(revKey.map(mapId), rev);
    }

    /** Plans the rows of one table: `upserts` and what is stored for each, in the same order. */
    const planRecords = async <T extends { id: Id }>(table: RecordTable<T>, upserts: T[], storedRows: (StoredRecord | undefined)[]) => {
      const before = table.inDoc(base.doc);
      for (let i = 0; i < upserts.length; i++) {
        const ours = upserts[i];
        const current = storedRows[i];
        const baseRev = base.revs.get(table.revKey(ours.id));
        plan.expect.records[table.name].set(ours.id, current ? (current.rev ?? 0) : -1);
        let next = ours;
        if (!current) {
          // Known before but now absent: another tab deleted it, and deletion wins.
          if (baseRev !== undefined) {
            table.gone(result).push(ours.id);
            continue;
          }
        } else if ((current.rev ?? 0) !== (baseRev ?? 0)) {
          const theirs = await this.decodeRecord(codec, table, current);
          if (theirs) {
            next = hasEntry(before, ours.id) ? mergeRecord(before[ours.id], ours, theirs) : ours;
            table.adopted(result).push(next);
          }
        }
        const rev = (current?.rev ?? 0) + 1;
        plan.puts[table.name].push(await codec.encode(table.type, mapId, rev, next));
        result.revs.set(table.revKey(ours.id), rev);
      }
    };

    await planRecords(STAKEHOLDER_TABLE, changes.upsertStakeholders, stored.stakeholders);

    // A tie may only point at people who exist after this write.
    const present = new Set<Id>(plan.puts.stakeholders.map((r) => r.id));
    stored.endpoints.forEach((rec, i) => {
      if (rec) present.add(endpointIds[i]);
    });
    plan.expect.endpoints = endpointIds.filter((id) => present.has(id));
    const ties: Tie[] = [];
    const tieStored: (StoredRecord | undefined)[] = [];
    changes.upsertTies.forEach((t, i) => {
      if (present.has(t.source) && present.has(t.target)) {
        ties.push(t);
        tieStored.push(stored.ties[i]);
      } else result.goneTies.push(t.id);
    });
    await planRecords(TIE_TABLE, ties, tieStored);
    result.written = plan.mapRecord ? 1 : 0;
    for (const table of RECORD_TABLES) result.written += table.deletes(changes).length + plan.puts[table.name].length;
    return plan;
  }

  /** Writes a plan in one transaction, or returns false if something it relied on changed. */
  private async commitPlan(mapId: Id, changes: ChangeSet, plan: SavePlan, now: number): Promise<boolean> {
    return this.db.transaction('rw', [this.db.maps, ...this.recordTables()], async () => {
      const map = await this.db.maps.get(mapId);
      if (!map) throw new MapMissingError(mapId);
      if ((map.rev ?? 0) !== plan.expect.map) return false;
      const revOf = (r: { rev?: number } | undefined) => (r ? (r.rev ?? 0) : -1);
      for (const table of RECORD_TABLES) {
        const expected = plan.expect.records[table.name];
        const ids = [...expected.keys()];
        const rows = await this.readSome(mapId, table, ids);
        if (ids.some((id, i) => revOf(rows[i]) !== expected.get(id))) return false;
      }
      if ((await this.readSome(mapId, STAKEHOLDER_TABLE, plan.expect.endpoints)).some((r) => !r)) return false;

      if (plan.mapRecord) await this.db.maps.put(plan.mapRecord);
      // Touch updatedAt so the maps list orders by last edit, without bumping the revision.
      else await this.db.maps.update(mapId, { updatedAt: now });
      await this.packs?.delete(mapId);
      for (const table of RECORD_TABLES) await table.rows(this.db).bulkDelete(table.deletes(changes).map((id) => key2(mapId, id)));
      for (const table of RECORD_TABLES) if (plan.puts[table.name].length) await table.rows(this.db).bulkPut(plan.puts[table.name]);
      return true;
    });
  }

  /** Seals a value with a locked map's key (for the close journal); throws if this tab lacks the key. */
  async sealFor(mapId: Id, value: unknown): Promise<Sealed> {
    const held = this.keys.get(mapId);
    if (!held) throw new MapLockedError(mapId);
    return seal(held.key, value);
  }

  async unsealFor<T>(mapId: Id, sealed: Sealed): Promise<T> {
    const held = this.keys.get(mapId);
    if (!held) throw new MapLockedError(mapId);
    return unseal<T>(held.key, sealed);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
