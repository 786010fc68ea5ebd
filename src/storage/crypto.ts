/**
 * Encryption at rest for a locked map: AES-GCM with a 256-bit key derived from the passphrase by
 * PBKDF2-SHA256 (600,000 iterations, as OWASP advises), a random 16-byte salt per map and a
 * fresh random 12-byte IV for every record written. The key never leaves memory and cannot be
 * exported; a forgotten passphrase cannot be bypassed.
 */

export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_TEXT = 'influence-map:lock-check';

/** One encrypted value as stored. */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** What a locked map stores in the clear: how to derive the key, and a value to check it with. */
export interface LockInfo {
  salt: Uint8Array;
  iterations: number;
  check: Sealed;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase is not right. Nothing was changed.');
    this.name = 'WrongPassphraseError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function deriveKey(passphrase: string, salt: Uint8Array, iterations = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T = unknown>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, key, sealed.data);
  return JSON.parse(decoder.decode(plain)) as T;
}

/** A new lock for a map: a fresh salt, the key, and the check value that proves a passphrase. */
export async function createLock(passphrase: string): Promise<{ lock: LockInfo; key: CryptoKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const key = await deriveKey(passphrase, salt);
  return { key, lock: { salt, iterations: PBKDF2_ITERATIONS, check: await seal(key, CHECK_TEXT) } };
}

/** The key for a locked map, or WrongPassphraseError (AES-GCM authentication fails). */
export async function unlock(passphrase: string, lock: LockInfo): Promise<CryptoKey> {
  const key = await deriveKey(passphrase, lock.salt, lock.iterations);
  try {
    if ((await unseal(key, lock.check)) === CHECK_TEXT) return key;
  } catch {
    // Authentication failure: the passphrase is wrong.
  }
  throw new WrongPassphraseError();
}
