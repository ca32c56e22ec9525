import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA, WMA } from '../../../../core/signals/indicators/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';
import { atrBatch, bollingerBatch, emaBatch, macdBatch, rsiBatch, smaBatch, wmaBatch, type CandleHlc } from './naiveBatch.ts';

/** Prices in runs (flat stretches like exchange outages happen in real data), at any scale. */
const prices = fc
  .array(
    fc.tuple(
      fc.oneof(fc.double({ min: 0.0001, max: 1_000_000, noNaN: true }), fc.integer({ min: 1, max: 100_000 }).map((cents) => cents / 100)),
      fc.integer({ min: 1, max: 12 }),
    ),
    { maxLength: 40 },
  )
  .map((runs) => runs.flatMap(([price, length]) => Array<number>(length).fill(price)));

const period = fc.integer({ min: 1, max: 30 });

function scaleOf(values: readonly number[]): number {
  return values.reduce((largest, value) => Math.max(largest, Math.abs(value)), 1);
}

function expectSameSeries(streamed: readonly (number | undefined)[], batch: readonly (number | undefined)[], tolerance: number): void {
  expect(streamed.length).toBe(batch.length);
  streamed.forEach((value, i) => {
    const reference = batch[i];
    if (reference === undefined) {
      expect(value, `index ${i}`).toBeUndefined();
    } else {
      expect(Math.abs((value ?? Number.NaN) - reference), `index ${i}`).toBeLessThanOrEqual(tolerance);
    }
  });
}

describe('streaming indicators equal a naive whole-series computation', () => {
  it('SMA and WMA, for any prices and period', () => {
    fc.assert(
      fc.property(prices, period, (series, n) => {
        const sma = new SMA(n);
        const wma = new WMA(n);
        const tolerance = 1e-9 * scaleOf(series);
        expectSameSeries(series.map((price) => sma.update(price)), smaBatch(series, n), tolerance);
        expectSameSeries(series.map((price) => wma.update(price)), wmaBatch(series, n), tolerance);
      }),
    );
  });

  it('EMA with both seeds', () => {
    fc.assert(
      fc.property(prices, period, fc.constantFrom('sma' as const, 'firstValue' as const), (series, n, seed) => {
        const ema = new EMA(n, { seed });
        expectSameSeries(series.map((price) => ema.update(price)), emaBatch(series, n, seed), 1e-9 * scaleOf(series));
      }),
    );
  });

  it('RSI', () => {
    fc.assert(
      fc.property(prices, period, (series, n) => {
        const rsi = new RSI(n);
        expectSameSeries(series.map((price) => rsi.update(price)), rsiBatch(series, n), 1e-6);
      }),
    );
  });

  it('ATR with both first-candle conventions', () => {
    const candles = prices.chain((closes) =>
      fc.tuple(fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: closes.length, maxLength: closes.length }), fc.constant(closes)).map(
        ([spreads, series]) => series.map((close, i): CandleHlc => ({ high: close * (1 + (spreads[i] ?? 0)), low: close * (1 - (spreads[i] ?? 0) / 2), close })),
      ),
    );
    fc.assert(
      fc.property(candles, period, fc.constantFrom('highMinusLow' as const, 'skip' as const), (series, n, firstCandle) => {
        const atr = new ATR(n, { firstCandle });
        const streamed = series.map((candle) => atr.update(candle.high, candle.low, candle.close));
        expectSameSeries(streamed, atrBatch(series, n, firstCandle), 1e-9 * scaleOf(series.map((candle) => candle.high)));
      }),
    );
  });

  it('Bollinger Bands: same middle, and the same variance up to rounding of the prices squared', () => {
    fc.assert(
      fc.property(prices, period, (series, n) => {
        const bands = new BollingerBands(n, 2);
        const batch = bollingerBatch(series, n);
        const scale = scaleOf(series);
        series.forEach((price, i) => {
          const value = bands.update(price);
          const reference = batch[i];
          if (reference === undefined) {
            expect(value).toBeUndefined();
            return;
          }
          expect(Math.abs((value?.middle ?? Number.NaN) - reference.middle)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs((value?.standardDeviation ?? Number.NaN) ** 2 - reference.variance)).toBeLessThanOrEqual(1e-9 * scale * scale);
        });
      }),
    );
  });

  it('MACD with both seeds', () => {
    fc.assert(
      fc.property(prices, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom('sma' as const, 'firstValue' as const), (series, fast, extra, signal, emaSeed) => {
        const macd = new MACD({ fastPeriod: fast, slowPeriod: fast + extra, signalPeriod: signal, emaSeed });
        const batch = macdBatch(series, fast, fast + extra, signal, emaSeed);
        const tolerance = 1e-9 * scaleOf(series);
        const lines: (number | undefined)[] = [];
        const signals = series.map((price) => {
          const value = macd.update(price);
          lines.push(macd.line);
          return value?.signal;
        });
        expectSameSeries(lines, batch.map((value) => value.line), tolerance);
        expectSameSeries(signals, batch.map((value) => value.signal), tolerance);
      }),
    );
  });
});

describe('on the real BTC/USDT 1h file (33k candles, outage rows included)', () => {
  const closes = readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[5]));

  it('the streaming SMA(50), WMA(20) and Bollinger(20) do not drift from the exact windowed values', () => {
    expect(closes.length).toBeGreaterThan(33_000);
    expect(closes.every(Number.isFinite)).toBe(true);
    const sma = new SMA(50);
    const wma = new WMA(20);
    const bands = new BollingerBands(20, 2);
    const smaReference = smaBatch(closes, 50);
    const wmaReference = wmaBatch(closes, 20);
    const bandsReference = bollingerBatch(closes, 20);
    let worstSma = 0;
    let worstWma = 0;
    let worstSigma = 0;
    closes.forEach((price, i) => {
      const a = sma.update(price);
      const b = wma.update(price);
      const c = bands.update(price);
      worstSma = Math.max(worstSma, Math.abs((a ?? 0) - (smaReference[i] ?? 0)));
      worstWma = Math.max(worstWma, Math.abs((b ?? 0) - (wmaReference[i] ?? 0)));
      worstSigma = Math.max(worstSigma, Math.abs((c?.standardDeviation ?? 0) - Math.sqrt(bandsReference[i]?.variance ?? 0)));
    });
    // Prices reach 64,000 USDT: 1e-7 is far below the 0.01 tick.
    expect(worstSma).toBeLessThan(1e-7);
    expect(worstWma).toBeLessThan(1e-7);
    expect(worstSigma).toBeLessThan(1e-6);
  });
});
