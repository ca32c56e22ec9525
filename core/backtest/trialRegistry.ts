/**
 * Every trial of a parameter sweep, kept so that the overfitting statistics use the real number
 * of configurations tried and the real spread of their Sharpe ratios, never a guess. A sweep
 * that hides its losing trials makes its winner look like skill; this registry is append-only.
 *
 * Each trial is recorded with its parameters and its per-period returns (for example the daily
 * returns of its equity). All trials of one sweep must cover the same periods, which is what
 * lets their returns form the matrix the Probability of Backtest Overfitting cuts into blocks.
 */
import { BacktestInputError } from './backtestInputError.ts';
import type { SelectionBias, SharpeEstimate } from './overfitting.ts';
import { describeReturns } from './sampleMoments.ts';

export type TrialParameters = Readonly<Record<string, number | string | boolean>>;

export interface TrialRecord extends SharpeEstimate {
  /** The trial's handle: its position in the registry, also its column in the returns matrix. */
  readonly trial: number;
  readonly params: TrialParameters;
}

export interface TrialRegistry {
  /** Records one finished trial and returns what was recorded. */
  record(params: TrialParameters, periodReturns: ArrayLike<number>): TrialRecord;
  readonly count: number;
  trials(): readonly TrialRecord[];
  /** The returns series recorded for a trial handle. */
  returnsOf(trial: number): Float64Array;
  /** The trial with the highest Sharpe ratio (the first of equals): the one a sweep would pick. */
  best(): TrialRecord;
  /** Sample variance (n − 1) of the trials' per-period Sharpe ratios; 0 for a single trial. */
  sharpeVariance(): number;
  /** N and the Sharpe variance, as the Deflated Sharpe Ratio needs them. */
  selectionBias(): SelectionBias;
  /** Rows = periods, columns = trials, for `probabilityOfBacktestOverfitting`. */
  returnsMatrix(): number[][];
}

/**
 * A trial that never traded has constant zero returns: no return and no risk, so its Sharpe
 * ratio is 0 (no evidence of skill) rather than 0/0. Constant non-zero returns are riskless
 * profit no backtest produces honestly, so they are refused.
 */
function trialEstimate(returns: Float64Array): SharpeEstimate {
  const described = describeReturns(returns);
  const { observations, sharpe, skewness, kurtosis } = described;
  if (described.standardDeviation > 0) return { observations, sharpe, skewness, kurtosis };
  if (described.mean !== 0) {
    throw new BacktestInputError('IMPOSSIBLE_MOMENTS', 'A trial with the same non-zero return in every period cannot be judged.');
  }
  // Skewness and kurtosis of a point mass are undefined; those of a normal distribution keep
  // the PSR defined should this flat trial ever be the one selected.
  return { observations, sharpe: 0, skewness: 0, kurtosis: 3 };
}

export function createTrialRegistry(): TrialRegistry {
  const records: TrialRecord[] = [];
  const series: Float64Array[] = [];

  const registry: TrialRegistry = {
    record(params, periodReturns) {
      const returns = Float64Array.from(periodReturns);
      const periods = series[0]?.length;
      if (periods !== undefined && returns.length !== periods) {
        throw new BacktestInputError('MISMATCHED_LENGTHS', `Trial ${records.length} has ${returns.length} periods; this sweep's trials have ${periods}.`);
      }
      const record: TrialRecord = { trial: records.length, params: Object.freeze({ ...params }), ...trialEstimate(returns) };
      records.push(record);
      series.push(returns);
      return record;
    },
    get count() {
      return records.length;
    },
    trials: () => records,
    returnsOf(trial) {
      const returns = series[trial];
      if (returns === undefined) throw new BacktestInputError('OUT_OF_RANGE', `No trial ${trial} in this registry (it has ${records.length}).`);
      return returns;
    },
    best() {
      const first = records[0];
      if (first === undefined) throw new BacktestInputError('TOO_FEW_OBSERVATIONS', 'No trial has been recorded.');
      return records.reduce((best, record) => (record.sharpe > best.sharpe ? record : best), first);
    },
    sharpeVariance() {
      const n = records.length;
      if (n < 2) return 0;
      const mean = records.reduce((sum, record) => sum + record.sharpe, 0) / n;
      return records.reduce((sum, record) => sum + (record.sharpe - mean) ** 2, 0) / (n - 1);
    },
    selectionBias: () => ({ trials: records.length, sharpeVariance: registry.sharpeVariance() }),
    returnsMatrix() {
      const periods = series[0]?.length ?? 0;
      return Array.from({ length: periods }, (_, row) => series.map((returns) => returns[row] ?? Number.NaN));
    },
  };
  return registry;
}
