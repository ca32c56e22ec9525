/**
 * The two distances the drift monitor measures between a feature's training distribution and a
 * recent window. The training side is kept as a quantile grid (G + 1 points), which bounds the
 * error of its distribution function by 1/G and keeps a model file small.
 */

/** Sorted quantiles q_0 … q_G of a sample (q_0 = minimum, q_G = maximum; nearest rank). */
export function quantileGrid(values: ArrayLike<number>, points = 1001): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) throw new RangeError('A quantile grid needs at least one value.');
  return Array.from({ length: points }, (_, k) => sorted[Math.min(n - 1, Math.round((k * (n - 1)) / (points - 1)))] ?? 0);
}

/** Fraction of the grid ≤ x (`inclusive`) or < x: the reference's distribution function. */
export function gridCdf(grid: ArrayLike<number>, x: number, inclusive: boolean): number {
  let low = 0;
  let high = grid.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const value = grid[middle] ?? 0;
    if (inclusive ? value <= x : value < x) low = middle + 1;
    else high = middle;
  }
  return low / grid.length;
}

/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup |F_recent − F_reference| between a sorted
 * recent window and the reference grid. The supremum is reached at a recent point, either at it
 * or just before it, because between recent points F_recent is flat and F_reference rises.
 */
export function ksStatistic(sortedRecent: ArrayLike<number>, grid: ArrayLike<number>): number {
  const m = sortedRecent.length;
  let d = 0;
  let i = 0;
  while (i < m) {
    const x = sortedRecent[i] ?? 0;
    let j = i;
    while (j + 1 < m && sortedRecent[j + 1] === x) j++;
    const below = Math.abs(i / m - gridCdf(grid, x, false));
    const at = Math.abs((j + 1) / m - gridCdf(grid, x, true));
    if (below > d) d = below;
    if (at > d) d = at;
    i = j + 1;
  }
  return d;
}

/**
 * Asymptotic p-value of the two-sample KS statistic: Q_KS(λ) = 2 Σ (−1)^(j−1) e^(−2 j² λ²) with
 * λ = (√nₑ + 0.12 + 0.11/√nₑ)·D and nₑ = n·m/(n + m) (Stephens' correction, as in Numerical
 * Recipes §14.3). It assumes independent samples; market features are autocorrelated, so it
 * overstates significance and is shown for information only: drift levels come from thresholds
 * measured on contiguous windows of the training data itself.
 */
export function ksPValue(d: number, referenceSize: number, recentSize: number): number {
  const effective = (referenceSize * recentSize) / (referenceSize + recentSize);
  const root = Math.sqrt(effective);
  const lambda = (root + 0.12 + 0.11 / root) * d;
  if (lambda < 1e-3) return 1;
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = sign * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Decile edges of the reference (duplicates dropped, so tied values cannot make empty bins). */
export function psiEdgesFrom(grid: ArrayLike<number>, bins = 10): number[] {
  const edges: number[] = [];
  const last = grid.length - 1;
  for (let b = 1; b < bins; b++) {
    const edge = grid[Math.round((b * last) / bins)] ?? 0;
    if ((edges.length === 0 || edge > (edges.at(-1) ?? 0)) && edge < (grid[last] ?? 0)) edges.push(edge);
  }
  return edges;
}

/** Bin of x: the number of edges strictly below it (x ≤ edges[b] falls in bin ≤ b). */
export function psiBinOf(edges: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((edges[middle] ?? 0) < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Half a count added to every bin on both sides, so an empty bin gives a large but finite PSI. */
const SMOOTHING_COUNT = 0.5;

export function smoothedShares(counts: ArrayLike<number>, total: number): number[] {
  const bins = counts.length;
  return Array.from(counts, (count) => (count + SMOOTHING_COUNT) / (total + SMOOTHING_COUNT * bins));
}

/** Population stability index Σ (recent − expected)·ln(recent / expected) over the bins. */
export function populationStabilityIndex(expectedShares: ArrayLike<number>, recentCounts: ArrayLike<number>, recentTotal: number): number {
  const bins = recentCounts.length;
  let psi = 0;
  for (let b = 0; b < bins; b++) {
    const actual = ((recentCounts[b] ?? 0) + SMOOTHING_COUNT) / (recentTotal + SMOOTHING_COUNT * bins);
    const expected = expectedShares[b] ?? 0;
    psi += (actual - expected) * Math.log(actual / expected);
  }
  return psi;
}
