/**
 * Deliberately naive whole-series versions of the indicators, written from the textbook
 * definitions and sharing no code with the streaming ones: windows are re-summed from scratch
 * and exponential averages use their closed form (a weighted sum over all past values) instead
 * of a recursion. O(n²) and only for tests.
 */

type Series = (number | undefined)[];

function at(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new Error(`index ${index} outside the series`);
  return value;
}

function windowOf(values: readonly number[], end: number, period: number): number[] {
  return values.slice(end - period + 1, end + 1);
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

export function smaBatch(prices: readonly number[], period: number): Series {
  return prices.map((_, i) => (i < period - 1 ? undefined : mean(windowOf(prices, i, period))));
}

export function wmaBatch(prices: readonly number[], period: number): Series {
  const weightTotal = (period * (period + 1)) / 2;
  return prices.map((_, i) => {
    if (i < period - 1) return undefined;
    return windowOf(prices, i, period).reduce((total, price, k) => total + (k + 1) * price, 0) / weightTotal;
  });
}

/**
 * Closed form of an exponential average with smoothing `alpha` whose value at `seedIndex` is
 * `seed`: value(i) = (1−alpha)^(i−seedIndex)·seed + Σ_{k=seedIndex+1..i} alpha·(1−alpha)^(i−k)·x_k.
 */
function exponentialClosedForm(values: readonly number[], alpha: number, seedIndex: number, seed: number, i: number): number {
  let total = (1 - alpha) ** (i - seedIndex) * seed;
  for (let k = seedIndex + 1; k <= i; k++) total += alpha * (1 - alpha) ** (i - k) * at(values, k);
  return total;
}

export function emaBatch(prices: readonly number[], period: number, seed: 'sma' | 'firstValue'): Series {
  const alpha = 2 / (period + 1);
  return prices.map((_, i) => {
    if (i < period - 1) return undefined;
    if (seed === 'firstValue') return exponentialClosedForm(prices, alpha, 0, at(prices, 0), i);
    return exponentialClosedForm(prices, alpha, period - 1, mean(prices.slice(0, period)), i);
  });
}

/** Wilder's average over `values` (already aligned so index 0 is the first sample). */
function wilderBatch(values: readonly number[], period: number): Series {
  return values.map((_, i) => {
    if (i < period - 1) return undefined;
    return exponentialClosedForm(values, 1 / period, period - 1, mean(values.slice(0, period)), i);
  });
}

export function rsiBatch(prices: readonly number[], period: number): Series {
  if (prices.length === 0) return [];
  const changes = prices.slice(1).map((price, i) => price - at(prices, i));
  const gains = wilderBatch(changes.map((change) => Math.max(change, 0)), period);
  const losses = wilderBatch(changes.map((change) => Math.max(-change, 0)), period);
  return [undefined, ...gains.map((gain, i) => {
    const loss = losses[i];
    if (gain === undefined || loss === undefined) return undefined;
    if (loss === 0) return gain === 0 ? 50 : 100;
    return 100 - 100 / (1 + gain / loss);
  })];
}

export interface CandleHlc {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export function atrBatch(candles: readonly CandleHlc[], period: number, firstCandle: 'highMinusLow' | 'skip'): Series {
  const ranges = candles.map((candle, i) => {
    const previous = candles[i - 1];
    if (previous === undefined) return candle.high - candle.low;
    return Math.max(candle.high - candle.low, Math.abs(candle.high - previous.close), Math.abs(candle.low - previous.close));
  });
  if (firstCandle === 'highMinusLow' || candles.length === 0) return wilderBatch(ranges, period);
  return [undefined, ...wilderBatch(ranges.slice(1), period)];
}

export interface BandsBatchValue {
  readonly middle: number;
  readonly variance: number;
}

export function bollingerBatch(prices: readonly number[], period: number): (BandsBatchValue | undefined)[] {
  return prices.map((_, i) => {
    if (i < period - 1) return undefined;
    const window = windowOf(prices, i, period);
    const middle = mean(window);
    return { middle, variance: mean(window.map((price) => (price - middle) ** 2)) };
  });
}

export interface MacdBatchValue {
  readonly line: number | undefined;
  readonly signal: number | undefined;
}

export function macdBatch(prices: readonly number[], fast: number, slow: number, signal: number, seed: 'sma' | 'firstValue'): MacdBatchValue[] {
  const fastEma = emaBatch(prices, fast, seed);
  const slowEma = emaBatch(prices, slow, seed);
  const lines = prices.map((_, i) => {
    const f = fastEma[i];
    const s = slowEma[i];
    return f === undefined || s === undefined ? undefined : f - s;
  });
  const definedLines = lines.filter((line): line is number => line !== undefined);
  const signals = emaBatch(definedLines, signal, seed);
  const offset = lines.length - definedLines.length;
  return lines.map((line, i) => ({ line, signal: i < offset ? undefined : signals[i - offset] }));
}
