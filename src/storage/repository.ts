/**
 * Loading and saving maps. Every multi-record write is one transaction; every record read back
 * is validated and restored, and a record that cannot be restored is skipped and reported.
 */
import type { ChangeSet } from '../domain/diff';
import { mergeRecord } from '../domain/diff';
import { MapRecordType, stampVersion, StakeholderRecordType, TieRecordType, type RecordType } from '../domain/records';
import { restoreDocument, restoreRecordValue } from '../domain/restore';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie } from '../domain/types';
import { defaultSettings } from '../domain/defaults';
import { asNewMap } from '../io/map-file';
import { createLock, seal, unlock, unseal, type LockInfo, type Sealed } from './crypto';
import { InfluenceDb, type MapRecord, type StakeholderRecord, type TieRecord } from './db';

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
  stakeholder: (id: Id) => `s:${id}`,
  tie: (id: Id) => `t:${id}`,
};

/** The revisions of a map just written by `createMap` (every record at revision 1). */
export function initialRevisions(doc: MapDocument): Revisions {
  const revs: Revisions = new Map();
  revs.set(revKey.map(doc.map.id), 1);
  for (const id in doc.stakeholders) revs.set(revKey.stakeholder(id), 1);
  for (const id in doc.ties) revs.set(revKey.tie(id), 1);
  return revs;
}

export interface LoadedMap {
  doc: MapDocument;
  revs: Revisions;
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

export function restoreMapRecord(raw: unknown): { value?: MapMeta; error?: string } {
  const value = restoreRecordValue(MapRecordType, raw);
  return value ? { value } : { error: 'the map record could not be read' };
}

/** The map is locked with a passphrase and this tab does not hold its key. */
export class MapLockedError extends Error {
  constructor(readonly mapId: Id) {
    super('This map is locked with a passphrase.');
    this.name = 'MapLockedError';
  }
}

type AnyRecord = { id: Id; mapId?: Id; rev?: number; sealed?: Sealed; [key: string]: unknown };

/**
 * How one map's records look at rest: as they are, or sealed (encrypted) when the map is locked.
 * Both directions are async so encryption never runs inside an IndexedDB transaction.
 */
interface Codec {
  decode(raw: AnyRecord): Promise<unknown>;
  encode<T extends { id: Id }>(type: RecordType<T>, mapId: Id, rev: number, value: T): Promise<AnyRecord>;
  encodeMap(meta: MapMeta, rev: number, raw: MapRecord): Promise<MapRecord>;
  /** Seals something that is not a record (a snapshot's file); null when the map is not locked. */
  sealPayload(value: object): Promise<Sealed | null>;
}

const plainCodec: Codec = {
  decode: async (raw) => strip(raw),
  encode: async (type, mapId, rev, value) => ({ ...stampVersion(type, value), mapId, rev }) as AnyRecord,
  encodeMap: async (meta, rev) => ({ ...stampVersion(MapRecordType, meta), rev }),
  sealPayload: async () => null,
};

function sealedCodec(key: CryptoKey): Codec {
  return {
    decode: async (raw) => (raw.sealed ? unseal(key, raw.sealed) : strip(raw)),
    // The record version is sealed with the record: migrations run after decryption.
    encode: async (type, mapId, rev, value) => ({ id: value.id, mapId, rev, sealed: await seal(key, stampVersion(type, value)) }),
    // Only what listing maps needs stays in the clear; the name and settings are sealed.
    encodeMap: async (meta, rev, raw) => ({
      id: meta.id,
      name: LOCKED_NAME,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      settings: defaultSettings(),
      meId: null,
      rev,
      lock: raw.lock,
      sealed: await seal(key, stampVersion(MapRecordType, meta)),
    }),
    sealPayload: (value) => seal(key, value),
  };
}

export const LOCKED_NAME = 'Locked map';

interface SavePlan {
  result: SaveResult;
  /** Revisions the commit must still find, or the plan is stale and is made again. */
  expect: { map: number; stakeholders: Map<Id, number>; ties: Map<Id, number>; endpoints: Id[] };
  mapRecord: MapRecord | null;
  stakeholderPuts: AnyRecord[];
  tiePuts: AnyRecord[];
}

const key2 = (mapId: Id, id: Id) => [mapId, id] as [Id, Id];

function withFreshRecordIds(doc: MapDocument): MapDocument {
  const fresh = asNewMap(doc, { reIdRecords: true, now: doc.map.updatedAt });
  return { ...fresh, map: { ...fresh.map, id: doc.map.id, createdAt: doc.map.createdAt } };
}

export class Repository {
  readonly db: InfluenceDb;
  private readonly keys = new Map<Id, CryptoKey>();

