/** Starts the real team server as a child process and connects real Hocuspocus clients to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'im-server-'));
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? tempDataDir();
  const child: ChildProcess = spawn(process.execPath, ['server/src/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', THROTTLE_PER_MINUTE: '0', ...env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = output.join('').match(/team server at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves with the scope granted, or rejects with the reason refused. */
  authenticated: Promise<'read-write' | 'readonly'>;
  synced: Promise<void>;
  closed: Promise<number>;
  destroy(): void;
}

export function connect(server: { url: string }, room: string, token: string): Client {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `${server.url.replace('http', 'ws')}/collab`, WebSocketPolyfill: WebSocket });
  let authOk!: (scope: 'read-write' | 'readonly') => void;
  let authFail!: (e: Error) => void;
  const authenticated = new Promise<'read-write' | 'readonly'>((resolve, reject) => ((authOk = resolve), (authFail = reject)));
  let syncedOk!: () => void;
  const synced = new Promise<void>((resolve) => (syncedOk = resolve));
  let closedWith!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room,
    document: doc,
    token,
    onAuthenticated: ({ scope }) => authOk(scope),
    onAuthenticationFailed: ({ reason }) => authFail(new Error(reason)),
    onSynced: () => syncedOk(),
    onClose: ({ event }) => closedWith(event.code),
  });
  provider.attach();
  authenticated.catch(() => undefined);
  return {
    doc,
    provider,
    authenticated,
    synced,
    closed,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `check` passes, polling; fails with the last error after `ms`. */
export async function eventually(check: () => void, ms = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - start > ms) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** PostgreSQL and Redis for the tests that need real servers (.ci/run starts both). */
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(Number(port || defaultPort), hostname);
  });
}

/**
 * Fails (never skips) with what is missing and how to start it: these tests are the only run
 * of the PostgreSQL and Redis paths, so a machine without the services must not pass quietly.
 */
export async function requireServices(needs: { postgres?: boolean; redis?: boolean }, what: string): Promise<void> {
  const missing: string[] = [];
  if (needs.postgres && !(await reachable(DATABASE_URL, 5432))) missing.push(`PostgreSQL at ${new URL(DATABASE_URL).host} (start: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; or set TEST_DATABASE_URL)`);
  if (needs.redis && !(await reachable(REDIS_URL, 6379))) missing.push(`Redis at ${new URL(REDIS_URL).host} (start: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""; or set TEST_REDIS_URL)`);
  if (missing.length) throw new Error(`${what} need real servers, and these are not reachable: ${missing.join('; ')}. .ci/run starts them.`);
}
