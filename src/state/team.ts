/**
 * Team maps on this device: sharing the open map, joining one by link, following the open map
 * (a shared map gets its connection and bridge while it is open), presence, and removing a
 * shared map from this device. Its on-screen state (status, who is here) is a small store of
 * its own, outside the editor store, so it is never undone or saved.
 *
 * Nothing here connects anywhere unless the open map is shared or a join link is opened.
 */
import * as Y from 'yjs';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { newId } from '../domain/ids';
import type { Id } from '../domain/types';
import { clearLocalCopy, collabUrl, openRoom, REPLACED_MESSAGE, REPLACED_REASON, retireRoom, type ConnectionStatus, type RoomConnection } from '../sync/connection';
import { creationToken, deriveRoomKeys, newRoom, ownerToken, type RoomKeys, type RoomRole } from '../sync/keys';
import { openPresence, PRESENCE_FIELD, presenceColour, sealPresence } from '../sync/presence';
import { readDocumentWithSnapshot, writeSnapshot, type SnapshotUse } from '../sync/snapshot';
import { applyPlan, planChanges, type SealContext } from '../sync/ydoc';
import { deleteShare, getShare, putShare, shareByRoom, type ShareRecord } from '../storage/shares';
import { LOCAL_ORIGIN, SharedMapBridge } from './shared-bridge';
import type { MapDocument } from '../domain/types';
import type { Workspace } from './workspace';

export interface Peer {
  clientId: number;
  name: string;
  colour: string;
  selection: Id[];
  self: boolean;
}

export interface TeamState {
  /** The open map's share, if it is a shared map. */
  share: ShareRecord | null;
  status: ConnectionStatus | 'off';
  /** Why the server refused, when it did. */
  refusal: string | null;
  peers: Peer[];
  /** Links of the open shared map (the invite link only for editors). */
  links: { invite: string | null; view: string } | null;
  /** The name this person shows to the others. */
  memberName: string;
  /** The owner rotated the key: this device's link is refused; the map is kept here, read-only. */
  replaced: boolean;
}

export const teamStore = createStore<TeamState>()(() => ({ share: null, status: 'off', refusal: null, peers: [], links: null, memberName: '', replaced: false }));

export { REPLACED_MESSAGE };

export function useTeam<T>(selector: (s: TeamState) => T): T {
  return useStore(teamStore, selector);
}

/** A join link: `#/join/<room>/<e|v>.<secret>`; the secret never leaves the browser (fragment). */
export interface JoinLink {
  roomId: string;
  role: RoomRole;
  secret: string;
}

const JOIN_PREFIX = '#/join/';

export function joinLinkFromHash(hash: string): JoinLink | null {
  if (!hash.startsWith(JOIN_PREFIX)) return null;
  const [roomId, key] = hash.slice(JOIN_PREFIX.length).split('/');
  const match = /^([ev])\.([A-Za-z0-9_-]{43})$/.exec(key ?? '');
  if (!roomId || !/^[A-Za-z0-9_-]{22}$/.test(roomId) || !match) return null;
  return { roomId, role: match[1] === 'e' ? 'edit' : 'view', secret: match[2] };
}

export function joinHash(link: JoinLink): string {
  return `${JOIN_PREFIX}${link.roomId}/${link.role === 'edit' ? 'e' : 'v'}.${link.secret}`;
}

const MEMBER_NAME_KEY = 'team:memberName';

interface Session {
  mapId: Id;
  share: ShareRecord;
  keys: RoomKeys;
  conn: RoomConnection;
  bridge: SharedMapBridge;
  cleanups: (() => void)[];
  /** This device is rotating the key: the old room's refusal is expected, not news. */
  rotating?: boolean;
}

export class TeamMaps {
  private session: Session | null = null;
  private following: Promise<void> = Promise.resolve();
  /**
   * Connections opened by a join, handed to the session of the map it created, with the Y.Doc's
   * state vector when the join read it: if nothing arrived since, the map as stored is the room
   * as it is, and the session does not open every value a second time.
   */
  private handoff = new Map<Id, { conn: RoomConnection; readAt: Uint8Array }>();
  /** Maps just shared: their Y.Doc is filled from the document once. */
  private toSeed = new Set<Id>();
  /** A rotation's new room, already filled with `base`: the session starts from it. */
  private prepared = new Map<Id, { conn: RoomConnection; base: MapDocument }>();
  /** The open map is a shared map whose link was replaced (no connection, read-only). */
  private replacedMapId: Id | null = null;
  /** How the last join read the map (for tests and measurements). */
  lastJoin: { snapshot: SnapshotUse } | null = null;

