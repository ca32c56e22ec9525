import { describe, expect, it } from 'vitest';
import {
  areaUnderRoc,
  BoostedTreesModel,
  DEFAULT_BOOSTED_TREES,
  deserialiseModel,
  fitBoostedTrees,
  fitLogisticRegression,
  type Model,
  type SampleMatrix,
} from '../../../../core/signals/model/index.ts';
import { mulberry32 } from '../../../../core/signals/model/boostedTrees.ts';
import { sha256Hex } from '../../../../core/signals/model/modelBytes.ts';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** x0 ~ N(5, 2²), x1 ~ N(−3, 0.5²), x2 ~ U(0, 1) noise; y ~ Bernoulli(p(x)). */
function synthetic(rows: number, seed: number, probability: (x: number[]) => number): { x: SampleMatrix; y: Uint8Array } {
  const random = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const values = new Float64Array(rows * 3);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = [5 + 2 * normal(), -3 + 0.5 * normal(), random()];
    values.set(x, i * 3);
    y[i] = random() < probability(x) ? 1 : 0;
  }
  return { x: { rows, columns: 3, values }, y };
}

const NAMES = ['a', 'b', 'noise'];
const row = (x: SampleMatrix, i: number): Float64Array => x.values.subarray(i * x.columns, (i + 1) * x.columns);

function logOddsOf(model: Model, x: ArrayLike<number>): number {
  const p = model.predictProbability(x);
  return Math.log(p / (1 - p));
}

describe('L2-regularised logistic regression with intercept', () => {
  // True model in raw units: logit p = −1 + 0.6·(x0 − 5) − 1.2·(x1 + 3).
  const truth = (x: number[]): number => sigmoid(-1 + 0.6 * (x[0]! - 5) - 1.2 * (x[1]! + 3));
  const { x, y } = synthetic(20_000, 7, truth);

  it('recovers the true coefficients and intercept when the penalty is negligible', () => {
    const model = fitLogisticRegression(x, y, NAMES, { l2: 1e-6, maxIterations: 50 });
    const { means, scales, weights, intercept } = model.parameters;
    // Back to raw units: slope_j = w_j / σ_j; value at x = (5, −3, mean of noise) is the intercept of the truth.
    expect(weights[0]! / scales[0]!).toBeCloseTo(0.6, 1);
    expect(weights[1]! / scales[1]!).toBeCloseTo(-1.2, 1);
    expect(Math.abs(weights[2]! / scales[2]!)).toBeLessThan(0.15);
    const atCentre = intercept + (weights[0]! * (5 - means[0]!)) / scales[0]! + (weights[1]! * (-3 - means[1]!)) / scales[1]!;
    expect(atCentre).toBeCloseTo(-1, 1);
  });

  it('stops where the penalised gradient is zero: Σ z·(p − y) + λ·w = 0 (intercept unpenalised)', () => {
    const l2 = 50;
    const model = fitLogisticRegression(x, y, NAMES, { l2, maxIterations: 50 });
    const { means, scales, weights } = model.parameters;
    const gradient = [0, 0, 0, 0];
    for (let i = 0; i < x.rows; i++) {
      const residual = model.predictProbability(row(x, i)) - y[i]!;
      gradient[0]! += residual;
      for (let j = 0; j < 3; j++) gradient[j + 1]! += (residual * (row(x, i)[j]! - means[j]!)) / scales[j]!;
    }
    for (let j = 0; j < 3; j++) gradient[j + 1]! += l2 * weights[j]!;
    for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-6);
  });

  it('shrinks the weights under a huge penalty but keeps the base rate through the intercept', () => {
    const { x: noise, y: mostlyOnes } = synthetic(5_000, 3, () => 0.8);
    const model = fitLogisticRegression(noise, mostlyOnes, NAMES, { l2: 1e9, maxIterations: 50 });
    const rate = mostlyOnes.reduce((sum, label) => sum + label, 0) / mostlyOnes.length;
    for (const weight of model.parameters.weights) expect(Math.abs(weight)).toBeLessThan(1e-5);
    expect(model.parameters.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 4);
  });

  it('standardises with the training sample only: its means are the training means', () => {
    const model = fitLogisticRegression(x, y, NAMES);
    let sum = 0;
    for (let i = 0; i < x.rows; i++) sum += row(x, i)[0]!;
    expect(model.parameters.means[0]).toBeCloseTo(sum / x.rows, 12);
  });

  it('explains a prediction with contributions that add up, with the intercept, to its log-odds', () => {
    const model = fitLogisticRegression(x, y, NAMES);
    const sample = row(x, 17);
    const all = model.explain(sample, 3);
    expect(all.map((c) => Math.abs(c.contribution))).toEqual([...all.map((c) => Math.abs(c.contribution))].sort((a, b) => b - a));
    expect(model.parameters.intercept + all.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(logOddsOf(model, sample), 10);
    expect(model.explain(sample, 1)).toHaveLength(1);
  });
});

