// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import path from 'node:path';

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
 * Which layers inside core/ each layer may import (ARCHITECTURE.md: dependencies point down the
 * pipeline, `model` at the bottom, the app and the command line on top). A layer not listed under
 * another may not be imported by it; every import of another layer goes through its public face
 * (an `index.ts`). Exported for the lint-config test.
 */
export const coreLayerImports = {
  model: [],
  log: ['model'],
  journal: ['model', 'log'],
  contract: ['model'],
  market: ['model', 'log', 'journal'],
  keys: ['model', 'log', 'journal'],
  signals: ['model', 'log', 'journal', 'market', 'keys'],
  risk: ['model', 'log', 'journal', 'market', 'signals'],
  execution: ['model', 'log', 'journal', 'market', 'risk'],
  paper: ['model', 'log', 'journal', 'market', 'risk', 'execution'],
  backtest: ['model', 'log', 'journal', 'market', 'signals', 'risk', 'execution', 'paper'],
  alerts: ['model', 'log', 'journal', 'keys'],
  runtime: ['model', 'log', 'journal', 'contract', 'market', 'keys', 'signals', 'risk', 'execution', 'paper', 'backtest', 'alerts'],
  cli: ['model', 'log', 'journal', 'contract', 'market', 'keys', 'signals', 'risk', 'execution', 'paper', 'backtest', 'alerts', 'runtime'],
};

/**
 * The core layer a repository path lies in, or null outside core/.
 * @param {string} filePath
 * @returns {string | null}
 */
function coreLayerOf(filePath) {
  const match = /(?:^|\/)core\/([^/]+)\//.exec(filePath.replaceAll('\\', '/'));
  return match?.[1] ?? null;
}

/** @type {Readonly<Record<string, readonly string[]>>} */
const allowedImports = coreLayerImports;

/** @type {import('eslint').Rule.RuleModule} */
const layerMatrixRule = {
  meta: { type: 'problem', schema: [], messages: { forbidden: '{{from}} may not import {{to}}: {{why}}' } },
  create(context) {
    const file = context.filename;
    const from = coreLayerOf(file);
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    const check = (node) => {
      const source = node.source?.value;
      if (from === null || typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source).replaceAll('\\', '/');
      const to = coreLayerOf(target);
      if (to === null || to === from) return;
      const allowed = allowedImports[from] ?? [];
      if (!allowed.includes(to)) {
        const may = allowed.length > 0 ? allowed.map((name) => `core/${name}`).join(', ') : 'no other layer';
        context.report({ node, messageId: 'forbidden', data: { from: `core/${from}`, to: `core/${to}`, why: `dependencies point down the pipeline; core/${from} may use ${may}.` } });
      } else if (!target.endsWith('/index.ts')) {
        context.report({ node, messageId: 'forbidden', data: { from: `core/${from}`, to: target.slice(target.indexOf('core/')), why: `import core/${to} through its public face (an index.ts), not its internals.` } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

/** Ballast's own lint rules; exported for the lint-config test. */
export const ballastPlugin = { rules: { 'core-layers': layerMatrixRule } };

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
    plugins: { ballast: ballastPlugin },
    rules: {
      'ballast/core-layers': 'error',
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
