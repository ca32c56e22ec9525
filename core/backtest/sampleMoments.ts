/**
 * The moments of a returns series that the Sharpe-ratio statistics need, all per period (no
 * annualisation): mean, standard deviation, Sharpe ratio, skewness and kurtosis.
 *
 * - Standard deviation and therefore the Sharpe ratio use the sample estimator (divide by T − 1),
 *   as pandas' `std()` does.
 * - Skewness and kurtosis are the moment estimators m₃/m₂^1.5 and m₄/m₂² (divide by T), as
 *   `scipy.stats.skew` and `scipy.stats.kurtosis(fisher=False)` compute them and as Bailey and
 *   López de Prado use them. Kurtosis is RAW: 3 for normal returns, never "excess" kurtosis.
 *   These estimators obey Pearson's inequality kurtosis ≥ 1 + skewness² for every sample, which
 *   keeps the PSR's variance term positive.
 *
 * Two passes (mean first, then central moments) keep the result accurate for returns whose mean
 * is large next to their spread.
 */
import { BacktestInputError } from './backtestInputError.ts';

export interface ReturnsDescription {
  readonly observations: number;
  readonly mean: number;
  /** Sample standard deviation (T − 1 in the denominator). */
  readonly standardDeviation: number;
  /** mean / standardDeviation, per period; NaN when every return is the same. */
  readonly sharpe: number;
  readonly skewness: number;
  /** Raw kurtosis: 3 for a normal distribution. */
  readonly kurtosis: number;
}

export function describeReturns(returns: ArrayLike<number>): ReturnsDescription {
  const observations = returns.length;
  if (observations < 2) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `A returns series needs at least 2 observations (got ${observations}).`);
  }
  let sum = 0;
  for (let i = 0; i < observations; i++) {
    const value = returns[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw new BacktestInputError('NOT_A_NUMBER', `Return number ${i} is not a finite number (${String(value)}).`);
    }
    sum += value;
  }
  const mean = sum / observations;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < observations; i++) {
    const d = (returns[i] ?? 0) - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const standardDeviation = Math.sqrt(m2 / (observations - 1));
  m2 /= observations;
  m3 /= observations;
  m4 /= observations;
  return {
    observations,
    mean,
    standardDeviation,
    sharpe: standardDeviation > 0 ? mean / standardDeviation : Number.NaN,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : Number.NaN,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) : Number.NaN,
  };
}

/** Moment estimator m₃ / m₂^1.5 (scipy's default `skew`). */
export function sampleSkewness(returns: ArrayLike<number>): number {
  return describeReturns(returns).skewness;
}

/** Raw moment estimator m₄ / m₂² (scipy's `kurtosis(fisher=False)`): 3 for normal returns. */
export function sampleKurtosis(returns: ArrayLike<number>): number {
  return describeReturns(returns).kurtosis;
}
