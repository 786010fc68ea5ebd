import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import '../ui/styles.css';
import { createEditorStore } from '../state/store';
import { createSyncChannel } from '../state/sync-channel';
import { teamFor } from '../state/team';
import { Workspace } from '../state/workspace';
import { Repository } from '../storage/repository';
import { App } from './App';

const store = createEditorStore();
const workspace = new Workspace(new Repository(), store, createSyncChannel());
// The store and the workspace (which holds the keys of unlocked maps) are exposed to the browser
// tests and the benchmark harness only: in development and in the test build (`vite build --mode
// e2e`, made by playwright.config.ts and scripts/bench.mjs). In the shipped build the condition is
// the constant false and the block is dropped (tests/e2e/privacy.spec.ts checks dist/).
// `benchTools` loads the import and PNG export code on demand for scripts/bench.mjs.
if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') {
  (window as unknown as { __influenceMap?: unknown }).__influenceMap = {
    store,
    workspace,
    team: () => teamFor(workspace),
    benchTools: async () => ({ ...(await import('../io/import')), ...(await import('../io/png-browser')) }),
  };
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App services={{ store, workspace }} />
  </StrictMode>,
);

// Offline: the built app precaches itself (see build/plugins.ts). Not in development, where
// a stale cache would hide the changes being made.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
