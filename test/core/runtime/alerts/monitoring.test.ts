import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { MonitoringView } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { monitoringPoints } from '../../../../core/runtime/alerts/paperSeries.ts';

let core: BallastCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
  removeTempDirs();
});

describe('the Monitoring series of a paper run', () => {
  it('agree with the dashboard: same equity and buy-and-hold, exposure averaging to its figure, drawdown peaking at its maximum', async () => {
    core = createBallastCore({ version: 'test', log: createLogger({ level: 'silent' }), dataDir: tempDir('monitoring') });
    const started = await core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await core.bot.whenIdle();
    const snapshot = core.bot.dashboard(100_000);
    const points = monitoringPoints(snapshot);
    const summary = snapshot.summary;
    expect(summary).not.toBeNull();
    expect(snapshot.fills.length).toBeGreaterThan(0);
    expect(points.map((point) => point.equityQuote)).toEqual(snapshot.equity.map((point) => point.equityQuote));
    expect(points.at(-1)?.pnlQuote).toBeCloseTo((summary?.equityQuote ?? 0) - (summary?.startingQuote ?? 0), 6);
    const averageExposurePct = (points.reduce((sum, point) => sum + point.exposureFraction, 0) / points.length) * 100;
    expect(Math.abs(averageExposurePct - (summary?.averageExposurePct ?? 0))).toBeLessThan(Math.max(1, (summary?.averageExposurePct ?? 0) * 0.2));
    expect(Math.max(...points.map((point) => point.drawdownFraction)) * 100).toBeCloseTo(summary?.maxDrawdownPct ?? 0, 0);

    const view = await core.dispatch('getMonitoring', undefined);
    expect(view.ok).toBe(true);
    const monitoring = (view as { value: MonitoringView }).value;
    expect(monitoring.limits.maxDrawdownFraction).toBeGreaterThan(0);
    expect(monitoring.samples.length).toBeGreaterThan(0);
  });
});
