/** Reactive reads for React: re-run when the tables they read change (in this tab or another). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { MapSummary, Repository } from './repository';
import { sharedMapIds } from './shares';

export function useMapSummaries(repo: Repository): MapSummary[] | undefined {
  return useLiveQuery(() => repo.listMaps(), [repo]);
}

/** Ids of the maps on this device that are shared maps (team maps). */
export function useSharedMapIds(repo: Repository): Set<string> | undefined {
  return useLiveQuery(() => sharedMapIds(repo.db), [repo]);
}
