/**
 * Autosave: watches the open document and writes only the records that changed, one transaction
 * per save. Bursts are coalesced by a short debounce; pagehide and hidden-tab events flush at once.
 * A failed write keeps everything on screen, says what failed and retries with back-off.
 * Changes saved by other tabs arrive through the sync channel and are merged in.
 */
import { diffDocuments, isEmptyChangeSet, changeCount } from '../domain/diff';
import { dropDanglingTies, mergeDocuments } from '../domain/merge';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { describeStorageError } from '../storage/errors';
import { MapDeletedError, MapMissingError, revKey, type Repository, type Revisions, type SaveResult } from '../storage/repository';
import type { EditorStoreApi } from './store';
import type { SyncChannel, SyncMessage } from './sync-channel';
import { copyRecord, hasEntry } from '../domain/records';

export interface AutosaveStats {
  saves: number;
  lastRecords: number;
  lastMs: number;
}

const RETRY_DELAYS_MS = [1000, 3000, 10000, 30000];

export class Autosave {
  readonly stats: AutosaveStats = { saves: 0, lastRecords: 0, lastMs: 0 };
  private synced: MapDocument;
  private revs: Revisions;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private disposed = false;
  private unsubscribe: () => void;
  private unlisten: (() => void) | null = null;
  readonly mapId: Id;

  constructor(
    private readonly repo: Repository,
    private readonly store: EditorStoreApi,
    /** `revs` may still be being worked out (an opening map's: state/drawn.ts); saves wait for them. */
    base: { doc: MapDocument; revs: Revisions | Promise<Revisions> },
    private readonly channel: SyncChannel | null = null,
    private readonly debounceMs = 200,
    /** Called after each successful save with what is now stored (version history hooks in here). */
    private readonly onSaved: ((doc: MapDocument) => void) | null = null,
  ) {
    this.synced = base.doc;
    this.mapId = base.doc.map.id;
    if (base.revs instanceof Promise) {
      // Saves and another tab's changes already wait for the operation in flight: so they wait
      // for the revisions too.
      this.revs = new Map();
      this.inFlight = base.revs
        .then((revs) => void (this.revs = revs))
        .catch(() => undefined)
        .finally(() => {
          this.inFlight = null;
        });
    } else this.revs = base.revs;
    this.unsubscribe = store.subscribe((state, prev) => {
      if (state.doc !== prev.doc && state.doc?.map.id === this.mapId) this.schedule();
    });
    if (channel) this.unlisten = channel.listen((message) => void this.onRemote(message));
  }

  /** The document as last stored: what the screen's edits are measured against. */
  get base(): MapDocument {
    return this.synced;
  }

  /** True when the screen holds edits not yet written. */
  get dirty(): boolean {
    const doc = this.store.getState().doc;
    return !!doc && doc.map.id === this.mapId && doc !== this.synced && !isEmptyChangeSet(diffDocuments(this.synced, doc));
  }

