// @ts-check
/** Server settings from the environment, with the defaults the README documents. */
import { resolve } from 'node:path';

/**
 * @typedef {object} ServerConfig
 * @property {string} host
 * @property {number} port
 * @property {string} dataDir
 * @property {string | null} databaseUrl   PostgreSQL connection string; SQLite in dataDir when null.
 * @property {string | null} redisUrl      Redis for several instances; none when null.
 * @property {string | null} staticDir     The built app (dist/) served on the same origin, or null.
 * @property {number} maxMessageBytes      Largest WebSocket message accepted.
 * @property {number} maxDocumentBytes     Largest stored document (a room) accepted.
 * @property {number} throttle             Connection attempts per IP per minute (0: off).
 * @property {boolean} quiet
 */

/** @param {NodeJS.ProcessEnv} env @returns {ServerConfig} */
export function configFromEnv(env = process.env) {
  const number = (/** @type {string | undefined} */ value, /** @type {number} */ fallback) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`Not a number: ${value}`);
    return n;
  };
  return {
    host: env.HOST || '127.0.0.1',
    port: number(env.PORT, 4380),
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    staticDir: env.STATIC_DIR === '' ? null : resolve(env.STATIC_DIR || 'dist'),
    maxMessageBytes: number(env.MAX_MESSAGE_BYTES, 8 * 1024 * 1024),
    maxDocumentBytes: number(env.MAX_DOCUMENT_BYTES, 64 * 1024 * 1024),
    throttle: number(env.THROTTLE_PER_MINUTE, 60),
    quiet: env.QUIET === '1',
  };
}
