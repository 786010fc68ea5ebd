/**
 * The workspace: which map is open, and the maps around it (create, open, rename, duplicate,
 * delete). It owns the autosave of the open map and keeps "last opened" and viewports stored.
 */
import { createMapDocument } from '../domain/factories';
import type { Id, MapDocument, Viewport } from '../domain/types';
import { asNewMap, exportBackupJson } from '../io/map-file';
import type { SealedMapFile } from '../io/sealed-map-file';
import { copyName, nameSet, numberedName } from '../domain/naming';
import { describeStorageError } from '../storage/errors';
import { initialRevisionsInChunks, MapLockedError, type MapToShow, type MapSummary, type Repository, type Revisions } from '../storage/repository';
import { deleteSnapshot, listSnapshots, loadSnapshot, saveSnapshot, type SnapshotSummary } from '../storage/snapshots';
import { prepareWriteWorker, writeMapOffThread, writeMapsTogether, type WriteResult } from '../storage/import-writer';
import type { StorageTrouble } from '../storage/events';
import { Autosave } from './autosave';
import { CloseJournal, JournalKeeper } from './journal';
import type { EditorStoreApi } from './store';
import type { SyncChannel } from './sync-channel';
import { whenDrawn } from './drawn';
import { afterNextFrame, nextTask } from '../domain/next-task';

// What the interface needs from storage, so ui/ and canvas/ never import storage/ (eslint.config.js).
export type { MapSummary, SnapshotSummary, StorageTrouble, WriteResult };
export { WrongPassphraseError } from '../storage/crypto';
export { readStorageInfo, requestPersistence, type StorageInfo } from '../storage/quota';

const LAST_MAP_KEY = 'lastMapId';
/** Quiet time after the last save before a big map is packed again for a fast open. */
export const PACK_AFTER_QUIET_MS = 10_000;
/** An automatic snapshot after every ten minutes of editing. */
export const AUTO_SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
const viewportKey = (id: Id) => `viewport:${id}`;

export class Workspace {
  /** Saves the open map; null while nothing is saved from this tab (no map, locked, closed elsewhere, being imported). */
  private autosave: Autosave | null = null;
  private viewportTimer: ReturnType<typeof setTimeout> | null = null;
  private packTimer: ReturnType<typeof setTimeout> | null = null;
  /** Quiet time after the last save before a big map is packed again (shorter in tests). */
  packQuietMs = PACK_AFTER_QUIET_MS;
  private pendingViewport: { mapId: Id; viewport: Viewport } | null = null;
  private lastSnapshotAt = new Map<Id, number>();
  /** Makes the last edits durable when the page goes away (state/journal.ts). */
  readonly journal: JournalKeeper;

  constructor(
    private readonly repo: Repository,
    readonly store: EditorStoreApi,
    readonly channel: SyncChannel | null = null,
    journal: CloseJournal = new CloseJournal(repo),
  ) {
    // A map only has a key in this tab when it is locked (and unlocked here).
    this.journal = new JournalKeeper(journal, store, () => this.autosave, (mapId) => repo.isUnlocked(mapId));
    // Storage cleared under an open map: put what is on screen back at once.
    repo.db.events.on((trouble) => {
      if (trouble === 'deleted') void this.autosave?.restoreWholeMap();
    });
    // A map the user deleted (and confirmed) in another tab closes here too, rather than coming back.
    channel?.listen((message) => {
      // Locked or unlocked in another tab: record ids were renewed there, so read the map again.
      if (message.type === 'map-locked' && this.openMapId === message.mapId) {
        const what = message.locked === false ? 'The passphrase lock was removed from this map in another tab' : 'This map was locked with a passphrase in another tab';
        if (this.autosave?.dirty) {
          // The records were renewed there, so the last changes here cannot be merged into them.
          this.store.getState().setSaveStatus({ state: 'error', message: `${what} before your last change here was saved. Download a copy of what is on screen, then reload.` });
          this.stopSaving();
        } else {
          this.store.getState().notify(message.locked === false ? `${what}.` : `${what}; everything saved here is in it. Enter the passphrase to go on.`);
          void this.openMap(message.mapId);
        }
        return;
      }
      if (message.type !== 'map-deleted') return;
      // Edits journaled for a map that is gone must not come back with it.
      this.journal.journal.clear(message.mapId);
      if (this.openMapId !== message.mapId) return;
      this.stopSaving();
      this.store.getState().closeDocument();
      this.store.getState().notify('This map was deleted in another tab.');
    });
  }

