/**
 * The interactive HTML viewer (Export -> Interactive HTML): the app's canvas, views, Find, Insights
 * and Metrics over the map carried in the page, always view only. No storage, no worker, no
 * request: the map comes from the page's data block (io/viewer-file.ts), through readMapFile and
 * restoreDocument like every other document.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useId, useState } from 'react';
import type { Viewport } from '../domain/types';
import { readViewerPayload, type ViewerLock } from '../io/viewer-file';
import { ServicesProvider, useEditor, useServices, type AppServices } from '../state/context';
import type { EditorStoreApi } from '../state/store';
import type { Workspace } from '../state/workspace';
import { WrongPassphraseError } from '../storage/crypto';
import { openLockedPayload } from '../state/interactive-html';
import { ViewOnlyBadge } from '../ui/Header';
import { Icon } from '../ui/Icon';
import { InsightsPanel } from '../ui/InsightsPanel';
import { FormError } from '../ui/DialogActions';
import { Inspector } from '../ui/Inspector';
import { Legend } from '../ui/Sidebar';
import { MetricsTable } from '../ui/MetricsTable';
import { NoticeToast } from '../ui/NoticeToast';
import { findShortcut, isEditingAction, isTypingTarget, type ShortcutAction } from '../ui/shortcuts';
import { useTheme, type ThemeChoice } from '../ui/theme';
import { useAnalysisRunner } from '../ui/useAnalysisRunner';
import { MapViews } from '../ui/views/MapViews';
import { WhatIfPanel } from '../ui/what-if/WhatIfPanel';

/**
 * What the shared components ask of the workspace, with nothing to store into: the viewer keeps
 * no map in the browser (viewport changes are not saved; there is no lock to show).
 */
function pageOnlyWorkspace(): Workspace {
  // Checked against the Workspace's own signatures, so a renamed or new method the shared
  // components call fails the type-check here instead of throwing in an exported page.
  const used: Pick<Workspace, 'saveViewport' | 'isLocked' | 'flush' | 'listSnapshots'> = {
    saveViewport: (_: Viewport) => undefined,
    // An exported page carries no version history (Details' stance history reads it).
    listSnapshots: () => Promise.resolve([]),
    isLocked: () => Promise.resolve(false),
    flush: () => Promise.resolve(),
  };
  return used as Workspace;
}

type Stage = { kind: 'loading' } | { kind: 'open'; redacted: boolean } | { kind: 'locked'; redacted: boolean; lock: ViewerLock } | { kind: 'error'; message: string };

export function Viewer({ store, dataText }: { store: EditorStoreApi; dataText: string }) {
  const [services] = useState<AppServices>(() => ({ store, workspace: pageOnlyWorkspace() }));
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  useEffect(() => {
    store.getState().setReadOnly(true);
    const read = readViewerPayload(dataText);
    if (read.kind === 'empty') setStage({ kind: 'error', message: 'This page holds no map. Make one with Export → Interactive HTML in Influence Map.' });
    else if (read.kind === 'error') setStage({ kind: 'error', message: read.error });
    else if (read.kind === 'locked') setStage({ kind: 'locked', redacted: read.redacted, lock: read.lock });
    else if (!read.read.ok) setStage({ kind: 'error', message: read.read.error });
    else {
      store.getState().openDocument(read.read.doc, { problems: read.read.problems });
      setStage({ kind: 'open', redacted: read.redacted });
    }
  }, [store, dataText]);

  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <ViewerShell
          stage={stage}
          onUnlocked={(redacted) => setStage({ kind: 'open', redacted })}
        />
      </ReactFlowProvider>
    </ServicesProvider>
  );
}