describe('gradient-boosted trees', () => {
  // A threshold rule no straight line captures: works only when 4 < x0 < 6.
  const band = (x: number[]): number => (x[0]! > 4 && x[0]! < 6 ? 0.85 : 0.15);
  const { x, y } = synthetic(8_000, 11, band);
  const test = synthetic(4_000, 12, band);
  const options = { ...DEFAULT_BOOSTED_TREES, trees: 60, maxDepth: 2, minSamplesLeaf: 50, learningRate: 0.1 };

  it('learns a band that logistic regression cannot', () => {
    const trees = fitBoostedTrees(x, y, NAMES, options);
    const linear = fitLogisticRegression(x, y, NAMES);
    const scores = (model: Model): number[] => Array.from({ length: test.x.rows }, (_, i) => model.predictProbability(row(test.x, i)));
    expect(areaUnderRoc(scores(trees), test.y)).toBeGreaterThan(0.75);
    expect(areaUnderRoc(scores(linear), test.y)).toBeLessThan(0.6);
  });

  it('explains a prediction with path contributions that add up, with the baseline, to its log-odds', () => {
    const model = fitBoostedTrees(x, y, NAMES, options);
    for (const i of [0, 5, 99]) {
      const sample = row(test.x, i);
      const total = model.explain(sample, 3).reduce((s, c) => s + c.contribution, 0);
      expect(model.baselineLogOdds + total).toBeCloseTo(logOddsOf(model, sample), 9);
    }
    // The noise feature is never worth a split here; x0 is.
    expect(model.explain(row(test.x, 0), 1)[0]?.feature).toBe('a');
  });

  it('gives the same bytes for the same data and seed, and different bytes for another seed when subsampling', () => {
    const sampled = { ...options, rowSampleFraction: 0.7 };
    const first = sha256Hex(fitBoostedTrees(x, y, NAMES, sampled, { seed: 5 }).serialise());
    expect(sha256Hex(fitBoostedTrees(x, y, NAMES, sampled, { seed: 5 }).serialise())).toBe(first);
    expect(sha256Hex(fitBoostedTrees(x, y, NAMES, sampled, { seed: 6 }).serialise())).not.toBe(first);
    expect(sha256Hex(fitBoostedTrees(x, y, NAMES, options, { seed: 1 }).serialise())).toBe(sha256Hex(fitBoostedTrees(x, y, NAMES, options, { seed: 2 }).serialise()));
  });
});

describe('model files', () => {
  const { x, y } = synthetic(3_000, 21, (v) => sigmoid(v[0]! - 5));
  const models: Model[] = [fitLogisticRegression(x, y, NAMES), fitBoostedTrees(x, y, NAMES, { ...DEFAULT_BOOSTED_TREES, trees: 20, minSamplesLeaf: 50 })];

  it.each(models.map((model) => [model.kind, model] as const))('reads back a %s model that predicts and serialises identically', (_kind, model) => {
    const bytes = model.serialise();
    const read = deserialiseModel(bytes);
    if (!read.ok) throw new Error(read.detail);
    expect(read.model.kind).toBe(model.kind);
    expect(read.model.serialise()).toEqual(bytes);
    for (let i = 0; i < 200; i++) expect(read.model.predictProbability(row(x, i))).toBe(model.predictProbability(row(x, i)));
  });

  it('refuses damaged or foreign bytes instead of loading half a model', () => {
    const bytes = models[1]!.serialise();
    expect(deserialiseModel(bytes.subarray(0, bytes.length - 10))).toMatchObject({ ok: false, code: 'MODEL_FILE_UNREADABLE' });
    expect(deserialiseModel(new TextEncoder().encode('{"kind":"neuralNet"}'))).toMatchObject({ ok: false });
    expect(deserialiseModel(new Uint8Array([0xff, 0xfe, 0x00]))).toMatchObject({ ok: false });
    // A tree whose child points back at its parent would loop forever.
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { trees: { left: number[]; feature: number[] }[] };
    const tree = parsed.trees.find((t) => t.feature[0]! >= 0)!;
    tree.left[0] = 0;
    expect(deserialiseModel(new TextEncoder().encode(JSON.stringify(parsed)))).toMatchObject({ ok: false, code: 'MODEL_FILE_UNREADABLE' });
  });

  it('refuses a tree that names a feature the model does not have', () => {
    expect(
      () =>
        new BoostedTreesModel({
          featureNames: ['a'],
          options: DEFAULT_BOOSTED_TREES,
          baseLogOdds: 0,
          trees: [{ feature: [3, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, 0, 0] }],
        }),
    ).toThrow(RangeError);
  });
});
