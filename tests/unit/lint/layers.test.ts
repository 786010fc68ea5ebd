import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules in eslint.config.js are the only thing keeping dependencies pointing
// downwards, so they are tested like code: a forbidden import must fail lint.
const eslint = new ESLint({ cwd: process.cwd() });

async function lintImport(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${source}';\n`, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (eslint)', () => {
  it.each([
    ['src/domain/x.ts', '../io/csv'],
    ['src/domain/x.ts', '../analysis/analyse'],
    ['src/analysis/x.ts', '../io/csv'],
    ['src/io/x.ts', '../storage/db'],
    ['src/state/x.ts', '../ui/Inspector'],
    ['src/state/x.ts', '../canvas/MapCanvas'],
    ['src/storage/x.ts', '../state/store'],
    ['src/canvas/x.ts', '../ui/Sidebar'],
    ['src/ui/x.ts', '../app/App'],
    ['src/ui/import/x.ts', '../../app/App'],
  ])('%s may not import %s', async (file, source) => {
    const messages = await lintImport(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/must not import/);
  });

  it.each([
    ['src/ui/x.ts', '../storage/repository'],
    ['src/ui/import/x.ts', '../../storage/db'],
    ['src/canvas/x.ts', '../storage/snapshots'],
  ])('%s may not import %s: the interface goes through the Workspace', async (file, source) => {
    const messages = await lintImport(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/only through the Workspace/);
  });

  it.each([
    ['src/domain/x.ts', 'react'],
    ['src/analysis/x.ts', '@xyflow/react'],
    ['src/io/x.ts', 'zustand'],
    ['src/ui/x.ts', 'dexie'],
    ['src/state/x.ts', 'dexie-react-hooks'],
  ])('%s may not import the package %s', async (file, source) => {
    expect(await lintImport(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/analysis/x.ts', '../domain/types'],
    ['src/io/x.ts', '../analysis/analyse'],
    ['src/state/x.ts', '../storage/db'],
    ['src/ui/x.ts', '../state/workspace'],
    ['src/ui/x.ts', '../state/store'],
    ['src/app/x.ts', '../ui/Inspector'],
    ['src/storage/x.ts', 'dexie'],
    ['src/ui/x.ts', 'react'],
  ])('%s may import %s', async (file, source) => {
    expect(await lintImport(file, source)).toEqual([]);
  });
});
