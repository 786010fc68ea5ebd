/**
 * The close journal: the last edits made durable the moment the page may go away.
 *
 * A save to IndexedDB is asynchronous, and a page being closed, reloaded or navigated away from
 * does not wait for it: an edit made in the last ~150 ms was lost. localStorage is written
 * synchronously, so at pagehide (and beforeunload, and when the tab is hidden) the records the
 * screen holds that storage does not are written there, and replayed through restoreDocument
 * when the map is next opened, then cleared once saved.
 *
 * A locked map's text is never written in the clear: its journal is sealed with the map's key.
 * Web Crypto is asynchronous, so for a locked map the sealed journal is kept current while the
 * user edits (sealed and written after each change, a few milliseconds behind) and pagehide
 * only keeps what is already sealed. Any save removes a journal it covers, and a journal
 * written at pagehide is removed as soon as the page turns out to live on (the next edit), so a
 * journal never holds edits older than what is stored.
 */
import { pendingRecords, replayJournal, type JournalRecords } from '../domain/journal';
import type { Id, MapDocument } from '../domain/types';
import type { Sealed } from '../storage/crypto';
import { fromBase64, toBase64 } from '../io/sealed-map-file';
import type { Repository } from '../storage/repository';
import type { Autosave } from './autosave';
import type { EditorStoreApi } from './store';

const PREFIX = 'influence-map:journal:';
const JOURNAL_VERSION = 1;

/** Sealed bytes as localStorage can hold them (text). */
type SealedText = { iv: string; data: string };
type StoredJournal = { v: number; mapId: Id; at: number; records?: JournalRecords; sealed?: SealedText };


const sealedToText = (sealed: Sealed): SealedText => ({ iv: toBase64(sealed.iv), data: toBase64(new Uint8Array(sealed.data)) });
const sealedFromText = (text: SealedText): Sealed => ({ iv: fromBase64(text.iv), data: fromBase64(text.data).buffer as ArrayBuffer });
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled by the browser's settings.
    return null;
  }
}

export interface ReplayedJournal {
  doc: MapDocument;
  problems: string[];
  /** Records the journal brought back. */
  replayed: number;
}

export class CloseJournal {
  /** Bumped by every write and clear, so a seal that finishes late never overwrites a newer state. */
  private generation = 0;

  constructor(
    private readonly repo: Pick<Repository, 'sealFor' | 'unsealFor'>,
    private readonly storage: JournalStorage | null = browserStorage(),
  ) {}

  private key(mapId: Id): string {
    return PREFIX + mapId;
  }

  /** Writes a plain map's pending records now (synchronously); false if storage refused. */
  writePlain(mapId: Id, records: JournalRecords, now = Date.now()): boolean {
    this.generation++;
    return this.put({ v: JOURNAL_VERSION, mapId, at: now, records });
  }

  /** Seals a locked map's pending records and writes them; false if a newer write or clear came first. */
  async writeSealed(mapId: Id, records: JournalRecords, now = Date.now()): Promise<boolean> {
    const generation = ++this.generation;
    const sealed = await this.repo.sealFor(mapId, records);
    if (generation !== this.generation) return false;
    return this.put({ v: JOURNAL_VERSION, mapId, at: now, sealed: sealedToText(sealed) });
  }

  private put(journal: StoredJournal): boolean {
    if (!this.storage) return false;
    try {
      this.storage.setItem(this.key(journal.mapId), JSON.stringify(journal));
      return true;
    } catch {
      // Quota exceeded or storage disabled: the caller warns before the page goes.
      return false;
    }
  }

  clear(mapId: Id): void {
    this.generation++;
    try {
      this.storage?.removeItem(this.key(mapId));
    } catch {
      // Nothing to remove where storage is disabled.
    }
  }

  has(mapId: Id): boolean {
    try {
      return this.storage?.getItem(this.key(mapId)) != null;
    } catch {
      return false;
    }
  }

