/**
 * A sealed whole-map snapshot: a faster first read for joining members.
 *
 * Opening every sealed value one by one costs one AES-GCM decryption each (76,098 for a
 * 2,000-person map, about 2 s in Chromium). An editor therefore also keeps, in the Y.Doc's
 * `snapshot` map, one AES-256-GCM sealed blob holding every field value of the map as of a Yjs
 * state vector (JSON, gzip-compressed). The stock server stores and syncs it like any other
 * value; it sees its size and when it is written, nothing more.
 *
 *   snapshot.map = [format 1][state vector length, 4 bytes][state vector][IV | ciphertext]
 *   additional data: room, "snapshot", the state vector (base64url), "map"
 *
 * A joiner opens the snapshot (one decryption) and takes from it the value of every Yjs item
 * the state vector covers (items are never changed, so the item is the value the snapshot
 * recorded); values written after it are opened on their own, as before. The result goes
 * through the same restore as the per-value path (peers are untrusted), and a random sample of
 * the values taken from the snapshot is opened anyway and compared. A snapshot that fails to
 * open (tampered, another room or key), claims items this copy does not hold (a server rolling
 * values back), or disagrees with its sample is rejected, reported, and every value is opened
 * instead. The merge stays field by field: the snapshot is never written back as values.
 */
import * as Y from 'yjs';
import type { Id, MapDocument } from '../domain/types';
import { toBase64Url } from './keys';
import { openBytes, sealBytes, type ValuePlace } from './seal';
import { documentOf, fieldKey, NOT_KNOWN, planChanges, readRecords, roots, type KnownValues, type LocalParts, type PeerDocument, type SealContext, type SharedTable } from './ydoc';

const ROOT = 'snapshot';
const KEY = 'map';
const FORMAT = 1;
/** A snapshot is authenticated, but an editor could still send a compression bomb: stop inflating here. */
const MAX_PLAIN_BYTES = 256 * 1024 * 1024;

type Values = Record<SharedTable, Record<Id, Record<string, unknown>>>;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The snapshot's shape: tables of records of values. Checked by hand, not with a zod record
 * schema, which copies every one of the 76,000 values (seconds at 2,000 people); the values
 * themselves are checked where every value from a peer is, in restoreDocument.
 */
function isValues(x: unknown): x is Values {
  if (!isObject(x)) return false;
  for (const table of ['meta', 'stakeholders', 'ties'] as const) {
    const records = x[table];
    if (!isObject(records)) return false;
    for (const id in records) if (Object.hasOwn(records, id) && !isObject(records[id])) return false;
  }
  return true;
}

const placeOf = (room: string, sv: Uint8Array): ValuePlace => ({ room, table: 'snapshot', record: toBase64Url(sv), field: KEY });

/** Every value the Y.Doc holds for `doc`, by table, record and field (the places values are sealed at). */
function valuesOf(doc: MapDocument): Values {
  const values: Values = { meta: {}, stakeholders: {}, ties: {} };
  for (const w of planChanges(null, doc).writes) {
    const record = (values[w.table][w.id] ??= {});
    record[fieldKey(w.field, w.entry)] = w.value;
  }
  return values;
}

function pack(sv: Uint8Array, sealed: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + sv.length + sealed.length);
  out[0] = FORMAT;
  new DataView(out.buffer).setUint32(1, sv.length);
  out.set(sv, 5);
  out.set(sealed, 5 + sv.length);
  return out;
}

function unpack(packed: unknown): { sv: Uint8Array; sealed: Uint8Array } | null {
  if (!(packed instanceof Uint8Array) || packed.length < 5 || packed[0] !== FORMAT) return null;
  const length = new DataView(packed.buffer, packed.byteOffset, packed.byteLength).getUint32(1);
  if (5 + length > packed.length) return null;
  return { sv: packed.subarray(5, 5 + length), sealed: packed.subarray(5 + length) };
}