  /**
   * When storage cannot be used at all (private mode, disabled storage): an unsaved map in memory,
   * clearly marked, so the user can still work and download a copy.
   */
  openScratch(reason: string): void {
    this.stopSaving();
    this.store.getState().openDocument(createMapDocument('Unsaved map'));
    this.store.getState().setSaveStatus({ state: 'error', message: `${reason} Nothing you do here is saved; use “Download a copy (JSON)” to keep it.` });
  }

  get openMapId(): Id | null {
    return this.store.getState().doc?.map.id ?? null;
  }

  /** The map to show at start: the one named in the URL, else the last one opened, else the newest. */
  async startupMapId(requested: Id | null): Promise<Id | null> {
    const ids = await this.repo.mapIdsNewestFirst();
    if (requested && ids.includes(requested)) return requested;
    const last = await this.repo.getSetting<Id>(LAST_MAP_KEY).catch(() => undefined);
    if (last && ids.includes(last)) return last;
    return ids[0] ?? null;
  }

  /** Saves what is pending, then reads a map: 'locked' when this tab does not hold its key. */
  private async flushAndLoad(id: Id): Promise<MapToShow | null | 'locked'> {
    await this.flush();
    try {
      return await this.repo.loadMapToShow(id);
    } catch (error) {
      if (error instanceof MapLockedError) return 'locked';
      throw error;
    }
  }

  async openMap(id: Id): Promise<boolean> {
    const loaded = await this.flushAndLoad(id);
    if (loaded === 'locked') {
      // A locked map: show the unlock screen in its place.
      this.stopSaving();
      this.store.getState().closeDocument();
      this.store.getState().setLockedMap(id);
      await this.repo.setSetting(LAST_MAP_KEY, id).catch(() => undefined);
      return false;
    }
    if (!loaded) {
      this.store.getState().notify('That map no longer exists.', 'error');
      return false;
    }
    this.stopSaving();
    const viewport = (await this.repo.getSetting<Viewport>(viewportKey(id)).catch(() => undefined)) ?? null;
    // Edits the page had no time to save when it last went away come back first.
    const replayed = await this.journal.journal.replay(loaded.doc);
    const shown = replayed && replayed.replayed > 0 ? replayed.doc : loaded.doc;
    this.store.getState().openDocument(shown, { problems: [...loaded.problems, ...(replayed?.problems ?? [])], viewport });
    // The revisions autosave keeps are worked out once the map is drawn (state/drawn.ts); saving
    // starts now all the same (edits are watched and journalled), its first write waits for them.
    const revisions = whenDrawn(this.store).then(() => loaded.revisions());
    await this.startSaving(loaded.doc, revisions);
    if (shown !== loaded.doc) {
      this.autosave!.schedule(0);
      this.store.getState().notify('Edits you made just before the page last closed were brought back.');
    } else if (replayed) this.journal.journal.clear(id);
    return true;
  }

  /** From here on, nothing is saved from this tab until the next startSaving (the map was closed, deleted or locked). */
  stopSaving(): void {
    this.autosave?.dispose();
    this.autosave = null;
  }

  /** True while edits to the open map are being saved from this tab. */
  get saving(): boolean {
    return this.autosave !== null;
  }

  /** "Retry now" after a failed save. */
  async retrySave(): Promise<void> {
    await this.autosave?.flush();
  }

  /** From here on, edits to the open map (stored as `doc` at `revs`) are saved. */
  private async startSaving(doc: MapDocument, revs: Revisions | Promise<Revisions>): Promise<void> {
    this.autosave?.dispose();
    this.autosave = new Autosave(this.repo, this.store, { doc, revs }, this.channel, undefined, (saved) => {
      this.journal.onSaved(saved.map.id);
      void this.maybeAutoSnapshot(saved);
      this.packWhenQuiet(saved.map.id);
    });
    if (!this.lastSnapshotAt.has(doc.map.id)) this.lastSnapshotAt.set(doc.map.id, Date.now());
    await this.repo.setSetting(LAST_MAP_KEY, doc.map.id).catch(() => undefined);
  }

  /**
   * A save deletes a big map's pack (storage/packs.ts); once saves have been quiet for a while
   * the map is packed again, so reopening it after an editing session is fast too.
   */
  private packWhenQuiet(mapId: Id): void {
    if (this.packTimer) clearTimeout(this.packTimer);
    this.packTimer = setTimeout(() => {
      this.packTimer = null;
      void this.repo.refreshPack(mapId).catch(() => undefined);
    }, this.packQuietMs);
  }

