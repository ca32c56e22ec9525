import { createHash } from 'node:crypto';
import type { Candle } from '../market/index.ts';
import { BacktestInputError } from './backtestInputError.ts';

/** One number per bar for each field: what a backtest reads, oldest bar first. */
export interface BarColumns {
  /** Open time of each bar, UTC ms. */
  readonly timeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volumeBase: Float64Array;
}

/**
 * The bars a backtest runs over, as typed columns that the engine, the simulated exchange and the
 * statistics loop over without allocating. Strategies read `Candle`s: those of the imported file
 * when there is one, or one made from the columns as each bar is read (a million bars held as
 * objects would cost some 190 MB; as columns they cost 48).
 */
export interface BacktestBars extends BarColumns {
  readonly symbol: string;
  readonly length: number;
  /** Σ volume × close of bars 0 … i−1 at index i (length + 1 entries): traded value over any span in O(1). */
  readonly tradedValuePrefix: Float64Array;
  /** The most common spacing between bars: what one bar lasts. */
  readonly intervalMs: number;
  candleAt(index: number): Candle;
  /** Candles of bars `from` (inclusive) to `to` (exclusive). */
  candlesBetween(from: number, to: number): Candle[];
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

/** The candle objects behind bars made from an imported file (none for bars made from columns). */
const candlesOf = new WeakMap<BacktestBars, readonly Candle[]>();

function barsOf(symbol: string, columns: BarColumns, candles: readonly Candle[] | undefined, intervalMs: number | undefined): BacktestBars {
  const { timeMs, open, high, low, close, volumeBase } = columns;
  const length = timeMs.length;
  const tradedValuePrefix = new Float64Array(length + 1);
  let previousMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const t = timeMs[i] as number;
    if (!(t > previousMs)) throw new BacktestInputError('TIMES_NOT_IN_ORDER', `Bar ${i} does not open after the bar before it; the bars must be in time order, one per time.`);
    previousMs = t;
    tradedValuePrefix[i + 1] = (tradedValuePrefix[i] as number) + (volumeBase[i] as number) * (close[i] as number);
  }
  const fromColumns = (index: number): Candle => ({
    openTimeMs: timeMs[index] as number, open: open[index] as number, high: high[index] as number, low: low[index] as number, close: close[index] as number, volumeBase: volumeBase[index] as number,
  });
  const candleAt = candles === undefined ? fromColumns : (index: number): Candle => candles[index] as Candle;
  let hash: string | undefined;
  const bars: BacktestBars = {
    symbol, length, timeMs, open, high, low, close, volumeBase, tradedValuePrefix,
    intervalMs: intervalMs ?? mostCommonSpacing(timeMs),
    candleAt,
    candlesBetween: (from, to) => (candles === undefined ? Array.from({ length: Math.max(0, to - from) }, (_, i) => fromColumns(from + i)) : candles.slice(from, to)),
    dataHash: () => (hash ??= hashColumns([timeMs, open, high, low, close, volumeBase])),
  };
  if (candles !== undefined) candlesOf.set(bars, candles);
  return bars;
}

function columnsOfCandles(candles: readonly Candle[]): BarColumns {
  const length = candles.length;
  const columns = { timeMs: new Float64Array(length), open: new Float64Array(length), high: new Float64Array(length), low: new Float64Array(length), close: new Float64Array(length), volumeBase: new Float64Array(length) };
  for (let i = 0; i < length; i++) {
    const candle = candles[i] as Candle;
    columns.timeMs[i] = candle.openTimeMs;
    columns.open[i] = candle.open;
    columns.high[i] = candle.high;
    columns.low[i] = candle.low;
    columns.close[i] = candle.close;
    columns.volumeBase[i] = candle.volumeBase;
  }
  return columns;
}

function requireBars(length: number): void {
  if (length < 2) throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `A backtest needs at least 2 bars (got ${length}).`);
}

/** Bars for a backtest of `symbol` from candles (an imported file); at least two, in strictly ascending time. */
export function backtestBars(symbol: string, candles: readonly Candle[]): BacktestBars {
  requireBars(candles.length);
  return barsOf(symbol, columnsOfCandles(candles), candles, undefined);
}

/** Bars from columns alone (a worker thread's shared memory, a generated series): no candle objects are kept. */
export function backtestBarsFromColumns(symbol: string, columns: BarColumns, intervalMs?: number): BacktestBars {
  requireBars(columns.timeMs.length);
  return barsOf(symbol, columns, undefined, intervalMs);
}

/** Bars `startBar` (inclusive) to `endBar` (exclusive), keeping the whole series' bar length; the columns are shared, not copied. */
export function sliceBars(bars: BacktestBars, startBar: number, endBar: number): BacktestBars {
  const part = (column: Float64Array): Float64Array => column.subarray(startBar, endBar);
  return barsOf(
    bars.symbol,
    { timeMs: part(bars.timeMs), open: part(bars.open), high: part(bars.high), low: part(bars.low), close: part(bars.close), volumeBase: part(bars.volumeBase) },
    candlesOf.get(bars)?.slice(startBar, endBar),
    bars.intervalMs,
  );
}
