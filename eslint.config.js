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