  constructor(db: InfluenceDb = new InfluenceDb()) {
    this.db = db;
  }

  // ---- Locks -------------------------------------------------------------------------------

  async lockInfo(mapId: Id): Promise<LockInfo | null> {
    return ((await this.db.maps.get(mapId)) as MapRecord | undefined)?.lock ?? null;
  }

  isUnlocked(mapId: Id): boolean {
    return this.keys.has(mapId);
  }

  /** Unlocks a map for this tab; a wrong passphrase throws WrongPassphraseError and changes nothing. */
  async unlockMap(mapId: Id, passphrase: string): Promise<void> {
    const lock = await this.lockInfo(mapId);
    if (!lock) return;
    this.keys.set(mapId, await unlock(passphrase, lock));
  }

  /** Forgets the key: the map needs the passphrase again. */
  forgetKey(mapId: Id): void {
    this.keys.delete(mapId);
  }

  /** Encrypts every record of a map (and its snapshots) under a new passphrase, in one transaction. */
  async lockMap(mapId: Id, passphrase: string): Promise<void> {
    const loaded = await this.loadMap(mapId);
    if (!loaded) throw new MapMissingError(mapId);
    const { lock, key } = await createLock(passphrase);
    // Ids stay readable (they are the keys), and ids from imported files can be names: give
    // every person and tie a fresh random id first.
    const doc = withFreshRecordIds(loaded.doc);
    await this.rewriteAll(doc, { ...(await this.db.maps.get(mapId))!, lock }, sealedCodec(key));
    this.keys.set(mapId, key);
  }

  /** Stores the map in the clear again (the user must have unlocked it). */
  async removeLock(mapId: Id): Promise<void> {
    const loaded = await this.loadMap(mapId);
    if (!loaded) throw new MapMissingError(mapId);
    const { lock: _lock, sealed: _sealed, ...raw } = (await this.db.maps.get(mapId))!;
    await this.rewriteAll(loaded.doc, raw, plainCodec);
    this.keys.delete(mapId);
  }

