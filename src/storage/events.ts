/**
 * Storage trouble the user must hear about, reported by the database connection itself:
 * another tab upgraded the database (this tab runs old code), an upgrade here is blocked by an
 * old tab, or the database was deleted underneath us (storage cleared).
 */
export type StorageTrouble = 'upgraded-elsewhere' | 'blocked' | 'deleted';

type Listener = (trouble: StorageTrouble) => void;

export class StorageEvents {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(trouble: StorageTrouble): void {
    for (const listener of this.listeners) listener(trouble);
  }
}
