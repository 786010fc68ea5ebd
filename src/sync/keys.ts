/**
 * Keys of a shared map ("room"). Everything comes from one random secret that travels only in a
 * link's fragment (after `#`, never sent to a server):
 *
 *   edit secret ──HKDF "view"──> view secret ──HKDF "seal"──> AES-256-GCM key for values
 *        │                            └───────HKDF "auth"──> view token
 *        └───────HKDF "auth"──> edit token
 *
 * An invite link carries the edit secret; a view-only link carries the view secret, which can
 * decrypt but cannot derive the edit token. The server keeps only SHA-256 hashes of the tokens.
 *
 * The owner (who shared the map) also has an owner secret of their own, random and unrelated to
 * the others, kept only on the owner's device and in no link:
 *
 *   owner secret ──HKDF "owner"──> owner token     (the server keeps its SHA-256 hash)
 *
 * Only the owner token retires a room (Rotate key), so an editor, who holds the edit secret and
 * everything derived from it, cannot, even from a modified client.
 */

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();

export const SECRET_BYTES = 32;
const ROOM_BYTES = 16;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) SEXTETS[BASE64URL.charCodeAt(i)] = i;

/** Decodes unpadded base64url; anything else throws. A table walk: a join decodes every sealed value. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error('Not base64url');
  const out = new Uint8Array((text.length * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? SEXTETS[c] : -1;
    if (v < 0) throw new Error('Not base64url');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** A new room: a random id (unrelated to the map), a random edit secret and the owner's own secret. */
export function newRoom(): { roomId: string; editSecret: string; ownerSecret: string } {
  return { roomId: toBase64Url(random(ROOM_BYTES)), editSecret: toBase64Url(random(SECRET_BYTES)), ownerSecret: toBase64Url(random(SECRET_BYTES)) };
}

async function hkdf(secret: Uint8Array, info: string, roomId: string): Promise<Uint8Array> {
  const base = await subtle().importKey('raw', secret as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(`influence-map/${roomId}`), info: encoder.encode(info) }, base, SECRET_BYTES * 8);
  return new Uint8Array(bits);
}

export type RoomRole = 'edit' | 'view';

export interface RoomKeys {
  roomId: string;
  role: RoomRole;
  /** Seals and opens every value (non-extractable). */
  sealKey: CryptoKey;
  /** Presented to the server: the edit token for editors, the view token for viewers. */
  token: string;
  /** Only editors know these: to register the room and to hand out view-only links. */
  viewSecret: string;
  editSecret: string | null;
}

/** Derives what a member needs from the secret in their link. */
export async function deriveRoomKeys(roomId: string, secret: string, role: RoomRole): Promise<RoomKeys> {
  const raw = fromBase64Url(secret);
  if (raw.length !== SECRET_BYTES) throw new Error('This link is incomplete: its key is the wrong length.');
  const viewSecret = role === 'edit' ? await hkdf(raw, 'view', roomId) : raw;
  const sealBytes = await hkdf(viewSecret, 'seal', roomId);
  const sealKey = await subtle().importKey('raw', sealBytes as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const token = toBase64Url(await hkdf(role === 'edit' ? raw : viewSecret, 'auth', roomId));
  return { roomId, role, sealKey, token, viewSecret: toBase64Url(viewSecret), editSecret: role === 'edit' ? secret : null };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the owner presents to retire a room (key rotation); derived from the owner secret. */
export async function ownerToken(roomId: string, ownerSecret: string): Promise<string> {
  const raw = fromBase64Url(ownerSecret);
  if (raw.length !== SECRET_BYTES) throw new Error('The owner key of this map is damaged.');
  return toBase64Url(await hkdf(raw, 'owner', roomId));
}

/**
 * The token the owner presents, registering the room on first use with hashes of the view token
 * and of the owner token (`create.<editToken>.<viewHash>.<ownerHash>`); for a room that exists,
 * the server reads it as the edit token.
 */
export async function creationToken(keys: RoomKeys, ownerSecret: string): Promise<string> {
  if (keys.role !== 'edit') throw new Error('Only an editor can create a shared map.');
  const view = await deriveRoomKeys(keys.roomId, keys.viewSecret, 'view');
  return `create.${keys.token}.${await sha256Hex(view.token)}.${await sha256Hex(await ownerToken(keys.roomId, ownerSecret))}`;
}
