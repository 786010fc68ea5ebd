import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onNextFrame } from '../domain/next-task';
import { freeSpotNear } from '../domain/placement';
import { createSampleOrganisation } from '../domain/sample';
import type { Id } from '../domain/types';
import { asNewMap } from '../io/map-file';
import { ServicesProvider, useEditor, useServices, type AppServices } from '../state/context';
import { attachPageLifecycle } from '../state/page-lifecycle';
import { joinLinkFromHash, teamFor } from '../state/team';
import { useLayoutPrefs } from '../state/layout-prefs';
import { CollapsedRail, PanelToggle } from '../ui/layout/PanelToggle';
import { Dialog } from '../ui/Dialog';
import { EmptyState } from '../ui/EmptyState';
import { ArrangeMenu } from '../ui/ArrangeMenu';
import { ExportMenu } from '../ui/ExportMenu';
import { Header } from '../ui/Header';
import { HistoryDialog } from '../ui/HistoryDialog';
import { UnlockScreen } from '../ui/LockPanel';
import { useImport } from '../ui/useImport';
import { MetricsTable } from '../ui/MetricsTable';
import { metricsCsvItem } from '../ui/metricsExport';
import { MyNetworkPanel } from '../ui/network/MyNetworkPanel';
import { SidePanel } from '../ui/SidePanel';
import { MapViews } from '../ui/views/MapViews';
import { useAnalysisRunner } from '../ui/useAnalysisRunner';
import { NoticeToast } from '../ui/NoticeToast';
import { LoadProblemsBanner, SaveErrorBanner, StorageTroubleBanner } from '../ui/SaveIndicator';
import { SHORTCUTS } from '../ui/shortcuts';
import { useShortcuts } from '../ui/useShortcuts';
import { Legend, MapsList, Palette, StoragePanel } from '../ui/Sidebar';
import { useTheme } from '../ui/theme';
import { describeStorageError } from '../storage/errors';
import { StartNotice } from '../ui/StartNotice';
import { clearOpeningMarker, guardMapOpening, readOpeningMarker, stuckMapMessage } from './opening-guard';
import { mapIdFromHash, hashForMap } from './route';

export function App({ services }: { services: AppServices }) {
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <AppShell />
      </ReactFlowProvider>
    </ServicesProvider>
  );
}

/** Joins a shared map from its link; says why not (and opens nothing) when it cannot. */
async function joinShared(workspace: AppServices['workspace'], link: NonNullable<ReturnType<typeof joinLinkFromHash>>): Promise<boolean> {
  workspace.store.getState().notify('Opening the shared map…');
  try {
    await teamFor(workspace).join(link);
    workspace.store.getState().dismissNotice();
    return true;
  } catch (error) {
    workspace.store.getState().notify(error instanceof Error ? error.message : String(error), 'error');
    history.replaceState(null, '', location.pathname);
    return false;
  }
}

