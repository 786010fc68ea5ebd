/**
 * Loading and saving maps. Every multi-record write is one transaction; every record read back
 * is validated and restored, and a record that cannot be restored is skipped and reported.
 */
import type { ChangeSet } from '../domain/diff';
import { mergeRecord } from '../domain/diff';
import { documentFrom } from '../domain/factories';
import { repairDocument } from '../domain/operations';
import { MapMetaSchema, restore, StakeholderSchema, TieSchema } from '../domain/schemas';
import type { Id, MapDocument, MapMeta, Stakeholder, Tie } from '../domain/types';
import { InfluenceDb, type MapRecord, type StakeholderRecord, type TieRecord } from './db';

export interface MapSummary {
  id: Id;
  name: string;
  createdAt: number;
  updatedAt: number;
  people: number;
  ties: number;
}

/** Revisions known to a tab, by record key ("m:id", "s:id", "t:id"). */
export type Revisions = Map<string, number>;
export const revKey = {
  map: (id: Id) => `m:${id}`,
  stakeholder: (id: Id) => `s:${id}`,
  tie: (id: Id) => `t:${id}`,
};

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
  const r = restore(MapMetaSchema, raw);
  return r.ok ? { value: r.value } : { error: r.error };
}

export class Repository {
  readonly db: InfluenceDb;

  constructor(db: InfluenceDb = new InfluenceDb()) {
    this.db = db;
  }

  async listMaps(): Promise<MapSummary[]> {
    const maps = await this.db.maps.toArray();
    const summaries = await Promise.all(
      maps.map(async (raw) => {
        const m = restoreMapRecord(raw).value;
        if (!m) return null;
        const [people, ties] = await Promise.all([
          this.db.stakeholders.where('mapId').equals(m.id).count(),
          this.db.ties.where('mapId').equals(m.id).count(),
        ]);
        return { id: m.id, name: m.name, createdAt: m.createdAt, updatedAt: m.updatedAt, people, ties };
      }),
    );
    return summaries.filter((s): s is MapSummary => s !== null).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async loadMap(id: Id): Promise<LoadedMap | null> {
    return this.db.transaction('r', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      const rawMap = await this.db.maps.get(id);
      if (!rawMap) return null;
      const problems: string[] = [];
      const revs: Revisions = new Map();
      const map = restoreMapRecord(rawMap);
      if (!map.value) {
        problems.push(`The map's own record was damaged (${map.error}); default settings were used.`);
      }
      const meta: MapMeta = map.value ?? { ...restoreMapRecord({ id, name: 'Recovered map', settings: {} }).value! };
      revs.set(revKey.map(id), rawMap.rev ?? 0);

      const stakeholders: Stakeholder[] = [];
      for (const raw of await this.db.stakeholders.where('mapId').equals(id).toArray()) {
        const r = restore(StakeholderSchema, strip(raw));
        if (r.ok) {
          stakeholders.push(r.value);
          revs.set(revKey.stakeholder(r.value.id), raw.rev ?? 0);
        } else problems.push(`Skipped a damaged person record (${raw.id || 'no id'}): ${r.error}.`);
      }
      const ties: Tie[] = [];
      for (const raw of await this.db.ties.where('mapId').equals(id).toArray()) {
        const r = restore(TieSchema, strip(raw));
        if (r.ok) {
          ties.push(r.value);
          revs.set(revKey.tie(r.value.id), raw.rev ?? 0);
        } else problems.push(`Skipped a damaged tie record (${raw.id || 'no id'}): ${r.error}.`);
      }
      const repaired = repairDocument(documentFrom(meta, stakeholders, ties));
      return { doc: repaired.doc, revs, problems: [...problems, ...repaired.repairs] };
    });
  }

