/**
 * A big map's stored rows kept a second time, packed into one IndexedDB value, so the map opens
 * without reading its rows one by one. Chromium reads about 40,000 rows a second from IndexedDB
 * (every row is its own value to look up and deserialise: ~3 s for a 20,000-person, 100,000-tie
 * map); one packed value of the same rows is a few strings and typed arrays, read in tens of ms.
 *
 * The pack is only ever a copy of what the rows say at one moment, never the truth:
 * - Written only for maps in the clear: a locked map's rows are sealed one by one, and a pack of
 *   them in the clear would leak what the lock hides. Locking rewrites every row, which deletes it.
 * - Every transaction that writes a map's rows also deletes its pack (repository.ts), and the pack
 *   carries the map record's revision and last-write time, checked when it is read: a pack that
 *   does not match is ignored and the rows are read as before.
 * - What it holds goes through the same decoding and `restoreDocument` as rows read one by one.
 */
import { packList, unpackListInto, type FieldsAside, type PackedRecords } from '../domain/record-transfer';
import { currentVersion, StakeholderRecordType, TieRecordType, VERSION_FIELD, type RecordType } from '../domain/record-types';
import type { Id } from '../domain/types';
import type { MapRecord } from './db';
import type { StoredRecord } from './record-tables';

/** Maps with fewer rows than this open fast enough from their rows alone. */
export const PACK_MIN_ROWS = 5_000;
/** Rows per packed slice: packing or unpacking one slice is a short task. */
const SLICE = 5_000;
/**
 * The way packs are written now (domain/record-transfer.ts). A pack written another way is not
 * read: the rows are, and the pack is written again, once.
 */
export const PACK_FORMAT = 2;

type TableName = 'stakeholders' | 'ties';

export interface PackRecord {
  mapId: Id;
  /** The map record's revision and last write when the pack was made (`packStamp`). */
  stamp: string;
  /** PACK_FORMAT when it was written; packs from before have none. */
  format?: number;
  stakeholders: PackedRecords[];
  ties: PackedRecords[];
  /**
   * 'person-index': a tie row's `source` and `target` are stored as the position of that person's
   * row in `stakeholders` (a number) when the person is there. Packs written before this have the
   * ids as text, and are read as before.
   */
  ends?: 'person-index';
}

/** What a pack must carry to stand for the rows: changes whenever the map's rows are written. */
export function packStamp(map: Pick<MapRecord, 'rev' | 'updatedAt'>): string {
  return `${map.rev ?? 0}:${map.updatedAt}`;
}

/** Whether a stored pack stands for the map's rows now and is written the way this version reads. */
export function isCurrentPack(pack: PackRecord | undefined, map: Pick<MapRecord, 'rev' | 'updatedAt'>): pack is PackRecord {
  return !!pack && pack.format === PACK_FORMAT && pack.stamp === packStamp(map);
}

/** Only maps in the clear, and only big ones. */
export function worthPacking(map: Pick<MapRecord, 'lock'>, rowCount: number): boolean {
  return !map.lock && rowCount >= PACK_MIN_ROWS;
}

/** The rows packed, a slice per task (`pause` between slices). */
export async function packRows(map: MapRecord, rows: Record<TableName, readonly StoredRecord[]>, pause: () => Promise<void>): Promise<PackRecord> {
  const packTable = async (list: readonly StoredRecord[], rowFor: (row: StoredRecord) => StoredRecord = (row) => row) => {
    const slices: PackedRecords[] = [];
    for (let from = 0; from < list.length; from += SLICE) {
      slices.push(packList(list.slice(from, from + SLICE).map(rowFor)));
      await pause();
    }
    return slices;
  };
  const stakeholders = await packTable(rows.stakeholders);
  // A damaged row with a number for an end would read as a person's position: such a map's ends stay text.
  const numbered = rows.ties.some((row) => typeof row.source === 'number' || typeof row.target === 'number');
  if (numbered) return { mapId: map.id, stamp: packStamp(map), format: PACK_FORMAT, stakeholders, ties: await packTable(rows.ties) };
  const at = new Map<string, number>();
  rows.stakeholders.forEach((row, i) => at.set(row.id, i));
  return { mapId: map.id, stamp: packStamp(map), format: PACK_FORMAT, stakeholders, ties: await packTable(rows.ties, (row) => endsByIndex(row, at)), ends: 'person-index' };
}