function AppShell() {
  const { store, workspace } = useServices();
  const mapId = useEditor((s) => s.doc?.map.id ?? null);
  const [ready, setReady] = useState(false);
  const dialog = useEditor((s) => s.dialog);
  const theme = useTheme();
  const metricsOpen = useEditor((s) => s.metricsOpen);
  const lockedMapId = useEditor((s) => s.lockedMapId);
  const layout = useLayoutPrefs();
  useAnalysisRunner();
  const flowStore = useStoreApi();
  const { openPicker, openTiesPicker, fileInput, onWindowDrop, onWindowDragOver, importDialog } = useImport();

  const openMap = useCallback(
    async (id: Id) => {
      if (store.getState().doc?.map.id === id) return;
      await workspace.openMap(id);
    },
    [store, workspace],
  );

  // Start on the map named in the URL, else the last one opened; but on the list of maps when
  // that map did not finish opening last time (opening-guard.ts).
  const [startNotice, setStartNotice] = useState<string | null>(null);
  useEffect(() => guardMapOpening(store), [store]);
  useEffect(() => {
    let live = true;
    // Follows the open map: a shared map connects while it is open (nothing else ever does).
    teamFor(workspace);
    const stuck = readOpeningMarker();
    void (async () => {
      try {
        // A team-map link (#/join/...): join it, then it opens like any map.
        const link = joinLinkFromHash(location.hash);
        if (link && (await joinShared(workspace, link))) return;
        const id = await workspace.startupMapId(mapIdFromHash(location.hash));
        if (id && stuck?.mapId === id) {
          clearOpeningMarker();
          if (live) setStartNotice(stuckMapMessage(stuck));
        } else if (id && live) await workspace.openMap(id);
      } catch (error) {
        if (live) workspace.openScratch(describeStorageError(error).message);
      } finally {
        if (live) setReady(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [store, workspace]);

  // The URL names the open map, so reload and bookmarks come back to it.
  useEffect(() => {
    if (!ready) return;
    // Once the frame is painted: replacing the address saves the page's scroll position, which
    // forces the layout of a page just rendered (over 20 ms of an opening 50,000-person map's task).
    return onNextFrame(() => {
      const hash = mapId ? hashForMap(mapId) : '';
      if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
    });
  }, [mapId, ready]);

  useEffect(() => {
    const onHash = () => {
      const link = joinLinkFromHash(location.hash);
      if (link) void joinShared(workspace, link);
      const id = mapIdFromHash(location.hash);
      if (id) void openMap(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openMap, workspace]);

  // Anything pending is journaled and written the moment the page may go away.
  useEffect(() => attachPageLifecycle(workspace), [workspace]);

  const addInView = useCallback(() => {
    // The middle of the visible canvas (React Flow's own size and viewport: no DOM query).
    const { width, height, transform } = flowStore.getState();
    if (!width || !height) return;
    const [tx, ty, zoom] = transform;
    const point = { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
    const state = store.getState();
    // In free space near the middle of the view, then straight into naming the person.
    const id = state.addStakeholderAt(freeSpotNear(Object.values(state.doc?.stakeholders ?? {}), point));
    if (id) store.getState().setRenaming(id);
  }, [flowStore, store]);

  const run = useShortcuts({ readOnly: false, addInView });

  const newMap = useCallback(() => void workspace.createMap(), [workspace]);
  const exportExtras = useMemo(() => [metricsCsvItem(store)], [store]);
  const openSample = useCallback(() => void workspace.createMap(asNewMap(createSampleOrganisation())), [workspace]);

  return (
    <div className="app" onDrop={onWindowDrop} onDragOver={onWindowDragOver}>
      <Header
        onNewMap={newMap}
        onImport={openPicker}
        onFitView={() => run('fit-view')}
        onHelp={() => store.getState().openDialog('shortcuts')}
        onHistory={() => store.getState().openDialog('history')}
        exportMenu={<ExportMenu extraItems={exportExtras} />}
        arrangeMenu={<ArrangeMenu onAddTies={openTiesPicker} />}
        theme={theme.choice}
        onTheme={theme.setChoice}
      />
      <StorageTroubleBanner />
      <SaveErrorBanner />
      <LoadProblemsBanner />
      <div className={`workspace${layout.sidebar ? '' : ' workspace--no-sidebar'}${layout.side ? '' : ' workspace--no-side'}`}>
        {layout.sidebar ? (
          <nav className="sidebar" aria-label="Sidebar">
            <PanelToggle which="sidebar" shown />
            <MapsList onOpen={(id) => void openMap(id)} onSample={openSample} />
            {mapId && <Palette onAdd={addInView} />}
            {mapId && <Legend />}
            <StoragePanel />
          </nav>
        ) : (
          <CollapsedRail which="sidebar" />
        )}
        <main className="main">
          {!mapId && startNotice && <StartNotice message={startNotice} onDismiss={() => setStartNotice(null)} />}
          {mapId ? <MapViews key={mapId} colorMode={theme.resolved} /> : lockedMapId ? <UnlockScreen /> : ready ? <EmptyState
              onNewMap={newMap}
              onImport={openPicker}
              extra={
                <button type="button" className="button" onClick={openSample}>
                  Explore a sample organisation
                </button>
              }
            /> : <div className="loading">Opening your maps…</div>}
        </main>
        {mapId && (layout.side ? <SidePanel network={<MyNetworkPanel />} toggle={<PanelToggle which="side" shown />} /> : <CollapsedRail which="side" />)}
      </div>
      {mapId && metricsOpen && <MetricsTable />}
      {fileInput}
      {importDialog}
      <NoticeToast />
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => store.getState().closeDialog()} />}
      {dialog === 'history' && mapId && <HistoryDialog onClose={() => store.getState().closeDialog()} />}
    </div>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLTableElement>(null);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="dialog--wide">
      <table className="shortcuts" ref={ref}>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Shift</kbd> click / drag
            </td>
            <td>Add to the selection; drag on empty canvas to box-select</td>
          </tr>
          <tr>
            <td>
              <kbd>Arrow keys</kbd>
            </td>
            <td>Move the selected card (after Tab focuses it)</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
