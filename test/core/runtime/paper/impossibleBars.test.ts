import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../../core/log/index.ts';
import type { Candle } from '../../../../core/market/index.ts';
import { createTradingStateMachine, defaultRiskLimits } from '../../../../core/risk/index.ts';
import { demoMarketRules } from '../../../../core/runtime/paper/demoMarketRules.ts';
import { PaperSession } from '../../../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../../../core/runtime/paper/priceDriver.ts';

const log = createLogger({ level: 'silent' });
const HOUR_MS = 3_600_000;
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function wave(count: number): Candle[] {
  return Array.from({ length: count }, (_, index) => {
    const close = 100 + 10 * Math.sin(index / 15);
    return { openTimeMs: Date.UTC(2021, 0, 1) + index * HOUR_MS, open: close, high: close + 1, low: close - 1, close, volumeBase: 50 };
  });
}

describe('a bar that cannot be real in the middle of a run', () => {
  it('is skipped and journaled, trips safe mode, and the replay reaches the end instead of failing', async () => {
    const candles = wave(600);
    const bad = candles[300] as Candle;
    // High below low: an indicator fed this would throw and end the run.
    candles[300] = { ...bad, high: bad.low - 5 };
    const folder = mkdtempSync(join(tmpdir(), 'ballast-impossible-'));
    folders.push(folder);
    const tradingState = createTradingStateMachine({ nowMs: () => 0 });
    const limits = defaultRiskLimits('paper', 'UTC');
    const opened = PaperSession.open({
      prices: 'replay',
      journalPath: join(folder, 'run.sqlite'),
      config: { source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: false },
      candles,
      timeframe: '1h',
      market: demoMarketRules('BTC/USDT', 100),
      tradingState,
      limits: () => limits,
      log,
      seed: 1,
    });
    if (!opened.ok) throw new Error(opened.error);
    const { value: session } = opened;
    expect(await session.start()).toBeNull();
    const states: string[] = [];
    tradingState.onChange((snapshot) => states.push(snapshot.state));
    await replayToEnd(session, () => true);
    expect(session.isFinished).toBe(true);
    expect(states).toContain('SAFE_MODE');
    const skipped = session.journal.query({ kinds: ['system'] }).events
      .map((row) => JSON.parse(row.payloadJson) as { event?: string; openTimeMs?: number })
      .filter((payload) => payload.event === 'impossible_bar_skipped');
    expect(skipped.map((payload) => payload.openTimeMs)).toEqual([bad.openTimeMs]);
    expect(session.feed.list().some((item) => item.text.includes('cannot be real'))).toBe(true);
    session.close();
  });
});
