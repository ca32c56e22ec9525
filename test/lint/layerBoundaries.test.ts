import { describe, expect, it } from 'vitest';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { repoRoot } from '../support/sharedData.ts';

/**
 * The layer boundaries of ARCHITECTURE.md are lint errors. These tests take the rules the real
 * config applies to a file in each folder and show that they reject a forbidden import (and
 * accept an allowed one), so deleting a rule from eslint.config.js fails here.
 */
const eslint = new ESLint({ cwd: repoRoot });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(filePath)) as { rules?: Linter.RulesRecord };
  const rules: Linter.RulesRecord = {};
  for (const name of ['no-restricted-imports', 'no-restricted-globals']) {
    const rule = config.rules?.[name];
    if (rule !== undefined) rules[name] = rule;
  }
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, rules }],
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
    expect(await lintAs('core/risk/probe.ts', "import { z } from 'zod';\nimport { commands } from '../contract/index.ts';")).toEqual([]);
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
