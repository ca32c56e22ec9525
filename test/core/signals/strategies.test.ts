import { beforeAll, describe, expect, it } from 'vitest';
import { importCandlesFromCsvFile, type Candle } from '../../../core/market/index.ts';
import {
  createDoNothing,
  createRsiMeanReversion,
  createSignalEmitter,
  createStrategy,
  createTrendFollower,
  type STRATEGY_IDS,
  type Signal,
} from '../../../core/signals/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

let btc: Candle[] = [];

beforeAll(async () => {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(imported.error.message);
  btc = imported.value.candles.slice(0, 5_000);
});

function signalsOf(strategyId: (typeof STRATEGY_IDS)[number], candles: readonly Candle[]): Signal[] {
  const emitter = createSignalEmitter(createStrategy(strategyId), 'BTC/USDT');
  return candles.flatMap((candle) => emitter.next(candle).signal ?? []);
}

const bar = (openTimeMs: number, close: number): Candle => ({
  openTimeMs,
  open: close,
  high: close * 1.002,
  low: close * 0.998,
  close,
  volumeBase: 10,
});

describe('the trend follower', () => {
  it('stays silent while its averages warm up', () => {
    const strategy = createTrendFollower();
    const readings = btc.slice(0, 49).map((candle) => strategy.update(candle));
    expect(readings.every((reading) => reading.score === undefined && reading.stance === 'neutral')).toBe(true);
    expect(strategy.update(btc[49]!).score).toBeTypeOf('number');
  });

  it('scores within −1…+1 and emits a signal only when its stance changes', () => {
    const signals = signalsOf('trend-follower', btc);
    expect(signals.length).toBeGreaterThan(20);
    for (const [index, signal] of signals.entries()) {
      expect(Math.abs(signal.score)).toBeLessThanOrEqual(1);
      if (index > 0) expect(signal.stance).not.toBe(signals[index - 1]!.stance);
      expect(signal.invalidationPriceQuote).toBeLessThan(signal.closeQuote);
      expect(signal.features).toHaveProperty('atr');
    }
  });

  it('turns bullish in a steady rise and bearish in a steady fall', () => {
    const rise = Array.from({ length: 80 }, (_, i) => bar(i * 3_600_000, 100 + i));
    const fall = Array.from({ length: 80 }, (_, i) => bar((80 + i) * 3_600_000, 180 - i * 2));
    const emitter = createSignalEmitter(createTrendFollower(), 'X/USDT');
    const stances = [...rise, ...fall].flatMap((candle) => emitter.next(candle).signal?.stance ?? []);
    // On the way from up to down the trend passes through neutral, which is news but no trade.
    expect(stances).toEqual(['bullish', 'neutral', 'bearish']);
  });

  it('gives identical signals on a second run over the same bars (deterministic)', () => {
    expect(signalsOf('trend-follower', btc)).toEqual(signalsOf('trend-follower', btc));
  });
});

describe('the RSI mean reversion', () => {
  it('turns bullish after a sharp fall and bearish once the price has recovered', () => {
    const calm = Array.from({ length: 30 }, (_, i) => bar(i * 3_600_000, 100 + (i % 2)));
    const crash = Array.from({ length: 10 }, (_, i) => bar((30 + i) * 3_600_000, 100 - 3 * (i + 1)));
    const rebound = Array.from({ length: 15 }, (_, i) => bar((40 + i) * 3_600_000, 70 + 4 * (i + 1)));
    const emitter = createSignalEmitter(createRsiMeanReversion(), 'X/USDT');
    const signals = [...calm, ...crash, ...rebound].flatMap((candle) => emitter.next(candle).signal ?? []);
    expect(signals.map((signal) => signal.stance).filter((stance) => stance !== 'neutral')).toEqual(['bullish', 'bearish']);
    expect(signals[0]!.features.rsi).toBeLessThanOrEqual(30);
  });
});

describe('do nothing', () => {
  it('never emits a signal', () => {
    expect(signalsOf('do-nothing', btc)).toEqual([]);
    expect(createDoNothing().description.warmUpBars).toBe(0);
  });
});
