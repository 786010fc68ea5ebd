/**
 * Which parts of the screen the user has collapsed: the sidebar, the side panel and the minimap.
 * A display preference like the theme, so it lives in localStorage (never in a map) and is shared
 * by every component that shows or toggles one of them.
 */
import { useSyncExternalStore } from 'react';

export interface LayoutPrefs {
  sidebar: boolean;
  side: boolean;
  minimap: boolean;
}

const KEY = 'influence-map:layout';
const DEFAULTS: LayoutPrefs = { sidebar: true, side: true, minimap: true };

function read(): LayoutPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof LayoutPrefs, unknown>>;
    const out = { ...DEFAULTS };
    for (const k of Object.keys(DEFAULTS) as (keyof LayoutPrefs)[]) if (typeof raw[k] === 'boolean') out[k] = raw[k];
    return out;
  } catch {
    return { ...DEFAULTS };
  }
}

let current: LayoutPrefs | null = null;
const listeners = new Set<() => void>();

function snapshot(): LayoutPrefs {
  current ??= read();
  return current;
}

export function setLayoutPref(key: keyof LayoutPrefs, shown: boolean) {
  current = { ...snapshot(), [key]: shown };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Private mode or a full quota: the choice still holds for this page.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLayoutPrefs(): LayoutPrefs {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
