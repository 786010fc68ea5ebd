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

const aad = (p: ValuePlace) => encoder.encode(JSON.stringify([p.room, p.table, p.record, p.field]));

export async function sealValue(key: CryptoKey, place: ValuePlace, value: unknown): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(JSON.stringify(value));
  const cipher = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(place) }, key, plain));
  return `v1.${toBase64Url(iv)}.${toBase64Url(cipher)}`;
}

/** Opens a sealed value; a tampered, moved or wrong-key value throws a SealError (never crashes the map). */
export async function openValue(key: CryptoKey, place: ValuePlace, sealed: unknown): Promise<unknown> {
  if (typeof sealed !== 'string') throw new SealError('not a sealed value', place);
  const parts = sealed.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') throw new SealError('unknown sealed format', place);
  let iv: Uint8Array;
  let cipher: Uint8Array;
  try {
    iv = fromBase64Url(parts[1]);
    cipher = fromBase64Url(parts[2]);
  } catch {
    throw new SealError('damaged sealed value', place);
  }
  if (iv.length !== IV_BYTES) throw new SealError('damaged sealed value', place);
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(place) }, key, cipher as BufferSource);
  } catch {
    throw new SealError('a value failed authentication (tampered, moved or sealed with another key)', place);
  }
  try {
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new SealError('a sealed value is not JSON', place);
  }
}
