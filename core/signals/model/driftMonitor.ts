import { featureLevel, type DriftLevel, type DriftReference } from './driftReference.ts';
import { ksPValue, ksStatistic, populationStabilityIndex, psiBinOf } from './driftStatistics.ts';

/** One feature in a drift report (the shape the CLI prints and the drift panel shows). */
export interface DriftFeatureReport {
  readonly name: string;
  readonly psi: number;
  /** The moderate threshold; `psiSevereThreshold` is the severe one. */
  readonly psiThreshold: number;
  readonly psiSevereThreshold: number;
  readonly ks: number;
  readonly ksThreshold: number;
  readonly ksSevereThreshold: number;
  /** Asymptotic, assuming independent samples: for information, levels do not use it. */
  readonly ksPValue: number;
  readonly level: DriftLevel;
}

export interface DriftReport {
  /** The verdict after persistence and hysteresis (for a single check: that check's level). */
  readonly verdict: DriftLevel;
  /** What this check alone said. */
  readonly checkLevel: DriftLevel;
  readonly features: DriftFeatureReport[];
}

const LEVEL_RANK: Readonly<Record<DriftLevel, number>> = { none: 0, moderate: 1, severe: 2 };
const LEVELS: readonly DriftLevel[] = ['none', 'moderate', 'severe'];

/**
 * Compares the recent window (the last `reference.recentBars` rows of feature vectors, row-major,
 * `columns` wide) with the reference. Allocates only small per-check arrays.
 */
