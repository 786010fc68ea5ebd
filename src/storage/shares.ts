/** Which local maps are shared maps (team maps), in the `shares` table (schema version 3). */
import type { Id } from '../domain/types';
import type { InfluenceDb, ShareRecord } from './db';

export type { ShareRecord };

export async function getShare(db: InfluenceDb, mapId: Id): Promise<ShareRecord | null> {
  return (await db.shares.get(mapId)) ?? null;
}

export async function shareByRoom(db: InfluenceDb, roomId: string): Promise<ShareRecord | null> {
  return (await db.shares.where('roomId').equals(roomId).first()) ?? null;
}

export async function putShare(db: InfluenceDb, share: ShareRecord): Promise<void> {
  await db.shares.put(share);
}

export async function deleteShare(db: InfluenceDb, mapId: Id): Promise<void> {
  await db.shares.delete(mapId);
}

/** Ids of every shared map on this device (the Maps list marks them). */
export async function sharedMapIds(db: InfluenceDb): Promise<Set<Id>> {
  return new Set((await db.shares.toArray()).map((s) => s.mapId));
}