  /** Writes a whole new map in one transaction. Refuses to overwrite an existing map id. */
  async createMap(doc: MapDocument): Promise<Revisions> {
    const mapId = doc.map.id;
    const revs: Revisions = new Map();
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      if (await this.db.maps.get(mapId)) throw new Error(`A map with id ${mapId} already exists.`);
      await this.db.maps.add({ ...doc.map, rev: 1 });
      await this.db.stakeholders.bulkAdd(Object.values(doc.stakeholders).map((s) => ({ ...s, mapId, rev: 1 })));
      await this.db.ties.bulkAdd(Object.values(doc.ties).map((t) => ({ ...t, mapId, rev: 1 })));
    });
    revs.set(revKey.map(mapId), 1);
    for (const id in doc.stakeholders) revs.set(revKey.stakeholder(id), 1);
    for (const id in doc.ties) revs.set(revKey.tie(id), 1);
    return revs;
  }

  async deleteMap(id: Id): Promise<void> {
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties, this.db.settings], async () => {
      await this.db.stakeholders.where('mapId').equals(id).delete();
      await this.db.ties.where('mapId').equals(id).delete();
      await this.db.maps.delete(id);
      await this.db.settings.delete(`viewport:${id}`);
    });
  }

  /**
   * Writes one change set in one transaction. A record another tab changed since `base` is merged
   * field by field (our edits win only on the fields we edited); a record another tab deleted
   * stays deleted; a tie whose person is gone is not written. A newer record is never overwritten
   * with an older one.
   */
  async saveChanges(mapId: Id, changes: ChangeSet, base: SaveBase, now = Date.now()): Promise<SaveResult> {
    const result: SaveResult = {
      written: 0,
      revs: new Map(),
      adopted: { map: null, stakeholders: [], ties: [] },
      goneStakeholders: [],
      goneTies: [],
    };
    await this.db.transaction('rw', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      const storedMap = await this.db.maps.get(mapId);
      if (!storedMap) throw new MapMissingError(mapId);

      if (changes.map) {
        const baseRev = base.revs.get(revKey.map(mapId)) ?? 0;
        let next: MapMeta = { ...changes.map, updatedAt: now };
        if ((storedMap.rev ?? 0) !== baseRev) {
          const theirs = restoreMapRecord(storedMap).value;
          if (theirs) {
            next = { ...mergeRecord(base.doc.map, changes.map, theirs), updatedAt: now };
            result.adopted.map = next;
          }
        }
        const rev = (storedMap.rev ?? 0) + 1;
        await this.db.maps.put({ ...next, rev });
        result.revs.set(revKey.map(mapId), rev);
        result.written++;
      } else {
        // Touch updatedAt so the maps list orders by last edit, without bumping the revision.
        await this.db.maps.update(mapId, { updatedAt: now });
      }

      await this.db.stakeholders.bulkDelete(changes.deleteStakeholders.map((id) => [mapId, id] as [Id, Id]));
      await this.db.ties.bulkDelete(changes.deleteTies.map((id) => [mapId, id] as [Id, Id]));
      result.written += changes.deleteStakeholders.length + changes.deleteTies.length;

      const stakeholderRecords = await this.writeMerged(
        mapId,
        this.db.stakeholders,
        changes.upsertStakeholders,
        base,
        revKey.stakeholder,
        (id) => base.doc.stakeholders[id],
        (raw) => restore(StakeholderSchema, strip(raw)),
        result.adopted.stakeholders,
        result.goneStakeholders,
        result,
      );

      // A tie may only point at people who exist after this transaction.
      const present = new Set<Id>(stakeholderRecords);
      const endpoints = new Set<Id>();
      for (const t of changes.upsertTies) {
        endpoints.add(t.source);
        endpoints.add(t.target);
      }
      const missing = [...endpoints].filter((id) => !present.has(id));
      const found = await this.db.stakeholders.bulkGet(missing.map((id) => [mapId, id] as [Id, Id]));
      found.forEach((rec, i) => {
        if (rec) present.add(missing[i]);
      });
      const ties = changes.upsertTies.filter((t) => {
        if (present.has(t.source) && present.has(t.target)) return true;
        result.goneTies.push(t.id);
        return false;
      });
      await this.writeMerged(
        mapId,
        this.db.ties,
        ties,
        base,
        revKey.tie,
        (id) => base.doc.ties[id],
        (raw) => restore(TieSchema, strip(raw)),
        result.adopted.ties,
        result.goneTies,
        result,
      );
    });
    return result;
  }

  private async writeMerged<T extends { id: Id }, R extends T & { mapId: Id; rev: number }>(
    mapId: Id,
    table: { bulkGet(keys: [Id, Id][]): Promise<(R | undefined)[]>; bulkPut(items: R[]): Promise<unknown> },
    upserts: T[],
    base: SaveBase,
    key: (id: Id) => string,
    baseRecord: (id: Id) => T | undefined,
    restoreStored: (raw: R) => { ok: true; value: T } | { ok: false; error: string },
    adopted: T[],
    gone: Id[],
    result: SaveResult,
  ): Promise<Id[]> {
    if (upserts.length === 0) return [];
    const stored = await table.bulkGet(upserts.map((r) => [mapId, r.id] as [Id, Id]));
    const puts: R[] = [];
    const written: Id[] = [];
    upserts.forEach((ours, i) => {
      const current = stored[i];
      const baseRev = base.revs.get(key(ours.id));
      let next = ours;
      if (!current) {
        // Known before but now absent: another tab deleted it, and deletion wins.
        if (baseRev !== undefined) {
          gone.push(ours.id);
          return;
        }
      } else if ((current.rev ?? 0) !== (baseRev ?? 0)) {
        const theirs = restoreStored(current);
        const before = baseRecord(ours.id);
        if (theirs.ok) {
          next = before ? mergeRecord(before, ours, theirs.value) : ours;
          adopted.push(next);
        }
      }
      const rev = (current?.rev ?? 0) + 1;
      puts.push({ ...next, mapId, rev } as unknown as R);
      result.revs.set(key(ours.id), rev);
      written.push(ours.id);
    });
    await table.bulkPut(puts);
    result.written += puts.length;
    return written;
  }

  /** Reads the current stored version of some records, for adopting another tab's change. */
  async readRecords(mapId: Id, stakeholderIds: Id[], tieIds: Id[]) {
    return this.db.transaction('r', [this.db.maps, this.db.stakeholders, this.db.ties], async () => {
      const [mapRaw, sRaw, tRaw] = await Promise.all([
        this.db.maps.get(mapId),
        this.db.stakeholders.bulkGet(stakeholderIds.map((id) => [mapId, id] as [Id, Id])),
        this.db.ties.bulkGet(tieIds.map((id) => [mapId, id] as [Id, Id])),
      ]);
      const stakeholders: { id: Id; value: Stakeholder | null; rev: number }[] = stakeholderIds.map((id, i) => {
        const raw = sRaw[i] as StakeholderRecord | undefined;
        const r = raw && raw.mapId === mapId ? restore(StakeholderSchema, strip(raw)) : null;
        return { id, value: r?.ok ? r.value : null, rev: raw?.rev ?? 0 };
      });
      const ties: { id: Id; value: Tie | null; rev: number }[] = tieIds.map((id, i) => {
        const raw = tRaw[i] as TieRecord | undefined;
        const r = raw && raw.mapId === mapId ? restore(TieSchema, strip(raw)) : null;
        return { id, value: r?.ok ? r.value : null, rev: raw?.rev ?? 0 };
      });
      const map = mapRaw ? { value: restoreMapRecord(mapRaw as MapRecord).value ?? null, rev: mapRaw.rev ?? 0 } : null;
      return { map, stakeholders, ties };
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