  /**
   * Shows a map that is not stored yet (an import whose records are still being written):
   * nothing is saved until `openStored(doc)` says the records are there.
   */
  showUnstored(doc: MapDocument): void {
    this.stopSaving();
    this.store.getState().openDocument(doc);
    this.store.getState().setSaveStatus({ state: 'saving' });
  }

  /** The map shown by `showUnstored` has been written as `doc`: save it from now on, with any edits made meanwhile. */
  async openStored(doc: MapDocument): Promise<void> {
    this.channel?.post({ type: 'maps-changed' });
    if (this.openMapId !== doc.map.id || this.autosave) return;
    const revs = await initialRevisionsInChunks(doc);
    // The user may have opened another map meanwhile.
    if (this.openMapId !== doc.map.id || this.autosave) return;
    await this.startSaving(doc, revs);
    if (this.store.getState().doc !== doc) this.autosave!.schedule();
    else this.store.getState().setSaveStatus({ state: 'saved' });
  }

  /**
   * Stores imported maps and opens the first one.
   *
   * One map (the usual import): opened straight from memory (it was validated when the file was
   * read), drawn, and then its records are written in a Web Worker (one transaction); saving
   * starts when the write has finished, and edits made meanwhile are saved then. If the write
   * fails, the map is closed again and the previous one reopened, and the reason returned.
   * Several maps (a backup, maybe with sealed locked maps) are written in ONE transaction, so a
   * failure half-way leaves nothing behind; then the first is opened.
   */
  async importMaps(docs: MapDocument[], options: { sealed?: SealedMapFile[]; createWorker?: () => Worker | null } = {}): Promise<WriteResult> {
    const sealed = options.sealed ?? [];
    if (docs.length === 0 && sealed.length === 0) return { ok: false, error: 'There is nothing to import.' };
    if (docs.length === 1 && sealed.length === 0) return this.importOne(docs[0], options.createWorker);
    const written = await writeMapsTogether(this.repo, docs, sealed);
    if (!written.ok) return written;
    this.channel?.post({ type: 'maps-changed' });
    await this.openMap(docs[0]?.map.id ?? written.lockedIds[0]);
    return { ok: true };
  }

  /** Starts the import write worker ahead of time (a confirm dialog is showing). */
  prepareImport(): void {
    prepareWriteWorker();
  }

  private importOne(doc: MapDocument, createWorker?: () => Worker | null): Promise<WriteResult> {
    return this.openWhileWritten(doc, async () => {
      // The map is drawn first, then stored: the write would otherwise take CPU from the first frame.
      await afterNextFrame();
      return writeMapOffThread(this.repo, doc, createWorker);
    });
  }

  /**
   * Opens a map from memory while something else (the import worker, for a large org chart)
   * stores it; once `stored` says every record is written, autosave takes over. If storing
   * fails, the map is closed again and the previous one reopened, as for `importMaps`.
   */
  openWhileStored(doc: MapDocument, stored: Promise<WriteResult>): Promise<WriteResult> {
    return this.openWhileWritten(doc, () => stored);
  }

  /** The repository, for state/ modules that keep records of their own (team maps); the interface uses the methods above. */
  get repository(): Repository {
    return this.repo;
  }

  /** The name of the database, for a worker that stores into it itself (a large org chart). */
  get databaseName(): string {
    return this.repo.db.name;
  }

  private async openWhileWritten(doc: MapDocument, write: () => Promise<WriteResult>): Promise<WriteResult> {
    const mapId = doc.map.id;
    // Whatever is still unsaved on the map being left is written first.
    await this.flush();
    const previous = this.openMapId;
    // Open from memory at once (in a task of its own: the map was just put together from the
    // worker's last slice, and its first render is long enough); nothing is saved until the map's
    // records are stored.
    await nextTask();
    this.showUnstored(doc);
    const result = await write();
    if (!result.ok) {
      if (this.openMapId === mapId) {
        if (previous && previous !== mapId) await this.openMap(previous).catch(() => false);
        else this.store.getState().closeDocument();
      }
      return result;
    }
    await this.openStored(doc);
    return { ok: true };
  }

  /** Stores a new map (a blank one unless given) and opens it. */
  async createMap(doc: MapDocument = createMapDocument('Untitled map'), options: { lockedLike?: Id } = {}): Promise<Id | null> {
    try {
      await this.repo.createMap(doc, options);
    } catch (error) {
      this.store.getState().notify(describeStorageError(error).message, 'error');
      return null;
    }
    this.channel?.post({ type: 'maps-changed' });
    await this.openMap(doc.map.id);
    return doc.map.id;
  }

