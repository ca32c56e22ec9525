import { describe, expect, it } from 'vitest';
import {
  BacktestInputError,
  deflatedSharpeRatio,
  describeReturns,
  expectedMaximumSharpe,
  minimumBacktestLength,
  minimumTrackRecordLength,
  probabilisticSharpeRatio,
  sampleKurtosis,
  sampleSkewness,
  standardNormalCdf,
  standardNormalQuantile,
} from '../../../core/backtest/index.ts';

/** The published check values hold to within a few ulps; 1e-13 leaves room for the platform's Math. */
const CHECK_VALUE_TOLERANCE = 1e-13;

describe('the normal distribution behind the statistics', () => {
  it('matches published table values of Φ and Φ⁻¹ to full precision', () => {
    // Φ(1.96) = 0.9750021048517795, Φ⁻¹(0.95) = 1.6448536269514722, Φ⁻¹(0.99) = 2.3263478740408408
    // (standard references, e.g. scipy.stats.norm at double precision).
    expect(Math.abs(standardNormalCdf(1.96) - 0.9750021048517795)).toBeLessThan(1e-16);
    expect(Math.abs(standardNormalQuantile(0.95) - 1.6448536269514722)).toBeLessThan(1e-15);
    expect(Math.abs(standardNormalQuantile(0.99) - 2.3263478740408408)).toBeLessThan(1e-15);
    // Far left tail: Φ(−8) = 6.220960574271785e-16, kept to relative 1e-13 (a lookup table or a
    // short series gets this wrong by percent).
    expect(Math.abs(standardNormalCdf(-8) / 6.220960574271785e-16 - 1)).toBeLessThan(1e-13);
  });
});

describe('probabilisticSharpeRatio', () => {
  it('reproduces the paper: PSR(0) = 0.91323430688486 for SR 1.585/√12 a month, T 24, skew −2.448, kurtosis 10.164', () => {
    const psr = probabilisticSharpeRatio({ sharpe: 1.585 / Math.sqrt(12), observations: 24, skewness: -2.448, kurtosis: 10.164 });
    expect(Math.abs(psr - 0.91323430688486)).toBeLessThan(CHECK_VALUE_TOLERANCE);
  });

  it('uses raw kurtosis: normal returns (kurtosis 3) give the textbook z-score', () => {
    // SR 0.1, T 101, skew 0, kurtosis 3: z = 0.1·√100 / √(1 + (3 − 1)/4·0.01) = 1 / √1.005 = 0.997509336...
    // Feeding excess kurtosis (0) instead would give 1 / √(1 − 0.0025) and a different answer.
    const psr = probabilisticSharpeRatio({ sharpe: 0.1, observations: 101, skewness: 0, kurtosis: 3 });
    expect(psr).toBeCloseTo(standardNormalCdf(1 / Math.sqrt(1.005)), 15);
  });

  it('is one half when the Sharpe ratio equals the benchmark', () => {
    expect(probabilisticSharpeRatio({ sharpe: 0.2, observations: 50, skewness: -1, kurtosis: 6 }, 0.2)).toBe(0.5);
  });

  it('refuses a kurtosis no distribution can have, such as excess kurtosis of normal returns', () => {
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, observations: 100, skewness: 0, kurtosis: 0 })).toThrow(BacktestInputError);
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, observations: 100, skewness: -2, kurtosis: 4 })).toThrow(/1 \+ skewness²/);
  });

  it('refuses fewer than two observations and non-numbers instead of returning NaN', () => {
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, observations: 1, skewness: 0, kurtosis: 3 })).toThrow(BacktestInputError);
    expect(() => probabilisticSharpeRatio({ sharpe: Number.NaN, observations: 10, skewness: 0, kurtosis: 3 })).toThrow(BacktestInputError);
  });
});

