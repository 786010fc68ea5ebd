/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, offlineServiceWorker } from './build/plugins.ts';
import { interactiveViewer } from './build/viewer.ts';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), interactiveViewer(), offlineServiceWorker()],
  worker: { format: 'es' },
  // Team maps in development: the sync server (`npm run serve`, PORT 4380) behind the same origin.
  server: { proxy: { '/collab': { target: 'http://127.0.0.1:4380', ws: true } } },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/setup/unit.ts'],
          benchmark: { include: ['bench/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/setup/component.ts'],
          // jsdom renders of whole panels take 1-3 s on a quiet 2-core machine and several times
          // that when the machine is busy; 5 s (the default) failed sound tests then.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
