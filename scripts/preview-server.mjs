// A test build served with `vite preview` on 127.0.0.1 for the measuring scripts
// (profile-canvas.mjs, measure-pack.mjs, import-longtasks.mjs): `servePreview` starts it and `ready` waits until it answers.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function servePreview(dist, port) {
  const child = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async ready() {
      for (let i = 0; i < 200; i++) {
        try {
          if ((await fetch(url)).ok) return;
        } catch { /* not yet */ }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('preview did not start');
    },
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch { /* gone */ }
    },
  };
}
