// @ts-check
/**
 * The team-maps server: Hocuspocus (Yjs sync) behind one HTTP server that also serves the built
 * app, so the app and its WebSocket (`/collab`) share one origin and the app's CSP stays
 * `connect-src 'self'`. Rooms are authorised by capability tokens (auth.js); view-only
 * connections are read-only on the server. Storage is SQLite or PostgreSQL (storage.js); with
 * Redis, several instances behind a load balancer share sync and presence.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { Hocuspocus } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { Throttle } from '@hocuspocus/extension-throttle';
import { WebSocketServer } from 'ws';
import { hashToken, isOwner, isToken, parseToken, roleFor, ROOM_ID } from './auth.js';
import { postgresStorage, sqliteStorage } from './storage.js';

export const COLLAB_PATH = '/collab';
/** POST here with `{ room, owner }` (the room's owner token) to retire a room after a key rotation. */
export const RETIRE_PATH = '/collab/retire';
/** The refusal reason for a retired room: the client tells its user the link was replaced. */
export const REPLACED = 'replaced';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A refusal Hocuspocus turns into a close frame the client can read. */
class Refused extends Error {
  /** @param {number} code @param {string} reason */
  constructor(code, reason) {
    super(reason);
    this.code = code;
    this.reason = reason;
  }
}

