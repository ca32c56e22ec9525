import { describe, expect, it } from 'vitest';
import { BollingerBands } from '../../../../core/signals/indicators/index.ts';
import { bollingerData, bukosabinoCsv, cell, runSeries, technicalIndicatorsVectors } from './referenceVectors.ts';

describe('Bollinger Bands (population σ)', () => {
  it('matches technicalindicators BB(10,2) bands and %B to 1e-9, undefined for the first 9 prices', () => {
    const vectors = technicalIndicatorsVectors();
    const { period, stdDev, expected } = vectors.BollingerBands;
    const bands = new BollingerBands(period, stdDev);
    const results = runSeries(vectors.input_close_test_data_js, (price) => bands.update(price));
    expect(results.slice(0, period - 1)).toEqual(Array(period - 1).fill(undefined));
    const defined = results.slice(period - 1);
    expect(defined).toHaveLength(expected.length);
    defined.forEach((value, i) => {
      const reference = expected[i];
      expect(value).toBeDefined();
      expect(reference).toBeDefined();
      if (value === undefined || reference === undefined) return;
      expect(Math.abs(value.middle - reference.middle)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(value.upper - reference.upper)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(value.lower - reference.lower)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(value.percentB - reference.pb)).toBeLessThanOrEqual(1e-9);
    });
  });

  it('matches the trading-signals BB(20,2) fixture to 1e-9', () => {
    const data = bollingerData();
    const bands = new BollingerBands(20, 2);
    const results = runSeries(data.prices, (price) => bands.update(price));
    data.middle.forEach((middle, i) => {
      const value = results[i];
      if (middle === null) {
        expect(value).toBeUndefined();
        return;
      }
      expect(Math.abs((value?.middle ?? Number.NaN) - middle)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((value?.upper ?? Number.NaN) - (data.upper[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((value?.lower ?? Number.NaN) - (data.lower[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-9);
    });
  });

  it('matches bukosabino BB(20,2): bands, σ, width and %B to the 6 printed decimals', () => {
    const rows = bukosabinoCsv('cs-bbands.csv');
    const bands = new BollingerBands(20, 2);
    const tolerance = 0.5e-6 + 1e-12;
    rows.forEach((row) => {
      const value = bands.update(cell(row, 'Close'));
      if (row.MiddleBand === undefined) {
        expect(value).toBeUndefined();
        return;
      }
      expect(Math.abs((value?.middle ?? Number.NaN) - cell(row, 'MiddleBand'))).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((value?.standardDeviation ?? Number.NaN) - cell(row, '20-day Standard Deviation'))).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((value?.upper ?? Number.NaN) - cell(row, 'HighBand'))).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((value?.lower ?? Number.NaN) - cell(row, 'LowBand'))).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((value?.widthPercent ?? Number.NaN) - cell(row, 'WidthBand'))).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((value?.percentB ?? Number.NaN) - cell(row, 'PercentageBand'))).toBeLessThanOrEqual(tolerance);
    });
  });

  it('gives σ = 0 exactly and %B = 0.5 when the exchange repeated one price for a whole window', () => {
    const leadIn = [43_120.17, 43_500.33, 42_999.91, 43_321.05, 43_001.77, 43_777.7, 43_050.06, 43_411.9];
    // Every lead-in length, so the flat window ends both on and off the ring's wrap point.
    for (let length = 1; length <= leadIn.length; length++) {
      const bands = new BollingerBands(5, 2);
      leadIn.slice(0, length).forEach((price) => bands.update(price));
      for (let i = 0; i < 5; i++) bands.update(43_200.01);
      expect(bands.value?.standardDeviation).toBe(0);
      expect(bands.value?.middle).toBe(43_200.01);
      expect(bands.value?.percentB).toBe(0.5);
    }
  });

  it('refuses a multiplier that is not positive', () => {
    expect(() => new BollingerBands(20, 0)).toThrow(/multiplier/);
  });
});