  constructor(
    readonly workspace: Workspace,
    private readonly url: () => string = () => collabUrl(),
  ) {
    const store = workspace.store;
    let openId = store.getState().doc?.map.id ?? null;
    store.subscribe((state) => {
      const id = state.doc?.map.id ?? null;
      if (id === openId) return;
      openId = id;
      this.following = this.following.then(() => this.follow(id)).catch(() => undefined);
    });
    if (openId) this.following = this.follow(openId).catch(() => undefined);
    void workspace.repository.getSetting<string>(MEMBER_NAME_KEY).then((name) => {
      if (typeof name === 'string') teamStore.setState({ memberName: name });
    }, () => undefined);
  }

  private get store() {
    return this.workspace.store;
  }

  private get db() {
    return this.workspace.repository.db;
  }

  /** Starts or stops the session as the open map changes. */
  private async follow(mapId: Id | null): Promise<void> {
    if (this.session && this.session.mapId !== mapId) this.stop();
    if (this.replacedMapId && this.replacedMapId !== mapId) this.leaveReplaced();
    if (!mapId || this.session || this.replacedMapId) return;
    const share = await getShare(this.db, mapId).catch(() => null);
    if (!share || this.store.getState().doc?.map.id !== mapId) return;
    if (share.replaced) this.showReplaced(share);
    else await this.start(share);
  }

  private async start(share: ShareRecord): Promise<void> {
    const keys = await deriveRoomKeys(share.roomId, share.secret, share.role);
    const ownerSecret = share.owner && keys.role === 'edit' ? share.ownerSecret : undefined;
    const token = async () => (ownerSecret ? creationToken(keys, ownerSecret) : keys.token);
    const prepared = this.prepared.get(share.mapId);
    this.prepared.delete(share.mapId);
    const handed = this.handoff.get(share.mapId);
    const conn = prepared?.conn ?? handed?.conn ?? openRoom({ roomId: share.roomId, token, url: this.url() });
    this.handoff.delete(share.mapId);
    await conn.local;
    const doc = this.store.getState().doc;
    if (!doc || doc.map.id !== share.mapId) {
      conn.destroy();
      return;
    }
    const ctx: SealContext = { room: share.roomId, key: keys.sealKey };
    // After a rotation the Y.Doc holds `prepared.base`: edits made since then are pushed on start.
    const bridge = new SharedMapBridge(this.store, conn.ydoc, ctx, prepared?.base ?? doc, {
      readOnly: share.role === 'view',
      onProblems: (lines) => this.store.getState().notify(lines.join(' '), 'error'),
    });
    const seeded = this.toSeed.delete(share.mapId);
    if (seeded) await bridge.seed();
    const unchangedSinceJoin = handed !== undefined && sameBytes(handed.readAt, Y.encodeStateVector(conn.ydoc));
    bridge.start({ adoptExisting: !seeded && !prepared && !unchangedSinceJoin });
    const session: Session = { mapId: share.mapId, share, keys, conn, bridge, cleanups: [] };
    this.session = session;
    this.store.getState().setReadOnly(share.role === 'view');
    teamStore.setState({ share, status: conn.status(), refusal: null, links: this.linksFor(share, keys), peers: [], replaced: false });
    session.cleanups.push(
      conn.onStatus((status, reason) => {
        if (status === 'refused' && reason === REPLACED_REASON) void this.onReplaced(session);
        else teamStore.setState({ status, refusal: status === 'refused' ? (reason ?? 'refused') : null });
      }),
    );
    // A join's connection may have been refused before this listener existed.
    if (conn.status() === 'refused' && conn.refusal() === REPLACED_REASON) {
      void this.onReplaced(session);
      return;
    }
    teamStore.setState({ status: conn.status() });
    this.startPresence(session, ctx);
  }

  /** The server says this link was replaced (the owner rotated the key): stop syncing, keep the map read-only. */
  private async onReplaced(session: Session): Promise<void> {
    if (this.session !== session || session.rotating) return;
    this.stop();
    const share = { ...session.share, replaced: true };
    await putShare(this.db, share).catch(() => undefined);
    if (this.store.getState().doc?.map.id === share.mapId) this.showReplaced(share);
  }

  private showReplaced(share: ShareRecord): void {
    this.replacedMapId = share.mapId;
    this.store.getState().setReadOnly(true);
    teamStore.setState({ share, status: 'refused', refusal: REPLACED_REASON, links: null, peers: [], replaced: true });
  }

  private leaveReplaced(): void {
    this.replacedMapId = null;
    this.store.getState().setReadOnly(false);
    teamStore.setState({ share: null, status: 'off', refusal: null, peers: [], links: null, replaced: false });
  }