  /** The journal of a map, merged over `stored`; null when there is none. Unreadable journals are reported. */
  async replay(stored: MapDocument): Promise<ReplayedJournal | null> {
    const mapId = stored.map.id;
    let text: string | null;
    try {
      text = this.storage?.getItem(this.key(mapId)) ?? null;
    } catch {
      return null;
    }
    if (text === null) return null;
    const unreadable = (why: string): ReplayedJournal => ({ doc: stored, problems: [`Edits made just before the page was last closed could not be brought back (${why}).`], replayed: 0 });
    let journal: StoredJournal;
    try {
      journal = JSON.parse(text) as StoredJournal;
    } catch {
      return unreadable('the note of them is damaged');
    }
    if (journal.v !== JOURNAL_VERSION || journal.mapId !== mapId) return unreadable('the note of them was written by another version of the app');
    let records: unknown = journal.records;
    if (journal.sealed) {
      try {
        records = await this.repo.unsealFor(mapId, sealedFromText(journal.sealed));
      } catch {
        return unreadable('they were sealed with a key this map no longer has');
      }
    }
    const result = replayJournal(stored, records);
    if (!result.ok) return unreadable(result.error);
    return { doc: result.doc, problems: result.problems, replayed: result.replayed };
  }
}

/**
 * When the journal is written and cleared, for whichever map is being saved (`autosave()`).
 * One per workspace.
 */
export class JournalKeeper {
  /** A plain journal written at pagehide is on disk. */
  private writtenPlain: Id | null = null;
  /** What the sealed journal on disk covers: the screen and the stored base it was made from. */
  private sealedFor: { screen: MapDocument; base: MapDocument } | null = null;
  private sealing = false;
  private sealAgain = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly journal: CloseJournal,
    private readonly store: EditorStoreApi,
    private readonly autosave: () => Autosave | null,
    private readonly isLocked: (mapId: Id) => boolean,
  ) {
    this.unsubscribe = store.subscribe((state, prev) => {
      if (state.doc !== prev.doc) this.onEdit();
    });
  }

  private pending(): { mapId: Id; screen: MapDocument; base: MapDocument; records: JournalRecords | null } | null {
    const saver = this.autosave();
    const screen = this.store.getState().doc;
    if (!saver || !screen || screen.map.id !== saver.mapId) return null;
    return { mapId: saver.mapId, screen, base: saver.base, records: pendingRecords(saver.base, screen) };
  }

  private onEdit(): void {
    const now = this.pending();
    if (this.writtenPlain && this.writtenPlain !== now?.mapId) this.clearPlain();
    if (!now) return;
    // The page lived on after pagehide: a plain journal would soon be older than what is saved.
    if (this.writtenPlain) this.clearPlain();
    if (this.isLocked(now.mapId)) void this.reseal();
  }

  private clearPlain(): void {
    if (this.writtenPlain) this.journal.clear(this.writtenPlain);
    this.writtenPlain = null;
  }

  /** Keeps a locked map's sealed journal current; runs one seal at a time, the newest last. */
  private async reseal(): Promise<void> {
    if (this.sealing) {
      this.sealAgain = true;
      return;
    }
    this.sealing = true;
    try {
      do {
        this.sealAgain = false;
        const now = this.pending();
        if (!now || !this.isLocked(now.mapId)) break;
        if (!now.records) {
          this.journal.clear(now.mapId);
          this.sealedFor = null;
          continue;
        }
        this.sealedFor = null;
        const written = await this.journal.writeSealed(now.mapId, now.records).catch(() => false);
        if (written) this.sealedFor = { screen: now.screen, base: now.base };
      } while (this.sealAgain);
    } finally {
      this.sealing = false;
    }
  }

  /** After a save: a journal the save covers goes; one it does not is rewritten on the new base. */
  onSaved(mapId: Id): void {
    const now = this.pending();
    if (!now || now.mapId !== mapId || !now.records) {
      this.journal.clear(mapId);
      this.writtenPlain = null;
      this.sealedFor = null;
      return;
    }
    if (this.isLocked(mapId)) void this.reseal();
    else if (this.writtenPlain === mapId) this.persist();
  }

  /**
   * The page may go away now: makes what is unsaved durable at once. True when nothing on screen
   * would be lost (nothing pending, or journaled); false when the browser should warn.
   */
  persist(): boolean {
    const now = this.pending();
    if (!now?.records) return true;
    if (this.isLocked(now.mapId)) {
      // Sealing cannot run synchronously; what counts is whether the sealed journal is current.
      return this.sealedFor?.screen === now.screen && this.sealedFor.base === now.base;
    }
    const written = this.journal.writePlain(now.mapId, now.records);
    this.writtenPlain = written ? now.mapId : null;
    return written;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
