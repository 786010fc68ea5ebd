/**
 * Builds the benchmark's extra pages (bench/pages/*.html) for scripts/bench.mjs. They are served
 * under /__bench/ next to a copy of the app build (bench/dist/app), never from the app's dist/,
 * so no bench code reaches the app bundle.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const pages = resolve(import.meta.dirname, 'pages');
const input = Object.fromEntries(
  readdirSync(pages)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f.replace(/\.html$/, ''), resolve(pages, f)]),
);

export default defineConfig({
  root: pages,
  base: '/__bench/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: resolve(import.meta.dirname, 'dist/app/__bench'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input },
  },
});