export function checkDrift(reference: DriftReference, recentRows: Float64Array, columns: number): { checkLevel: DriftLevel; features: DriftFeatureReport[] } {
  const m = reference.recentBars;
  const available = Math.floor(recentRows.length / columns);
  if (available < m) throw new RangeError(`A drift check needs ${m} recent bars (got ${available}).`);
  const first = available - m;
  const window = new Float64Array(m);
  let moderate = 0;
  let severe = 0;
  const features = reference.features.map((feature) => {
    const counts = new Float64Array(feature.psiEdges.length + 1);
    for (let k = 0; k < m; k++) {
      const x = recentRows[(first + k) * columns + feature.column] ?? 0;
      window[k] = x;
      const bin = psiBinOf(feature.psiEdges, x);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const psi = populationStabilityIndex(feature.psiExpectedShares, counts, m);
    const ks = ksStatistic(window.sort(), feature.grid);
    const level = featureLevel(feature, psi, ks);
    if (level !== 'none') moderate++;
    if (level === 'severe') severe++;
    return {
      name: feature.name,
      psi,
      psiThreshold: feature.psiModerate,
      psiSevereThreshold: feature.psiSevere,
      ks,
      ksThreshold: feature.ksModerate,
      ksSevereThreshold: feature.ksSevere,
      ksPValue: ksPValue(ks, feature.referenceSize, m),
      level,
    };
  });
  const checkLevel: DriftLevel = severe >= reference.severeFeatureCount ? 'severe' : moderate >= reference.moderateFeatureCount ? 'moderate' : 'none';
  return { checkLevel, features };
}

/**
 * Persistence and hysteresis. The verdict rises only after `escalateAfterChecks` checks in a row
 * above it (to the lowest level those checks agree on), and falls only after
 * `recoverAfterChecks` checks in a row below it (to the highest level seen meanwhile): one noisy
 * check neither raises an alarm nor clears one.
 */
export interface DriftPersistence {
  readonly escalateAfterChecks: number;
  readonly recoverAfterChecks: number;
}

export const DEFAULT_DRIFT_PERSISTENCE: DriftPersistence = { escalateAfterChecks: 3, recoverAfterChecks: 12 };

export type DriftState =
  | { readonly kind: 'steady'; readonly level: DriftLevel }
  | { readonly kind: 'rising'; readonly level: DriftLevel; readonly checks: number; readonly lowestSeen: DriftLevel }
  | { readonly kind: 'falling'; readonly level: DriftLevel; readonly checks: number; readonly highestSeen: DriftLevel };

export const NO_DRIFT: DriftState = { kind: 'steady', level: 'none' };

export function nextDriftState(state: DriftState, checkLevel: DriftLevel, persistence: DriftPersistence = DEFAULT_DRIFT_PERSISTENCE): DriftState {
  const current = LEVEL_RANK[state.level];
  const seen = LEVEL_RANK[checkLevel];
  if (seen === current) return { kind: 'steady', level: state.level };
  if (seen > current) {
    const checks = state.kind === 'rising' ? state.checks + 1 : 1;
    const lowestSeen = state.kind === 'rising' ? lowerOf(state.lowestSeen, checkLevel) : checkLevel;
    if (checks >= persistence.escalateAfterChecks) return { kind: 'steady', level: lowestSeen };
    return { kind: 'rising', level: state.level, checks, lowestSeen };
  }
  const checks = state.kind === 'falling' ? state.checks + 1 : 1;
  const highestSeen = state.kind === 'falling' ? higherOf(state.highestSeen, checkLevel) : checkLevel;
  if (checks >= persistence.recoverAfterChecks) return { kind: 'steady', level: highestSeen };
  return { kind: 'falling', level: state.level, checks, highestSeen };
}

function lowerOf(a: DriftLevel, b: DriftLevel): DriftLevel {
  return LEVELS[Math.min(LEVEL_RANK[a], LEVEL_RANK[b])] ?? 'none';
}

function higherOf(a: DriftLevel, b: DriftLevel): DriftLevel {
  return LEVELS[Math.max(LEVEL_RANK[a], LEVEL_RANK[b])] ?? 'none';
}

/**
 * Steps the monitor over a history of feature rows: one check per bar, each on the window that
 * ends at that bar, starting when the first full window exists. Returns the last report (what
 * the CLI prints for a recent file).
 */
export function driftOverHistory(reference: DriftReference, rows: Float64Array, columns: number, persistence: DriftPersistence = DEFAULT_DRIFT_PERSISTENCE): DriftReport {
  const bars = Math.floor(rows.length / columns);
  const m = reference.recentBars;
  if (bars < m) throw new RangeError(`Drift needs at least ${m} recent bars (got ${bars}).`);
  let state = NO_DRIFT;
  let last = checkDrift(reference, rows.subarray(0, m * columns), columns);
  for (let end = m; end <= bars; end++) {
    last = checkDrift(reference, rows.subarray((end - m) * columns, end * columns), columns);
    state = nextDriftState(state, last.checkLevel, persistence);
  }
  return { verdict: state.level, checkLevel: last.checkLevel, features: last.features };
}

export interface DriftReaction {
  readonly entrySizeFactor: number;
  readonly safeModeTrigger: boolean;
  readonly code: 'DRIFT_NONE' | 'DRIFT_MODERATE' | 'DRIFT_SEVERE';
}

/** What risk does about a verdict: moderate halves entries, severe asks for SAFE_MODE. */
export function driftReaction(verdict: DriftLevel): DriftReaction {
  if (verdict === 'severe') return { entrySizeFactor: 0, safeModeTrigger: true, code: 'DRIFT_SEVERE' };
  if (verdict === 'moderate') return { entrySizeFactor: 0.5, safeModeTrigger: false, code: 'DRIFT_MODERATE' };
  return { entrySizeFactor: 1, safeModeTrigger: false, code: 'DRIFT_NONE' };
}

export interface OutOfRangeFeature {
  readonly name: string;
  readonly value: number;
  readonly lowest: number;
  readonly highest: number;
}

/**
 * A single bar far outside the training data: some feature lies beyond the training range by
 * more than `marginFraction` of the training's central 98 % span (1st to 99th percentile). The
 * model has never seen anything like it, so its signal for that bar is skipped.
 */
export interface OutOfRangeCheck {
  readonly skipSignal: boolean;
  /** 'MODEL_SKIP_OUT_OF_RANGE' with the first such feature's name, or null when the bar is in range. */
  readonly code: 'MODEL_SKIP_OUT_OF_RANGE' | null;
  readonly params: Readonly<Record<string, string>>;
  readonly features: OutOfRangeFeature[];
}

export function barOutsideTraining(reference: DriftReference, vector: ArrayLike<number>, marginFraction = 0.5): OutOfRangeCheck {
  const features: OutOfRangeFeature[] = [];
  for (const feature of reference.features) {
    const grid = feature.grid;
    const last = grid.length - 1;
    const span = (grid[Math.round(last * 0.99)] ?? 0) - (grid[Math.round(last * 0.01)] ?? 0);
    const lowest = (grid[0] ?? 0) - marginFraction * span;
    const highest = (grid[last] ?? 0) + marginFraction * span;
    const value = vector[feature.column] ?? Number.NaN;
    if (!(value >= lowest && value <= highest)) features.push({ name: feature.name, value, lowest, highest });
  }
  const first = features[0];
  if (first === undefined) return { skipSignal: false, code: null, params: {}, features };
  return { skipSignal: true, code: 'MODEL_SKIP_OUT_OF_RANGE', params: { feature: first.name }, features };
}