  /** A copy of a locked map is locked with the same passphrase (and open in this tab, as the original is). */
  async duplicateMap(id: Id): Promise<Id | null> {
    const loaded = await this.flushAndLoad(id);
    if (loaded === 'locked') {
      this.store.getState().notify('This map is locked: open it with its passphrase first, then duplicate it.', 'error');
      return null;
    }
    if (!loaded) return null;
    const taken = nameSet((await this.repo.listMaps()).map((m) => m.name));
    const copy = asNewMap(loaded.doc, { reIdRecords: true, name: copyName(loaded.doc.map.name, taken) });
    return this.createCopy(copy, id);
  }

  /**
   * Stores a copy of map `sourceId` and opens it: sealed with the same passphrase when the source
   * is locked (written here, where the key is). A copy in the clear opens at once from memory and
   * is written by the write worker, as an import is: writing a 20,000-person copy from the page
   * took 14-15 s before the copy showed.
   */
  private async createCopy(copy: MapDocument, sourceId: Id): Promise<Id | null> {
    const locked = this.repo.isUnlocked(sourceId) && !!(await this.repo.lockInfo(sourceId).catch(() => null));
    if (!locked) {
      const written = await this.importOne(copy);
      if (written.ok) return copy.map.id;
      this.store.getState().notify(written.error, 'error');
      return null;
    }
    const id = await this.createMap(copy, { lockedLike: sourceId });
    if (id) this.store.getState().notify('The copy is locked with the same passphrase as the original.');
    return id;
  }

  /**
   * New maps (an import) named so they can be told from the maps already here: a name in use
   * becomes "orgchart (2)", "orgchart (3)"...
   */
  async withFreeNames(docs: MapDocument[]): Promise<MapDocument[]> {
    const taken = nameSet((await this.repo.listMaps().catch(() => [])).map((m) => m.name));
    return docs.map((doc) => {
      const name = numberedName(doc.map.name, taken);
      taken.add(name);
      return name === doc.map.name ? doc : { ...doc, map: { ...doc.map, name } };
    });
  }

  async renameMap(id: Id, name: string): Promise<void> {
    if (this.openMapId === id) {
      this.store.getState().renameMap(name);
      return;
    }
    const loaded = await this.repo.loadMap(id);
    if (!loaded) return;
    const map = { ...loaded.doc.map, name };
    await this.repo.saveChanges(id, { map, upsertStakeholders: [], deleteStakeholders: [], upsertTies: [], deleteTies: [] }, { doc: loaded.doc, revs: loaded.revs });
    this.channel?.post({ type: 'changed', mapId: id, map: true, stakeholders: [], ties: [] });
  }

  /** Unlocks a locked map with its passphrase and opens it; a wrong passphrase throws and changes nothing. */
  async unlockAndOpen(id: Id, passphrase: string): Promise<void> {
    await this.repo.unlockMap(id, passphrase);
    this.store.getState().setLockedMap(null);
    await this.openMap(id);
  }

  /** Encrypts the open map at rest under a passphrase (this tab keeps the key until "Lock now"). */
  async lockOpenMap(passphrase: string): Promise<void> {
    await this.changeLock(true, (id) => this.repo.lockMap(id, passphrase));
  }

  async removeLockFromOpenMap(): Promise<void> {
    await this.changeLock(false, (id) => this.repo.removeLock(id));
  }

  /** Locks or unlocks the open map (after saving what is pending), tells the other tabs, and reads it again. */
  private async changeLock(locked: boolean, change: (id: Id) => Promise<unknown>): Promise<void> {
    const id = this.openMapId;
    if (!id) return;
    await this.flush();
    await change(id);
    this.channel?.post({ type: 'map-locked', mapId: id, locked });
    await this.openMap(id);
  }

  /** Forgets the key and closes the map: it needs the passphrase again. */
  async lockNow(): Promise<void> {
    const id = this.openMapId;
    if (!id) return;
    await this.flush();
    this.stopSaving();
    this.repo.forgetKey(id);
    this.store.getState().closeDocument();
    this.store.getState().setLockedMap(id);
  }

  /** Version history: a snapshot once per ten minutes of activity, bounded in number. */
  async maybeAutoSnapshot(doc: MapDocument, now = Date.now()): Promise<void> {
    const mapId = doc.map.id;
    // The clock starts when the map is opened: ten minutes of editing, then a snapshot.
    const last = this.lastSnapshotAt.get(mapId) ?? now;
    if (!this.lastSnapshotAt.has(mapId)) this.lastSnapshotAt.set(mapId, now);
    if (now - last < AUTO_SNAPSHOT_INTERVAL_MS) return;
    this.lastSnapshotAt.set(mapId, now);
    await saveSnapshot(this.repo, doc, { auto: true, now }).catch(() => undefined);
  }

