/**
 * The bridge between the editor store and a shared map's Y.Doc (sync/ydoc.ts).
 *
 * - Local edits: each new document is diffed (domain/diff.ts, by pointer) against the document
 *   as last written to the Y.Doc, and the changed fields go in as one Yjs transaction with
 *   LOCAL_ORIGIN (sealed first: Web Crypto is asynchronous).
 * - Remote changes: the records a peer's transaction touched are opened, restored (source
 *   'peer', through restoreDocument) and adopted with `adoptExternal`, the path another tab's
 *   change takes: not an undo step, and carried into the undo history, so each person's Undo
 *   undoes only their own edits (an undo is just another local edit). A record edited here and
 *   not yet written keeps our fields and takes theirs for the rest (mergeRecord, as the two-tab
 *   merge does).
 * - Pushing and adopting take turns on one queue, so a remote change is never adopted under a
 *   push that is still sealing, and the document as written (`written`) stays the base of both.
 */
import type * as Y from 'yjs';
import { mergeRecord } from '../domain/diff';
import { copyRecord, hasEntry } from '../domain/records';
import type { Id, MapDocument, Stakeholder, Tie } from '../domain/types';
import { snapshotCoverage, writeSnapshot } from '../sync/snapshot';
import { applyPlan, isEmptyPlan, planChanges, readRecords, restorePeer, roots, type SealContext, type SharedTable } from '../sync/ydoc';
import type { EditorStoreApi } from './store';

/** The origin of this device's own transactions: they are never read back into the store. */
export const LOCAL_ORIGIN = Symbol('influence-map-local');

export interface BridgeOptions {
  /** View-only members never write (the server would refuse it anyway). */
  readOnly?: boolean;
  /** How long edits must settle before a new snapshot is considered (ms). */
  snapshotAfterMs?: number;
  /** Problems found in what peers sent (values that failed to open, repairs). */
  onProblems?: (lines: string[]) => void;
}

interface Dirty {
  meta: boolean;
  stakeholders: Set<Id>;
  ties: Set<Id>;
}

const noDirt = (): Dirty => ({ meta: false, stakeholders: new Set(), ties: new Set() });

const SNAPSHOT_AFTER_MS = 10_000;

/**
 * A new snapshot is written when at least this share of the map's values (and this many) were
 * written since the last one: joiners then open at most that many values on their own.
 */
const SNAPSHOT_STALE_SHARE = 0.1;
const SNAPSHOT_STALE_MIN = 256;

export function snapshotWorthWriting({ values, uncovered }: { values: number; uncovered: number }): boolean {
  return uncovered >= SNAPSHOT_STALE_MIN && uncovered >= values * SNAPSHOT_STALE_SHARE;
}

export class SharedMapBridge {
  /** The document as it is in the Y.Doc, as far as this device knows. */
  private written: MapDocument;
  private queue: Promise<void> = Promise.resolve();
  private pushPending = false;
  private remotePending = false;
  private dirty = noDirt();
  private disposed = false;
  /** A peer's value failed to open here: `written` keeps what was known, so it is no snapshot of the Y.Doc. */
  private sawRejected = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanups: (() => void)[] = [];
  readonly mapId: Id;

  constructor(
    private readonly store: EditorStoreApi,
    private readonly ydoc: Y.Doc,
    private readonly ctx: SealContext,
    base: MapDocument,
    private readonly options: BridgeOptions = {},
  ) {
    this.written = base;
    this.mapId = base.map.id;
  }

  /** Writes the whole document into an empty Y.Doc (the owner, when sharing), and its snapshot. */
  async seed(): Promise<void> {
    await applyPlan(this.ydoc, this.ctx, planChanges(null, this.written), LOCAL_ORIGIN);
    await writeSnapshot(this.ydoc, this.ctx, this.written, LOCAL_ORIGIN);
  }

