/**
 * The record tables (people and ties), one descriptor each, so the repository reads, seals,
 * merges and writes every table with the same code. A descriptor names the table, the record
 * type it holds (schema with defaults and migrations, domain/record-types.ts), the record's key
 * in a tab's revisions, and where its records are in a document, a change set, a save result
 * and a sealed backup entry.
 *
 * At rest a row is either the record's fields in the clear or, for a locked map, only its id
 * (the key), map id and revision with the record sealed beside them (`sealed`, the record's
 * version `v` inside the seal, so its migrations run after decryption). The repository knows
 * nothing more of a row until it has been decoded and restored through the record type.
 *
 * The map's own record is not one of these: one per map, with placeholders in the clear for
 * listing a locked map (repository.ts, `encodeMap`).
 */
import type { Table } from 'dexie';
import type { ChangeSet } from '../domain/diff';
import { StakeholderRecordType, TieRecordType, type RecordType } from '../domain/record-types';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import type { SealedMapFile, SealedText } from '../io/sealed-map-file';
import type { Sealed } from './crypto';
import type { InfluenceDb } from './db';
import type { SaveResult } from './repository';

/** A row of a record table as the repository sees it before restoring it. */
export interface StoredRecord {
  id: Id;
  mapId: Id;
  rev: number;
  /** The record, encrypted, when the map is locked (then no other field is in the clear). */
  sealed?: Sealed;
  /** Everything else is checked by the record type's restore, never trusted here. */
  [field: string]: unknown;
}

export interface RecordTable<T extends { id: Id }> {
  readonly name: 'stakeholders' | 'ties';
  readonly type: RecordType<T>;
  /** What one record is called in messages to the user ("Skipped a person record…"). */
  readonly what: string;
  /** Its key in a tab's revisions. */
  readonly revKey: (id: Id) => string;
  readonly rows: (db: InfluenceDb) => Table<StoredRecord, [Id, Id]>;
  readonly inDoc: (doc: MapDocument) => Record<Id, T>;
  readonly upserts: (changes: ChangeSet) => T[];
  readonly deletes: (changes: ChangeSet) => Id[];
  /** Where a save reports records another tab had changed (merged), and records it deleted. */
  readonly adopted: (result: SaveResult) => T[];
  readonly gone: (result: SaveResult) => Id[];
  /** Its records in a sealed map file (a locked map in a backup). */
  readonly sealedKey: 'stakeholders' | 'tieRecords';
}

export const STAKEHOLDER_TABLE: RecordTable<Stakeholder> = {
  name: 'stakeholders',
  type: StakeholderRecordType,
  what: 'person',
  revKey: (id) => `s:${id}`,
  rows: (db) => db.stakeholders,
  inDoc: (doc) => doc.stakeholders,
  upserts: (changes) => changes.upsertStakeholders,
  deletes: (changes) => changes.deleteStakeholders,
  adopted: (result) => result.adopted.stakeholders,
  gone: (result) => result.goneStakeholders,
  sealedKey: 'stakeholders',
};

export const TIE_TABLE: RecordTable<Tie> = {
  name: 'ties',
  type: TieRecordType,
  what: 'tie',
  revKey: (id) => `t:${id}`,
  rows: (db) => db.ties,
  inDoc: (doc) => doc.ties,
  upserts: (changes) => changes.upsertTies,
  deletes: (changes) => changes.deleteTies,
  adopted: (result) => result.adopted.ties,
  gone: (result) => result.goneTies,
  sealedKey: 'tieRecords',
};

/** People first: ties are written after the people they join, and checked against them. */
export const RECORD_TABLES = [STAKEHOLDER_TABLE, TIE_TABLE] as const;

export type SealedRecordText = SealedMapFile['stakeholders'][number] & SealedText;
