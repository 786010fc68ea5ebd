import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// What the page loads up front is what src/app/main.tsx reaches through static imports (a dynamic
// `import()` and a worker's URL start chunks of their own). The calendar reader brings ical.js,
// about 78 kB: it must be reached only once a calendar is detected (ui/import/read-file.ts).
const ROOT = resolve(__dirname, '../../..');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  return null;
}

/** Every module reached from `entry` by static imports: local files by path, packages by name. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const target = resolveLocal(file, spec);
        if (target) queue.push(target);
      } else seen.add(`pkg:${spec}`);
    }
  }
  return seen;
}

describe('the main bundle', () => {
  const graph = staticGraph(resolve(ROOT, 'src/app/main.tsx'));

  it('reaches the import code but not the calendar reader or ical.js', () => {
    expect(graph.has(resolve(ROOT, 'src/ui/import/read-file.ts'))).toBe(true);
    expect(graph.has(resolve(ROOT, 'src/io/detect.ts'))).toBe(true);
    expect(graph.has(resolve(ROOT, 'src/io/calendar.ts'))).toBe(false);
    expect(graph.has('pkg:ical.js')).toBe(false);
  });
});