async function pipe(bytes: Uint8Array, through: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(through as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Seals `doc` as the snapshot of the Y.Doc as it is now. The caller guarantees that `doc` is
 * exactly what the Y.Doc holds at this moment (the state vector is taken before any await).
 */
export async function writeSnapshot(ydoc: Y.Doc, ctx: SealContext, doc: MapDocument, origin: unknown): Promise<void> {
  const sv = Y.encodeStateVector(ydoc);
  const json = new TextEncoder().encode(JSON.stringify(valuesOf(doc)));
  const sealed = await sealBytes(ctx.key, placeOf(ctx.room, sv), await pipe(json, new CompressionStream('gzip')));
  ydoc.transact(() => ydoc.getMap(ROOT).set(KEY, pack(sv, sealed)), origin);
}

/** The snapshot's state vector, read without opening it (null: none, or not one we can read). */
export function snapshotStateVector(ydoc: Y.Doc): Map<number, number> | null {
  const parts = unpack(ydoc.getMap(ROOT).get(KEY));
  if (!parts) return null;
  try {
    return Y.decodeStateVector(parts.sv);
  } catch {
    return null;
  }
}

const covers = (sv: Map<number, number>, item: Y.Item) => item.id.clock < (sv.get(item.id.client) ?? 0);

/** How many values the Y.Doc holds, and how many of them the snapshot does not cover (written since). */
export function snapshotCoverage(ydoc: Y.Doc): { values: number; uncovered: number } {
  const sv = snapshotStateVector(ydoc) ?? new Map<number, number>();
  let values = 0;
  let uncovered = 0;
  const count = (map: Y.Map<unknown>) => {
    for (const item of map._map.values()) {
      if (item.deleted) continue;
      const content = item.content.getContent()[0];
      if (content instanceof Y.Map) count(content);
      else {
        values++;
        if (!covers(sv, item)) uncovered++;
      }
    }
  };
  const r = roots(ydoc);
  count(r.meta);
  for (const table of [r.stakeholders, r.ties]) for (const record of table.values()) if (record instanceof Y.Map) count(record);
  return { values, uncovered };
}

/** How the snapshot served a read: not there, used (values taken from it), or rejected and why. */
export type SnapshotUse = { kind: 'none' } | { kind: 'used'; taken: number } | { kind: 'rejected'; reason: string };

/** Opens the snapshot as known values, or says why it cannot be used. */
export async function openSnapshot(ydoc: Y.Doc, ctx: SealContext): Promise<KnownValues | { rejected: string } | null> {
  const packed = ydoc.getMap(ROOT).get(KEY);
  if (packed === undefined) return null;
  const parts = unpack(packed);
  if (!parts) return { rejected: 'it is not in a format this version reads' };
  let sv: Map<number, number>;
  try {
    sv = Y.decodeStateVector(parts.sv);
  } catch {
    return { rejected: 'its state vector is damaged' };
  }
  const held = Y.decodeStateVector(Y.encodeStateVector(ydoc));
  for (const [client, clock] of sv) if (clock > (held.get(client) ?? 0)) return { rejected: 'it covers changes this copy of the map does not hold (rolled back?)' };
  let json: Uint8Array;
  try {
    json = await pipe(await openBytes(ctx.key, placeOf(ctx.room, parts.sv), parts.sealed), new DecompressionStream('gzip'), MAX_PLAIN_BYTES);
  } catch {
    return { rejected: 'it failed authentication (tampered, from another map, or sealed with another key)' };
  }
  let values: unknown;
  try {
    values = JSON.parse(new TextDecoder().decode(json));
  } catch {
    values = null;
  }
  if (!isValues(values)) return { rejected: 'its contents are not a map snapshot' };
  return {
    get(table, record, field, item) {
      if (!covers(sv, item)) return NOT_KNOWN;
      const records = values[table];
      if (!Object.hasOwn(records, record)) return NOT_KNOWN;
      const fields = records[record];
      return Object.hasOwn(fields, field) ? fields[field] : NOT_KNOWN;
    },
  };
}

/**
 * The whole Y.Doc as a document, through the snapshot when there is a usable one (a join).
 * Falls back to opening every value when it is not; a rejected snapshot is reported among the
 * problems, never thrown.
 */
export async function readDocumentWithSnapshot(ydoc: Y.Doc, ctx: SealContext, local: LocalParts): Promise<{ read: PeerDocument | null; snapshot: SnapshotUse }> {
  const known = await openSnapshot(ydoc, ctx);
  let snapshot: SnapshotUse = { kind: 'none' };
  if (known && !('rejected' in known)) {
    const records = await readRecords(ydoc, ctx, undefined, known);
    if (!records.known.disagrees) return { read: documentOf(records, local), snapshot: { kind: 'used', taken: records.known.taken } };
    snapshot = { kind: 'rejected', reason: 'it disagrees with the values it covers' };
  } else if (known) snapshot = { kind: 'rejected', reason: known.rejected };
  const read = documentOf(await readRecords(ydoc, ctx), local);
  if (read && snapshot.kind === 'rejected') read.problems.unshift(`The map's snapshot was not used (${snapshot.reason}); every value was opened on its own instead.`);
  return { read, snapshot };
}
