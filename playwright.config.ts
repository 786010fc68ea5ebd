import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './scripts/chromium-path.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Files run side by side on two workers (tests within a file stay in order): every test has its
  // own browser context and IndexedDB, and the team-maps file starts its own server. E2E_WORKERS=1
  // runs one at a time, for a very loaded machine.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 860 },
    // The app's service worker precaches the whole build (about 6 MB) in every new context: work
    // no test but the offline one needs, on a 2-core machine running two browsers.
    serviceWorkers: 'block',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    // Recording a trace of every test made the suite half as slow again on a 2-core machine; the
    // retry of a failed test is traced (CI retries once). Locally: --trace=on.
    trace: 'on-first-retry',
  },
  // The tests drive a test build (dist-e2e/, `--mode e2e`), the shipped build plus the
  // window.__influenceMap handle the tests read the store through; dist/ never has it.
  webServer: {
    command: `npx vite build --mode e2e --outDir dist-e2e --emptyOutDir --logLevel error && npx vite preview --outDir dist-e2e --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
