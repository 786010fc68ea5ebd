import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'playwright-report', 'test-results', 'bench/results', 'bench/dist', 'node_modules'] },
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
    files: ['src/**'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', 'dexie-react-hooks'] }],
    },
  },
  {
    // Layering: pure code never reaches for the UI, the store or the database.
    files: ['src/domain/**', 'src/analysis/**', 'src/io/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@xyflow/*', 'dexie', 'zustand', 'zustand/*', '*/state/*', '*/storage/*', '*/ui/*', '*/canvas/*', 'dexie-react-hooks'] }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