  /**
   * A map whose link was replaced becomes a private map on this device: the share record and the
   * room's local copy go, the map stays and can be edited again (it no longer syncs).
   */
  async keepAsPrivate(mapId: Id): Promise<void> {
    const share = await getShare(this.db, mapId);
    if (!share?.replaced) return;
    await deleteShare(this.db, mapId);
    await clearLocalCopy(share.roomId).catch(() => undefined);
    if (this.replacedMapId === mapId) this.leaveReplaced();
  }

  /**
   * "Rotate key" (owner): the map moves into a new room under a new key, and the old room is
   * retired on the server, so old links stop working. In order: the current map is written,
   * sealed with the new key, into the new room and confirmed by the server; only then is the
   * old room retired (if that fails, nothing changed here); then this device switches over.
   */
  async rotateKey(): Promise<void> {
    const session = this.session;
    const oldOwnerSecret = session?.share.ownerSecret;
    if (!session || !session.share.owner || session.keys.role !== 'edit' || !oldOwnerSecret) throw new Error('Only the map’s owner can rotate its key, from the device that shared it.');
    if (session.conn.status() !== 'online') throw new Error('Rotating the key needs a connection to the team server. Try again when you are online.');
    await session.bridge.idle();
    const base = this.store.getState().doc;
    if (!base || base.map.id !== session.mapId) return;
    const { roomId, editSecret, ownerSecret } = newRoom();
    const keys = await deriveRoomKeys(roomId, editSecret, 'edit');
    const conn = openRoom({ roomId, token: () => creationToken(keys, ownerSecret), url: this.url() });
    try {
      await conn.local;
      const ctx = { room: roomId, key: keys.sealKey };
      await applyPlan(conn.ydoc, ctx, planChanges(null, base), LOCAL_ORIGIN);
      await writeSnapshot(conn.ydoc, ctx, base, LOCAL_ORIGIN);
      await conn.flushed();
      session.rotating = true;
      await retireRoom(session.share.roomId, await ownerToken(session.share.roomId, oldOwnerSecret), this.url());
    } catch (error) {
      session.rotating = false;
      conn.destroy();
      await clearLocalCopy(roomId).catch(() => undefined);
      throw error;
    }
    const share: ShareRecord = { ...session.share, roomId, secret: editSecret, ownerSecret, replaced: false };
    await putShare(this.db, share);
    this.prepared.set(share.mapId, { conn, base });
    if (this.session === session) this.stop(true);
    await clearLocalCopy(session.share.roomId).catch(() => undefined);
    if (this.store.getState().doc?.map.id === share.mapId) await this.start(share);
    else {
      this.prepared.delete(share.mapId);
      conn.destroy();
      teamStore.setState({ share: null, status: 'off', refusal: null, peers: [], links: null, replaced: false });
    }
  }