/**
 * @param {import('./config.js').ServerConfig} config
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function createCollabServer(config, options = {}) {
  const log = options.log ?? ((line) => config.quiet || console.log(line));
  const storage = config.databaseUrl ? await postgresStorage(config.databaseUrl) : await sqliteStorage(config.dataDir);
  /** @type {import('@hocuspocus/server').Extension[]} */
  const extensions = [];
  if (config.throttle > 0) extensions.push(new Throttle({ throttle: config.throttle, consideredSeconds: 60, banTime: 1 }));
  extensions.push(
    new Database({
      fetch: ({ documentName }) => storage.fetchDocument(documentName),
      store: async ({ documentName, state }) => {
        // A room deleted (or rotated away) while a store was pending must not come back; and
        // if it was retired through another instance, this one's members learn it now.
        if (await storage.getRoom(documentName)) await storage.storeDocument(documentName, state);
        else if (await storage.isRetired(documentName)) hocuspocus.closeConnections(documentName);
      },
    }),
  );
  let redisInfo = '';
  /** Tells the other instances that a room was retired (none without Redis: one instance). */
  let announceRetired = /** @type {(id: string) => Promise<void>} */ (async () => undefined);
  /** @type {{ disconnect(): void } | null} */
  let retiredListener = null;
  if (config.redisUrl) {
    const { Redis } = await import('@hocuspocus/extension-redis');
    const url = new URL(config.redisUrl);
    const redis = new Redis({ host: url.hostname, port: Number(url.port || 6379), options: { password: url.password || undefined, db: Number(url.pathname.slice(1) || 0) } });
    extensions.push(redis);
    redisInfo = `, Redis at ${url.hostname}:${url.port || 6379}`;
    // Members of a retired room may be connected to any instance: each one closes their
    // connections (their reconnection is then refused with REPLACED from the shared store).
    // A channel of its own, on a connection of its own: the extension's subscriber reads every
    // message on its channels as Yjs sync.
    const channel = 'influence-map:retired';
    const pub = /** @type {{ publish(channel: string, message: string): Promise<number>, duplicate(): any }} */ (/** @type {any} */ (redis).pub);
    const sub = pub.duplicate();
    await sub.subscribe(channel);
    sub.on('message', (/** @type {string} */ from, /** @type {string} */ id) => {
      if (from === channel && ROOM_ID.test(id)) hocuspocus.closeConnections(id);
    });
    retiredListener = sub;
    announceRetired = async (id) => void (await pub.publish(channel, id));
  }

  /** Per loaded room: an upper bound of its encoded size in bytes (see onChange). */
  const documentSizes = new Map();
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: 1000,
    maxDebounce: 5000,
    extensions,
    async onAuthenticate({ documentName, token, connectionConfig }) {
      if (!ROOM_ID.test(documentName)) throw new Refused(4404, 'Unknown room');
      // Checked before the token: a retired room can be neither joined nor created again.
      if (await storage.isRetired(documentName)) throw new Refused(4410, REPLACED);
      const parsed = parseToken(token);
      if (!parsed) throw new Refused(4401, 'Bad token');
      let room = await storage.getRoom(documentName);
      if (!room && parsed.kind === 'create' && parsed.ownerHash) {
        await storage.createRoom({ id: documentName, editHash: hashToken(parsed.token), viewHash: parsed.viewHash, ownerHash: parsed.ownerHash, createdAt: Date.now() });
        room = await storage.getRoom(documentName);
        if (room) log(`room ${documentName.slice(0, 6)}… created`);
      }
      if (!room) throw new Refused(4404, 'Unknown room');
      const role = roleFor(room, parsed.token);
      if (!role) {
        log(`room ${documentName.slice(0, 6)}…: refused a connection with a wrong token`);
        throw new Refused(4403, 'Not allowed');
      }
      if (role === 'view') connectionConfig.readOnly = true;
      return { role };
    },
    async beforeHandleMessage({ update }) {
      if (update.byteLength > config.maxMessageBytes) throw new Refused(1009, 'Message too big');
    },
    async onChange({ document, documentName, update }) {
      // Encoding the whole document on every change made each edit in a 2,000-person room cost
      // tens of milliseconds (npm run bench:team). Instead: the last exact size plus the bytes of
      // the updates since (an upper bound: merging never makes the encoded state larger than
      // the updates that built it); the exact size only when that bound is over the limit.
      const bound = (documentSizes.get(documentName) ?? 0) + update.byteLength;
      if (bound <= config.maxDocumentBytes && documentSizes.has(documentName)) {
        documentSizes.set(documentName, bound);
        return;
      }
      const size = (await import('yjs')).encodeStateAsUpdate(document).byteLength;
      documentSizes.set(documentName, size);
      if (size > config.maxDocumentBytes) {
        log(`room ${documentName.slice(0, 6)}… is over ${config.maxDocumentBytes} bytes: closing its connections`);
        hocuspocus.closeConnections(documentName);
      }
    },
    async afterUnloadDocument({ documentName }) {
      documentSizes.delete(documentName);
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  /**
   * Key rotation: the owner of the old room (proved by its owner token, whose hash the room was
   * registered with; editors do not have it) retires it once the map is in its new room. The
   * old document is deleted and every connection to it closed; their reconnection is then
   * refused with REPLACED.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   */
  async function retire(req, res) {
    const reply = (/** @type {number} */ status, /** @type {string} */ text) => res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > 1024) return reply(413, 'Too big');
    }
    /** @type {{ room?: unknown, owner?: unknown }} */
    let input;
    try {
      input = JSON.parse(body);
    } catch {
      return reply(400, 'Bad request');
    }
    const id = input?.room;
    const owner = input?.owner;
    if (typeof id !== 'string' || !ROOM_ID.test(id) || !isToken(owner)) return reply(400, 'Bad request');
    if (await storage.isRetired(id)) return reply(200, 'Already retired');
    const room = await storage.getRoom(id);
    if (!room) return reply(404, 'Unknown room');
    if (!isOwner(room, /** @type {string} */ (owner))) {
      log(`room ${id.slice(0, 6)}…: refused a retirement without the owner token`);
      return reply(403, 'Not allowed');
    }
    await storage.retireRoom(id);
    hocuspocus.closeConnections(id);
    await announceRetired(id).catch((error) => log(`could not tell the other instances (Redis): ${error instanceof Error ? error.message : String(error)}`));
    log(`room ${id.slice(0, 6)}… retired (its key was rotated)`);
    return reply(200, 'Retired');
  }

  const http = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === RETIRE_PATH && req.method === 'POST') {
      retire(req, res).catch((error) => {
        log(`retire failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    void serveStatic(config.staticDir, req, res);
  });
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== COLLAB_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hocuspocus.handleConnection(ws, req));
  });

  return {
    http,
    hocuspocus,
    storage,
    /** Resolves with the address actually bound (port 0 picks a free one). */
    async listen() {
      await new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve(undefined));
      });
      const address = /** @type {import('node:net').AddressInfo} */ (http.address());
      const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
      log(`Influence Map team server at ${url}/ (sync at ${COLLAB_PATH}; storage: ${storage.kind}${storage.kind === 'SQLite' ? ` in ${config.dataDir}` : ''}${redisInfo})`);
      return { url, port: address.port };
    },
    async close() {
      hocuspocus.closeConnections();
      // Let pending debounced stores reach the database before it closes.
      await Promise.allSettled([...hocuspocus.documents.values()].map((doc) => hocuspocus.storeDocumentHooks(doc, { context: {}, document: doc, documentName: doc.name, instance: hocuspocus, requestHeaders: {}, requestParameters: new URLSearchParams(), socketId: 'server', clientsCount: 0 }, true)));
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
      retiredListener?.disconnect();
      await storage.close();
    },
  };
}

/**
 * Serves the built app: files under `root` only, index.html for app routes.
 * @param {string | null} root
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function serveStatic(root, req, res) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return;
  }
  if (!root) {
    res.writeHead(404).end();
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  const target = (await isFile(file)) ? file : extname(path) ? null : join(root, 'index.html');
  if (!target) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(target))] ?? 'application/octet-stream';
  // Hashed assets never change; the page and the service worker always revalidate.
  const cache = target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
  if (req.method === 'HEAD') res.end();
  else createReadStream(target).pipe(res);
}

/** @param {string} path */
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
