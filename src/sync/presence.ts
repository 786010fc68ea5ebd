/**
 * Presence (Yjs awareness) is sealed like every value: the server relays who is here only as
 * ciphertext. Each member's state is bound to their awareness client id, so it cannot be replayed
 * as someone else's.
 */
import { CLUSTER_COLOURS } from '../io/palette';
import type { Id } from '../domain/types';
import { openValue, sealValue } from './seal';
import type { SealContext } from './ydoc';

export interface PresenceState {
  name: string;
  colour: string;
  /** People selected on the canvas. */
  selection: Id[];
}

export const PRESENCE_FIELD = 'sealed';
const MAX_NAME = 40;
const MAX_SELECTION = 200;

const place = (ctx: SealContext, clientId: number) => ({ room: ctx.room, table: 'presence', record: String(clientId), field: 'state' });

/** A colour per member, from the palette's distinct colours. */
export function presenceColour(clientId: number): string {
  return CLUSTER_COLOURS[clientId % CLUSTER_COLOURS.length];
}

export function sealPresence(ctx: SealContext, clientId: number, state: PresenceState): Promise<string> {
  return sealValue(ctx.key, place(ctx, clientId), state);
}

/** A member's presence, or null when it does not open or is not a presence (never throws). */
export async function openPresence(ctx: SealContext, clientId: number, sealed: unknown): Promise<PresenceState | null> {
  try {
    const value = (await openValue(ctx.key, place(ctx, clientId), sealed)) as Partial<PresenceState> | null;
    if (!value || typeof value !== 'object') return null;
    const name = typeof value.name === 'string' ? value.name.slice(0, MAX_NAME) : '';
    const selection = Array.isArray(value.selection) ? value.selection.filter((s): s is string => typeof s === 'string').slice(0, MAX_SELECTION) : [];
    return { name, colour: presenceColour(clientId), selection };
  } catch {
    return null;
  }
}
