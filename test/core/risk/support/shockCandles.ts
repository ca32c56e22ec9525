import type { Candle } from '../../../../core/market/index.ts';

export const MINUTE_MS = 60_000;
/** 2021-01-01 00:00 UTC: any epoch-aligned start will do. */
export const START_MS = Date.UTC(2021, 0, 1);
/** Wicks 0.05% beyond the body, so a calm minute's true range is about 0.15%, as on BTC. */
const WICK = 0.0005;

function bar(openTimeMs: number, open: number, close: number): Candle {
  return {
    openTimeMs,
    open,
    high: Math.max(open, close) * (1 + WICK),
    low: Math.min(open, close) * (1 - WICK),
    close,
    volumeBase: 1,
  };
}

/**
 * A minute price path built from closes: each bar opens at the previous close. `closes` is
 * anything indexable; bars are `stepMs` apart from `startMs`.
 */
export function barsFromCloses(closes: readonly number[], startMs: number, firstOpen: number, stepMs = MINUTE_MS): Candle[] {
  const candles: Candle[] = [];
  let open = firstOpen;
  closes.forEach((close, i) => {
    candles.push(bar(startMs + i * stepMs, open, close));
    open = close;
  });
  return candles;
}

/**
 * A calm market: closes alternate between `priceQuote` (even bars) and 0.05% above it (odd
 * bars). `count` must be odd, so the last calm close is exactly `priceQuote`.
 */
export function calmCloses(count: number, priceQuote: number): number[] {
  if (count % 2 === 0) throw new Error('calm history must end on an even bar (odd count)');
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? priceQuote : priceQuote * 1.0005));
}

/** A steady move of `totalFraction` (−0.22 for −22%) spread evenly (in log terms) over `bars` bars after `fromQuote`. */
export function steadyMoveCloses(fromQuote: number, totalFraction: number, bars: number): number[] {
  const perBar = Math.pow(1 + totalFraction, 1 / bars);
  return Array.from({ length: bars }, (_, k) => fromQuote * Math.pow(perBar, k + 1));
}
