/**
 * What every trained model offers, whatever is inside. A model only turns a feature vector into
 * a probability; it never sees prices, positions or orders.
 */
export type ModelKind = 'logistic' | 'boostedTrees';
export const MODEL_KINDS: readonly ModelKind[] = ['logistic', 'boostedTrees'];

/** Samples in one row-major block: sample i occupies values[i·columns … (i+1)·columns). */
export interface SampleMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
}

/** One feature's push on a prediction, in log-odds: positive pushes towards "the trade works". */
export interface FeatureContribution {
  readonly feature: string;
  readonly value: number;
  readonly contribution: number;
}

export interface Model {
  readonly kind: ModelKind;
  readonly featureNames: readonly string[];
  /** Uncalibrated probability that the label is 1. Allocation-free. */
  predictProbability(x: ArrayLike<number>): number;
  /**
   * The `top` features that moved this prediction most, largest |contribution| first. The
   * contributions of all features plus the model's baseline add up to the log-odds it predicts.
   */
  explain(x: ArrayLike<number>, top?: number): FeatureContribution[];
  /** Canonical bytes: the same model always gives the same bytes. */
  serialise(): Uint8Array;
}

export interface FitOptions {
  /** Seeds the only randomness any model uses (row subsampling of boosted trees, off by default). */
  readonly seed?: number;
}

export function sigmoid(logOdds: number): number {
  return logOdds >= 0 ? 1 / (1 + Math.exp(-logOdds)) : Math.exp(logOdds) / (1 + Math.exp(logOdds));
}

export function logit(probability: number): number {
  const p = Math.min(1 - 1e-12, Math.max(1e-12, probability));
  return Math.log(p / (1 - p));
}

/** Sorts contributions by |contribution| (ties by feature order, so explanations are stable). */
export function topContributions(all: FeatureContribution[], top: number): FeatureContribution[] {
  return all
    .map((item, order) => ({ item, order }))
    .sort((a, b) => Math.abs(b.item.contribution) - Math.abs(a.item.contribution) || a.order - b.order)
    .slice(0, Math.max(0, top))
    .map(({ item }) => item);
}

export function requireMatrix(x: SampleMatrix, labels: ArrayLike<number>): void {
  if (x.values.length !== x.rows * x.columns) throw new RangeError('The sample matrix size does not match rows × columns.');
  if (labels.length !== x.rows) throw new RangeError(`Expected ${x.rows} labels, got ${labels.length}.`);
  if (x.rows === 0) throw new RangeError('Cannot fit a model on no samples.');
  for (let i = 0; i < x.values.length; i++) {
    if (!Number.isFinite(x.values[i])) throw new RangeError(`Sample value ${i} is not a finite number.`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`Label ${i} must be 0 or 1.`);
  }
}
