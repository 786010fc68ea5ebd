import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Layers from the bottom up (ARCHITECTURE.md): each may import only the layers before it.
export const LAYERS = ['domain', 'analysis', 'io', 'layout', 'storage', 'sync', 'state', 'canvas', 'ui', 'app'];
// Pure layers never reach for React, React Flow, the store or the database.
const PURE_LAYERS = new Set(['domain', 'analysis', 'io', 'layout']);
const UI_PACKAGES = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo'];
// The interface reaches storage only through the Workspace (state/workspace.ts), never directly.
const NO_STORAGE_LAYERS = new Set(['canvas', 'ui']);

function layerRules() {
  return LAYERS.map((layer, index) => {
    const above = LAYERS.slice(index + 1);
    const patterns = above.map((name) => ({
      group: [`**/${name}/*`, `**/${name}`],
      message: `${layer}/ sits below ${name}/ and must not import it (ARCHITECTURE.md: dependencies point downwards).`,
    }));
    if (layer !== 'storage') {
      patterns.push({ group: ['dexie', 'dexie-react-hooks'], message: 'Only src/storage/ talks to the database.' });
    }
    if (NO_STORAGE_LAYERS.has(layer)) {
      patterns.push({ group: ['**/storage/*', '**/storage'], message: `${layer}/ reaches storage only through the Workspace (state/workspace.ts), never storage/ itself.` });
    }
    if (PURE_LAYERS.has(layer)) {
      patterns.push({ group: UI_PACKAGES, message: `${layer}/ is pure TypeScript: no React, React Flow or store.` });
    }
    return { files: [`src/${layer}/**`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
  });
}

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'coverage', 'playwright-report', 'test-results', 'bench/results', 'bench/dist', 'node_modules'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // User text is only ever rendered as text: raw HTML injection is banned outright.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render user text as text, never as HTML.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Render user text as text, never as HTML.' },
      ],
    },
  },
  ...layerRules(),
  {
    // A spread or apply passes every element as an argument: past ~100,000 (a big import) that
    // throws "Maximum call stack size exceeded". Loop instead (domain/extent.ts: maxOf, pushAll).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render user text as text, never as HTML.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Render user text as text, never as HTML.' },
        { selector: 'CallExpression > SpreadElement', message: 'No spread into a call: it overflows the stack on big arrays. Loop instead (domain/extent.ts).' },
        { selector: 'NewExpression > SpreadElement', message: 'No spread into a call: it overflows the stack on big arrays. Loop instead (domain/extent.ts).' },
        { selector: "CallExpression[callee.property.name='apply']", message: 'No apply over arrays: it overflows the stack on big arrays. Loop instead.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'server/src/**/*.js', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
