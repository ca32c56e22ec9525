import { describe, expect, it } from 'vitest';
import { EMA, SMA, WMA } from '../../../../core/signals/indicators/index.ts';
import { bukosabinoCsv, cell, runSeries, technicalIndicatorsVectors } from './referenceVectors.ts';

const vectors = technicalIndicatorsVectors();
const closes = vectors.input_close_test_data_js;

describe('SMA', () => {
  it('matches technicalindicators SMA(10) to 1e-9, undefined for the first 9 prices', () => {
    const sma = new SMA(vectors.SMA.period);
    const results = runSeries(closes, (price) => sma.update(price));
    expect(results.slice(0, 9)).toEqual(Array(9).fill(undefined));
    const defined = results.slice(9);
    expect(defined).toHaveLength(vectors.SMA.expected.length);
    defined.forEach((value, i) => {
      expect(value).toBeCloseTo(vectors.SMA.expected[i] ?? Number.NaN, 9);
    });
  });

  it('keeps reporting its last value and readiness', () => {
    const sma = new SMA(2);
    expect(sma.isReady).toBe(false);
    sma.update(1);
    expect(sma.value).toBeUndefined();
    sma.update(3);
    expect(sma.isReady).toBe(true);
    expect(sma.value).toBe(2);
  });
});

describe('EMA', () => {
  it('seeded with the SMA, matches technicalindicators EMA(9) to 1e-9 from the 9th price', () => {
    const ema = new EMA(vectors.EMA.period);
    const results = runSeries(closes, (price) => ema.update(price));
    expect(results.slice(0, 8)).toEqual(Array(8).fill(undefined));
    const defined = results.slice(8);
    expect(defined).toHaveLength(vectors.EMA.expected.length);
    defined.forEach((value, i) => {
      expect(value).toBeCloseTo(vectors.EMA.expected[i] ?? Number.NaN, 9);
    });
  });

  it('seeded with the first value, matches bukosabino short and long EMAs (8 decimals) once warmed up', () => {
    const rows = bukosabinoCsv('cs-macd.csv');
    for (const [period, column] of [[12, 'short_ema'], [26, 'long_ema']] as const) {
      const ema = new EMA(period, { seed: 'firstValue' });
      const results = runSeries(rows.map((row) => cell(row, 'Close')), (price) => ema.update(price));
      expect(results.slice(0, period - 1).every((value) => value === undefined)).toBe(true);
      rows.slice(period - 1).forEach((row, i) => {
        expect(Math.abs((results[i + period - 1] ?? Number.NaN) - cell(row, column))).toBeLessThanOrEqual(0.5e-8 + 1e-12);
      });
    }
  });

  it('gives different values with the two seeds, so the choice is real', () => {
    const bySma = new EMA(9);
    const byFirst = new EMA(9, { seed: 'firstValue' });
    closes.forEach((price) => { bySma.update(price); byFirst.update(price); });
    expect(Math.abs((bySma.value ?? 0) - (byFirst.value ?? 0))).toBeGreaterThan(0.01);
  });
});

describe('WMA', () => {
  it('matches bukosabino WMA(9) to its 4 printed decimals from the 9th row on', () => {
    const rows = bukosabinoCsv('cs-wma.csv');
    const wma = new WMA(9);
    const results = runSeries(rows.map((row) => cell(row, 'Close')), (price) => wma.update(price));
    expect(results.slice(0, 8).every((value) => value === undefined)).toBe(true);
    rows.slice(8).forEach((row, i) => {
      expect(Math.abs((results[i + 8] ?? Number.NaN) - cell(row, 'WMA'))).toBeLessThanOrEqual(0.5e-4 + 1e-9);
    });
  });

  it('weighs the newest price most', () => {
    const wma = new WMA(3);
    [1, 2, 3].forEach((price) => wma.update(price));
    expect(wma.value).toBeCloseTo((1 * 1 + 2 * 2 + 3 * 3) / 6, 12);
    wma.update(10);
    expect(wma.value).toBeCloseTo((2 * 1 + 3 * 2 + 10 * 3) / 6, 12);
  });
});
