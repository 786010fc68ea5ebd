/**
 * Field values of a shared map are sealed (AES-256-GCM) before they enter the Yjs document, so
 * the sync server can merge and store the document while never seeing a name or a note. The
 * additional authenticated data binds each value to its room, table, record and field: a value
 * copied or moved anywhere else fails to open.
 *
 * Sealed form: `v1.<iv>.<ciphertext>` (base64url), the plaintext being the value's JSON.
 */
import { fromBase64Url, toBase64Url } from './keys';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const IV_BYTES = 12;

export interface ValuePlace {
  room: string;
  table: string;
  record: string;
  field: string;
}

export class SealError extends Error {
  constructor(
    message: string,
    readonly place: ValuePlace,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

const AUTH_FAILED = 'a value failed authentication (tampered, moved or sealed with another key)';

const aad = (p: ValuePlace) => encoder.encode(JSON.stringify([p.room, p.table, p.record, p.field]));

/** AES-256-GCM with a fresh IV: the IV followed by the ciphertext. */
export async function sealBytes(key: CryptoKey, place: ValuePlace, plain: Uint8Array): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(place) }, key, plain as BufferSource));
  const out = new Uint8Array(IV_BYTES + cipher.length);
  out.set(iv);
  out.set(cipher, IV_BYTES);
  return out;
}

/** Opens what sealBytes made; anything tampered, moved or sealed with another key throws a SealError. */
export async function openBytes(key: CryptoKey, place: ValuePlace, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length <= IV_BYTES) throw new SealError('damaged sealed value', place);
  try {
    const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES) as BufferSource, additionalData: aad(place) }, key, sealed.subarray(IV_BYTES) as BufferSource);
    return new Uint8Array(plain);
  } catch {
    throw new SealError(AUTH_FAILED, place);
  }
}

export async function sealValue(key: CryptoKey, place: ValuePlace, value: unknown): Promise<string> {
  const sealed = await sealBytes(key, place, encoder.encode(JSON.stringify(value)));
  return `v1.${toBase64Url(sealed.subarray(0, IV_BYTES))}.${toBase64Url(sealed.subarray(IV_BYTES))}`;
}

/** A sealed value taken apart, or the reason it cannot be opened at all. */
function parseSealed(place: ValuePlace, sealed: unknown): { iv: Uint8Array; cipher: Uint8Array } | SealError {
  if (typeof sealed !== 'string') return new SealError('not a sealed value', place);
  const first = sealed.indexOf('.');
  const second = sealed.indexOf('.', first + 1);
  if (sealed.slice(0, first) !== 'v1' || second < 0 || sealed.indexOf('.', second + 1) >= 0) return new SealError('unknown sealed format', place);
  try {
    const iv = fromBase64Url(sealed.slice(first + 1, second));
    const cipher = fromBase64Url(sealed.slice(second + 1));
    return iv.length === IV_BYTES ? { iv, cipher } : new SealError('damaged sealed value', place);
  } catch {
    return new SealError('damaged sealed value', place);
  }
}

function parsePlain(place: ValuePlace, plain: ArrayBuffer | Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new SealError('a sealed value is not JSON', place);
  }
}

/** Opens a sealed value; a tampered, moved or wrong-key value throws a SealError (never crashes the map). */
export async function openValue(key: CryptoKey, place: ValuePlace, sealed: unknown): Promise<unknown> {
  const parts = parseSealed(place, sealed);
  if (parts instanceof SealError) throw parts;
  const sealedBytes = new Uint8Array(IV_BYTES + parts.cipher.length);
  sealedBytes.set(parts.iv);
  sealedBytes.set(parts.cipher, IV_BYTES);
  return parsePlain(place, await openBytes(key, place, sealedBytes));
}

/** One value of a batch: opened, or why not. */
export type Opened = { ok: true; value: unknown } | { ok: false; error: SealError };

/**
 * Opens many values at once (a join opens every value of the map: 76,000 for 2,000 people).
 * Every decryption is started before any is awaited, so Web Crypto works through them back to
 * back, and the batch costs one await instead of one per value with a closure each; what
 * fails is reported per value, like openValue.
 */
export async function openValues(key: CryptoKey, items: readonly { place: ValuePlace; sealed: unknown }[]): Promise<Opened[]> {
  const subtle = globalThis.crypto.subtle;
  const parsed = items.map(({ place, sealed }) => parseSealed(place, sealed));
  const plains = await Promise.allSettled(
    parsed.map((p, i) => (p instanceof SealError ? Promise.reject(p) : subtle.decrypt({ name: 'AES-GCM', iv: p.iv as BufferSource, additionalData: aad(items[i].place) }, key, p.cipher as BufferSource))),
  );
  return plains.map((result, i): Opened => {
    const { place } = items[i];
    const early = parsed[i];
    if (early instanceof SealError) return { ok: false, error: early };
    if (result.status === 'rejected') return { ok: false, error: new SealError(AUTH_FAILED, place) };
    try {
      return { ok: true, value: parsePlain(place, result.value) };
    } catch (error) {
      return { ok: false, error: error as SealError };
    }
  });
}
