/**
 * Build-time plugins: a strict Content-Security-Policy in the built index.html, and an offline
 * service worker that precaches every file of the build (so the app works with no network).
 * Both apply to `vite build` only: the dev server needs inline scripts for hot reload.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // React renders style attributes (node positions, colours); no inline <style> or <script>.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'influence-map:csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

/** Writes sw.js listing every emitted file; its cache name changes whenever any file does. */
export function offlineServiceWorker(): Plugin {
  return {
    name: 'influence-map:service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const publicFiles = ['favicon.svg', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'];
      const all = [...new Set(['./', 'index.html', ...files, ...publicFiles])].sort();
      const hash = createHash('sha256');
      for (const name of files) {
        const item = bundle[name];
        hash.update(name);
        hash.update(item.type === 'asset' ? (typeof item.source === 'string' ? item.source : Buffer.from(item.source)) : item.code);
      }
      const version = hash.digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(version, all) });
    },
  };
}

function serviceWorkerSource(version: string, files: string[]): string {
  return `// Generated at build time. Precaches the app so it works offline; talks to no other origin.
const CACHE = 'influence-map-${version}';
const FILES = ${JSON.stringify(files)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('influence-map-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The app is one page: every navigation gets the cached shell, whatever the hash says.
  // ignoreVary: module scripts are CORS requests (Origin header) while the cache was filled without.
  const lookup = request.mode === 'navigate' ? caches.match('index.html', { cacheName: CACHE, ignoreVary: true }) : caches.match(request, { cacheName: CACHE, ignoreVary: true, ignoreSearch: false });
  event.respondWith(lookup.then((hit) => hit || fetch(request)));
});
`;
}
