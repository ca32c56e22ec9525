import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore } from '../../../../core/runtime/index.ts';
import type { DashboardSnapshot } from '../../../../core/contract/index.ts';

const log = createLogger({ level: 'silent' });
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the dashboard while the strategy warms up', () => {
  it('is valid under the contract from the first bars: indicator lines start where their values exist', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ballast-warmup-'));
    folders.push(dataDir);
    const core = createBallastCore({ version: 't', log, dataDir });
    // The trend follower's slow average needs far more bars than the few replayed here.
    const started = await core.dispatch('startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 200, startingBalanceQuote: 10_000 });
    expect(started.ok).toBe(true);
    const deadline = Date.now() + 10_000;
    while (core.bot.status().barsProcessed < 30 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await core.dispatch('stopPaperBot', undefined);

    const result = await core.dispatch('getDashboard', undefined);
    if (!result.ok) throw new Error(`getDashboard failed during warm-up: ${result.error.message}`);
    const dashboard = result.value as DashboardSnapshot;
    expect(dashboard.candles.timeMs.length).toBeGreaterThanOrEqual(30);
    expect(dashboard.overlays.length).toBeGreaterThan(0);
    for (const overlay of dashboard.overlays) {
      expect(overlay.value.every(Number.isFinite)).toBe(true);
      expect(overlay.timeMs).toHaveLength(overlay.value.length);
      // Each point sits on a bar that is shown.
      for (const atMs of overlay.timeMs) expect(dashboard.candles.timeMs).toContain(atMs);
    }
    // The fast average is ready before the slow one: the lines are not all empty.
    expect(dashboard.overlays.some((overlay) => overlay.value.length > 0)).toBe(true);
    expect(dashboard.overlays.some((overlay) => overlay.value.length < dashboard.candles.timeMs.length)).toBe(true);
    core.dispose();
  });
});
