import { useCallback, useEffect, useMemo, useState } from 'react';
import { useEditor, useServices } from '../state/context';
import type { SnapshotSummary } from '../state/workspace';
import { CompareDialog, type MapVersion } from './compare/CompareDialog';
import { ConfirmDialog, Dialog } from './Dialog';
import { Icon } from './Icon';
import { countOf } from '../domain/numbers';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Version history of the open map: named and automatic snapshots, restore here or as a new map. */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const { workspace, store } = useServices();
  const mapId = useEditor((s) => s.doc?.map.id);
  const mapName = useEditor((s) => s.doc?.map.name ?? '');
  const readOnly = useEditor((s) => s.readOnly);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [name, setName] = useState('');
  const [confirm, setConfirm] = useState<SnapshotSummary | null>(null);
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);

  // Storage can fail under the dialog (quota, cleared, closed); say so rather than fail silently.
  const failed = useCallback(
    (what: string) => (error: unknown) => store.getState().notify(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    [store],
  );
  const refresh = useCallback(async () => {
    if (!mapId) return;
    try {
      setSnapshots(await workspace.listSnapshots(mapId));
    } catch (error) {
      setSnapshots([]);
      failed('Could not read the version history')(error);
    }
  }, [mapId, workspace, failed]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const label = (s: SnapshotSummary) => s.name ?? `Automatic, ${when(s.createdAt)}`;

  // Oldest first, then the map as it is now: the order the timeline steps through.
  const versions = useMemo((): MapVersion[] => {
    const snapshotVersions = [...(snapshots ?? [])].reverse().map(
      (s): MapVersion => ({
        id: s.id,
        label: s.name ? `${s.name} (${when(s.createdAt)})` : label(s),
        load: async () => {
          const loaded = await workspace.loadSnapshot(s.id);
          if (!loaded.ok) throw new Error(loaded.error);
          return loaded.doc;
        },
      }),
    );
    const now: MapVersion = {
      id: 'now',
      label: 'Now',
      load: async () => {
        const doc = store.getState().doc;
        if (!doc) throw new Error('No map is open.');
        return doc;
      },
    };
    return [...snapshotVersions, now];
  }, [snapshots, workspace, store]);

  if (comparing) return <CompareDialog versions={versions} from={comparing.from} to={comparing.to} onClose={() => setComparing(null)} />;

  return (
    <Dialog title="Version history" onClose={onClose} className="dialog--wide">
      <form
        className="history__take"
        onSubmit={(e) => {
          e.preventDefault();
          void workspace.takeSnapshot(name || `Snapshot, ${when(Date.now())}`).then(() => {
            setName('');
            store.getState().notify('Snapshot saved.');
            return refresh();
          }, failed('Could not save the snapshot'));
        }}
      >
        <label htmlFor="snapshot-name">Snapshot name</label>
        <input id="snapshot-name" value={name} placeholder="e.g. Before the reorg" onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--primary">
          Take snapshot
        </button>
      </form>
      <p className="field__hint">Snapshots are also taken automatically every ten minutes while you edit (the latest 20 are kept).</p>
      {snapshots === null ? (
        <p className="panel__empty">Loading…</p>
      ) : snapshots.length === 0 ? (
        <p className="panel__empty">No snapshots of this map yet.</p>
      ) : (
        <ul className="history__list" aria-label="Snapshots">
          {snapshots.map((s) => (
            <li key={s.id} className="history__item">
              <div>
                <strong>{label(s)}</strong>
                <span className="history__meta">
                  {s.name ? `${when(s.createdAt)} · ` : ''}
                  {countOf(s.people, 'person', 'people')} · {countOf(s.ties, 'tie')}
                </span>
              </div>
              <div className="history__actions">
                <button type="button" className="button" aria-label={`Compare ${label(s)} with now`} onClick={() => setComparing({ from: versions.findIndex((v) => v.id === s.id), to: versions.length - 1 })}>
                  Compare with now
                </button>
                <button type="button" className="button" disabled={readOnly} title={readOnly ? 'View only: this map cannot be changed here' : undefined} onClick={() => setConfirm(s)}>
                  Restore here
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    onClose();
                    workspace.restoreSnapshotAsNew(s.id, `${mapName} (${s.name ?? when(s.createdAt)})`).catch(failed('Could not restore the snapshot'));
                  }}
                >
                  Restore as new map
                </button>
                <button type="button" className="button button--icon" aria-label={`Delete snapshot ${label(s)}`} onClick={() => void workspace.deleteSnapshot(s.id).then(refresh, failed('Could not delete the snapshot'))}>
                  <Icon name="trash" size={14} />
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <ConfirmDialog
          title="Restore this snapshot here?"
          confirmLabel="Restore"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const id = confirm.id;
            setConfirm(null);
            onClose();
            workspace.restoreSnapshotHere(id).then((ok) => ok && store.getState().notify('Snapshot restored. Undo (Ctrl/⌘ Z) brings back what was there before.'), failed('Could not restore the snapshot'));
          }}
        >
          The map will go back to “{label(confirm)}”. You can undo this.
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
