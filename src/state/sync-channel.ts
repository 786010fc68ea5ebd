/** Tells other tabs of this app which records a tab just saved, so they can read and merge them. */
import type { Id } from '../domain/types';

export type SyncMessage =
  | { type: 'changed'; mapId: Id; map: boolean; stakeholders: Id[]; ties: Id[] }
  | { type: 'maps-changed' }
  | { type: 'map-deleted'; mapId: Id }
  | { type: 'map-locked'; mapId: Id; locked?: boolean };

export interface SyncChannel {
  post(message: SyncMessage): void;
  listen(handler: (message: SyncMessage) => void): () => void;
  close(): void;
}

export function createSyncChannel(name = 'influence-map-sync'): SyncChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  const handlers = new Set<(message: SyncMessage) => void>();
  channel.onmessage = (event: MessageEvent<SyncMessage>) => {
    for (const handler of handlers) handler(event.data);
  };
  return {
    post: (message) => channel.postMessage(message),
    listen(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: () => channel.close(),
  };
}