  private async rewriteAll(doc: MapDocument, rawMap: MapRecord, codec: Codec): Promise<void> {
    const mapId = doc.map.id;
    const mapRecord = await codec.encodeMap(doc.map, (rawMap.rev ?? 0) + 1, rawMap);
    const people = await Promise.all(Object.values(doc.stakeholders).map((s) => codec.encode(StakeholderRecordType, mapId, 1, s)));
    const ties = await Promise.all(Object.values(doc.ties).map((t) => codec.encode(TieRecordType, mapId, 1, t)));
    const snapshots = await this.db.snapshots.where('mapId').equals(mapId).toArray();
    const resealed = await Promise.all(snapshots.map(async (snap) => ({ ...snap, file: await this.encodeSnapshotWith(codec, await this.decodeSnapshotFile(snap.file)) })));
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties, this.db.snapshots], async () => {
      await this.db.stakeholders.where('mapId').equals(mapId).delete();
      await this.db.ties.where('mapId').equals(mapId).delete();
      await this.db.maps.put(mapRecord);
      await this.db.stakeholders.bulkPut(people as unknown as StakeholderRecord[]);
      await this.db.ties.bulkPut(ties as unknown as TieRecord[]);
      await this.db.snapshots.bulkPut(resealed);
    });
  }

  private codecFor(raw: MapRecord): Codec {
    if (!raw.lock) return plainCodec;
    const key = this.keys.get(raw.id);
    if (!key) throw new MapLockedError(raw.id);
    return sealedCodec(key);
  }

  /** Snapshot files of a locked map are sealed like its records. */
  async encodeSnapshotFile(mapId: Id, file: unknown): Promise<unknown> {
    const raw = await this.db.maps.get(mapId);
    return raw ? this.encodeSnapshotWith(this.codecFor(raw), file) : file;
  }

  private async encodeSnapshotWith(codec: Codec, file: unknown): Promise<unknown> {
    const sealed = await codec.sealPayload({ id: 'snapshot', file });
    return sealed ? { sealed } : file;
  }

  async decodeSnapshotFile(file: unknown): Promise<unknown> {
    const sealed = (file as { sealed?: Sealed } | null)?.sealed;
    if (!sealed) return file;
    for (const key of this.keys.values()) {
      try {
        return (await unseal<{ file: unknown }>(key, sealed)).file;
      } catch {
        // Not this map's key.
      }
    }
    throw new Error('This snapshot belongs to a locked map; unlock the map first.');
  }

  // ---- Reading -----------------------------------------------------------------------------

  async listMaps(): Promise<MapSummary[]> {
    const maps = (await this.db.maps.toArray()) as MapRecord[];
    const summaries = await Promise.all(
      maps.map(async (raw) => {
        const m = restoreMapRecord(raw).value;
        if (!m) return null;
        const [people, ties] = await Promise.all([
          this.db.stakeholders.where('mapId').equals(m.id).count(),
          this.db.ties.where('mapId').equals(m.id).count(),
        ]);
        let name = m.name;
        const key = this.keys.get(m.id);
        if (raw.lock && raw.sealed && key) name = (await unseal<MapMeta>(key, raw.sealed).catch(() => m)).name;
        const summary: MapSummary = { id: m.id, name, createdAt: m.createdAt, updatedAt: m.updatedAt, people, ties, locked: !!raw.lock };
        return summary;
      }),
    );
    return summaries.filter((s): s is MapSummary => s !== null).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async loadMap(id: Id): Promise<LoadedMap | null> {
    const raw = await this.db.transaction('r', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      const map = (await this.db.maps.get(id)) as MapRecord | undefined;
      if (!map) return null;
      return {
        map,
        stakeholders: (await this.db.stakeholders.where('mapId').equals(id).toArray()) as unknown as AnyRecord[],
        ties: (await this.db.ties.where('mapId').equals(id).toArray()) as unknown as AnyRecord[],
      };
    });
    if (!raw) return null;
    const codec = this.codecFor(raw.map);
    const problems: string[] = [];
    // Decrypt first: record migrations and restore run on the plain records, locked or not.
    const decodeAll = async (records: AnyRecord[], what: string): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (const record of records) {
        try {
          out.push(await codec.decode(record));
        } catch {
          problems.push(`Skipped a ${what} record that could not be decrypted (${record.id || 'no id'}).`);
        }
      }
      return out;
    };
    let decodedMap: unknown = raw.map;
    if (raw.map.lock && raw.map.sealed) {
      decodedMap = await codec.decode({ id, sealed: raw.map.sealed }).catch(() => {
        problems.push("The map's own record could not be decrypted; default settings were used.");
        return null;
      });
    }
    const restored = restoreDocument(
      { map: decodedMap, stakeholders: await decodeAll(raw.stakeholders, 'person'), ties: await decodeAll(raw.ties, 'tie') },
      { source: 'indexeddb', mapId: id },
    );
    // Only lists can fail, and these are lists.
    if (!restored.ok) throw new Error(restored.error);
    const revs: Revisions = new Map();
    revs.set(revKey.map(id), raw.map.rev ?? 0);
    for (const r of raw.stakeholders) if (Object.hasOwn(restored.doc.stakeholders, r.id)) revs.set(revKey.stakeholder(r.id), r.rev ?? 0);
    for (const r of raw.ties) if (Object.hasOwn(restored.doc.ties, r.id)) revs.set(revKey.tie(r.id), r.rev ?? 0);
    // The stored map id wins over whatever a damaged record says.
    const doc = restored.doc.map.id === id ? restored.doc : { ...restored.doc, map: { ...restored.doc.map, id } };
    return { doc, revs, problems: [...problems, ...restored.problems] };
  }

  /** Reads the current stored version of some records, for adopting another tab's change. */
  async readRecords(mapId: Id, stakeholderIds: Id[], tieIds: Id[]) {
    const raw = await this.db.transaction('r', [this.db.maps, this.db.stakeholders, this.db.ties], async () => ({
      map: (await this.db.maps.get(mapId)) as MapRecord | undefined,
      stakeholders: (await this.db.stakeholders.bulkGet(stakeholderIds.map((id) => key2(mapId, id)))) as unknown as (AnyRecord | undefined)[],
      ties: (await this.db.ties.bulkGet(tieIds.map((id) => key2(mapId, id)))) as unknown as (AnyRecord | undefined)[],
    }));
    if (!raw.map) return { map: null, stakeholders: stakeholderIds.map((id) => ({ id, value: null, rev: 0 })), ties: tieIds.map((id) => ({ id, value: null, rev: 0 })) };
    const codec = this.codecFor(raw.map);
    const decode = async <T>(record: AnyRecord | undefined, type: RecordType<T>): Promise<T | null> => {
      if (!record) return null;
      const value = await codec.decode(record).catch(() => null);
      return value === null ? null : restoreRecordValue(type, value);
    };
    const stakeholders = await Promise.all(stakeholderIds.map(async (id, i) => ({ id, value: await decode(raw.stakeholders[i], StakeholderRecordType), rev: raw.stakeholders[i]?.rev ?? 0 })));
    const ties = await Promise.all(tieIds.map(async (id, i) => ({ id, value: await decode(raw.ties[i], TieRecordType), rev: raw.ties[i]?.rev ?? 0 })));
    const metaValue = raw.map.lock && raw.map.sealed ? await codec.decode({ id: mapId, sealed: raw.map.sealed }).catch(() => null) : raw.map;
    const map = { value: metaValue ? (restoreMapRecord(metaValue).value ?? null) : null, rev: raw.map.rev ?? 0 };
    return { map, stakeholders, ties };
  }

  // ---- Writing -----------------------------------------------------------------------------

  /** Writes a whole new map in one transaction. Refuses to overwrite an existing map id. */
  async createMap(doc: MapDocument): Promise<Revisions> {
    const mapId = doc.map.id;
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      if (await this.db.maps.get(mapId)) throw new Error(`A map with id ${mapId} already exists.`);
      await this.db.maps.add({ ...stampVersion(MapRecordType, doc.map), rev: 1 });
      await this.db.stakeholders.bulkAdd(Object.values(doc.stakeholders).map((s) => ({ ...stampVersion(StakeholderRecordType, s), mapId, rev: 1 })));
      await this.db.ties.bulkAdd(Object.values(doc.ties).map((t) => ({ ...stampVersion(TieRecordType, t), mapId, rev: 1 })));
    });
    return initialRevisions(doc);
  }

  async deleteMap(id: Id): Promise<void> {
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties, this.db.settings], async () => {
      await this.db.stakeholders.where('mapId').equals(id).delete();
      await this.db.ties.where('mapId').equals(id).delete();
      await this.db.maps.delete(id);
      await this.db.settings.delete(`viewport:${id}`);
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
    const stored = await this.db.transaction('r', [this.db.maps, this.db.stakeholders, this.db.ties], async () => ({
      map: (await this.db.maps.get(mapId)) as MapRecord | undefined,
      stakeholders: (await this.db.stakeholders.bulkGet(changes.upsertStakeholders.map((s) => key2(mapId, s.id)))) as unknown as (AnyRecord | undefined)[],
      ties: (await this.db.ties.bulkGet(changes.upsertTies.map((t) => key2(mapId, t.id)))) as unknown as (AnyRecord | undefined)[],
      endpoints: await this.db.stakeholders.bulkGet(endpointIds.map((id) => key2(mapId, id))),
    }));
    if (!stored.map) throw new MapMissingError(mapId);
    const codec = this.codecFor(stored.map);
    const result: SaveResult = { written: 0, revs: new Map(), adopted: { map: null, stakeholders: [], ties: [] }, goneStakeholders: [], goneTies: [] };
    const plan: SavePlan = {
      result,
      expect: { map: stored.map.rev ?? 0, stakeholders: new Map(), ties: new Map(), endpoints: [] },
      mapRecord: null,
      stakeholderPuts: [],
      tiePuts: [],
    };

    if (changes.map) {
      const baseRev = base.revs.get(revKey.map(mapId)) ?? 0;
      let next: MapMeta = { ...changes.map, updatedAt: now };
      if ((stored.map.rev ?? 0) !== baseRev) {
        const theirsRaw = stored.map.lock && stored.map.sealed ? await codec.decode({ id: mapId, sealed: stored.map.sealed }).catch(() => null) : stored.map;
        const theirs = theirsRaw ? restoreMapRecord(theirsRaw).value : undefined;
        if (theirs) {
          next = { ...mergeRecord(base.doc.map, changes.map, theirs), updatedAt: now };
          result.adopted.map = next;
        }
      }
      const rev = (stored.map.rev ?? 0) + 1;
      plan.mapRecord = await codec.encodeMap(next, rev, stored.map);
      result.revs.set(revKey.map(mapId), rev);
    }

    const planRecords = async <T extends { id: Id }>(
      upserts: T[],
      storedRecords: (AnyRecord | undefined)[],
      key: (id: Id) => string,
      baseRecord: (id: Id) => T | undefined,
      type: RecordType<T>,
      adopted: T[],
      gone: Id[],
      expectRevs: Map<Id, number>,
      puts: AnyRecord[],
    ) => {
      for (let i = 0; i < upserts.length; i++) {
        const ours = upserts[i];
        const current = storedRecords[i];
        const baseRev = base.revs.get(key(ours.id));
        expectRevs.set(ours.id, current ? (current.rev ?? 0) : -1);
        let next = ours;
        if (!current) {
          // Known before but now absent: another tab deleted it, and deletion wins.
          if (baseRev !== undefined) {
            gone.push(ours.id);
            continue;
          }
        } else if ((current.rev ?? 0) !== (baseRev ?? 0)) {
          const decoded = await codec.decode(current).catch(() => null);
          const theirs = decoded === null ? null : restoreRecordValue(type, decoded);
          const before = baseRecord(ours.id);
          if (theirs) {
            next = before ? mergeRecord(before, ours, theirs) : ours;
            adopted.push(next);
          }
        }
        const rev = (current?.rev ?? 0) + 1;
        puts.push(await codec.encode(type, mapId, rev, next));
        result.revs.set(key(ours.id), rev);
      }
    };

    await planRecords<Stakeholder>(
      changes.upsertStakeholders,
      stored.stakeholders,
      revKey.stakeholder,
      (id) => base.doc.stakeholders[id],
      StakeholderRecordType,
      result.adopted.stakeholders,
      result.goneStakeholders,
      plan.expect.stakeholders,
      plan.stakeholderPuts,
    );

    // A tie may only point at people who exist after this write.
    const present = new Set<Id>(plan.stakeholderPuts.map((r) => r.id));
    stored.endpoints.forEach((rec, i) => {
      if (rec) present.add(endpointIds[i]);
    });
    plan.expect.endpoints = endpointIds.filter((id) => present.has(id));
    const ties: Tie[] = [];
    const tieStored: (AnyRecord | undefined)[] = [];
    changes.upsertTies.forEach((t, i) => {
      if (present.has(t.source) && present.has(t.target)) {
        ties.push(t);
        tieStored.push(stored.ties[i]);
      } else result.goneTies.push(t.id);
    });
    await planRecords<Tie>(
      ties,
      tieStored,
      revKey.tie,
      (id) => base.doc.ties[id],
      TieRecordType,
      result.adopted.ties,
      result.goneTies,
      plan.expect.ties,
      plan.tiePuts,
    );
    result.written = (plan.mapRecord ? 1 : 0) + changes.deleteStakeholders.length + changes.deleteTies.length + plan.stakeholderPuts.length + plan.tiePuts.length;
    return plan;
  }

  /** Writes a plan in one transaction, or returns false if something it relied on changed. */
  private async commitPlan(mapId: Id, changes: ChangeSet, plan: SavePlan, now: number): Promise<boolean> {
    return this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      const map = await this.db.maps.get(mapId);
      if (!map) throw new MapMissingError(mapId);
      if ((map.rev ?? 0) !== plan.expect.map) return false;
      const sIds = [...plan.expect.stakeholders.keys()];
      const tIds = [...plan.expect.ties.keys()];
      const [sNow, tNow, endpoints] = await Promise.all([
        this.db.stakeholders.bulkGet(sIds.map((id) => key2(mapId, id))),
        this.db.ties.bulkGet(tIds.map((id) => key2(mapId, id))),
        this.db.stakeholders.bulkGet(plan.expect.endpoints.map((id) => key2(mapId, id))),
      ]);
      const revOf = (r: { rev?: number } | undefined) => (r ? (r.rev ?? 0) : -1);
      if (sIds.some((id, i) => revOf(sNow[i]) !== plan.expect.stakeholders.get(id))) return false;
      if (tIds.some((id, i) => revOf(tNow[i]) !== plan.expect.ties.get(id))) return false;
      if (endpoints.some((r) => !r)) return false;

      if (plan.mapRecord) await this.db.maps.put(plan.mapRecord);
      // Touch updatedAt so the maps list orders by last edit, without bumping the revision.
      else await this.db.maps.update(mapId, { updatedAt: now });
      await this.db.stakeholders.bulkDelete(changes.deleteStakeholders.map((id) => key2(mapId, id)));
      await this.db.ties.bulkDelete(changes.deleteTies.map((id) => key2(mapId, id)));
      if (plan.stakeholderPuts.length) await this.db.stakeholders.bulkPut(plan.stakeholderPuts as unknown as StakeholderRecord[]);
      if (plan.tiePuts.length) await this.db.ties.bulkPut(plan.tiePuts as unknown as TieRecord[]);
      return true;
    });
  }

  /** Seals a value with a locked map's key (for the close journal); throws if this tab lacks the key. */
  async sealFor(mapId: Id, value: unknown): Promise<Sealed> {
    const key = this.keys.get(mapId);
    if (!key) throw new MapLockedError(mapId);
    return seal(key, value);
  }

  async unsealFor<T>(mapId: Id, sealed: Sealed): Promise<T> {
    const key = this.keys.get(mapId);
    if (!key) throw new MapLockedError(mapId);
    return unseal<T>(key, sealed);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
