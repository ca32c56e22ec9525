import { choleskySolve } from './linearAlgebra.ts';
import { logit, sigmoid } from './model.ts';

/**
 * Platt scaling: calibrated = sigmoid(a · logit(raw) + b), with a and b fitted by Newton's method
 * on out-of-fold predictions, using Platt's (1999) smoothed targets (N₊+1)/(N₊+2) and
 * 1/(N₋+2) so that a perfectly separated fold cannot push a and b to infinity.
 */
export interface PlattScaling {
  readonly a: number;
  readonly b: number;
}

export const IDENTITY_CALIBRATION: PlattScaling = { a: 1, b: 0 };

export function calibrate(scaling: PlattScaling, rawProbability: number): number {
  return sigmoid(scaling.a * logit(rawProbability) + scaling.b);
}

export function fitPlattScaling(rawProbabilities: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  const n = rawProbabilities.length;
  if (n === 0 || labels.length !== n) throw new RangeError('Platt scaling needs one label per prediction, and at least one.');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ?? 0;
  const targetPositive = (positives + 1) / (positives + 2);
  const targetNegative = 1 / (n - positives + 2);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = logit(rawProbabilities[i] ?? 0.5);
  let a = 1;
  let b = 0;
  let loss = plattLoss(scores, labels, a, b, targetPositive, targetNegative);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const s = scores[i] ?? 0;
      const p = sigmoid(a * s + b);
      const target = (labels[i] ?? 0) === 1 ? targetPositive : targetNegative;
      const residual = p - target;
      const curvature = p * (1 - p);
      ga += residual * s;
      gb += residual;
      haa += curvature * s * s;
      hab += curvature * s;
      hbb += curvature;
    }
    const step = choleskySolve(Float64Array.of(haa, hab, hab, hbb), Float64Array.of(ga, gb), 2);
    let scale = 1;
    let next = { a, b, loss: Number.POSITIVE_INFINITY };
    for (let halving = 0; halving < 30; halving++) {
      const na = a - scale * (step[0] ?? 0);
      const nb = b - scale * (step[1] ?? 0);
      next = { a: na, b: nb, loss: plattLoss(scores, labels, na, nb, targetPositive, targetNegative) };
      if (next.loss <= loss) break;
      scale /= 2;
    }
    if (!(next.loss <= loss)) break;
    const moved = Math.max(Math.abs(next.a - a), Math.abs(next.b - b));
    ({ a, b, loss } = next);
    if (moved < 1e-10) break;
  }
  return { a, b };
}

function plattLoss(scores: Float64Array, labels: ArrayLike<number>, a: number, b: number, targetPositive: number, targetNegative: number): number {
  let loss = 0;
  for (let i = 0; i < scores.length; i++) {
    const eta = a * (scores[i] ?? 0) + b;
    const target = (labels[i] ?? 0) === 1 ? targetPositive : targetNegative;
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - target * eta;
  }
  return loss;
}

/** Mean squared difference between forecast probability and outcome (0 is perfect). */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (probabilities.length === 0 || labels.length !== probabilities.length) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += ((probabilities[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return sum / probabilities.length;
}

/**
 * 1 − Brier / Brier of the reference forecast. The default reference always forecasts the
 * evaluated sample's own base rate: knowing that rate in advance is hindsight, so the model is
 * held to a slightly stronger rival than it would face live. Above 0 = better than the base rate.
 */
export function brierSkillScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>, referenceProbability?: number): number {
  const n = labels.length;
  if (n === 0) return Number.NaN;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ?? 0;
  const reference = referenceProbability ?? positives / n;
  let referenceSum = 0;
  for (let i = 0; i < n; i++) referenceSum += (reference - (labels[i] ?? 0)) ** 2;
  const referenceBrier = referenceSum / n;
  if (referenceBrier === 0) return Number.NaN;
  return 1 - brierScore(probabilities, labels) / referenceBrier;
}

/**
 * Area under the ROC curve by the Mann–Whitney rank sum, ties given their average rank.
 * 0.5 is no ranking ability; NaN when one class is missing.
 */
export function areaUnderRoc(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (probabilities[i] ?? 0) - (probabilities[j] ?? 0));
  let rankSumPositives = 0;
  let positives = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const value = probabilities[order[start] ?? 0] ?? 0;
    while (end < n && (probabilities[order[end] ?? 0] ?? 0) === value) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if ((labels[order[k] ?? 0] ?? 0) === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ReliabilityBin {
  readonly fromProbability: number;
  readonly toProbability: number;
  readonly count: number;
  /** Null when the bin is empty. */
  readonly meanPredicted: number | null;
  readonly observedFrequency: number | null;
}

/** Equal-width bins over [0, 1]; a probability of exactly 1 falls in the last bin. */
export function reliabilityBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, binCount = 10): ReliabilityBin[] {
  const counts = new Float64Array(binCount);
  const predicted = new Float64Array(binCount);
  const observed = new Float64Array(binCount);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] ?? 0;
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    counts[bin] = (counts[bin] ?? 0) + 1;
    predicted[bin] = (predicted[bin] ?? 0) + p;
    observed[bin] = (observed[bin] ?? 0) + (labels[i] ?? 0);
  }
  return Array.from({ length: binCount }, (_, bin) => {
    const count = counts[bin] ?? 0;
    return {
      fromProbability: bin / binCount,
      toProbability: (bin + 1) / binCount,
      count,
      meanPredicted: count === 0 ? null : (predicted[bin] ?? 0) / count,
      observedFrequency: count === 0 ? null : (observed[bin] ?? 0) / count,
    };
  });
}
