/**
 * The overfitting panel's findings: every statistic of overfitting.ts applied to a finished
 * sweep, and a list of plain-words explanation codes (templates in messages.ts) that say what
 * the numbers mean for the person's money.
 *
 * Thresholds, Ballast's choices:
 * - the selected Sharpe is "luck" when it does not exceed what the best of N worthless trials is
 *   expected to show (SR₀); "maybe luck" when it does but the Deflated Sharpe Ratio is below
 *   0.95, the bar a model must clear to be used live (ARCHITECTURE.md);
 * - PBO below 0.1 counts as held up, from 0.1 to 0.5 as often failing, 0.5 and above as likely
 *   overfit (the in-sample pick does no better than the median trial out-of-sample).
 * Sharpe ratios shown to people are annualised with √(periods a year); the statistics themselves
 * run on per-period values.
 */
import { BacktestInputError, requireFinite } from './backtestInputError.ts';
import {
  deflatedSharpeRatio,
  minimumBacktestLength,
  minimumTrackRecordLength,
  probabilisticSharpeRatio,
  probabilityOfBacktestOverfitting,
  type BacktestOverfitting,
  type OverfittingOptions,
} from './overfitting.ts';
import type { TrialRecord, TrialRegistry } from './trialRegistry.ts';

/** Minimum Deflated Sharpe Ratio a strategy or model must reach to be trusted with real money. */
export const DEFLATED_SHARPE_BAR = 0.95;
const PBO_HELD_UP = 0.1;
const PBO_LIKELY_OVERFIT = 0.5;

export type OverfittingCode =
  | 'SINGLE_TRIAL_SHARPE'
  | 'NO_POSITIVE_SHARPE'
  | 'LUCK_EXPLAINS_SHARPE'
  | 'LUCK_MAY_EXPLAIN_SHARPE'
  | 'SHARPE_SURVIVES_TRIALS'
  | 'TRACK_RECORD_TOO_SHORT'
  | 'BACKTEST_TOO_SHORT_FOR_TRIALS'
  | 'SELECTION_LIKELY_OVERFIT'
  | 'SELECTION_OFTEN_FAILED'
  | 'SELECTION_HELD_UP';

export interface OverfittingExplanation {
  readonly code: OverfittingCode;
  readonly params: Readonly<Record<string, number>>;
}

export interface OverfittingAssessment {
  readonly trials: number;
  readonly selected: TrialRecord;
  readonly sharpeAnnualised: number;
  /** Annualised Sharpe the best of the trials would show by luck alone (SR₀ · √periods a year). */
  readonly expectedMaxSharpeAnnualised: number;
  /** PSR against 0, ignoring how many trials were tried. */
  readonly probabilisticSharpe: number;
  readonly deflatedSharpe: number;
  readonly backtestYears: number;
  /** Years of data the selected Sharpe needs before it is above 0 with 95 % confidence. */
  readonly minimumTrackRecordYears: number;
  /** Years of data below which the best of this many worthless trials is expected to reach the selected Sharpe. */
  readonly minimumBacktestYears: number;
  /** Absent when the sweep had too few trials or periods to cut into blocks. */
  readonly backtestOverfitting: BacktestOverfitting | undefined;
  readonly explanations: readonly OverfittingExplanation[];
}

export interface AssessmentOptions {
  /** How many of the registry's return periods make a year (365 for daily crypto returns). */
  readonly periodsPerYear: number;
  readonly overfitting?: OverfittingOptions;
}

function pboOf(registry: TrialRegistry, options: OverfittingOptions | undefined): BacktestOverfitting | undefined {
  if (registry.count < 2) return undefined;
  try {
    return probabilityOfBacktestOverfitting(registry.returnsMatrix(), options);
  } catch (error) {
    if (error instanceof BacktestInputError && error.code === 'TOO_FEW_OBSERVATIONS') return undefined;
    throw error;
  }
}

