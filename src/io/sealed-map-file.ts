/**
 * A locked map as it goes into a backup file: still sealed, exactly as stored, so a backup never
 * holds a locked map in clear and needs no passphrase to be made. Restored, it is a locked map
 * again that opens with its passphrase.
 *
 *   { "type": "influence-map-sealed", "version": 1, "createdAt": ms, "updatedAt": ms,
 *     "people": n, "ties": n,
 *     "lock": { "salt": base64, "iterations": n, "check": { "iv": base64, "data": base64 } },
 *     "map": { "iv", "data" }, "stakeholders": [{ "id", "iv", "data" }], "tieRecords": [...] }
 *
 * Only ids, counts and timestamps are in clear, as in the browser's storage. AES-GCM checks every
 * sealed value when it is opened, so a damaged one is reported then, never read as something else.
 */
export const SEALED_MAP_TYPE = 'influence-map-sealed';
export const SEALED_MAP_VERSION = 1;

/** One encrypted value, base64. */
export interface SealedText {
  iv: string;
  data: string;
}

export interface SealedMapFile {
  type: typeof SEALED_MAP_TYPE;
  version: number;
  createdAt: number;
  updatedAt: number;
  people: number;
  ties: number;
  lock: { salt: string; iterations: number; check: SealedText };
  map: SealedText;
  stakeholders: (SealedText & { id: string })[];
  tieRecords: (SealedText & { id: string })[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSealedText = (v: unknown): v is SealedText => isObject(v) && typeof v.iv === 'string' && typeof v.data === 'string' && BASE64.test(v.iv) && BASE64.test(v.data);
const isRecord = (v: unknown): v is SealedText & { id: string } => isSealedText(v) && typeof (v as { id?: unknown }).id === 'string';

export function isSealedMapEntry(value: unknown): boolean {
  return isObject(value) && value.type === SEALED_MAP_TYPE;
}

/** Checks the shape of a sealed map from a file; what is wrong, in a sentence, otherwise. */
export function readSealedMapFile(value: unknown): { ok: true; file: SealedMapFile } | { ok: false; error: string } {
  if (!isObject(value) || value.type !== SEALED_MAP_TYPE) return { ok: false, error: 'This is not a locked map.' };
  if (value.version !== SEALED_MAP_VERSION) return { ok: false, error: `This locked map was saved in format version ${String(value.version)}; this app reads version ${SEALED_MAP_VERSION}.` };
  const lock = value.lock;
  if (!isObject(lock) || typeof lock.salt !== 'string' || !BASE64.test(lock.salt) || typeof lock.iterations !== 'number' || !Number.isInteger(lock.iterations) || lock.iterations < 1 || !isSealedText(lock.check)) {
    return { ok: false, error: 'Its lock (salt, iterations, check value) is missing or damaged.' };
  }
  if (!isSealedText(value.map)) return { ok: false, error: 'Its sealed name and settings are missing or damaged.' };
  if (!Array.isArray(value.stakeholders) || !value.stakeholders.every(isRecord)) return { ok: false, error: 'Its list of sealed people is missing or damaged.' };
  if (!Array.isArray(value.tieRecords) || !value.tieRecords.every(isRecord)) return { ok: false, error: 'Its list of sealed ties is missing or damaged.' };
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    ok: true,
    file: {
      type: SEALED_MAP_TYPE,
      version: SEALED_MAP_VERSION,
      createdAt: time(value.createdAt),
      updatedAt: time(value.updatedAt),
      people: value.stakeholders.length,
      ties: value.tieRecords.length,
      lock: { salt: lock.salt, iterations: lock.iterations, check: lock.check },
      map: value.map,
      stakeholders: value.stakeholders,
      tieRecords: value.tieRecords,
    },
  };
}

export function toBase64(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  // Byte by byte: spreading a large array into String.fromCharCode would overflow the call stack.
  for (let i = 0; i < view.length; i++) text += String.fromCharCode(view[i]);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
