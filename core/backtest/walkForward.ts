/**
 * Walk-forward plans: which bars each fold trains on and which it is tested on, so that a
 * strategy's parameters are always chosen on the past and judged on bars they never saw.
 *
 * - anchored: every fold trains from the first bar up to its test window;
 * - rolling: every fold trains on the `trainBars` bars just before its test window;
 * - purged k-fold (for models, López de Prado ch. 7): the bars are cut into k folds and each
 *   fold is tested with every other bar as training. It is cross-validation, not a walk
 *   forward: some folds train on the future, so its stitched curve is no trading record.
 *
 * Two guards against leakage between training and test (López de Prado, "Advances in
 * Financial Machine Learning", 7.4):
 * - purge: a training sample at bar i whose label looks `labelBars` ahead (its label window is
 *   bars i … i + labelBars) is dropped when that window reaches into the test fold;
 * - embargo: the `embargoBars` bars right after a test fold are dropped from training, because
 *   features that look back (moving averages, volatility) still carry the test fold's data.
 * Test folds follow each other without gaps and cover the data after the first training
 * window (walk-forward) or all of it (k-fold); the last walk-forward test fold may be shorter.
 */
import { BacktestInputError, requireWholeNumber } from './backtestInputError.ts';
import type { EquityCurve } from './statistics.ts';

/** Bars `startBar` (inclusive) to `endBar` (exclusive). */
export interface BarRange {
  readonly startBar: number;
  readonly endBar: number;
}

export interface ValidationFold {
  readonly fold: number;
  /** Training bars, oldest first; more than one range only in k-fold plans. */
  readonly train: readonly BarRange[];
  readonly test: BarRange;
}

export interface LeakageGuards {
  /** How many bars ahead a training sample's label looks (0: labels known at the bar's close). */
  readonly labelBars?: number;
  /** Bars after each test fold kept out of training. */
  readonly embargoBars?: number;
}

export interface WalkForwardOptions extends LeakageGuards {
  readonly bars: number;
  readonly scheme: 'anchored' | 'rolling';
  /** Length of the first (anchored) or of every (rolling) training window, before purging. */
  readonly trainBars: number;
  readonly testBars: number;
}

export interface PurgedKFoldOptions extends LeakageGuards {
  readonly bars: number;
  readonly folds: number;
}

/**
 * The parts of `candidate` that may train a model tested on `test`: bars whose label window
 * ends before the test fold, or that come after the test fold's embargo.
 */
export function purgeTraining(candidate: BarRange, test: BarRange, guards: LeakageGuards = {}): BarRange[] {
  const labelBars = guards.labelBars ?? 0;
  const embargoBars = guards.embargoBars ?? 0;
  const kept: BarRange[] = [];
  const beforeEnd = Math.min(candidate.endBar, test.startBar - labelBars);
  if (beforeEnd > candidate.startBar) kept.push({ startBar: candidate.startBar, endBar: beforeEnd });
  const afterStart = Math.max(candidate.startBar, test.endBar + embargoBars);
  if (candidate.endBar > afterStart) kept.push({ startBar: afterStart, endBar: candidate.endBar });
  return kept;
}

function requireGuards(guards: LeakageGuards): void {
  requireWholeNumber('The label horizon', guards.labelBars ?? 0, 0);
  requireWholeNumber('The embargo', guards.embargoBars ?? 0, 0);
}

function requireTraining(fold: number, train: readonly BarRange[]): void {
  if (train.length === 0) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `Fold ${fold} has no training bars left after purging and embargo.`);
  }
}

export function planWalkForward(options: WalkForwardOptions): ValidationFold[] {
  const { bars, trainBars, testBars } = options;
  requireWholeNumber('The number of bars', bars, 1);
  requireWholeNumber('The training window', trainBars, 1);
  requireWholeNumber('The test window', testBars, 1);
  requireGuards(options);
  if (trainBars >= bars) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `${bars} bars leave nothing to test after a ${trainBars}-bar training window.`);
  }
  const folds: ValidationFold[] = [];
  for (let testStart = trainBars; testStart < bars; testStart += testBars) {
    const test = { startBar: testStart, endBar: Math.min(testStart + testBars, bars) };
    const candidate = { startBar: options.scheme === 'anchored' ? 0 : testStart - trainBars, endBar: testStart };
    const train = purgeTraining(candidate, test, options);
    requireTraining(folds.length, train);
    folds.push({ fold: folds.length, train, test });
  }
  return folds;
}

export function planPurgedKFold(options: PurgedKFoldOptions): ValidationFold[] {
  const { bars, folds: foldCount } = options;
  requireWholeNumber('The number of folds', foldCount, 2);
  requireWholeNumber('The number of bars', bars, foldCount);
  requireGuards(options);
  const folds: ValidationFold[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    // Fold sizes differ by at most one bar: ⌊bars·k/folds⌋ boundaries.
    const test = { startBar: Math.floor((bars * fold) / foldCount), endBar: Math.floor((bars * (fold + 1)) / foldCount) };
    const train = purgeTraining({ startBar: 0, endBar: bars }, test, options);
    requireTraining(fold, train);
    folds.push({ fold, train, test });
  }
  return folds;
}

/** One fold's out-of-sample equity, starting from whatever cash that fold's run started with. */
export type EquitySegment = EquityCurve;

export interface StitchedEquity extends EquityCurve {
  /** Index in the stitched curve where each segment begins. */
  readonly segmentStarts: Int32Array;
}

/**
 * Chains the folds' out-of-sample equity into one curve, as if the money had carried over from
 * fold to fold: each segment is rescaled so that it starts where the previous one ended (the
 * first one from `startingEquity`, by default its own first value). This stitched curve, never
 * an in-sample one, is the walk-forward's headline.
 */
export function stitchOutOfSampleEquity(segments: readonly EquitySegment[], startingEquity?: number): StitchedEquity {
  const total = segments.reduce((sum, segment) => sum + segment.timeMs.length, 0);
  const timeMs = new Float64Array(total);
  const equity = new Float64Array(total);
  const segmentStarts = new Int32Array(segments.length);
  let carried = startingEquity ?? segments[0]?.equity[0] ?? Number.NaN;
  let at = 0;
  let previousTime = Number.NEGATIVE_INFINITY;
  segments.forEach((segment, index) => {
    const length = segment.timeMs.length;
    const opening = segment.equity[0] ?? Number.NaN;
    if (length === 0 || segment.equity.length !== length) {
      throw new BacktestInputError('MISMATCHED_LENGTHS', `Segment ${index} needs one equity value per bar time, and at least one bar.`);
    }
    if (!(opening > 0) || !(carried > 0)) {
      throw new BacktestInputError('OUT_OF_RANGE', `Segment ${index} cannot be chained: its opening equity and the carried equity must be above 0.`);
    }
    if (!((segment.timeMs[0] ?? Number.NaN) > previousTime)) {
      throw new BacktestInputError('TIMES_NOT_IN_ORDER', `Segment ${index} does not start after the previous segment ends.`);
    }
    const scale = carried / opening;
    segmentStarts[index] = at;
    for (let i = 0; i < length; i++) {
      timeMs[at] = segment.timeMs[i] ?? Number.NaN;
      equity[at] = (segment.equity[i] ?? Number.NaN) * scale;
      at++;
    }
    previousTime = segment.timeMs[length - 1] ?? Number.NaN;
    carried = equity[at - 1] ?? Number.NaN;
  });
  return { timeMs, equity, segmentStarts };
}
