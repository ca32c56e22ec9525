import { z } from 'zod';
import { choleskySolve } from './linearAlgebra.ts';
import { encodeCanonical, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelBytes.ts';
import { requireMatrix, sigmoid, topContributions, type FeatureContribution, type FitOptions, type Model, type SampleMatrix } from './model.ts';

/**
 * L2-regularised logistic regression with an intercept, fitted by Newton's method (IRLS) with
 * step halving. Features are standardised with the training sample's own mean and standard
 * deviation (never the data it will be tested on); the penalty λ·½‖w‖² spares the intercept.
 * No randomness: the same samples give the same weights, bit for bit.
 */
export interface LogisticOptions {
  /** λ, in units of the summed log-loss over samples of standardised features. */
  readonly l2: number;
  readonly maxIterations: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 10, maxIterations: 50 };

const CONVERGED_STEP = 1e-10;

export function fitLogisticRegression(x: SampleMatrix, labels: ArrayLike<number>, featureNames: readonly string[], options: LogisticOptions = DEFAULT_LOGISTIC, _fit: FitOptions = {}): LogisticRegressionModel {
  requireMatrix(x, labels);
  if (!(options.l2 > 0)) throw new RangeError('The L2 penalty must be positive, or separable data would push weights to infinity.');
  const { rows, columns, values } = x;
  const means = new Float64Array(columns);
  const scales = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += values[i * columns + j] ?? 0;
    const mean = sum / rows;
    let squares = 0;
    for (let i = 0; i < rows; i++) squares += ((values[i * columns + j] ?? 0) - mean) ** 2;
    const deviation = Math.sqrt(squares / rows);
    means[j] = mean;
    // A constant feature carries no information; a scale of 1 keeps it harmless.
    scales[j] = deviation > 1e-12 ? deviation : 1;
  }
  const width = columns + 1;
  const standardised = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) {
    standardised[i * width] = 1;
    for (let j = 0; j < columns; j++) {
      standardised[i * width + j + 1] = ((values[i * columns + j] ?? 0) - (means[j] ?? 0)) / (scales[j] ?? 1);
    }
  }
  const weights = new Float64Array(width);
  let loss = penalisedLoss(standardised, labels, weights, options.l2, rows, width);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let i = 0; i < rows; i++) {
      const row = i * width;
      let eta = 0;
      for (let k = 0; k < width; k++) eta += (weights[k] ?? 0) * (standardised[row + k] ?? 0);
      const p = sigmoid(eta);
      const residual = p - (labels[i] ?? 0);
      const curvature = p * (1 - p);
      for (let a = 0; a < width; a++) {
        const za = standardised[row + a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + residual * za;
        const scaled = curvature * za;
        for (let b = 0; b <= a; b++) hessian[a * width + b] = (hessian[a * width + b] ?? 0) + scaled * (standardised[row + b] ?? 0);
      }
    }
    for (let a = 1; a < width; a++) {
      gradient[a] = (gradient[a] ?? 0) + options.l2 * (weights[a] ?? 0);
      hessian[a * width + a] = (hessian[a * width + a] ?? 0) + options.l2;
    }
    for (let a = 0; a < width; a++) for (let b = 0; b < a; b++) hessian[b * width + a] = hessian[a * width + b] ?? 0;
    const step = choleskySolve(hessian, gradient, width);
    let scale = 1;
    const candidate = new Float64Array(width);
    let candidateLoss = Number.POSITIVE_INFINITY;
    for (let halving = 0; halving < 30; halving++) {
      for (let k = 0; k < width; k++) candidate[k] = (weights[k] ?? 0) - scale * (step[k] ?? 0);
      candidateLoss = penalisedLoss(standardised, labels, candidate, options.l2, rows, width);
      if (candidateLoss <= loss) break;
      scale /= 2;
    }
    if (!(candidateLoss <= loss)) break;
    let largestMove = 0;
    for (let k = 0; k < width; k++) largestMove = Math.max(largestMove, Math.abs((candidate[k] ?? 0) - (weights[k] ?? 0)));
    weights.set(candidate);
    loss = candidateLoss;
    if (largestMove < CONVERGED_STEP) break;
  }
  return new LogisticRegressionModel({
    featureNames: [...featureNames],
    l2: options.l2,
    means: [...means],
    scales: [...scales],
    intercept: weights[0] ?? 0,
    weights: [...weights.subarray(1)],
  });
}

function penalisedLoss(z: Float64Array, labels: ArrayLike<number>, w: Float64Array, l2: number, rows: number, width: number): number {
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    let eta = 0;
    for (let k = 0; k < width; k++) eta += (w[k] ?? 0) * (z[i * width + k] ?? 0);
    // log(1 + e^η) − y·η, computed without overflow.
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - (labels[i] ?? 0) * eta;
  }
  let penalty = 0;
  for (let k = 1; k < width; k++) penalty += (w[k] ?? 0) ** 2;
  return loss + 0.5 * l2 * penalty;
}

export const logisticParametersSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  kind: z.literal('logistic'),
  featureNames: z.array(z.string()).min(1),
  l2: z.number().positive(),
  means: z.array(z.number()),
  scales: z.array(z.number().positive()),
  intercept: z.number(),
  weights: z.array(z.number()),
});

export interface LogisticParameters {
  readonly featureNames: string[];
  readonly l2: number;
  readonly means: number[];
  readonly scales: number[];
  readonly intercept: number;
  readonly weights: number[];
}

export class LogisticRegressionModel implements Model {
  readonly kind = 'logistic' as const;
  readonly featureNames: readonly string[];
  readonly parameters: LogisticParameters;
  readonly #means: Float64Array;
  readonly #scales: Float64Array;
  readonly #weights: Float64Array;

  constructor(parameters: LogisticParameters) {
    const size = parameters.featureNames.length;
    if (parameters.means.length !== size || parameters.scales.length !== size || parameters.weights.length !== size) {
      throw new RangeError('A logistic model needs one mean, scale and weight per feature.');
    }
    this.parameters = parameters;
    this.featureNames = parameters.featureNames;
    this.#means = Float64Array.from(parameters.means);
    this.#scales = Float64Array.from(parameters.scales);
    this.#weights = Float64Array.from(parameters.weights);
  }

  logOdds(x: ArrayLike<number>): number {
    let eta = this.parameters.intercept;
    const weights = this.#weights;
    for (let j = 0; j < weights.length; j++) eta += ((weights[j] ?? 0) * ((x[j] ?? 0) - (this.#means[j] ?? 0))) / (this.#scales[j] ?? 1);
    return eta;
  }

  predictProbability(x: ArrayLike<number>): number {
    return sigmoid(this.logOdds(x));
  }

  /** Contribution of feature j = w_j · (x_j − training mean_j) / scale_j; the baseline is the intercept. */
  explain(x: ArrayLike<number>, top = 3): FeatureContribution[] {
    const all = this.featureNames.map((feature, j) => ({
      feature,
      value: x[j] ?? Number.NaN,
      contribution: ((this.#weights[j] ?? 0) * ((x[j] ?? 0) - (this.#means[j] ?? 0))) / (this.#scales[j] ?? 1),
    }));
    return topContributions(all, top);
  }

  serialise(): Uint8Array {
    const p = this.parameters;
    return encodeCanonical({
      format: MODEL_FORMAT,
      version: MODEL_FORMAT_VERSION,
      kind: this.kind,
      featureNames: p.featureNames,
      l2: p.l2,
      means: p.means,
      scales: p.scales,
      intercept: p.intercept,
      weights: p.weights,
    });
  }
}