  schedule(delay = this.debounceMs): void {
    if (this.disposed) return;
    this.store.getState().setSaveStatus({ state: 'saving' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Writes everything pending now; resolves once the screen's state is stored (or failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight) await this.inFlight;
    const doc = this.store.getState().doc;
    if (!doc || doc.map.id !== this.mapId || this.disposed) return;
    const changes = diffDocuments(this.synced, doc);
    if (isEmptyChangeSet(changes)) {
      this.synced = doc;
      if (this.store.getState().save.state !== 'error' || this.failures === 0) this.store.getState().setSaveStatus({ state: 'saved' });
      return;
    }
    const started = performance.now();
    this.inFlight = this.repo
      .saveChanges(this.mapId, changes, { doc: this.synced, revs: this.revs })
      .then((result) => {
        this.failures = 0;
        this.stats.saves++;
        this.stats.lastRecords = result.written;
        this.stats.lastMs = performance.now() - started;
        for (const [key, rev] of result.revs) this.revs.set(key, rev);
        // What this tab deleted is no longer stored: forget its revision, or an undo that brings it
        // back would be taken for an upsert of a record another tab deleted (and be dropped).
        for (const id of changes.deleteStakeholders) this.revs.delete(revKey.stakeholder(id));
        for (const id of changes.deleteTies) this.revs.delete(revKey.tie(id));
        this.synced = doc;
        this.adoptSaveResult(doc, result);
        this.channel?.post({
          type: 'changed',
          mapId: this.mapId,
          map: !!changes.map,
          stakeholders: [...changes.upsertStakeholders.map((s) => s.id), ...changes.deleteStakeholders],
          ties: [...changes.upsertTies.map((t) => t.id), ...changes.deleteTies],
        });
        const latest = this.store.getState().doc;
        if (latest === this.synced) this.store.getState().setSaveStatus({ state: 'saved' });
        this.onSaved?.(this.synced);
      })
      .catch(async (error: unknown) => {
        // Closed meanwhile (the map was deleted or locked elsewhere, or another map opened): the
        // workspace has told the user; writing the map again here would bring it back.
        if (this.disposed) return;
        if (error instanceof MapMissingError && (await this.restoreWholeMap(doc))) return;
        const problem = describeStorageError(error);
        const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
        this.failures++;
        this.store.getState().setSaveStatus({ state: 'error', message: `${problem.message} Your changes are kept on screen; retrying in ${Math.round(delay / 1000)} s.` });
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.flush(), delay);
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
    // Edits made while this save was under way get their own save.
    if (!this.disposed && this.failures === 0 && this.store.getState().doc !== this.synced) await this.flush();
  }

  /**
   * The map vanished from storage while it is open here: the browser cleared it, so write
   * everything on screen again rather than lose it (sealed, if it is locked), and say so. A map
   * the user deleted (in another tab) stays deleted: it closes here, with a word.
   */
  async restoreWholeMap(doc: MapDocument = this.store.getState().doc ?? this.synced): Promise<boolean> {
    if (this.disposed) return true;
    try {
      const revs = await this.repo.writeAgain(doc);
      this.revs = revs;
      this.synced = doc;
      this.failures = 0;
      this.store.getState().notify('This map had been removed from the browser\'s storage (cleared). It was saved again from what is on screen' + (this.repo.isUnlocked(this.mapId) ? ', locked with its passphrase as before.' : '.'));
      if (this.store.getState().doc === doc) this.store.getState().setSaveStatus({ state: 'saved' });
      return true;
    } catch (error) {
      if (!(error instanceof MapDeletedError) || this.disposed) return false;
      this.dispose();
      this.store.getState().closeDocument();
      this.store.getState().notify('This map was deleted in another tab.');
      return true;
    }
  }

  /** How many records the last save would write for the pending changes (for diagnostics). */
  pendingRecords(): number {
    const doc = this.store.getState().doc;
    return doc ? changeCount(diffDocuments(this.synced, doc)) : 0;
  }

  private adoptSaveResult(saved: MapDocument, result: SaveResult): void {
    const { adopted, goneStakeholders, goneTies } = result;
    if (!adopted.map && !adopted.stakeholders.length && !adopted.ties.length && !goneStakeholders.length && !goneTies.length) return;
    this.synced = applyRecords(saved, adopted.map, adopted.stakeholders, adopted.ties, goneStakeholders, goneTies);
    const current = this.store.getState().doc;
    if (!current) return;
    // Keep any edit typed after `saved` was taken: merge it over what is now stored.
    const next = mergeDocuments(saved, current, this.synced).doc;
    if (goneStakeholders.length || goneTies.length) {
      this.store.getState().notify('Some things you edited had just been deleted in another tab; they stay deleted.');
    }
    this.store.getState().adoptExternal(next);
  }

  private async onRemote(message: SyncMessage): Promise<void> {
    if (message.type !== 'changed' || message.mapId !== this.mapId || this.disposed) return;
    // Taking another tab's records and saving our own take turns: a save in flight relies on
    // `synced` and `revs` as its base, and a remote change adopted under it (between its reads)
    // made it write over the other tab's edit without merging it.
    while (this.inFlight) await this.inFlight;
    const run = this.applyRemote(message)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = run;
    await run;
  }

  private async applyRemote(message: Extract<SyncMessage, { type: 'changed' }>): Promise<void> {
    // Unreadable here (e.g. locked in another tab meanwhile): the workspace handles that case.
    const stored = await this.repo.readRecords(this.mapId, message.stakeholders, message.ties).catch(() => null);
    if (!stored) return;
    const current = this.store.getState().doc;
    if (!current || current.map.id !== this.mapId) return;

    // What is stored now: what this tab last stored, with the other tab's records (newer
    // revisions only). Then the one merge (domain/merge.ts) carries it over the screen's edits.
    const taken = <T extends { id: Id }>(key: (id: Id) => string, records: { id: Id; value: T | null; rev: number }[]): { upserts: T[]; gone: Id[] } => {
      const upserts: T[] = [];
      const gone: Id[] = [];
      for (const r of records) {
        if (r.value && r.rev <= (this.revs.get(key(r.id)) ?? -1)) continue;
        if (r.value) {
          this.revs.set(key(r.id), r.rev);
          upserts.push(r.value);
        } else {
          this.revs.delete(key(r.id));
          gone.push(r.id);
        }
      }
      return { upserts, gone };
    };
    const people = taken<Stakeholder>(revKey.stakeholder, stored.stakeholders);
    const ties = taken<Tie>(revKey.tie, stored.ties);
    let map: MapDocument['map'] | null = null;
    if (stored.map?.value && stored.map.rev > (this.revs.get(revKey.map(this.mapId)) ?? -1)) {
      this.revs.set(revKey.map(this.mapId), stored.map.rev);
      map = stored.map.value;
    }
    const base = this.synced;
    this.synced = applyRecords(base, map, people.upserts, ties.upserts, people.gone, ties.gone);
    // A person deleted elsewhere takes their ties along here too (the merge drops dangling ties).
    const next = mergeDocuments(base, current, this.synced).doc;
    if (next !== current) this.store.getState().adoptExternal(next);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    this.unlisten?.();
  }
}

/** `doc` with these records put in and those taken out (untouched records shared), then made whole. */
function applyRecords(
  doc: MapDocument,
  map: MapDocument['map'] | null,
  stakeholders: Stakeholder[],
  ties: Tie[],
  goneStakeholders: Id[],
  goneTies: Id[],
): MapDocument {
  const put = <T extends { id: Id }>(records: Record<Id, T>, upserts: T[], gone: Id[]): Record<Id, T> => {
    let out: Record<Id, T> | null = null;
    for (const r of upserts) {
      if (records[r.id] === r && hasEntry(records, r.id)) continue;
      out ??= copyRecord(records);
      out[r.id] = r;
    }
    for (const id of gone) {
      if (!hasEntry(out ?? records, id)) continue;
      out ??= copyRecord(records);
      delete out[id];
    }
    return out ?? records;
  };
  const next: MapDocument = {
    map: map ?? doc.map,
    stakeholders: put(doc.stakeholders, stakeholders, goneStakeholders),
    ties: put(doc.ties, ties, goneTies),
  };
  const same = next.map === doc.map && next.stakeholders === doc.stakeholders && next.ties === doc.ties;
  return dropDanglingTies(same ? doc : next).doc;
}
