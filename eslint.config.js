// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/**
 * Layer boundaries of ARCHITECTURE.md as lint errors, so a wrong import fails `npm test`
 * instead of relying on review. Exported for the lint-config test.
 */
export const layerRules = {
  core: {
    paths: [
      { name: 'electron', message: 'core/ never imports electron: put an adapter in electron/ behind a core port.' },
      { name: 'react', message: 'core/ never imports React.' },
      { name: 'react-dom', message: 'core/ never imports React.' },
      { name: 'zustand', message: 'core/ never imports UI state.' },
      { name: 'electron-store', message: 'core/ never imports electron-store: use a port.' },
      { name: 'lightweight-charts', message: 'core/ never imports UI libraries.' },
    ],
    patterns: [
      { group: ['electron/*', 'react/*', 'react-dom/*'], message: 'core/ never imports electron or React.' },
      { group: ['**/renderer', '**/renderer/**', '**/electron', '**/electron/**'], message: 'core/ never imports renderer/ or electron/.' },
      { group: ['**/test/**', '**/test'], message: 'Production code never imports test/.' },
    ],
  },
  renderer: {
    paths: [
      { name: 'electron', message: 'The renderer is sandboxed: talk to main through window.ballast only.' },
    ],
    patterns: [
      { group: ['node:*'], message: 'The renderer has no Node.js.' },
      // A regex, not a group: gitignore-style groups treat a leading `#` as a comment.
      { regex: '^#core/(?!contract/|model/)', message: 'The renderer may import only core/contract and core/model (types, schemas, shared lists) from core.' },
      {
        group: ['**/core/**', '!**/core/contract/**', '!**/core/model/**'],
        message: 'The renderer may import only core/contract and core/model (types, schemas, shared lists) from core.',
      },
      { group: ['**/electron/**'], message: 'The renderer never imports electron/.' },
      { group: ['**/test/**', '**/test'], message: 'Production code never imports test/.' },
    ],
  },
  electron: {
    paths: [],
    patterns: [
      { group: ['**/renderer/**', 'react', 'react-dom'], message: 'electron/ never imports the renderer.' },
      { group: ['**/test/**', '**/test'], message: 'Production code never imports test/.' },
    ],
  },
};

/**
 * @param {{paths: any[], patterns: any[]}} rule
 * @returns {import('eslint').Linter.RuleEntry}
 */
const restricted = (rule) => ['error', { paths: rule.paths, patterns: rule.patterns }];

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/lint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['*.config.js', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted(layerRules.core),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The plugin's own typings disagree with ESLint's Plugin type on `configs`; the rules are what we use.
    plugins: { 'react-hooks': /** @type {import('eslint').ESLint.Plugin} */ (/** @type {unknown} */ (reactHooks)) },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restricted(layerRules.renderer),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': restricted(layerRules.electron) },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
