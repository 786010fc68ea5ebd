/**
 * Entry of the interactive HTML viewer (viewer.html; built into one self-contained page by
 * build/viewer.ts). The page is opened from disk (file://) or anywhere else, with a CSP that lets
 * it make no request at all.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import '../ui/styles.css';
import './viewer.css';
import { VIEWER_DATA_ID } from '../io/viewer-file';
import { createEditorStore } from '../state/store';
import { Viewer } from './Viewer';

// No workers: the page has no other file to start one from, and its CSP allows none. The
// analysis runs in the page instead (analysis/client.ts falls back when Worker is undefined).
(globalThis as { Worker?: unknown }).Worker = undefined;

// Display preferences (theme, panels) use localStorage; some browsers refuse it to a file:// page.
try {
  window.localStorage.getItem('influence-map:probe');
} catch {
  const memory = new Map<string, string>();
  const shim: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, String(v)),
    removeItem: (k) => void memory.delete(k),
  };
  Object.defineProperty(window, 'localStorage', { value: shim, configurable: true });
}

const store = createEditorStore();
store.getState().setReadOnly(true);
const dataText = document.getElementById(VIEWER_DATA_ID)?.textContent ?? 'null';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Viewer store={store} dataText={dataText} />
  </StrictMode>,
);