describe('expectedMaximumSharpe and deflatedSharpeRatio', () => {
  it('gives the expected-maximum factor 2.5306028932016846 for 100 trials', () => {
    expect(Math.abs(expectedMaximumSharpe(100) - 2.5306028932016846)).toBeLessThan(CHECK_VALUE_TOLERANCE);
  });

  it('reproduces the paper: DSR = 0.900396834449390 with SR₀ = 0.113172 a day', () => {
    const deflated = deflatedSharpeRatio(
      { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10 },
      { trials: 100, sharpeVariance: 0.5 / 250 },
    );
    // SR₀ = √(0.5/250) · 2.5306028932 = 0.0447213595 · 2.5306028932 = 0.1131720019
    expect(deflated.benchmarkSharpe).toBeCloseTo(0.113172, 6);
    expect(Math.abs(deflated.probability - 0.90039683444939)).toBeLessThan(CHECK_VALUE_TOLERANCE);
  });

  it('does not deflate a single trial: there was no selection, so DSR equals PSR(0)', () => {
    const estimate = { sharpe: 0.1, observations: 300, skewness: -0.5, kurtosis: 5 };
    const deflated = deflatedSharpeRatio(estimate, { trials: 1, sharpeVariance: 0 });
    expect(deflated.benchmarkSharpe).toBe(0);
    expect(deflated.probability).toBe(probabilisticSharpeRatio(estimate, 0));
  });

  it('raises the bar as more trials are tried', () => {
    const bars = [2, 10, 100, 1000].map((trials) => expectedMaximumSharpe(trials));
    expect([...bars].sort((a, b) => a - b)).toEqual(bars);
  });
});

describe('minimumTrackRecordLength', () => {
  it('needs 13.175 periods for a per-period Sharpe of 0.5 on normal returns at 95 %', () => {
    // 1 + (1 − 0·0.5 + (3 − 1)/4·0.25) · (1.6448536269514722 / 0.5)²
    // = 1 + 1.125 · 3.2897072539029444² = 1 + 1.125 · 10.822173816... = 13.174945543...
    expect(minimumTrackRecordLength({ sharpe: 0.5, skewness: 0, kurtosis: 3 })).toBeCloseTo(13.17494554342937, 12);
  });

  it('is infinite when the Sharpe ratio does not beat the benchmark', () => {
    expect(minimumTrackRecordLength({ sharpe: 0.1, skewness: 0, kurtosis: 3 }, { benchmarkSharpe: 0.1 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('is longer for negatively skewed, fat-tailed returns', () => {
    const normal = minimumTrackRecordLength({ sharpe: 0.3, skewness: 0, kurtosis: 3 });
    const crashy = minimumTrackRecordLength({ sharpe: 0.3, skewness: -2, kurtosis: 12 });
    expect(crashy).toBeGreaterThan(normal);
  });
});

describe('minimumBacktestLength', () => {
  it('allows no more than 45 configurations in 5 years for a target Sharpe of 1 (Bailey et al. 2014)', () => {
    // factor(45) = 2.2356401778 → 4.998 years; factor(46) = 2.2441708308 → 5.036 years.
    expect(minimumBacktestLength(45, 1)).toBeLessThan(5);
    expect(minimumBacktestLength(46, 1)).toBeGreaterThan(5);
    expect(minimumBacktestLength(45, 1)).toBeCloseTo(4.998087004443405, 12);
  });

  it('stays under the paper’s upper bound 2·ln N / Sharpe²', () => {
    for (const trials of [10, 100, 1000]) expect(minimumBacktestLength(trials, 1.5)).toBeLessThan((2 * Math.log(trials)) / 1.5 ** 2);
  });
});

describe('sample moments', () => {
  it('computes skewness and raw kurtosis with the moment estimators', () => {
    // Returns 1, 2, 3, 10: mean 4; deviations −3, −2, −1, 6.
    // m₂ = (9 + 4 + 1 + 36)/4 = 12.5; m₃ = (−27 − 8 − 1 + 216)/4 = 45; m₄ = (81 + 16 + 1 + 1296)/4 = 348.5
    // skewness = 45 / 12.5^1.5 = 45 / 44.19417382 = 1.018233765; kurtosis = 348.5 / 156.25 = 2.2304
    expect(sampleSkewness([1, 2, 3, 10])).toBeCloseTo(45 / 12.5 ** 1.5, 14);
    expect(sampleKurtosis([1, 2, 3, 10])).toBeCloseTo(2.2304, 14);
    // Sample standard deviation √(50/3) = 4.0824829; Sharpe = 4 / 4.0824829 = 0.9797959
    expect(describeReturns([1, 2, 3, 10]).sharpe).toBeCloseTo(4 / Math.sqrt(50 / 3), 14);
  });

  it('gives kurtosis 1 and skewness 0 for a symmetric two-point distribution (Pearson’s bound)', () => {
    const moments = describeReturns([-1, 1, -1, 1]);
    expect(moments.skewness).toBe(0);
    expect(moments.kurtosis).toBe(1);
  });

  it('refuses a series with a non-number in it', () => {
    expect(() => describeReturns([0.01, Number.NaN, 0.02])).toThrow(BacktestInputError);
  });
});
