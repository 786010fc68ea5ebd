/**
 * The interactive HTML viewer (Export -> Interactive HTML): viewer.html + src/app/viewer-main.tsx
 * built by a second, nested Vite build into ONE self-contained page (script and styles inlined,
 * assets as data: URLs, no worker, no request of any kind), with a strict CSP whose script-src is
 * the hash of that one inline script. The page's data block (io/viewer-file.ts) stays `null`;
 * the app fills it in when the user exports.
 *
 * The app serves the page as `interactive-viewer.html` next to index.html:
 * - `vite build` (any mode, so `npm run build` and the e2e build): emitted into the bundle, so the
 *   offline service worker precaches it with everything else;
 * - `vite` (npm start): built on first request and served by a middleware.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin, type Rolldown } from 'vite';

export const VIEWER_ASSET = 'interactive-viewer.html';
const ENTRY_HTML = 'viewer.html';

export const viewerContentSecurityPolicy = (scriptHash: string) =>
  ["default-src 'none'", `script-src '${scriptHash}'`, "style-src 'unsafe-inline'", 'img-src data: blob:', "base-uri 'none'", "form-action 'none'"].join('; ');

/** Text that may sit inside <script> / <style> without ending it or opening an HTML comment. */
export function inlineSafe(code: string, tag: 'script' | 'style'): string {
  // Inside JS strings, regexes and templates `\/` reads as `/` and `\x21` as `!`.
  const closing = new RegExp(`</${tag}`, 'gi');
  return code.replace(closing, (m) => `<\\/${m.slice(2)}`).replace(/<!--/g, tag === 'script' ? '<\\x21--' : '<\\21--');
}

/** Inlines the built script and styles into the page and adds the CSP (pure: unit-tested). */
export function inlineViewerPage(html: string, scripts: Map<string, string>, styles: Map<string, string>): string {
  let page = html;
  let inlineScript: string | null = null;
  page = page.replace(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>\s*/g, (_tag, src: string) => {
    const code = scripts.get(src.replace(/^\.?\//, ''));
    if (code === undefined) throw new Error(`viewer build: no chunk for ${src}`);
    if (inlineScript !== null) throw new Error('viewer build: more than one script');
    inlineScript = inlineSafe(code, 'script');
    return '';
  });
  page = page.replace(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>\s*/g, (_tag, href: string) => {
    const css = styles.get(href.replace(/^\.?\//, ''));
    if (css === undefined) throw new Error(`viewer build: no stylesheet ${href}`);
    return `<style>${inlineSafe(css, 'style')}</style>\n`;
  });
  page = page.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>\s*/g, '');
  if (inlineScript === null) throw new Error('viewer build: the page has no script');
  const script: string = inlineScript;
  const hash = `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
  // The script goes last in <body>, after the data block it reads.
  page = page.replace('</body>', () => `<script type="module">${script}</script>\n</body>`);
  page = page.replace(/<meta charset="UTF-8" \/>/i, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${viewerContentSecurityPolicy(hash)}" />`);
  if (/\b(?:src|href)="(?!data:|#)/i.test(page.replace(/<script type="module">[\s\S]*<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/g, ''))) throw new Error('viewer build: the page still refers to another file');
  return page;
}

/** Builds the viewer page (about half a minute on two cores). */
export async function buildViewerPage(root: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    base: './',
    mode: 'production',
    // Errors only: the outer build reports its own progress.
    logLevel: 'error',
    plugins: [react()],
    // Production React even when the dev server (NODE_ENV=development) builds the page.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    worker: { format: 'es' },
    build: {
      write: false,
      target: 'es2022',
      sourcemap: false,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: () => true,
      chunkSizeWarningLimit: 5000,
      rolldownOptions: { input: resolve(root, ENTRY_HTML), output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const scripts = new Map<string, string>();
  const styles = new Map<string, string>();
  let html: string | null = null;
  for (const out of outputs) {
    for (const item of out.output) {
      if (item.type === 'chunk') scripts.set(item.fileName, item.code);
      else if (item.fileName.endsWith('.css')) styles.set(item.fileName, String(item.source));
      else if (item.fileName === ENTRY_HTML) html = String(item.source);
    }
  }
  if (!html) throw new Error('viewer build: no page');
  return inlineViewerPage(html, scripts, styles);
}

/** Adds interactive-viewer.html to the app: emitted by `vite build`, served by `vite`. */
export function interactiveViewer(): Plugin {
  let root = process.cwd();
  let command: 'build' | 'serve' = 'serve';
  let pending: Promise<string> | null = null;
  return {
    name: 'influence-map:interactive-viewer',
    configResolved(config) {
      root = config.root;
      command = config.command;
    },
    async buildStart() {
      if (command !== 'build') return;
      this.emitFile({ type: 'asset', fileName: VIEWER_ASSET, source: await buildViewerPage(root) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${VIEWER_ASSET}`) return next();
        pending ??= buildViewerPage(root);
        pending.then(
          (page) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(page);
          },
          (error: unknown) => {
            pending = null;
            next(error);
          },
        );
      });
    },
  };
}