/**
 * The tie row with its ends given as the positions of its people's rows (`at`), when both are
 * there. Opened, each end is then the very string of the person's id: 500,000 ends of a
 * 50,000-person map are neither cut out of the packed text nor hashed afresh on every lookup
 * (restore checks both ends of every tie, the canvas and the analysis look them up again).
 */
function endsByIndex(row: StoredRecord, at: ReadonlyMap<string, number>): StoredRecord {
  const source = typeof row.source === 'string' ? at.get(row.source) : undefined;
  const target = typeof row.target === 'string' ? at.get(row.target) : undefined;
  return source === undefined || target === undefined ? row : { ...row, source, target };
}

/** endsByIndex undone, in place; throws on a position past the people. */
function endsFromIndex(row: StoredRecord, people: readonly StoredRecord[]): void {
  if (typeof row.source !== 'number' || typeof row.target !== 'number') return;
  const source = people[row.source]?.id;
  const target = people[row.target]?.id;
  if (source === undefined || target === undefined) throw new Error('A packed tie names a person the pack does not have.');
  row.source = source;
  row.target = target;
}

/** A stored row's own fields, beside its record's: which map, its revision, its record's version. */
const ROW_FIELDS: ReadonlySet<string> = new Set(['mapId', 'rev', VERSION_FIELD]);

export type UnpackedRows = Record<TableName, StoredRecord[]> & {
  /**
   * Set by a split unpack, per table: null when its rows came back whole; else they came back as
   * records, each without its row's fields (its version kept only when it is not the current
   * one), and this is their revisions, at the same positions.
   */
  opened?: Record<TableName, number[] | null>;
};

/**
 * The rows again, a slice per task; throws on a damaged pack (a slice that does not read whole).
 * `split` (opening a map to show): a table whose every record has exactly the fields its record
 * type keeps as they are (RecordType.exactFields) comes back as records made for the restore
 * alone (RestoreOptions.fresh), not as rows that the restore then copies into records.
 */
export async function unpackRows(pack: PackRecord, pause: () => Promise<void>, split = false): Promise<UnpackedRows> {
  const unpackTable = async (slices: readonly PackedRecords[], type: RecordType<unknown>, restore: (row: StoredRecord) => void = () => undefined) => {
    const out: StoredRecord[] = [];
    const revs: number[] = [];
    const current = currentVersion(type);
    const asRecords = split && !!type.exactFields && slices.every((s) => s.shapes.every((fields) => type.exactFields!(fields.filter((f) => !ROW_FIELDS.has(f)))));
    const aside: FieldsAside | undefined = asRecords
      ? {
          fields: ROW_FIELDS,
          take: (field, value, index) => {
            if (field === 'rev') revs[index] = typeof value === 'number' ? value : 0;
            // A record of another version keeps its version, so that the restore migrates it.
            return field !== VERSION_FIELD || value === current;
          },
        }
      : undefined;
    for (const packed of slices) {
      const from = out.length;
      unpackListInto(packed, out, aside);
      for (let i = from; i < out.length; i++) restore(out[i]);
      await pause();
    }
    return { rows: out, opened: asRecords ? revs : null };
  };
  const people = await unpackTable(pack.stakeholders, StakeholderRecordType);
  const ties = await unpackTable(pack.ties, TieRecordType, pack.ends === 'person-index' ? (row) => endsFromIndex(row, people.rows) : undefined);
  const rows: UnpackedRows = { stakeholders: people.rows, ties: ties.rows };
  if (split) rows.opened = { stakeholders: people.opened, ties: ties.opened };
  return rows;
}
