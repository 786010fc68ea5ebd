/**
 * The right-hand column, in the app and in the interactive HTML viewer: the selection's details,
 * or what the map means, with the Metrics toggle beside the tabs and the what-if panel above.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useEditor, useServices } from '../state/context';
import { InsightsPanel } from './InsightsPanel';
import { Inspector } from './Inspector';
import { WhatIfPanel } from './what-if/WhatIfPanel';

export interface SidePanelProps {
  /** The "My network" tab's content; without it there is no such tab (the viewer). */
  network?: ReactNode;
  /** A control at the end of the tab row (the app's hide-panel button). */
  toggle?: ReactNode;
  /**
   * The "Legend" tab's content: the viewer's, which has no sidebar to show it in, so a reader of
   * a shared file would have no way to learn what the colours and lines mean.
   */
  legend?: ReactNode;
}

export function SidePanel({ network, toggle, legend }: SidePanelProps) {
  const { store } = useServices();
  const hasNetwork = network !== undefined;
  const storePanel = useEditor((s) => (s.sidePanel === 'network' && !hasNetwork ? 'details' : s.sidePanel));
  // The legend tab is this panel's own state: the store's side panel names the app's tabs.
  const [legendOpen, setLegendOpen] = useState(false);
  const panel = legendOpen && legend !== undefined ? 'legend' : storePanel;
  const show = (next: 'details' | 'insights' | 'network') => {
    setLegendOpen(false);
    store.getState().setSidePanel(next);
  };
  const metricsOpen = useEditor((s) => s.metricsOpen);
  const updating = useEditor((s) => s.analysisState === 'updating');
  // A new selection opens Details at its top (Name first), like a new tab does.
  const selectionKey = useEditor((s) => (s.selectedNodes.size + s.selectedTies.size === 1 ? [...s.selectedNodes, ...s.selectedTies][0] : `${s.selectedNodes.size}:${s.selectedTies.size}`));
  // Selecting someone shows their details, whichever tab was open.
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
          {hasNetwork && (
            <button type="button" role="tab" id="tab-network" aria-selected={panel === 'network'} aria-controls="panel-network" className="side__tab" onClick={() => show('network')}>
              My network
            </button>
          )}
          {legend !== undefined && (
            <button type="button" role="tab" id="tab-legend" aria-selected={panel === 'legend'} aria-controls="panel-legend" className="side__tab" onClick={() => setLegendOpen(true)}>
              Legend
            </button>
          )}
        </div>
        {/* The Metrics table opens beside the panel, so it is a toggle, not a tab. */}
        <button type="button" className={metricsOpen ? 'button button--pressed side__metrics' : 'button side__metrics'} aria-pressed={metricsOpen} onClick={() => store.getState().setMetricsOpen(!metricsOpen)}>
          Metrics
        </button>
        {toggle}
      </div>
      {/* Above the tab's content, so the canvas stays in full view while the user compares. */}
      <WhatIfPanel />
      {/* Keyed by tab: each tab opens at its top, not at the previous tab's scroll position. */}
      <div key={panel === 'details' ? `details:${selectionKey}` : panel} role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="side__body">
        {panel === 'details' ? <Inspector /> : panel === 'network' ? network : panel === 'legend' ? legend : <InsightsPanel />}
      </div>
    </aside>
  );
}
