/**
 * One shared map's connection: its Y.Doc, kept on this device by y-indexeddb (so a shared map
 * opens and takes edits offline), and the Hocuspocus provider that syncs it through the team
 * server at `/collab` on the app's own origin (the CSP stays `connect-src 'self'`). Nothing here
 * runs for a map that was never shared or joined.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export interface RoomConnection {
  readonly roomId: string;
  readonly ydoc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** This device's copy of the Y.Doc is loaded. */
  readonly local: Promise<void>;
  /** The first exchange with the server is done (rejects if the server refuses the link). */
  readonly synced: Promise<void>;
  status(): ConnectionStatus;
  /** Why the server refused, once it has (kept, for listeners that subscribe late). */
  refusal(): string | null;
  /** Resolves once the server has every change made here so far (rejects after `ms`). */
  flushed(ms?: number): Promise<void>;
  onStatus(listener: (status: ConnectionStatus, reason?: string) => void): () => void;
  destroy(): void;
}

/** The sync endpoint on the app's own origin. */
export function collabUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

/** The server's refusal reason for a room retired by a key rotation (server/src/app.js REPLACED). */
export const REPLACED_REASON = 'replaced';

/** What a member on a replaced link is told. */
export const REPLACED_MESSAGE = 'This link was replaced by the map’s owner; ask them for the new link.';

/**
 * Retires a room after its map moved to a new room (key rotation): the server deletes the old
 * document and refuses the old links. `owner` is the old room's owner token (keys.ts ownerToken):
 * the server refuses anyone else, editors included.
 */
export async function retireRoom(roomId: string, owner: string, url: string = collabUrl()): Promise<void> {
  const endpoint = `${url.replace(/^ws/, 'http')}/retire`;
  const res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room: roomId, owner }) });
  if (res.status === 403) throw new Error('The team server refused to retire the old links: only the map’s owner can, from the device that shared it.');
  if (!res.ok) throw new Error(`The team server did not retire the old links (${res.status}).`);
}

/** The name of a room's local copy (an IndexedDB database of its own, kept by y-indexeddb). */
export const localCopyName = (roomId: string) => `influence-map-room-${roomId}`;

/** Deletes a room's local copy ("Remove from this device"). */
export async function clearLocalCopy(roomId: string): Promise<void> {
  await clearDocument(localCopyName(roomId));
}

export function openRoom(options: { roomId: string; token: () => Promise<string>; url?: string; ydoc?: Y.Doc }): RoomConnection {
  const ydoc = options.ydoc ?? new Y.Doc();
  const persistence = new IndexeddbPersistence(localCopyName(options.roomId), ydoc);
  const local = persistence.whenSynced.then(() => undefined);
  let status: ConnectionStatus = 'connecting';
  let refusal: string | null = null;
  let destroyed = false;
  const listeners = new Set<(status: ConnectionStatus, reason?: string) => void>();
  const setStatus = (next: ConnectionStatus, reason?: string) => {
    if (status === next && !reason) return;
    status = next;
    for (const l of listeners) l(next, reason);
  };
  let syncedOk!: () => void;
  let syncedFail!: (error: Error) => void;
  const synced = new Promise<void>((resolve, reject) => ((syncedOk = resolve), (syncedFail = reject)));
  synced.catch(() => undefined);
  // Reconnect soon after the server comes back (the default backs off to 30 s).
  const socket = new HocuspocusProviderWebsocket({ url: options.url ?? collabUrl(), delay: 500, factor: 1.5, maxDelay: 4000, minDelay: 500 });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.roomId,
    document: ydoc,
    token: options.token,
    onSynced: () => {
      setStatus('online');
      syncedOk();
    },
    onAuthenticationFailed: ({ reason }) => {
      refusal = reason;
      setStatus('refused', reason);
      syncedFail(new Error(reason));
    },
    onClose: () => {
      // The server can close this room alone (a retired room, a room over its size limit) with
      // a message on a socket it leaves open; the provider then neither re-authenticates nor
      // reports it, and updates would go nowhere. Reconnect, so the server's answer arrives.
      if (destroyed || status === 'refused' || (socket as unknown as { webSocket: WebSocket | null }).webSocket?.readyState !== 1) return;
      const again = () => {
        socket.off('disconnect', again);
        if (!destroyed) void socket.connect();
      };
      socket.on('disconnect', again);
      socket.disconnect();
    },
    onStatus: ({ status: s }) => {
      if (status === 'refused') return;
      if (s === 'connected') setStatus(provider.isSynced ? 'online' : 'connecting');
      else if (s === 'disconnected') setStatus('offline');
    },
  });
  provider.attach();
  return {
    roomId: options.roomId,
    ydoc,
    provider,
    local,
    synced,
    status: () => status,
    refusal: () => refusal,
    async flushed(ms = 20_000) {
      const deadline = Date.now() + ms;
      await Promise.race([synced, new Promise((_, reject) => setTimeout(() => reject(new Error('The team server could not be reached.')), ms))]);
      while (provider.hasUnsyncedChanges) {
        if (Date.now() > deadline) throw new Error('The team server did not confirm the changes in time.');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      provider.destroy();
      socket.destroy();
      void persistence.destroy();
    },
  };
}
