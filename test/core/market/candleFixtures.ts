import type { Candle } from '../../../core/market/index.ts';

export const HOUR_MS = 3_600_000;
/** 2020-01-01 00:00 UTC, on every timeframe grid. */
export const START_MS = Date.UTC(2020, 0, 1);

/**
 * A clean hourly random walk: contiguous, aligned, positive, every bar trades, moves far below
 * the outlier threshold. Deterministic for a given seed.
 */
export function cleanCandles(count: number, seed = 1, stepMs = HOUR_MS): Candle[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const candles: Candle[] = [];
  let close = 10_000;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * (1 + (random() - 0.5) * 0.004);
    const high = Math.max(open, close) * (1 + random() * 0.001);
    const low = Math.min(open, close) * (1 - random() * 0.001);
    candles.push({ openTimeMs: START_MS + i * stepMs, open, high, low, close, volumeBase: 1 + random() * 10 });
  }
  return candles;
}

/** A copy of `candles` with bar `index` replaced by `change` applied to it. */
export function withBar(candles: readonly Candle[], index: number, change: Partial<Candle>): Candle[] {
  return candles.map((candle, i) => (i === index ? { ...candle, ...change } : candle));
}

/** A flat, zero-volume bar at `openTimeMs`: what an exchange emits while trading is halted. */
export function outageBar(openTimeMs: number, priceQuote: number): Candle {
  return { openTimeMs, open: priceQuote, high: priceQuote, low: priceQuote, close: priceQuote, volumeBase: 0 };
}