  /**
   * Starts following both sides. What the Y.Doc already holds (from this device's copy or the
   * server) is adopted first: the Y.Doc is the shared truth.
   */
  start(options: { adoptExisting?: boolean } = {}): void {
    const r = roots(this.ydoc);
    for (const table of ['meta', 'stakeholders', 'ties'] as SharedTable[]) {
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => {
        if (txn.origin === LOCAL_ORIGIN) return;
        for (const event of events) this.markDirty(table, event);
        this.scheduleRemote();
      };
      r[table].observeDeep(observer);
      this.cleanups.push(() => r[table].unobserveDeep(observer));
    }
    this.cleanups.push(
      this.store.subscribe((state, prev) => {
        if (state.doc !== prev.doc && state.doc?.map.id === this.mapId) this.schedulePush();
      }),
    );
    if (options.adoptExisting !== false && r.meta.size > 0) {
      this.dirty.meta = true;
      for (const id of r.stakeholders.keys()) this.dirty.stakeholders.add(id);
      for (const id of r.ties.keys()) this.dirty.ties.add(id);
      for (const id of Object.keys(this.written.stakeholders)) this.dirty.stakeholders.add(id);
      for (const id of Object.keys(this.written.ties)) this.dirty.ties.add(id);
      this.scheduleRemote();
    }
    // Edits made before the bridge started (e.g. while the map opened) go out too.
    this.schedulePush();
    // A room without a (recent) snapshot gets one once things settle, e.g. after a slow join.
    this.scheduleSnapshot();
  }

