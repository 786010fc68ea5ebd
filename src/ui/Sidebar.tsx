import { useEffect, useState, type DragEvent } from 'react';
import { PALETTE_DRAG_TYPE } from '../canvas/MapCanvas';
import { HealthMarker } from '../canvas/markers';
import { HEALTH_LABELS, HEALTH_STATUSES } from '../domain/health';
import { STANCE_LABELS, TIE_KIND_LABELS } from '../domain/defaults';
import { cutText, limitMessage, TEXT_LIMITS } from '../domain/limits';
import { STANCES, TIE_KINDS, type Id, type TieKind } from '../domain/types';
import { customKinds, TIE_MEANING_LABELS } from '../domain/tie-kinds';
import { useEditor, useServices } from '../state/context';
import { readStorageInfo, requestPersistence, type StorageInfo } from '../state/workspace';
import { formatBytes } from '../io/text';
import { useMapSummaries, useSharedMapIds } from '../state/hooks';
import { teamFor } from '../state/team';
import { ConfirmDialog } from './Dialog';
import { Icon } from './Icon';
import { TieSymbol } from './TieSymbol';
import { countOf } from '../domain/numbers';

const TIE_KIND_HINTS: Record<TieKind, string> = {
  influence: 'sways their decisions',
  trust: 'confides in; an arrow when one-way',
  'reports-to': 'formal line to a manager',
  tension: 'a strained relationship',
};

