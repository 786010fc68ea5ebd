/**
 * The interactive HTML viewer (Export -> Interactive HTML): the app's canvas, views, Find, Insights
 * and Metrics over the map carried in the page, always view only. No storage, no worker, no
 * request: the map comes from the page's data block (io/viewer-file.ts), through readMapFile and
 * restoreDocument like every other document.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { Viewport } from '../domain/types';
import { readViewerPayload, type ViewerLock } from '../io/viewer-file';
import { ServicesProvider, useEditor, useServices, type AppServices } from '../state/context';
import type { EditorStoreApi } from '../state/store';
import type { Workspace } from '../state/workspace';
import { WrongPassphraseError } from '../storage/crypto';
import { openLockedPayload } from '../state/interactive-html';
import { ViewOnlyBadge } from '../ui/Header';
import { Icon } from '../ui/Icon';
import { UnlockForm } from '../ui/UnlockForm';
import { MetricsTable } from '../ui/MetricsTable';
import { SidePanel } from '../ui/SidePanel';
import { Legend } from '../ui/Sidebar';
import { NoticeToast } from '../ui/NoticeToast';
import { useShortcuts } from '../ui/useShortcuts';
import { useTheme, type ThemeChoice } from '../ui/theme';
import { useAnalysisRunner } from '../ui/useAnalysisRunner';
import { MapViews } from '../ui/views/MapViews';

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
  const theme = useTheme();
  const name = useEditor((s) => s.doc?.map.name ?? null);
  const open = useEditor((s) => s.doc !== null);
  const metricsOpen = useEditor((s) => s.metricsOpen);
  useAnalysisRunner();

  useEffect(() => {
    if (name !== null) document.title = `${name || 'Untitled map'} · Influence Map`;
  }, [name]);

  // The app's shortcuts that only look: Find, zoom, fit, Escape, select all.
  const run = useShortcuts({ readOnly: true });

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
          <button type="button" className="button button--icon" aria-label="Fit view" title="Fit the map in view (Shift 1)" disabled={!open} onClick={() => run('fit-view')}>
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
          <SidePanel legend={<Legend />} />
        </div>
      ) : stage.kind === 'locked' ? (
        <LockedPage lock={stage.lock} onUnlocked={() => onUnlocked(stage.redacted)} />
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

/** The passphrase form for a locked page: the map is opened here, in the page. */
function LockedPage({ lock, onUnlocked }: { lock: ViewerLock; onUnlocked: () => void }) {
  const { store } = useServices();
  return (
    <UnlockForm
      intro="Enter the passphrase you were given to open it. It is checked here, in this page; nothing is sent anywhere."
      submitLabel="Open"
      busyLabel="Opening…"
      unlock={async (passphrase) => {
        try {
          const read = await openLockedPayload(lock, passphrase);
          if (!read.ok) return read.error;
          store.getState().openDocument(read.doc, { problems: read.problems });
          onUnlocked();
          return null;
        } catch (err) {
          return err instanceof WrongPassphraseError ? 'That passphrase is not right.' : `The map could not be opened: ${err instanceof Error ? err.message : String(err)}`;
        }
      }}
    />
  );
}