  async takeSnapshot(name: string): Promise<void> {
    const doc = this.store.getState().doc;
    if (!doc) return;
    await this.flush();
    await saveSnapshot(this.repo, doc, { name, auto: false });
  }

  /** Restores a snapshot over the open map as one undoable change. */
  async restoreSnapshotHere(snapshotId: Id): Promise<boolean> {
    const loaded = await loadSnapshot(this.repo, snapshotId);
    const current = this.store.getState().doc;
    if (!loaded.ok || !current) {
      this.store.getState().notify(loaded.ok ? 'Open the map first.' : loaded.error, 'error');
      return false;
    }
    const restored: MapDocument = { ...loaded.doc, map: { ...loaded.doc.map, id: current.map.id, createdAt: current.map.createdAt } };
    this.store.getState().edit(() => restored);
    return true;
  }

  async restoreSnapshotAsNew(snapshotId: Id, name: string): Promise<Id | null> {
    const loaded = await loadSnapshot(this.repo, snapshotId);
    if (!loaded.ok) {
      this.store.getState().notify(loaded.error, 'error');
      return null;
    }
    return this.createCopy(asNewMap(loaded.doc, { reIdRecords: true, name }), loaded.mapId);
  }

  /**
   * "Back up all maps": one file with every map. Locked maps go in still sealed, whether or not
   * this tab has unlocked them (a locked map is never written out in clear); they are restored
   * locked and open with their passphrase.
   */
  async backUpAll(now: Date = new Date()): Promise<{ text: string; maps: number; locked: number }> {
    await this.flush();
    const docs: MapDocument[] = [];
    const sealed: SealedMapFile[] = [];
    for (const m of await this.repo.listMaps()) {
      if (m.locked) sealed.push(await this.repo.exportSealed(m.id));
      else {
        const loaded = await this.repo.loadMap(m.id);
        if (loaded) docs.push(loaded.doc);
      }
    }
    return { text: exportBackupJson(docs, now, sealed), maps: docs.length + sealed.length, locked: sealed.length };
  }

  async deleteMap(id: Id): Promise<void> {
    if (this.openMapId === id) {
      this.stopSaving();
      this.store.getState().closeDocument();
    }
    // Its snapshots go in the same transaction; a save under way in another tab cannot bring it back.
    await this.repo.deleteMap(id);
    this.journal.journal.clear(id);
    this.channel?.post({ type: 'map-deleted', mapId: id });
  }

  /** The maps stored in this browser, newest first. */
  listMaps(): Promise<MapSummary[]> {
    return this.repo.listMaps();
  }

  /** Whether a map is locked with a passphrase (rejects when storage cannot be read). */
  async isLocked(mapId: Id): Promise<boolean> {
    return !!(await this.repo.lockInfo(mapId));
  }

  listSnapshots(mapId: Id): Promise<SnapshotSummary[]> {
    return listSnapshots(this.repo, mapId);
  }

  loadSnapshot(snapshotId: Id): ReturnType<typeof loadSnapshot> {
    return loadSnapshot(this.repo, snapshotId);
  }

  deleteSnapshot(snapshotId: Id): Promise<void> {
    return deleteSnapshot(this.repo, snapshotId);
  }

  /** Trouble reported by the database (an upgrade in another tab, a blocked upgrade, storage cleared). Returns the unsubscribe. */
  onStorageTrouble(listener: (trouble: StorageTrouble) => void): () => void {
    return this.repo.db.events.on(listener);
  }

  saveViewport(viewport: Viewport): void {
    const mapId = this.openMapId;
    if (!mapId) return;
    this.pendingViewport = { mapId, viewport };
    if (this.viewportTimer) clearTimeout(this.viewportTimer);
    this.viewportTimer = setTimeout(() => void this.flushViewport(), 300);
  }

  private async flushViewport(): Promise<void> {
    const pending = this.pendingViewport;
    this.pendingViewport = null;
    if (pending) await this.repo.setSetting(viewportKey(pending.mapId), pending.viewport).catch(() => undefined);
  }

  /** Writes everything pending (document and viewport), e.g. before the page is hidden. */
  async flush(): Promise<void> {
    if (this.viewportTimer) clearTimeout(this.viewportTimer);
    await Promise.all([this.autosave?.flush(), this.flushViewport()]);
  }

  dispose(): void {
    if (this.packTimer) clearTimeout(this.packTimer);
    this.stopSaving();
    this.journal.dispose();
  }
}