function sharpeExplanation(assessment: Omit<OverfittingAssessment, 'explanations'>): OverfittingExplanation {
  const { trials, sharpeAnnualised: sharpe, expectedMaxSharpeAnnualised: expectedMaxSharpe } = assessment;
  if (trials === 1) return { code: 'SINGLE_TRIAL_SHARPE', params: { sharpe, probability: assessment.probabilisticSharpe } };
  if (sharpe <= 0) return { code: 'NO_POSITIVE_SHARPE', params: { trials, sharpe } };
  if (sharpe <= expectedMaxSharpe) return { code: 'LUCK_EXPLAINS_SHARPE', params: { trials, sharpe, expectedMaxSharpe } };
  if (assessment.deflatedSharpe < DEFLATED_SHARPE_BAR) {
    return { code: 'LUCK_MAY_EXPLAIN_SHARPE', params: { trials, sharpe, expectedMaxSharpe, probability: assessment.deflatedSharpe } };
  }
  return { code: 'SHARPE_SURVIVES_TRIALS', params: { trials, sharpe, probability: assessment.deflatedSharpe } };
}

export function explainOverfitting(assessment: Omit<OverfittingAssessment, 'explanations'>): OverfittingExplanation[] {
  const explanations = [sharpeExplanation(assessment)];
  const { trials, sharpeAnnualised: sharpe, backtestYears: years } = assessment;
  if (sharpe > 0 && years < assessment.minimumTrackRecordYears) {
    explanations.push({ code: 'TRACK_RECORD_TOO_SHORT', params: { sharpe, years, minimumYears: assessment.minimumTrackRecordYears } });
  }
  if (trials > 1 && sharpe > 0 && years < assessment.minimumBacktestYears) {
    explanations.push({ code: 'BACKTEST_TOO_SHORT_FOR_TRIALS', params: { trials, sharpe, years, minimumYears: assessment.minimumBacktestYears } });
  }
  const pbo = assessment.backtestOverfitting;
  if (pbo !== undefined) {
    const params = { probability: pbo.probability, splits: pbo.splits, lossProbability: pbo.probabilityOfOutOfSampleLoss };
    const code = pbo.probability >= PBO_LIKELY_OVERFIT ? 'SELECTION_LIKELY_OVERFIT' : pbo.probability >= PBO_HELD_UP ? 'SELECTION_OFTEN_FAILED' : 'SELECTION_HELD_UP';
    explanations.push({ code, params });
  }
  return explanations;
}

/** Judges a finished sweep: the trial it would pick, and how much of that pick is luck. */
export function assessOverfitting(registry: TrialRegistry, options: AssessmentOptions): OverfittingAssessment {
  requireFinite('The number of periods a year', options.periodsPerYear);
  if (!(options.periodsPerYear > 0)) {
    throw new BacktestInputError('OUT_OF_RANGE', `The number of periods a year must be above 0 (got ${options.periodsPerYear}).`);
  }
  const selected = registry.best();
  const annualise = Math.sqrt(options.periodsPerYear);
  const deflated = deflatedSharpeRatio(selected, registry.selectionBias());
  const sharpeAnnualised = selected.sharpe * annualise;
  const findings = {
    trials: registry.count,
    selected,
    sharpeAnnualised,
    expectedMaxSharpeAnnualised: deflated.benchmarkSharpe * annualise,
    probabilisticSharpe: probabilisticSharpeRatio(selected),
    deflatedSharpe: deflated.probability,
    backtestYears: selected.observations / options.periodsPerYear,
    minimumTrackRecordYears: minimumTrackRecordLength(selected) / options.periodsPerYear,
    minimumBacktestYears: sharpeAnnualised > 0 ? minimumBacktestLength(registry.count, sharpeAnnualised) : Number.POSITIVE_INFINITY,
    backtestOverfitting: pboOf(registry, options.overfitting),
  };
  return { ...findings, explanations: explainOverfitting(findings) };
}
