import { z } from 'zod';
import { ksStatistic, populationStabilityIndex, psiBinOf, psiEdgesFrom, quantileGrid, smoothedShares } from './driftStatistics.ts';

/**
 * What the drift monitor remembers of the training data, and the thresholds it derived there.
 *
 * Thresholds come from the no-drift distribution for the actual sizes: every contiguous window
 * of the reference, of the recent window's length, is compared with the whole reference exactly
 * as a live window will be. A stretch of the training period is by definition not drift, yet
 * because volatility clusters it can sit far from the whole (a PSI of 0.3 is common), so
 * textbook constants or shuffled samples would cry wolf. Per feature, the 95th percentile of
 * those windows' PSI (and KS statistic) is the moderate threshold, the 99th the severe one.
 *
 * With a dozen features, some feature crosses its own 95th percentile most of the time, so the
 * verdict counts features: a check is moderate when at least `moderateFeatureCount` features are
 * moderate or worse, severe when at least `severeFeatureCount` are severe. Those counts are again
 * read off the same windows: the smallest count reached by at most 1 % (moderate) and 0.1 %
 * (severe) of them, so a window from inside the training period rarely alarms, by construction.
 */
export interface DriftFeatureReference {
  readonly name: string;
  /** Position of the feature in the feature vector. */
  readonly column: number;
  readonly referenceSize: number;
  /** Quantiles q_0 … q_1000 of the training values. */
  readonly grid: number[];
  readonly psiEdges: number[];
  /** Smoothed share of the training values in each PSI bin. */
  readonly psiExpectedShares: number[];
  readonly psiModerate: number;
  readonly psiSevere: number;
  readonly ksModerate: number;
  readonly ksSevere: number;
}

export interface DriftReference {
  readonly recentBars: number;
  /** Windows of the reference the thresholds were measured on. */
  readonly windowsMeasured: number;
  readonly moderateFeatureCount: number;
  readonly severeFeatureCount: number;
  readonly features: DriftFeatureReference[];
}

export const driftReferenceSchema = z.object({
  recentBars: z.number().int().positive(),
  windowsMeasured: z.number().int().positive(),
  moderateFeatureCount: z.number().int().positive(),
  severeFeatureCount: z.number().int().positive(),
  features: z.array(
    z.object({
      name: z.string(),
      column: z.number().int().nonnegative(),
      referenceSize: z.number().int().positive(),
      grid: z.array(z.number()).min(2),
      psiEdges: z.array(z.number()),
      psiExpectedShares: z.array(z.number().positive()),
      psiModerate: z.number().nonnegative(),
      psiSevere: z.number().nonnegative(),
      ksModerate: z.number().nonnegative(),
      ksSevere: z.number().nonnegative(),
    }),
  ).min(1),
});

export interface DriftReferenceOptions {
  /** Bars in each live check's recent window. */
  readonly recentBars: number;
  /** Distance between the starts of two measured windows (1 = every window). */
  readonly windowStride?: number;
}

/** Fewer windows than this cannot give a 99th percentile worth the name. */
export const MIN_REFERENCE_WINDOWS = 100;

export class DriftReferenceError extends RangeError {
  readonly code = 'DRIFT_REFERENCE_TOO_SHORT';
}

/**
 * Builds the reference from training rows (row-major, `columns` wide) for the named columns.
 * Rows must be in time order: the windows must be real stretches of time.
 */
export function buildDriftReference(values: Float64Array, columns: number, selected: readonly { name: string; column: number }[], options: DriftReferenceOptions): DriftReference {
  const rows = values.length / columns;
  const m = options.recentBars;
  const stride = options.windowStride ?? Math.max(1, Math.floor(m / 8));
  const windowCount = rows >= m ? Math.floor((rows - m) / stride) + 1 : 0;
  if (!Number.isSafeInteger(m) || m < 10) throw new DriftReferenceError(`A recent window needs at least 10 bars (got ${String(m)}).`);
  if (windowCount < MIN_REFERENCE_WINDOWS) throw new DriftReferenceError(`The training sample has ${rows} bars: too short to measure drift thresholds for ${m}-bar windows.`);
  const column = new Float64Array(rows);
  const window = new Float64Array(m);
  const psiByWindow: Float64Array[] = [];
  const ksByWindow: Float64Array[] = [];
  const features = selected.map(({ name, column: c }) => {
    for (let i = 0; i < rows; i++) column[i] = values[i * columns + c] ?? 0;
    const grid = quantileGrid(column);
    const psiEdges = psiEdgesFrom(grid);
    const counts = new Float64Array(psiEdges.length + 1);
    for (let i = 0; i < rows; i++) {
      const bin = psiBinOf(psiEdges, column[i] ?? 0);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const psiExpectedShares = smoothedShares(counts, rows);
    const psi = new Float64Array(windowCount);
    const ks = new Float64Array(windowCount);
    const windowCounts = new Float64Array(counts.length);
    for (let w = 0; w < windowCount; w++) {
      const start = w * stride;
      windowCounts.fill(0);
      for (let k = 0; k < m; k++) {
        const x = column[start + k] ?? 0;
        window[k] = x;
        const bin = psiBinOf(psiEdges, x);
        windowCounts[bin] = (windowCounts[bin] ?? 0) + 1;
      }
      psi[w] = populationStabilityIndex(psiExpectedShares, windowCounts, m);
      ks[w] = ksStatistic(window.sort(), grid);
    }
    psiByWindow.push(psi);
    ksByWindow.push(ks);
    return {
      name,
      column: c,
      referenceSize: rows,
      grid,
      psiEdges,
      psiExpectedShares,
      psiModerate: percentile(psi, 95),
      psiSevere: percentile(psi, 99),
      ksModerate: percentile(ks, 95),
      ksSevere: percentile(ks, 99),
    };
  });
  const moderateCounts = new Float64Array(windowCount);
  const severeCounts = new Float64Array(windowCount);
  features.forEach((feature, f) => {
    const psi = psiByWindow[f] ?? new Float64Array(0);
    const ks = ksByWindow[f] ?? new Float64Array(0);
    for (let w = 0; w < windowCount; w++) {
      const level = featureLevel(feature, psi[w] ?? 0, ks[w] ?? 0);
      if (level !== 'none') moderateCounts[w] = (moderateCounts[w] ?? 0) + 1;
      if (level === 'severe') severeCounts[w] = (severeCounts[w] ?? 0) + 1;
    }
  });
  return {
    recentBars: m,
    windowsMeasured: windowCount,
    moderateFeatureCount: countReachedByAtMost(moderateCounts, 0.01),
    severeFeatureCount: countReachedByAtMost(severeCounts, 0.001),
    features,
  };
}

export type DriftLevel = 'none' | 'moderate' | 'severe';

export function featureLevel(feature: DriftFeatureReference, psi: number, ks: number): DriftLevel {
  if (psi > feature.psiSevere || ks > feature.ksSevere) return 'severe';
  if (psi > feature.psiModerate || ks > feature.ksModerate) return 'moderate';
  return 'none';
}

/** Nearest-rank percentile. */
function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Smallest count c ≥ 1 such that at most `share` of the windows have c or more features. */
function countReachedByAtMost(counts: Float64Array, share: number): number {
  const maximum = counts.reduce((a, b) => Math.max(a, b), 0);
  for (let c = 1; c <= maximum; c++) {
    let reached = 0;
    for (const count of counts) if (count >= c) reached++;
    if (reached <= share * counts.length) return c;
  }
  return maximum + 1;
}
