/**
 * How much of a backtest's Sharpe ratio could be luck (Bailey & López de Prado):
 * - the Probabilistic Sharpe Ratio (PSR): the probability that the true Sharpe ratio exceeds a
 *   benchmark, given the observed one, the track record's length and the returns' skewness and
 *   kurtosis ("The Sharpe Ratio Efficient Frontier", 2012);
 * - the Deflated Sharpe Ratio (DSR): the PSR against the Sharpe ratio that the best of N
 *   worthless trials would be expected to show ("The Deflated Sharpe Ratio", 2014);
 * - the Minimum Track Record Length and the Minimum Backtest Length ("Pseudo-Mathematics and
 *   Financial Charlatanism", 2014);
 * - the Probability of Backtest Overfitting by combinatorially symmetric cross-validation.
 *
 * Every Sharpe ratio here is per period (per day for daily returns, not annualised) and pairs
 * with `observations` counted in the same periods. Kurtosis is RAW (3 for normal returns).
 */
import { BacktestInputError, requireFinite, requireWholeNumber } from './backtestInputError.ts';
import { standardNormalCdf, standardNormalQuantile } from './normalDistribution.ts';

export { probabilityOfBacktestOverfitting } from './backtestOverfitting.ts';
export type { BacktestOverfitting, OverfittingMetric, OverfittingOptions } from './backtestOverfitting.ts';

/** The Euler–Mascheroni constant γ. */
const EULER_MASCHERONI = 0.5772156649015329;

/** An observed Sharpe ratio with what the PSR needs to know about the returns behind it. */
export interface SharpeEstimate {
  /** Sharpe ratio per period (mean / standard deviation of the period returns). */
  readonly sharpe: number;
  /** Number of period returns T it was measured on. */
  readonly observations: number;
  readonly skewness: number;
  /** Raw kurtosis: 3 for normal returns. */
  readonly kurtosis: number;
}

/**
 * 1 − γ₃·SR + (γ₄ − 1)/4·SR², the variance of the Sharpe estimator times (T − 1). Positive for
 * every distribution: Pearson's inequality γ₄ ≥ 1 + γ₃² makes the quadratic's discriminant ≤ 0.
 */
function sharpeVarianceTerm(sharpe: number, skewness: number, kurtosis: number): number {
  requireFinite('The Sharpe ratio', sharpe);
  requireFinite('The skewness', skewness);
  requireFinite('The kurtosis', kurtosis);
  // A few ulps of slack: a sample whose kurtosis sits exactly on the bound is legitimate.
  if (kurtosis < (1 + skewness * skewness) * (1 - 1e-12)) {
    throw new BacktestInputError(
      'IMPOSSIBLE_MOMENTS',
      `No distribution has kurtosis ${kurtosis} with skewness ${skewness} (raw kurtosis is at least 1 + skewness²; ` +
        'was excess kurtosis passed where raw kurtosis is expected?).',
    );
  }
  const term = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(term > 0)) {
    throw new BacktestInputError('IMPOSSIBLE_MOMENTS', `The Sharpe ratio's variance term is ${term}, not positive.`);
  }
  return term;
}

function requireObservations(observations: number): void {
  if (!Number.isSafeInteger(observations) || observations < 2) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `A Sharpe ratio needs at least 2 observations (got ${String(observations)}).`);
  }
}

/**
 * PSR(SR*) = Φ( (SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²) ): the probability that the
 * true Sharpe ratio is above `benchmarkSharpe` (per period, default 0).
 */
export function probabilisticSharpeRatio(estimate: SharpeEstimate, benchmarkSharpe = 0): number {
  requireObservations(estimate.observations);
  requireFinite('The benchmark Sharpe ratio', benchmarkSharpe);
  const term = sharpeVarianceTerm(estimate.sharpe, estimate.skewness, estimate.kurtosis);
  return standardNormalCdf(((estimate.sharpe - benchmarkSharpe) * Math.sqrt(estimate.observations - 1)) / Math.sqrt(term));
}

