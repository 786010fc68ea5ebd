/** Reactive reads for React: re-run when the tables they read change (in this tab or another). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { MapSummary, Repository } from './repository';

export function useMapSummaries(repo: Repository): MapSummary[] | undefined {
  return useLiveQuery(() => repo.listMaps(), [repo]);
}
