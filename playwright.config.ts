import { defineConfig } from '@playwright/test';
import type { Host } from './test/e2e/fixtures.ts';

/**
 * The same specs run twice: in real Chromium against the real core through the harness, and in
 * the real Electron app wherever an Electron binary exists (skipped with the reason otherwise).
 */
export default defineConfig<{ host: Host }>({
  testDir: 'test/e2e/specs',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // An action that cannot happen fails in seconds, with its own error, not at the test timeout.
  use: { actionTimeout: 15_000 },
  workers: 2,
  reporter: [['list'], ['./test/e2e/skipReasons.ts']],
  projects: [
    { name: 'chromium-harness', use: { host: 'harness' } },
    { name: 'electron', use: { host: 'electron' } },
  ],
});
