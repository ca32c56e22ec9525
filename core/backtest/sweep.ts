import type { BacktestBars } from './backtestBars.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import { BacktestInputError } from './backtestInputError.ts';
import { assessOverfitting, type OverfittingAssessment } from './overfittingVerdict.ts';
import { expandGrid, type ParameterGrid } from './parameterGrid.ts';
import { annualPeriods, DAY_MS, isWeekendDay, returnPeriodsFor } from './returnPeriods.ts';
import type { BacktestStatistics } from './statistics.ts';
import { createTrialPool, DEFAULT_SWEEP_WORKERS, type TrialPool } from './sweepPool.ts';
import { createTrialRegistry, type TrialRegistry } from './trialRegistry.ts';
import type { TrialRequest } from './trialRun.ts';

export interface SweepProgress {
  readonly trialsDone: number;
  readonly trials: number;
}

export interface SweepOptions {
  /** Worker threads (default 2); 0 runs every trial on this thread. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** A pool to reuse (a walk-forward runs one sweep per fold); closed by its owner. */
  readonly pool?: TrialPool;
}

export interface SweepTrial {
  readonly trial: number;
  readonly parameters: Readonly<Record<string, number>>;
  readonly statistics: BacktestStatistics;
}

export interface SweepResult {
  /** Every trial is in-sample: the best one was picked on the very bars it is measured on. */
  readonly sample: 'in-sample';
  readonly trials: readonly SweepTrial[];
  /** Combinations the strategy cannot run (e.g. a fast average slower than the slow one), not tried. */
  readonly skippedCombinations: number;
  /** The trial with the best in-sample Sharpe ratio (the first of equals). */
  readonly best: SweepTrial;
  readonly registry: TrialRegistry;
  /** Deflated Sharpe, PBO and what they mean; absent for a single trial over too few days. */
  readonly overfitting: OverfittingAssessment | undefined;
  readonly seconds: number;
}

/** Highest Sharpe ratio first of equals; a Sharpe that cannot be computed never wins. */
export function bestBySharpe<T extends { readonly statistics: BacktestStatistics }>(trials: readonly T[]): T {
  let best: T | undefined;
  for (const trial of trials) {
    const sharpe = trial.statistics['Sharpe Ratio'];
    const bestSharpe = best?.statistics['Sharpe Ratio'] ?? Number.NaN;
    if (best === undefined || (Number.isFinite(sharpe) && (!Number.isFinite(bestSharpe) || sharpe > bestSharpe))) best = trial;
  }
  if (best === undefined) throw new BacktestInputError('TOO_FEW_OBSERVATIONS', 'No trial was run.');
  return best;
}

/** Days a year the daily returns stand for: 365 for markets that trade at weekends, 252 otherwise (as the statistics). */
export function dailyPeriodsPerYear(timeMs: Float64Array): number {
  let weekendBars = 0;
  for (const t of timeMs) if (isWeekendDay(Math.floor(t / DAY_MS))) weekendBars++;
  return annualPeriods({ ...returnPeriodsFor(timeMs), fixedAnnualPeriods: undefined }, weekendBars, timeMs.length);
}

function withParameters(settings: BacktestSettings, parameters: Readonly<Record<string, number>>): BacktestSettings {
  return { ...settings, strategy: { id: settings.strategy.id, parameters } };
}

/**
 * A grid over the strategy's parameters, every combination a full backtest over the same bars,
 * fanned out over worker threads. Every trial is recorded in a trial registry, so the overfitting
 * statistics know how many combinations were tried and how their Sharpe ratios spread.
 */
export async function runSweep(bars: BacktestBars, settings: BacktestSettings, grid: ParameterGrid, options: SweepOptions = {}): Promise<SweepResult> {
  const started = process.hrtime.bigint();
  const expanded = expandGrid(settings.strategy.id, grid, settings.strategy.parameters);
  if (!expanded.ok) throw new BacktestInputError('UNUSABLE_STRATEGY', `The sweep cannot run: ${expanded.problem.code}.`);
  const requests: TrialRequest[] = expanded.combinations.map((parameters) => ({ settings: withParameters(settings, parameters), startBar: 0, endBar: bars.length }));
  const pool = options.pool ?? createTrialPool(bars, options.workers ?? DEFAULT_SWEEP_WORKERS);
  const results = new Array<SweepTrial & { dailyReturns: Float64Array }>(requests.length);
  let done = 0;
  try {
    await pool.runAll(
      requests,
      (index, result) => {
        results[index] = { trial: index, parameters: expanded.combinations[index] as Record<string, number>, statistics: result.statistics, dailyReturns: result.dailyReturns };
        options.onProgress?.({ trialsDone: ++done, trials: requests.length });
      },
      options.signal,
    );
  } finally {
    if (options.pool === undefined) await pool.close();
  }
  // Recorded in grid order, whatever order the workers finished in: the registry is the same every run.
  const registry = createTrialRegistry();
  for (const trial of results) registry.record(trial.parameters, trial.dailyReturns);
  const trials: SweepTrial[] = results.map(({ trial, parameters, statistics }) => ({ trial, parameters, statistics }));
  let overfitting: OverfittingAssessment | undefined;
  try {
    overfitting = assessOverfitting(registry, { periodsPerYear: dailyPeriodsPerYear(bars.timeMs) });
  } catch (error) {
    if (!(error instanceof BacktestInputError)) throw error;
  }
  return {
    sample: 'in-sample',
    trials,
    skippedCombinations: expanded.skipped,
    best: bestBySharpe(trials),
    registry,
    overfitting,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
