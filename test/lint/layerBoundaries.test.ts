import { describe, expect, it } from 'vitest';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { repoRoot } from '../support/sharedData.ts';
import { ballastPlugin, coreLayerImports } from '../../eslint.config.js';
import { importCycles, importGraph } from './importGraph.ts';

/**
 * The layer boundaries of ARCHITECTURE.md are lint errors. These tests take the rules the real
 * config applies to a file in each folder and show that they reject a forbidden import (and
 * accept an allowed one), so deleting a rule from eslint.config.js fails here.
 */
const eslint = new ESLint({ cwd: repoRoot });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(filePath)) as { rules?: Linter.RulesRecord };
  const rules: Linter.RulesRecord = {};
  for (const name of ['no-restricted-imports', 'no-restricted-globals', 'ballast/core-layers']) {
    const rule = config.rules?.[name];
    if (rule !== undefined) rules[name] = rule;
  }
  const plugins = { ballast: ballastPlugin };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, plugins, rules }],
    { filename: filePath },
  );
  return messages.map((message) => message.ruleId ?? message.message);
}

describe('layer boundaries', () => {
  it.each([
    ["import { app } from 'electron';"],
    ["import { ipcMain } from 'electron/main';"],
    ["import React from 'react';"],
    ["import { createRoot } from 'react-dom/client';"],
    ["import { create } from 'zustand';"],
    ["import { App } from '../../renderer/src/App.tsx';"],
    ["import { windowOptions } from '../../electron/main/security.ts';"],
    ["import { sharedDataPath } from '../../test/support/sharedData.ts';"],
  ])('core/ may not: %s', async (code) => {
    expect(await lintAs('core/market/probe.ts', code)).toContain('no-restricted-imports');
  });

  it('core/ may not touch DOM globals', async () => {
    expect(await lintAs('core/market/probe.ts', 'export const title = document.title;')).toContain('no-restricted-globals');
  });

  it('core/ may import another layer and libraries like zod', async () => {
    expect(await lintAs('core/risk/probe.ts', "import { z } from 'zod';\nimport { validateCandles } from '../market/index.ts';")).toEqual([]);
  });

  it.each([
    ["import { createBallastCore } from '#core/runtime/index.ts';"],
    ["import { x } from '../../core/market/index.ts';"],
    ["import { readFile } from 'node:fs';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import { x } from '../../electron/main/security.ts';"],
    ["import { x } from '../../test/support/sharedData.ts';"],
  ])('renderer/ may not: %s', async (code) => {
    expect(await lintAs('renderer/src/probe.tsx', code)).toContain('no-restricted-imports');
  });

  it('renderer/ may import the contract from core', async () => {
    expect(await lintAs('renderer/src/probe.tsx', "import type { BallastApi } from '#core/contract/index.ts';")).toEqual([]);
  });

  it.each([
    ["import { App } from '../../renderer/src/App.tsx';"],
    ["import { startFakeExchange } from '../../test/fake-exchange/index.ts';"],
  ])('electron/ may not: %s', async (code) => {
    expect(await lintAs('electron/main/probe.ts', code)).toContain('no-restricted-imports');
  });
});

const layers = Object.keys(coreLayerImports);
const forbiddenEdges = layers.flatMap((from) => layers.filter((to) => to !== from && !(coreLayerImports[from] ?? []).includes(to)).map((to) => [from, to] as const));

describe('layer boundaries inside core/', () => {
  it('forbid most edges: the matrix is a strict order, not everything-may-import-everything', () => {
    expect(forbiddenEdges.length).toBeGreaterThan(layers.length * 3);
  });

  it.each(forbiddenEdges)('core/%s may not import core/%s', async (from, to) => {
    expect(await lintAs(`${repoRoot}/core/${from}/probe.ts`, `import { x } from '../${to}/index.ts';\nexport const y = x;`)).toContain('ballast/core-layers');
  });

  it.each(layers.flatMap((from) => (coreLayerImports[from] ?? []).map((to) => [from, to] as const)))('core/%s may import core/%s through its face', async (from, to) => {
    expect(await lintAs(`${repoRoot}/core/${from}/deep/probe.ts`, `import { x } from '../../${to}/index.ts';\nexport const y = x;`)).toEqual([]);
  });

  it('a layer imports another only through a public face, never its internals', async () => {
    expect(await lintAs(`${repoRoot}/core/risk/probe.ts`, "import { x } from '../market/candleValidation.ts';\nexport const y = x;")).toContain('ballast/core-layers');
  });

  it('core/ has no import cycle between files', () => {
    const cycles = importCycles(importGraph(repoRoot, 'core'));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
