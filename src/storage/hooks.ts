/** Reactive reads for React: re-run when the tables they read change (in this tab or another). */
import { useLiveQuery } from 'dexie-react-hooks';

/** A query's answer, read again whenever the tables it read change. */
export function useLiveRead<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  return useLiveQuery(query, deps);
}