function ViewerShell({ stage, onUnlocked }: { stage: Stage; onUnlocked: (redacted: boolean) => void }) {
  const { store } = useServices();
  const theme = useTheme();
  const name = useEditor((s) => s.doc?.map.name ?? null);
  const open = useEditor((s) => s.doc !== null);
  const metricsOpen = useEditor((s) => s.metricsOpen);
  const flow = useReactFlow();
  useAnalysisRunner();

  useEffect(() => {
    if (name !== null) document.title = `${name || 'Untitled map'} · Influence Map`;
  }, [name]);

  // The app's shortcuts that only look: Find, zoom, fit, Escape. The editing ones are off.
  useEffect(() => {
    const run = (action: ShortcutAction) => {
      const state = store.getState();
      if (action === 'search') state.setSearchOpen(true);
      else if (action === 'escape') state.clearSelection();
      else if (action === 'fit-view') void flow.fitView({ padding: 0.2, duration: 250 });
      else if (action === 'zoom-in') void flow.zoomIn({ duration: 150 });
      else if (action === 'zoom-out') void flow.zoomOut({ duration: 150 });
      else if (action === 'select-all') state.selectAll();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || document.querySelector('[aria-modal="true"]') || !store.getState().doc) return;
      const shortcut = findShortcut(e);
      if (!shortcut || isEditingAction(shortcut.action) || shortcut.action === 'help' || shortcut.action === 'copy') return;
      e.preventDefault();
      run(shortcut.action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [flow, store]);

  const nextTheme: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
  return (
    <div className="app viewer">
      <header className="header">
        <div className="header__brand">
          <h1 className="header__product">Influence Map</h1>
        </div>
        {open && (
          <span className="header__map-title" title={name ?? undefined}>
            {name || 'Untitled map'}
          </span>
        )}
        <ViewOnlyBadge />
        {stage.kind === 'open' && stage.redacted && <span className="viewer__redacted">Redacted: initials instead of names</span>}
        <nav className="toolbar" aria-label="Toolbar">
          <button type="button" className="button button--icon" aria-label="Fit view" title="Fit the map in view (Shift 1)" disabled={!open} onClick={() => void flow.fitView({ padding: 0.2, duration: 250 })}>
            <Icon name="fit" />
          </button>
          <button type="button" className="button button--icon" aria-label={`Theme: ${theme.choice}`} title={`Theme: ${theme.choice} (click to change)`} onClick={() => theme.setChoice(nextTheme[theme.choice])}>
            <Icon name={theme.choice === 'dark' ? 'moon' : theme.choice === 'light' ? 'sun' : 'auto'} />
          </button>
        </nav>
      </header>
      {open ? (
        <div className="workspace viewer__workspace">
          <main className="main">
            <MapViews colorMode={theme.resolved} />
          </main>
          <ViewerSidePanel />
        </div>
      ) : stage.kind === 'locked' ? (
        <UnlockForm lock={stage.lock} onUnlocked={() => onUnlocked(stage.redacted)} />
      ) : stage.kind === 'error' ? (
        <section className="empty">
          <div className="empty__card">
            <h1>The map could not be shown</h1>
            <p role="alert">{stage.message}</p>
          </div>
        </section>
      ) : (
        <div className="loading">Opening the map…</div>
      )}
      {open && metricsOpen && <MetricsTable />}
      <NoticeToast />
    </div>
  );
}

function ViewerSidePanel() {
  const { store } = useServices();
  const storePanel = useEditor((s) => (s.sidePanel === 'network' ? 'details' : s.sidePanel));
  // The legend is a tab of the viewer's own (the app shows it in its sidebar, which the viewer
  // has not): a reader of a shared file has no other way to learn what colours and lines mean.
  const [legendOpen, setLegendOpen] = useState(false);
  const panel = legendOpen ? 'legend' : storePanel;
  const metricsOpen = useEditor((s) => s.metricsOpen);
  const updating = useEditor((s) => s.analysisState === 'updating');
  const selectionKey = useEditor((s) => (s.selectedNodes.size + s.selectedTies.size === 1 ? [...s.selectedNodes, ...s.selectedTies][0] : `${s.selectedNodes.size}:${s.selectedTies.size}`));
  const show = (next: 'details' | 'insights') => {
    setLegendOpen(false);
    store.getState().setSidePanel(next);
  };
  // Selecting someone on the canvas shows their details, as in the app.
  useEffect(() => {
    if (selectionKey !== '0:0') setLegendOpen(false);
  }, [selectionKey]);
  return (
    <aside className="side" aria-label="Side panel">
      <div className="side__tabs">
        <div className="side__tablist" role="tablist" aria-label="Side panel">
          <button type="button" role="tab" id="tab-details" aria-selected={panel === 'details'} aria-controls="panel-details" className="side__tab" onClick={() => show('details')}>
            Details
          </button>
          <button type="button" role="tab" id="tab-insights" aria-selected={panel === 'insights'} aria-controls="panel-insights" className="side__tab" onClick={() => show('insights')}>
            Insights{updating && <span className="side__busy" aria-label="updating" />}
          </button>
          <button type="button" role="tab" id="tab-legend" aria-selected={panel === 'legend'} aria-controls="panel-legend" className="side__tab" onClick={() => setLegendOpen(true)}>
            Legend
          </button>
        </div>
        <button type="button" className={metricsOpen ? 'button button--pressed side__metrics' : 'button side__metrics'} aria-pressed={metricsOpen} onClick={() => store.getState().setMetricsOpen(!metricsOpen)}>
          Metrics
        </button>
      </div>
      <WhatIfPanel />
      <div key={panel === 'details' ? `details:${selectionKey}` : panel} role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="side__body">
        {panel === 'details' ? <Inspector /> : panel === 'insights' ? <InsightsPanel /> : <Legend />}
      </div>
    </aside>
  );
}

function UnlockForm({ lock, onUnlocked }: { lock: ViewerLock; onUnlocked: () => void }) {
  const { store } = useServices();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  return (
    <section className="empty" aria-labelledby="unlock-title">
      <form
        className="empty__card unlock"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          openLockedPayload(lock, passphrase)
            .then((read) => {
              if (!read.ok) return setError(read.error);
              store.getState().openDocument(read.doc, { problems: read.problems });
              onUnlocked();
            })
            .catch((err: unknown) => setError(err instanceof WrongPassphraseError ? 'That passphrase is not right.' : `The map could not be opened: ${err instanceof Error ? err.message : String(err)}`))
            .finally(() => setBusy(false));
        }}
      >
        <h1 id="unlock-title">This map is locked</h1>
        <p>Enter the passphrase you were given to open it. It is checked here, in this page; nothing is sent anywhere.</p>
        <div className="field">
          <label htmlFor={inputId}>Passphrase</label>
          <input id={inputId} type="password" autoComplete="current-password" value={passphrase} autoFocus onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        {error && <FormError>{error}</FormError>}
        <div className="empty__actions">
          <button type="submit" className="button button--primary" disabled={!passphrase || busy}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </div>
      </form>
    </section>
  );
}
