import { describe, expect, it } from 'vitest';
import {
  TIMEFRAMES,
  TIMEFRAME_MS,
  barOpenTimeMs,
  candleAt,
  candleSeriesFromCandles,
  candlesFromSeries,
  isTimeframe,
  lastClosedBarOpenTimeMs,
  timeframeForDurationMs,
} from '../../../core/market/index.ts';
import { cleanCandles } from './candleFixtures.ts';

describe('timeframes', () => {
  it('know their durations in milliseconds', () => {
    expect(TIMEFRAME_MS).toEqual({ '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 });
    for (const timeframe of TIMEFRAMES) expect(timeframeForDurationMs(TIMEFRAME_MS[timeframe])).toBe(timeframe);
    expect(timeframeForDurationMs(7_000)).toBeNull();
  });

  it('recognise only the supported names', () => {
    expect(isTimeframe('1h')).toBe(true);
    expect(isTimeframe('2h')).toBe(false);
    expect(isTimeframe(60)).toBe(false);
  });

  it('place a time on the bar grid and know which bar is the last closed one', () => {
    const at = Date.UTC(2021, 5, 9, 22, 59, 59);
    expect(barOpenTimeMs(at, '1h')).toBe(Date.UTC(2021, 5, 9, 22));
    expect(barOpenTimeMs(at, '4h')).toBe(Date.UTC(2021, 5, 9, 20));
    expect(barOpenTimeMs(at, '1d')).toBe(Date.UTC(2021, 5, 9));
    expect(lastClosedBarOpenTimeMs(at, '1h')).toBe(Date.UTC(2021, 5, 9, 21));
    expect(lastClosedBarOpenTimeMs(Date.UTC(2021, 5, 9, 23), '1h')).toBe(Date.UTC(2021, 5, 9, 22));
  });
});

describe('CandleSeries', () => {
  it('round-trips candles through the columnar form, keeping quote volume only where present', () => {
    const candles = cleanCandles(5).map((candle, i) => (i % 2 === 0 ? { ...candle, quoteVolume: i * 10 } : candle));
    const series = candleSeriesFromCandles(candles);
    expect(series.length).toBe(5);
    expect(series.close).toBeInstanceOf(Float64Array);
    expect(candlesFromSeries(series)).toEqual(candles);
  });

  it('refuses to read outside the series', () => {
    const series = candleSeriesFromCandles(cleanCandles(2));
    expect(() => candleAt(series, 2)).toThrow(RangeError);
    expect(() => candleAt(series, -1)).toThrow(RangeError);
  });
});
