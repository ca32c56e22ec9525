/**
 * A closed OHLCV bar. Prices are in the quote currency, volume in the base currency.
 * `openTimeMs` is the bar's opening instant in Unix milliseconds (UTC), as exchanges report it.
 */
export interface Candle {
  readonly openTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeBase: number;
  readonly quoteVolume?: number;
}

export { TIMEFRAMES, TIMEFRAME_MS, isTimeframe, timeframeForDurationMs, timeframeMs, type Timeframe } from '../model/index.ts';
import { TIMEFRAME_MS, type Timeframe } from '../model/index.ts';

/** Open time of the bar containing `atMs` on the timeframe grid (UTC, epoch-aligned). */
export function barOpenTimeMs(atMs: number, timeframe: Timeframe): number {
  const stepMs = TIMEFRAME_MS[timeframe];
  return Math.floor(atMs / stepMs) * stepMs;
}

/**
 * Open time of the latest bar that is fully closed at `nowMs`: the bar that contains `nowMs`
 * is still forming, so the last closed one starts one interval earlier.
 */
export function lastClosedBarOpenTimeMs(nowMs: number, timeframe: Timeframe): number {
  return barOpenTimeMs(nowMs, timeframe) - TIMEFRAME_MS[timeframe];
}
