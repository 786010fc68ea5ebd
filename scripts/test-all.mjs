// `npm test`: type-check, lint, unit and component tests, then browser tests on the production
// build. Stops at the first failing stage and ends with one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('test-results', { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function finish(ok) {
  console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

if (!run('type-check', 'npx', ['tsc', '-b'])) finish(false);
if (!run('lint', 'npx', ['eslint', '.', '--max-warnings', '0'])) finish(false);

rmSync('test-results/vitest.json', { force: true });
const unitOk = run('unit and component tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  results.passed += vitest.numPassedTests ?? 0;
  results.failed += vitest.numFailedTests ?? 0;
  results.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
if (!unitOk) {
  if (!results.failed) results.failed = 1;
  finish(false);
}

if (!run('production build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
  results.failed++;
  finish(false);
}
rmSync('test-results/e2e.json', { force: true });
const e2eOk = run('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
const e2e = readJson('test-results/e2e.json');
if (e2e?.stats) {
  results.passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  results.failed += e2e.stats.unexpected ?? 0;
  results.skipped += e2e.stats.skipped ?? 0;
} else if (!e2eOk) results.failed++;
if (!e2eOk && !results.failed) results.failed = 1;

if (existsSync('scripts/bench.mjs')) {
  const benchOk = run('benchmark smoke run (no timings asserted)', 'node', ['scripts/bench.mjs', '--smoke']);
  if (benchOk) results.passed++;
  else results.failed++;
  finish(e2eOk && benchOk);
}
finish(e2eOk);
