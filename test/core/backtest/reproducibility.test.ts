import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestBars, backtestReport, defaultFillModel, fingerprintOf, runBacktest, type BacktestSettings } from '../../../core/backtest/index.ts';
import type { BotConfig } from '../../../core/contract/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import type { Candle } from '../../../core/market/index.ts';
import { createTradingStateMachine, defaultRiskLimits } from '../../../core/risk/index.ts';
import { demoMarketRules } from '../../../core/runtime/paper/demoMarketRules.ts';
import { PaperSession } from '../../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../../core/runtime/paper/priceDriver.ts';
import { btcCandles, envBars, settingsFor } from './support/handMadeBars.ts';
import { paperVenue } from './support/paperVenue.ts';

const BARS = envBars('BALLAST_REPLAY_BARS', 2_500);
let slice: Candle[] = [];
let folder: string;

beforeAll(async () => {
  const all = await btcCandles();
  // Summer 2020: the file's longest stretch without a gap or an exchange outage, so the paper bot's safety triggers stay quiet.
  const start = all.findIndex((candle) => candle.openTimeMs >= Date.UTC(2020, 6, 1));
  slice = all.slice(start, start + BARS);
  folder = mkdtempSync(join(tmpdir(), 'ballast-backtest-replay-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the fingerprint', () => {
  it('is the same for the same run and changes with a setting or the data', async () => {
    const bars = backtestBars('BTC/USDT', slice);
    const settings = settingsFor(bars, { fill: 'realistic', risk: 'on', sizeFraction: 0.01, amountStepBase: 0.00001, strategy: { id: 'trend-follower', parameters: {} } });
    const first = await backtestReport(bars, settings);
    const second = await backtestReport(bars, settings);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(second.fingerprint).toBe(first.fingerprint);
    const otherSetting = fingerprintOf(await runBacktest(bars, { ...settings, cashQuote: 20_000 }));
    expect(otherSetting).not.toBe(first.fingerprint);
    const otherData = backtestBars('BTC/USDT', slice.map((candle, index) => (index === 500 ? { ...candle, volumeBase: candle.volumeBase + 1 } : candle)));
    expect(fingerprintOf(await runBacktest(otherData, settings))).not.toBe(first.fingerprint);
  });
});

describe('a paper session replayed through the backtest engine', () => {
  it('gives the same fills when the engine trades on the paper exchange with the same fill model and seed', async () => {
    const market = demoMarketRules('BTC/USDT', slice[0]!.close);
    const limits = defaultRiskLimits('paper', 'UTC');
    const tradingState = createTradingStateMachine({ nowMs: () => 0 });
    const stateChanges: string[] = [];
    tradingState.onChange((snapshot) => stateChanges.push(`${snapshot.state}: ${snapshot.cause.code} ${snapshot.cause.message}`));
    const opened = PaperSession.open({
      prices: 'replay',
      journalPath: join(folder, 'paper.sqlite'),
      // The contract lists sma-cross once the lead adds it; the session itself runs any built-in strategy.
      config: { source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId: 'sma-cross' as BotConfig['strategyId'], barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
      candles: slice,
      timeframe: '1h',
      market,
      tradingState,
      limits: () => limits,
      log: createLogger({ level: 'silent' }),
      seed: 7,
    });
    if (!opened.ok) throw new Error(opened.error);
    const session = opened.value;
    expect(await session.start()).toBeNull();
    await replayToEnd(session, () => true);
    // Read back from the session's journal file.
    const paperFills = session.fills();
    session.close();
    // The comparison needs the paper bot's safety triggers to have stayed quiet: the backtest engine does not run them.
    expect(stateChanges).toEqual([]);
    expect(paperFills.length).toBeGreaterThan(20);

    const bars = backtestBars('BTC/USDT', slice);
    const paper = defaultFillModel('realistic');
    const settings: BacktestSettings = {
      symbol: 'BTC/USDT', strategy: { id: 'sma-cross', parameters: { fast: 10, slow: 30 } }, cashQuote: 10_000, sizeFraction: 0.01,
      fillModel: paper, risk: 'on', riskLimits: limits, closeAtEnd: false, market,
    };
    const { venue } = paperVenue(7);
    const run = await runBacktest(bars, settings, { venue });
    expect(run.fills).toEqual(paperFills);
  });
});