/**
 * The Sharpe ratio the best of `trials` independent worthless strategies is expected to show,
 * when their Sharpe ratios scatter with variance `sharpeVariance`:
 * √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))). With the default V = 1 this is the
 * expected-maximum factor itself (2.5306… for N = 100). One trial involves no selection, so its
 * expected maximum is the mean, 0.
 */
export function expectedMaximumSharpe(trials: number, sharpeVariance = 1): number {
  requireWholeNumber('The number of trials', trials, 1);
  requireFinite('The variance of the trial Sharpe ratios', sharpeVariance);
  if (sharpeVariance < 0) {
    throw new BacktestInputError('OUT_OF_RANGE', `A variance cannot be negative (got ${sharpeVariance}).`);
  }
  if (trials === 1) return 0;
  const factor =
    (1 - EULER_MASCHERONI) * standardNormalQuantile(1 - 1 / trials) +
    EULER_MASCHERONI * standardNormalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(sharpeVariance) * factor;
}

export interface SelectionBias {
  /** How many configurations were tried, counting every one (the trial registry knows). */
  readonly trials: number;
  /** Variance of the per-period Sharpe ratios across those trials. */
  readonly sharpeVariance: number;
}

export interface DeflatedSharpe {
  /** DSR: the probability that the selected strategy's true Sharpe ratio beats luck. */
  readonly probability: number;
  /** SR₀, the per-period Sharpe ratio luck alone would give the best of the trials. */
  readonly benchmarkSharpe: number;
}

/** DSR = PSR(SR₀) with SR₀ = expectedMaximumSharpe(trials, sharpeVariance). */
export function deflatedSharpeRatio(estimate: SharpeEstimate, selection: SelectionBias): DeflatedSharpe {
  const benchmarkSharpe = expectedMaximumSharpe(selection.trials, selection.sharpeVariance);
  return { probability: probabilisticSharpeRatio(estimate, benchmarkSharpe), benchmarkSharpe };
}

/**
 * MinTRL = 1 + (1 − γ₃·SR + (γ₄ − 1)/4·SR²) · (Φ⁻¹(confidence) / (SR − SR*))²: how many period
 * returns are needed before a Sharpe ratio this high is above `benchmarkSharpe` with the given
 * confidence. Infinite when the observed Sharpe does not exceed the benchmark: no track record is
 * long enough. Compare it with `estimate.observations`.
 */
export function minimumTrackRecordLength(
  estimate: Omit<SharpeEstimate, 'observations'>,
  options: { readonly benchmarkSharpe?: number; readonly confidence?: number } = {},
): number {
  const benchmarkSharpe = options.benchmarkSharpe ?? 0;
  const confidence = options.confidence ?? 0.95;
  requireFinite('The benchmark Sharpe ratio', benchmarkSharpe);
  if (!(confidence > 0 && confidence < 1)) {
    throw new BacktestInputError('OUT_OF_RANGE', `The confidence must be between 0 and 1 (got ${String(confidence)}).`);
  }
  const term = sharpeVarianceTerm(estimate.sharpe, estimate.skewness, estimate.kurtosis);
  if (estimate.sharpe <= benchmarkSharpe) return Number.POSITIVE_INFINITY;
  const z = standardNormalQuantile(confidence) / (estimate.sharpe - benchmarkSharpe);
  return 1 + term * z * z;
}

/**
 * MinBTL ≈ (expected-maximum factor for N / target Sharpe)², in years when `targetSharpe` is
 * annualised: the shortest backtest in which the best of `trials` worthless configurations is
 * NOT expected to reach an annualised Sharpe of `targetSharpe` by luck. A backtest shorter than
 * this can show that Sharpe from pure noise. (Bailey, Borwein, López de Prado & Zhu 2014: with
 * 5 years of data, no more than 45 configurations for a target Sharpe of 1.)
 */
export function minimumBacktestLength(trials: number, targetSharpe: number): number {
  requireFinite('The target Sharpe ratio', targetSharpe);
  if (!(targetSharpe > 0)) {
    throw new BacktestInputError('OUT_OF_RANGE', `The target Sharpe ratio must be above 0 (got ${targetSharpe}).`);
  }
  const factor = expectedMaximumSharpe(trials);
  return (factor / targetSharpe) ** 2;
}
