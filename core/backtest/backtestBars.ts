import { createHash } from 'node:crypto';
import type { Candle } from '../market/index.ts';
import { BacktestInputError } from './backtestInputError.ts';

/**
 * The bars a backtest runs over, once as the candle objects the strategies read and once as
 * typed columns the engine, the simulated exchange and the statistics loop over without
 * allocating. Index i is bar i, oldest first.
 */
export interface BacktestBars {
  readonly symbol: string;
  readonly candles: readonly Candle[];
  readonly length: number;
  /** Open time of each bar, UTC ms. */
  readonly timeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volumeBase: Float64Array;
  /** Σ volume × close of bars 0 … i−1 at index i (length + 1 entries): traded value over any span in O(1). */
  readonly tradedValuePrefix: Float64Array;
  /** The most common spacing between bars: what one bar lasts. */
  readonly intervalMs: number;
  /** sha256 of every bar's time, prices and volume: what a run's fingerprint names as its data. */
  dataHash(): string;
}

function mostCommonSpacing(timeMs: Float64Array): number {
  const counts = new Map<number, number>();
  let best = Number.NaN;
  let bestCount = 0;
  for (let i = 1; i < timeMs.length; i++) {
    const spacing = (timeMs[i] as number) - (timeMs[i - 1] as number);
    const count = (counts.get(spacing) ?? 0) + 1;
    counts.set(spacing, count);
    if (count > bestCount) {
      best = spacing;
      bestCount = count;
    }
  }
  return best;
}

function hashColumns(columns: readonly Float64Array[]): string {
  const hash = createHash('sha256');
  // The columns' bytes as stored (IEEE 754 binary64, little-endian on every platform Ballast runs on).
  for (const column of columns) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  return hash.digest('hex');
}

function columnsOf(symbol: string, candles: readonly Candle[], intervalMs: number | undefined): BacktestBars {
  const length = candles.length;
  const timeMs = new Float64Array(length);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volumeBase = new Float64Array(length);
  const tradedValuePrefix = new Float64Array(length + 1);
  let previousMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const candle = candles[i] as Candle;
    if (!(candle.openTimeMs > previousMs)) {
      throw new BacktestInputError('TIMES_NOT_IN_ORDER', `Bar ${i} does not open after the bar before it; the bars must be in time order, one per time.`);
    }
    previousMs = candle.openTimeMs;
    timeMs[i] = candle.openTimeMs;
    open[i] = candle.open;
    high[i] = candle.high;
    low[i] = candle.low;
    close[i] = candle.close;
    volumeBase[i] = candle.volumeBase;
    tradedValuePrefix[i + 1] = (tradedValuePrefix[i] as number) + candle.volumeBase * candle.close;
  }
  let hash: string | undefined;
  return {
    symbol,
    candles,
    length,
    timeMs,
    open,
    high,
    low,
    close,
    volumeBase,
    tradedValuePrefix,
    intervalMs: intervalMs ?? mostCommonSpacing(timeMs),
    dataHash: () => (hash ??= hashColumns([timeMs, open, high, low, close, volumeBase])),
  };
}

/** Bars for a backtest of `symbol`; at least two, in strictly ascending time. */
export function backtestBars(symbol: string, candles: readonly Candle[]): BacktestBars {
  if (candles.length < 2) throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `A backtest needs at least 2 bars (got ${candles.length}).`);
  return columnsOf(symbol, candles, undefined);
}

/** Bars `startBar` (inclusive) to `endBar` (exclusive), keeping the whole series' bar length. */
export function sliceBars(bars: BacktestBars, startBar: number, endBar: number): BacktestBars {
  return columnsOf(bars.symbol, bars.candles.slice(startBar, endBar), bars.intervalMs);
}