  /** `quietly`: a rotation switching rooms, so the screen keeps showing the shared map. */
  private stop(quietly = false): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    for (const c of s.cleanups.splice(0)) c();
    s.bridge.dispose();
    s.conn.destroy();
    if (quietly) return;
    this.store.getState().setReadOnly(false);
    teamStore.setState({ share: null, status: 'off', refusal: null, peers: [], links: null, replaced: false });
  }

  private startPresence(session: Session, ctx: SealContext): void {
    const awareness = session.conn.provider.awareness;
    if (!awareness) return;
    const self = awareness.clientID;
    let version = 0;
    const publish = async () => {
      const mine = ++version;
      const state = { name: teamStore.getState().memberName || 'Someone', colour: presenceColour(self), selection: [...this.store.getState().selectedNodes] };
      const sealed = await sealPresence(ctx, self, state);
      if (mine === version && this.session === session) awareness.setLocalStateField(PRESENCE_FIELD, sealed);
    };
    let reading = 0;
    const readPeers = async () => {
      const mine = ++reading;
      const peers: Peer[] = [];
      await Promise.all(
        [...awareness.getStates().entries()].map(async ([clientId, state]) => {
          const opened = await openPresence(ctx, clientId, (state as Record<string, unknown>)[PRESENCE_FIELD]);
          if (opened) peers.push({ ...opened, clientId, self: clientId === self });
        }),
      );
      peers.sort((a, b) => (a.self === b.self ? a.clientId - b.clientId : a.self ? -1 : 1));
      if (mine === reading && this.session === session) teamStore.setState({ peers });
    };
    const onChange = () => void readPeers();
    awareness.on('change', onChange);
    session.cleanups.push(() => awareness.off('change', onChange));
    session.cleanups.push(
      this.store.subscribe((state, prev) => {
        if (state.selectedNodes !== prev.selectedNodes) void publish();
      }),
    );
    session.cleanups.push(
      teamStore.subscribe((state, prev) => {
        if (state.memberName !== prev.memberName) void publish();
      }),
    );
    void publish();
  }

  private linksFor(share: ShareRecord, keys: RoomKeys): TeamState['links'] {
    const base = `${location.origin}${location.pathname}`;
    return {
      invite: keys.editSecret ? base + joinHash({ roomId: share.roomId, role: 'edit', secret: keys.editSecret }) : null,
      view: base + joinHash({ roomId: share.roomId, role: 'view', secret: keys.viewSecret }),
    };
  }

  async setMemberName(name: string): Promise<void> {
    const clean = name.slice(0, 40);
    teamStore.setState({ memberName: clean });
    await this.workspace.repository.setSetting(MEMBER_NAME_KEY, clean).catch(() => undefined);
  }

  /**
   * Turns the open map into a shared map: fresh record ids (they stay readable to the server),
   * a new room and key, and the whole map written into the room's Y.Doc, sealed.
   */
  async shareOpenMap(): Promise<void> {
    const doc = this.store.getState().doc;
    if (!doc) return;
    const mapId = doc.map.id;
    if (await getShare(this.db, mapId)) return;
    if (await this.workspace.repository.lockInfo(mapId)) throw new Error('This map is locked with a passphrase. Remove the lock before sharing it: a shared map is protected by the key in its links instead.');
    await this.workspace.flush();
    await this.workspace.repository.renewRecordIds(mapId);
    const { roomId, editSecret, ownerSecret } = newRoom();
    await putShare(this.db, { mapId, roomId, role: 'edit', secret: editSecret, owner: true, ownerSecret, joinedAt: Date.now() });
    this.toSeed.add(mapId);
    // Reopen with the new ids; following the open map starts the session.
    this.stop();
    await this.workspace.openMap(mapId);
    await this.following;
    if (!this.session) await this.follow(mapId);
  }

  /**
   * Opens a join link: the map comes from the server the first time (so the first join needs a
   * connection), is stored here as a shared map, and opens. Returns the local map id.
   */
  async join(link: JoinLink): Promise<Id> {
    const known = await shareByRoom(this.db, link.roomId);
    if (known) {
      await this.workspace.openMap(known.mapId);
      return known.mapId;
    }
    const keys = await deriveRoomKeys(link.roomId, link.secret, link.role);
    const conn = openRoom({ roomId: link.roomId, token: async () => keys.token, url: this.url() });
    try {
      await Promise.race([
        conn.synced,
        new Promise((_, reject) => setTimeout(() => reject(new Error('The team server could not be reached. Try the link again when you are online.')), 15_000)),
      ]);
    } catch (error) {
      conn.destroy();
      const refused = conn.status() === 'refused';
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(refused ? (reason === REPLACED_REASON ? REPLACED_MESSAGE : 'This link no longer opens the map (it was removed, or its key was changed).') : reason, { cause: error });
    }
    const mapId = newId();
    const readAt = Y.encodeStateVector(conn.ydoc);
    const { read, snapshot } = await readDocumentWithSnapshot(conn.ydoc, { room: link.roomId, key: keys.sealKey }, { mapId, updatedAt: Date.now() });
    this.lastJoin = { snapshot };
    if (!read) {
      conn.destroy();
      throw new Error('This shared map is empty: it may have been removed by its owner.');
    }
    await putShare(this.db, { mapId, roomId: link.roomId, role: link.role, secret: link.secret, owner: false, joinedAt: Date.now() });
    this.handoff.set(mapId, { conn, readAt });
    // As an import: drawn from memory first, its records written meanwhile in a worker.
    const stored = await this.workspace.importMaps([read.doc]);
    if (!stored.ok) {
      this.handoff.delete(mapId);
      conn.destroy();
      await deleteShare(this.db, mapId);
      throw new Error(`The shared map could not be stored in this browser. ${stored.error}`);
    }
    if (read.problems.length) this.store.getState().notify(read.problems.join(' '), 'error');
    return mapId;
  }

  /** "Remove from this device": the local map, its key and its copy of the room go; the room stays for the others. */
  async remove(mapId: Id): Promise<void> {
    const share = await getShare(this.db, mapId);
    if (this.session?.mapId === mapId) this.stop();
    if (this.replacedMapId === mapId) this.leaveReplaced();
    await this.workspace.deleteMap(mapId);
    if (!share) return;
    await deleteShare(this.db, mapId);
    await clearLocalCopy(share.roomId).catch(() => undefined);
  }

  /** For tests and the page going away. */
  dispose(): void {
    this.stop();
    for (const p of this.prepared.values()) p.conn.destroy();
    this.prepared.clear();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

const teams = new WeakMap<Workspace, TeamMaps>();

/** The one TeamMaps of a workspace (made on first use: it does nothing until a map is shared or joined). */
export function teamFor(workspace: Workspace): TeamMaps {
  let team = teams.get(workspace);
  if (!team) {
    team = new TeamMaps(workspace);
    teams.set(workspace, team);
  }
  return team;
}