/** `onAdd` adds a person in the middle of the view (Enter on the Stakeholder item). */
export function Palette({ onAdd }: { onAdd?: () => void } = {}) {
  const tieKind = useEditor((s) => s.tieKind);
  const readOnly = useEditor((s) => s.readOnly);
  const settings = useEditor((s) => s.doc?.map.settings);
  const { store } = useServices();
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, 'stakeholder');
    event.dataTransfer.effectAllowed = 'copy';
  };
  if (readOnly) {
    return (
      <section className="panel" aria-label="Palette">
        <h2 className="panel__title">Palette</h2>
        <p className="panel__note">View only: people and ties cannot be added to this map here.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-label="Palette">
      <h2 className="panel__title">Palette</h2>
      <div
        className="palette__item"
        draggable
        onDragStart={onDragStart}
        role="button"
        tabIndex={0}
        aria-label="Stakeholder"
        title="Drag onto the canvas, or press Enter to add one in the middle of the view"
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onAdd?.();
          }
        }}
      >
        <span className="palette__card" aria-hidden="true" />
        <span>Stakeholder</span>
      </div>
      <fieldset className="tie-kinds">
        <legend>Tie kind for new ties</legend>
        {TIE_KINDS.map((kind, i) => (
          <label key={kind} className={kind === tieKind ? 'tie-kind tie-kind--active' : 'tie-kind'}>
            <input type="radio" name="tie-kind" value={kind} checked={kind === tieKind} onChange={() => store.getState().setTieKind(kind)} />
            <TieSymbol kind={kind} width={28} className="tie-kind__swatch" />
            <span className="tie-kind__label">{TIE_KIND_LABELS[kind]}</span>
            <kbd aria-hidden="true">{i + 1}</kbd>
          </label>
        ))}
        {customKinds(settings).map((kind) => (
          <label key={kind.id} className={kind.id === tieKind ? 'tie-kind tie-kind--active' : 'tie-kind'}>
            <input type="radio" name="tie-kind" value={kind.id} checked={kind.id === tieKind} onChange={() => store.getState().setTieKind(kind.id)} />
            <TieSymbol kind={kind.id} settings={settings} width={28} className="tie-kind__swatch" />
            <span className="tie-kind__label">{kind.name.trim() || 'Unnamed kind'}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

export function Legend() {
  const settings = useEditor((s) => s.doc?.map.settings);
  return (
    <section className="panel legend" aria-label="Legend">
      <h2 className="panel__title">Legend</h2>
      <ul className="legend__list">
        {STANCES.map((stance) => (
          <li key={stance}>
            <span className={`legend__dot legend__dot--${stance}`} aria-hidden="true" />
            {STANCE_LABELS[stance]}
          </li>
        ))}
      </ul>
      <ul className="legend__list legend__list--ties">
        {TIE_KINDS.map((kind) => (
          <li key={kind}>
            <TieSymbol kind={kind} />
            <span>
              {TIE_KIND_LABELS[kind]} <span className="legend__hint">{TIE_KIND_HINTS[kind]}</span>
            </span>
          </li>
        ))}
        {customKinds(settings).map((kind) => (
          <li key={kind.id}>
            <TieSymbol kind={kind.id} settings={settings} />
            <span>
              {kind.name.trim() || 'Unnamed kind'} <span className="legend__hint">{TIE_MEANING_LABELS[kind.meaning].toLowerCase()}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="legend__caption" id="legend-health">
        Ties to Me, from your catch-ups
      </p>
      <ul className="legend__list legend__list--health" aria-labelledby="legend-health">
        {HEALTH_STATUSES.map((status) => (
          <li key={status}>
            <svg className="legend__health" width="20" height="20" viewBox="-10 -10 20 20" aria-hidden="true">
              <HealthMarker status={status} />
            </svg>
            {HEALTH_LABELS[status]}
          </li>
        ))}
      </ul>
      <p className="legend__note">Card size shows influence; the coloured band shows department; thicker lines are stronger ties; an arrowhead points the way a one-way tie runs, and mutual ties have none.</p>
    </section>
  );
}

export function MapsList({ onOpen, onSample }: { onOpen: (id: Id) => void; onSample?: () => void }) {
  const { workspace, store } = useServices();
  const maps = useMapSummaries();
  const shared = useSharedMapIds();
  const openId = useEditor((s) => s.doc?.map.id ?? null);
  const [renaming, setRenaming] = useState<Id | null>(null);
  const [draft, setDraft] = useState('');
  const [confirmDelete, setConfirmDelete] = useState<{ id: Id; name: string; shared: boolean } | null>(null);
  const openName = useEditor((s) => s.doc?.map.name);

  const finishRename = () => {
    if (renaming && draft.trim()) void workspace.renameMap(renaming, draft.trim());
    setRenaming(null);
  };

  return (
    <section className="panel maps" aria-labelledby="maps-title">
      <div className="panel__header">
        <h2 className="panel__title" id="maps-title">
          Maps
        </h2>
      </div>
      {maps === undefined ? (
        <p className="panel__empty">Loading…</p>
      ) : maps.length === 0 ? (
        <p className="panel__empty">No maps yet.</p>
      ) : (
        <ul className="maps__list" aria-label="Maps">
          {maps.map((m) => {
            const name = m.id === openId && openName !== undefined ? openName : m.name;
            return (
              <li key={m.id} className={m.id === openId ? 'maps__item maps__item--open' : 'maps__item'}>
                {renaming === m.id ? (
                  <input
                    className="maps__rename"
                    aria-label="New name"
                    value={draft}
                    autoFocus
                    onChange={(e) => {
                      // One line with no room under it: the limit is said in a notice instead.
                      if (e.target.value.length > TEXT_LIMITS.mapName) store.getState().notify(limitMessage('mapName'), 'error');
                      setDraft(cutText(e.target.value, TEXT_LIMITS.mapName));
                    }}
                    onBlur={finishRename}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') finishRename();
                      if (e.key === 'Escape') setRenaming(null);
                    }}
                  />
                ) : (
                  <button type="button" className="maps__open" aria-current={m.id === openId ? 'page' : undefined} onClick={() => onOpen(m.id)}>
                    <span className="maps__name" title={name || 'Untitled map'}>
                      {name || 'Untitled map'}
                      {shared?.has(m.id) && <span className="maps__shared">Shared</span>}
                    </span>
                    <span className="maps__meta">
                      {countOf(m.people, 'person', 'people')} · {countOf(m.ties, 'tie')}
                    </span>
                  </button>
                )}
                <div className="maps__actions">
                  <button
                    type="button"
                    className="button button--icon"
                    aria-label={`Rename ${name}`}
                    title="Rename"
                    onClick={() => {
                      setDraft(name);
                      setRenaming(m.id);
                    }}
                  >
                    <Icon name="edit" size={14} />
                  </button>
                  <button type="button" className="button button--icon" aria-label={`Duplicate ${name}`} title="Duplicate" onClick={() => void workspace.duplicateMap(m.id)}>
                    <Icon name="copy" size={14} />
                  </button>
                  <button
                    type="button"
                    className="button button--icon"
                    aria-label={shared?.has(m.id) ? `Remove ${name} from this device` : `Delete ${name}`}
                    title={shared?.has(m.id) ? 'Remove from this device' : 'Delete'}
                    onClick={() => setConfirmDelete({ id: m.id, name, shared: !!shared?.has(m.id) })}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {onSample && (
        <button type="button" className="link-button" onClick={onSample}>
          + Add the sample organisation
        </button>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={confirmDelete.shared ? `Remove "${confirmDelete.name}" from this device?` : `Delete "${confirmDelete.name}"?`}
          confirmLabel={confirmDelete.shared ? 'Remove from this device' : 'Delete map'}
          danger
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() => {
            const { id, shared: isShared } = confirmDelete;
            setConfirmDelete(null);
            void (isShared ? teamFor(workspace).remove(id) : workspace.deleteMap(id));
          }}
        >
          {confirmDelete.shared
            ? 'This removes the shared map and its key from this browser. The others keep it; you need a link again to come back.'
            : 'This removes the map and everyone on it from this browser. It cannot be undone; export it first if you may need it.'}
        </ConfirmDialog>
      )}
    </section>
  );
}

export function StoragePanel() {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const save = useEditor((s) => s.save.state);
  useEffect(() => {
    let live = true;
    void requestPersistence().then(() => readStorageInfo()).then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (save !== 'saved') return;
    let live = true;
    void readStorageInfo().then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, [save]);
  if (!info) return null;
  const persisted = info.persisted === true ? 'Persistent storage granted' : info.persisted === false ? 'Storage may be cleared by the browser under pressure' : 'Storage persistence unknown';
  return (
    <section className="panel storage" aria-label="Storage">
      <p className="storage__line">
        <span className={info.persisted ? 'storage__dot storage__dot--ok' : 'storage__dot'} aria-hidden="true" />
        {persisted}
      </p>
      {info.usage !== null && (
        <p className="storage__line storage__line--muted">
          {formatBytes(info.usage)} used{info.quota ? ` of ${formatBytes(info.quota)} available` : ''} · stored only in this browser
        </p>
      )}
    </section>
  );
}