  /** Resolves when everything queued so far (pushes and adoptions) is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.disposed = true;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private markDirty(table: SharedTable, event: Y.YEvent<Y.AbstractType<unknown>>): void {
    if (table === 'meta') {
      this.dirty.meta = true;
      return;
    }
    const ids = this.dirty[table];
    if (event.path.length > 0) ids.add(String(event.path[0]));
    else for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.disposed ? undefined : task())).catch((error: unknown) => {
      this.options.onProblems?.([`Sync: ${error instanceof Error ? error.message : String(error)}`]);
    });
  }

  private schedulePush(): void {
    if (this.pushPending || this.options.readOnly) return;
    this.pushPending = true;
    this.enqueue(async () => {
      this.pushPending = false;
      const doc = this.store.getState().doc;
      if (!doc || doc.map.id !== this.mapId) return;
      const plan = planChanges(this.written, doc);
      this.written = doc;
      if (isEmptyPlan(plan)) return;
      await applyPlan(this.ydoc, this.ctx, plan, LOCAL_ORIGIN);
      this.scheduleSnapshot();
    });
  }

  /**
   * After this device's edits settle, an editor re-seals the snapshot if enough was written since
   * the last one. Only after one's own edits (and once at start), so a room of editors does not
   * all write one for the same remote change.
   */
  private scheduleSnapshot(): void {
    if (this.options.readOnly || this.disposed) return;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.enqueue(async () => {
        // `written` is the Y.Doc only when no remote change waits to be adopted.
        if (this.sawRejected || this.remotePending || this.options.readOnly) return;
        if (!snapshotWorthWriting(snapshotCoverage(this.ydoc))) return;
        await writeSnapshot(this.ydoc, this.ctx, this.written, LOCAL_ORIGIN);
      });
    }, this.options.snapshotAfterMs ?? SNAPSHOT_AFTER_MS);
  }

  private scheduleRemote(): void {
    if (this.remotePending) return;
    this.remotePending = true;
    this.enqueue(async () => {
      this.remotePending = false;
      const which = this.dirty;
      this.dirty = noDirt();
      await this.adopt(which);
    });
  }

  private async adopt(which: Dirty): Promise<void> {
    const read = await readRecords(this.ydoc, this.ctx, which);
    if (this.disposed) return;
    if (read.report.rejected) this.sawRejected = true;
    const current = this.store.getState().doc;
    if (!current || current.map.id !== this.mapId) return;
    const written = this.written;

    // Restore the changed records with the people their ties need (already known here).
    // A value that fails to open (reported) keeps the value known here, if any.
    const known = <T extends object>(table: Record<Id, T>, raw: Record<string, unknown>) => (typeof raw.id === 'string' && hasEntry(table, raw.id) ? { ...table[raw.id], ...raw } : raw);
    const people = [...read.stakeholders.values()].filter((r) => r !== null).map((r) => (read.report.rejected ? known(written.stakeholders, r) : r));
    const ties = [...read.ties.values()].filter((r) => r !== null).map((r) => (read.report.rejected ? known(written.ties, r) : r));
    const extra: Stakeholder[] = [];
    for (const t of ties) {
      for (const end of [t.source, t.target]) {
        if (typeof end === 'string' && !read.stakeholders.has(end) && hasEntry(written.stakeholders, end)) extra.push(written.stakeholders[end]);
      }
    }
    const meta = { name: written.map.name, createdAt: written.map.createdAt, settings: written.map.settings, ...read.meta };
    const restored = restorePeer(meta, [...people, ...extra], ties, read.report, { mapId: this.mapId, meId: null, updatedAt: current.map.updatedAt });
    if (restored.problems.length) this.options.onProblems?.(restored.problems);

    let next = current;
    let base = written;
    if (read.meta) {
      const theirs = { ...restored.doc.map, meId: current.map.meId, updatedAt: current.map.updatedAt };
      const merged = current.map !== written.map ? mergeRecord(written.map, current.map, theirs) : theirs;
      next = { ...next, map: merged };
      base = { ...base, map: { ...theirs, meId: written.map.meId, updatedAt: written.map.updatedAt } };
    }
    // Each table is copied at most once per adoption (a copy per record made adopting a whole
    // 2,000-person map quadratic).
    const take = <T extends Stakeholder | Tie>(table: 'stakeholders' | 'ties', ids: Map<Id, unknown>) => {
      const restoredTable = restored.doc[table] as Record<Id, T>;
      const nextTable = new RecordEdits<T>(next[table] as Record<Id, T>);
      const baseTable = new RecordEdits<T>(base[table] as Record<Id, T>);
      for (const id of ids.keys()) {
        const theirs = hasEntry(restoredTable, id) ? restoredTable[id] : null;
        const ours = nextTable.get(id);
        const was = baseTable.get(id);
        // An edit here not yet written keeps our fields; a record deleted in the Y.Doc stays deleted.
        const value = theirs && ours && was && ours !== was ? mergeRecord(was, ours, theirs) : theirs;
        baseTable.set(id, theirs);
        nextTable.set(id, value);
      }
      if (nextTable.changed) next = { ...next, [table]: nextTable.records };
      if (baseTable.changed) base = { ...base, [table]: baseTable.records };
    };
    take<Stakeholder>('stakeholders', read.stakeholders);
    take<Tie>('ties', read.ties);
    next = consistent(next);
    this.written = consistent(base);
    if (next !== current) this.store.getState().adoptExternal(next);
  }
}

/** Replaces records of one table, copying it on the first change only. */
class RecordEdits<T extends { id: Id }> {
  changed = false;
  constructor(public records: Record<Id, T>) {}

  get(id: Id): T | null {
    return hasEntry(this.records, id) ? this.records[id] : null;
  }

  set(id: Id, value: T | null): void {
    if (value ? this.records[id] === value : !hasEntry(this.records, id)) return;
    if (!this.changed) {
      this.records = copyRecord(this.records);
      this.changed = true;
    }
    if (value) this.records[id] = value;
    else delete this.records[id];
  }
}

/** No tie to a missing person (a concurrent delete), no "Me" who is gone. */
function consistent(doc: MapDocument): MapDocument {
  let ties: Record<Id, Tie> | null = null;
  for (const t of Object.values(doc.ties)) {
    if (!hasEntry(doc.stakeholders, t.source) || !hasEntry(doc.stakeholders, t.target)) {
      ties ??= copyRecord(doc.ties);
      delete ties[t.id];
    }
  }
  let next = ties ? { ...doc, ties } : doc;
  if (next.map.meId && !hasEntry(next.stakeholders, next.map.meId)) next = { ...next, map: { ...next.map, meId: null } };
  return next;
}
