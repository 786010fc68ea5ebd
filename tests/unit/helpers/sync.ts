/** An in-memory stand-in for BroadcastChannel: a message reaches every other tab, never the sender. */
import type { SyncChannel, SyncMessage } from '../../../src/state/sync-channel';

export class FakeBroadcast {
  readonly sent: SyncMessage[] = [];
  private readonly tabs = new Set<Set<(message: SyncMessage) => void>>();

  channel(): SyncChannel {
    const handlers = new Set<(message: SyncMessage) => void>();
    this.tabs.add(handlers);
    return {
      post: (message) => {
        this.sent.push(message);
        // Like BroadcastChannel: delivered later, as a structured clone.
        const copy = structuredClone(message);
        for (const tab of this.tabs) if (tab !== handlers) for (const handler of tab) queueMicrotask(() => handler(copy));
      },
      listen(handler) {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      close: () => {
        this.tabs.delete(handlers);
      },
    };
  }
}
