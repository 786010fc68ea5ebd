/**
 * The one IndexedDB database. Schema versions are append-only: a shipped version is never edited;
 * a change is a new entry in SCHEMA_VERSIONS with its upgrade as code (tested with a fixture).
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Id, MapMeta } from '../domain/types';
import type { LockInfo, Sealed } from './crypto';
import { StorageEvents } from './events';
import type { StoredRecord } from './record-tables';
import type { PackRecord } from './packs';

/** Every stored record carries a revision, bumped on each write, so tabs can detect stale writes. */
export interface MapRecord extends MapMeta {
  rev: number;
  /** Present when the map is locked with a passphrase: how to derive and check its key. */
  lock?: LockInfo;
  /** The real map meta, encrypted, when locked (the clear fields then hold placeholders). */
  sealed?: Sealed;
}
/** A saved version of one map: the whole document, as it was at `createdAt`. */
export interface SnapshotRecord {
  id: Id;
  mapId: Id;
  createdAt: number;
  /** The user's name for it; null for automatic snapshots, and for every snapshot of a locked map. */
  name: string | null;
  /** The user's name, sealed, when the map is locked. */
  sealedName?: Sealed;
  auto: boolean;
  people: number;
  ties: number;
  /** The map in the project's JSON file format (validated and migrated on restore). */
  file: unknown;
}

/**
 * A local map that is a shared map (team maps): its room and the secret from the link (edit or
 * view), which decrypts the map. Removed with the map ("Remove from this device").
 */
export interface ShareRecord {
  mapId: Id;
  roomId: string;
  role: 'edit' | 'view';
  /** The edit secret for editors, the view secret for view-only members (base64url). */
  secret: string;
  /** This device made the room (shared the map). */
  owner: boolean;
  /**
   * The owner's own secret (base64url), on the owner's device only and in no link: it proves to
   * the server that a key rotation comes from the owner. Absent for members, and for rooms
   * shared before owners had one.
   */
  ownerSecret?: string;
  joinedAt: number;
  /** The owner rotated the key: this link is refused now; the local copy stays, read-only. */
  replaced?: boolean;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      maps: 'id, updatedAt',
      // Keyed by map and id: ids from imported files (e.g. GraphML "n0") only need to be unique in a map.
      stakeholders: '[mapId+id], mapId',
      ties: '[mapId+id], mapId',
      settings: 'key',
    },
  },
  {
    // Version history: snapshots of whole maps, listed per map by time.
    version: 2,
    stores: {
      snapshots: 'id, mapId, [mapId+createdAt]',
    },
  },
  {
    // Team maps: which local maps are shared, through which room, with which key (storage/shares.ts).
    version: 3,
    stores: {
      shares: 'mapId, roomId',
    },
  },
  {
    // Big maps' rows packed into one value each, for a fast open (storage/packs.ts).
    version: 4,
    stores: {
      packs: 'mapId',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
export const DEFAULT_DB_NAME = 'influence-map';

export class InfluenceDb extends Dexie {
  maps!: Table<MapRecord, string>;
  // Rows of people and ties: in the clear or sealed (record-tables.ts describes both tables).
  stakeholders!: Table<StoredRecord, [string, string]>;
  ties!: Table<StoredRecord, [string, string]>;
  settings!: Table<SettingRecord, string>;
  snapshots!: Table<SnapshotRecord, string>;
  shares!: Table<ShareRecord, string>;
  packs!: Table<PackRecord, string>;
  readonly events = new StorageEvents();

  constructor(name = DEFAULT_DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      if (event.newVersion === null) {
        // Deleted (storage cleared): close, but reopen on next use so the work on screen can be saved again.
        this.close({ disableAutoOpen: false });
        this.events.emit('deleted');
      } else {
        // A newer version of the app upgraded the schema in another tab; this tab's code is now stale.
        this.close();
        this.events.emit('upgraded-elsewhere');
      }
      return false;
    });
    this.on('blocked', () => this.events.emit('blocked'));
  }
}
