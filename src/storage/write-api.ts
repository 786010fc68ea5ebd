/**
 * The write worker's handlers (write-worker.ts), also run on the page where no worker runs: a
 * large map's records arrive in chunks (`hold`), then `write` stores the map with them.
 */
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { emptyRecord } from '../domain/records';

export type WriteWorkerApi = {
  /** Records of the map to write next, sent ahead in chunks (see writeMapOffThread). */
  hold: (arg: { stakeholders: Stakeholder[]; ties: Tie[] }) => void;
  /** Writes `doc` with the records held so far added to it. */
  write: (arg: { dbName: string; doc: MapDocument }) => Promise<unknown>;
};

/** The write worker's handlers, writing with `createMap` (in the worker, or here as the fallback). */
export function writeApi(createMap: (dbName: string, doc: MapDocument) => Promise<unknown>): WriteWorkerApi {
  let held: { stakeholders: Record<Id, Stakeholder>; ties: Record<Id, Tie> } | null = null;
  return {
    hold({ stakeholders, ties }) {
      held ??= { stakeholders: emptyRecord(), ties: emptyRecord() };
      for (const s of stakeholders) held.stakeholders[s.id] = s;
      for (const t of ties) held.ties[t.id] = t;
    },
    write({ dbName, doc }) {
      const whole = held ? { ...doc, stakeholders: held.stakeholders, ties: held.ties } : doc;
      held = null;
      return createMap(dbName, whole);
    },
  };
}
