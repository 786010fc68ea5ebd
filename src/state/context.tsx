/** Hands the store and workspace to components; tests pass fresh ones in. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { EditorStore, EditorStoreApi } from './store';
import type { Workspace } from './workspace';

export interface AppServices {
  store: EditorStoreApi;
  workspace: Workspace;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside ServicesProvider');
  return services;
}

/** The services, or null outside a ServicesProvider (a dialog rendered on its own in a test). */
export function useOptionalServices(): AppServices | null {
  return useContext(ServicesContext);
}

export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(useServices().store, selector);
}

/** For selectors returning a fresh object or array: re-render only when its members change. */
export function useEditorShallow<T>(selector: (state: EditorStore) => T): T {
  return useStore(useServices().store, useShallow(selector));
}

export function useHistoryFlags(): { canUndo: boolean; canRedo: boolean } {
  const { store } = useServices();
  return useStore(
    store.temporal,
    useShallow((t) => ({ canUndo: t.pastStates.length > 0, canRedo: t.futureStates.length > 0 })),
  );
}
