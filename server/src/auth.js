// @ts-check
/**
 * Room capabilities. The server never sees a room's key: a client derives an access token from
 * it (HKDF, see src/sync/keys.ts) and the server keeps only SHA-256 hashes of the edit token and
 * the view token, registered by the first connection to a new room. A view token opens the room
 * read-only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const ROOM_ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const HASH = /^[0-9a-f]{64}$/;

/** @param {string} token */
export const hashToken = (token) => createHash('sha256').update(token, 'utf8').digest('hex');

/** An owner token (retiring a room) has the same shape as the others. @param {unknown} token */
export const isToken = (token) => typeof token === 'string' && TOKEN.test(token);

/**
 * "<token>" to join, or "create.<editToken>.<viewTokenHash>.<ownerTokenHash>" to register a new
 * room (the owner's client sends it on every connection; for a room that exists it is a join
 * with the edit token). The three-part form of clients from before owner tokens still joins,
 * but registers no room: a room must have an owner.
 * @param {string} raw
 * @returns {{ kind: 'join', token: string } | { kind: 'create', token: string, viewHash: string, ownerHash: string | null } | null}
 */
export function parseToken(raw) {
  if (typeof raw !== 'string') return null;
  const parts = raw.split('.');
  if (parts.length === 1 && TOKEN.test(parts[0])) return { kind: 'join', token: parts[0] };
  if ((parts.length === 3 || parts.length === 4) && parts[0] === 'create' && TOKEN.test(parts[1]) && HASH.test(parts[2]) && (parts.length === 3 || HASH.test(parts[3]))) {
    return { kind: 'create', token: parts[1], viewHash: parts[2], ownerHash: parts[3] ?? null };
  }
  return null;
}

/** @param {string} a @param {string} b */
function sameHash(a, b) {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether `token` is the room's owner token. Rooms registered before owner tokens have no
 * owner hash: nobody is their owner.
 * @param {{ ownerHash: string | null }} room
 * @param {string} token
 */
export function isOwner(room, token) {
  return room.ownerHash !== null && sameHash(hashToken(token), room.ownerHash);
}

/**
 * What a token may do in a room, or null if nothing.
 * @param {{ editHash: string, viewHash: string }} room
 * @param {string} token
 * @returns {'edit' | 'view' | null}
 */
export function roleFor(room, token) {
  const hash = hashToken(token);
  if (sameHash(hash, room.editHash)) return 'edit';
  if (sameHash(hash, room.viewHash)) return 'view';
  return null;
}
