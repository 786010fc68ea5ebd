/** Turns storage failures into one plain sentence a user can act on. */
export type StorageProblemKind = 'quota' | 'unavailable' | 'blocked' | 'version' | 'unknown';

export interface StorageProblem {
  kind: StorageProblemKind;
  message: string;
}

/**
 * A storage failure already described for the user (thrown in a worker, where the name and
 * message are all that cross back to the page): describeStorageError keeps its message.
 */
export const DESCRIBED_STORAGE_ERROR = 'DescribedStorageError';

export function describedStorageError(error: unknown): Error {
  return Object.assign(new Error(describeStorageError(error).message), { name: DESCRIBED_STORAGE_ERROR });
}

export function describeStorageError(error: unknown): StorageProblem {
  const name = (error as { name?: string })?.name ?? '';
  if (name === DESCRIBED_STORAGE_ERROR) return { kind: 'unknown', message: (error as Error).message };
  const inner = (error as { inner?: { name?: string } })?.inner?.name ?? '';
  const names = `${name} ${inner}`;
  if (/QuotaExceeded/i.test(names)) {
    return { kind: 'quota', message: 'Your browser has no room left for this map. Free some space or download a copy.' };
  }
  if (/Blocked/i.test(names)) {
    return { kind: 'blocked', message: 'Another tab is holding the database open on an older version. Close other Influence Map tabs and reload.' };
  }
  if (/VersionError|UpgradeError/i.test(names)) {
    return { kind: 'version', message: 'This map was saved by a newer version of Influence Map. Reload to update the app.' };
  }
  if (/MissingAPI|InvalidState|DatabaseClosed|OpenFailed|InvalidAccess|Unknown/i.test(names)) {
    return { kind: 'unavailable', message: 'This browser is not letting the app store data (private mode or storage disabled).' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', message: `Saving failed: ${detail}` };
}
