import type { Candle } from './candle.ts';

/**
 * Columnar form of a candle list: one Float64Array per field, index i is bar i.
 * The validator and the benchmarks work on this form because a pass over typed arrays
 * allocates nothing per bar. `quoteVolume` holds NaN where a bar has no quote volume.
 */
export interface CandleSeries {
  readonly length: number;
  readonly openTimeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volumeBase: Float64Array;
  readonly quoteVolume: Float64Array;
}

export function createCandleSeries(length: number): CandleSeries {
  return {
    length,
    openTimeMs: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volumeBase: new Float64Array(length),
    quoteVolume: new Float64Array(length).fill(Number.NaN),
  };
}

export function candleSeriesFromCandles(candles: readonly Candle[]): CandleSeries {
  const series = createCandleSeries(candles.length);
  const { openTimeMs, open, high, low, close, volumeBase, quoteVolume } = series;
  let index = 0;
  for (const candle of candles) {
    openTimeMs[index] = candle.openTimeMs;
    open[index] = candle.open;
    high[index] = candle.high;
    low[index] = candle.low;
    close[index] = candle.close;
    volumeBase[index] = candle.volumeBase;
    if (candle.quoteVolume !== undefined) quoteVolume[index] = candle.quoteVolume;
    index++;
  }
  return series;
}

export function writeCandle(series: CandleSeries, index: number, candle: Candle): void {
  series.openTimeMs[index] = candle.openTimeMs;
  series.open[index] = candle.open;
  series.high[index] = candle.high;
  series.low[index] = candle.low;
  series.close[index] = candle.close;
  series.volumeBase[index] = candle.volumeBase;
  series.quoteVolume[index] = candle.quoteVolume ?? Number.NaN;
}

export function candleAt(series: CandleSeries, index: number): Candle {
  if (!Number.isInteger(index) || index < 0 || index >= series.length) {
    throw new RangeError(`Candle index ${index} is outside the series (length ${series.length}).`);
  }
  // The bounds check above makes every typed-array read defined.
  const quoteVolume = series.quoteVolume[index] as number;
  const candle: Candle = {
    openTimeMs: series.openTimeMs[index] as number,
    open: series.open[index] as number,
    high: series.high[index] as number,
    low: series.low[index] as number,
    close: series.close[index] as number,
    volumeBase: series.volumeBase[index] as number,
  };
  return Number.isNaN(quoteVolume) ? candle : { ...candle, quoteVolume };
}

export function candlesFromSeries(series: CandleSeries): Candle[] {
  const candles: Candle[] = new Array<Candle>(series.length);
  for (let index = 0; index < series.length; index++) candles[index] = candleAt(series, index);
  return candles;
}
