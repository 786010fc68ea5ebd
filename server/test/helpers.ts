/** Starts the real team server as a child process and connects real Hocuspocus clients to it. */
import { spawn, type ChildProcess } from 'node:child_process';
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
