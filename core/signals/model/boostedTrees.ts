import { z } from 'zod';
import { encodeCanonical, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './modelBytes.ts';
import { requireMatrix, sigmoid, topContributions, type FeatureContribution, type FitOptions, type Model, type SampleMatrix } from './model.ts';
import { growTree, type BinnedSamples, type GrownTree } from './treeGrowing.ts';

/**
 * Gradient-boosted trees for a yes/no label, with log-loss and histogram splits (each feature cut
 * into at most `maxBins` bins at the training sample's quantiles). Deterministic: with
 * `rowSampleFraction` 1 (the default) nothing is random; below 1 each tree sees a subsample drawn
 * from a generator seeded by `FitOptions.seed`.
 */
export interface BoostedTreesOptions {
  readonly trees: number;
  readonly maxDepth: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minGain: number;
  readonly maxBins: number;
  readonly rowSampleFraction: number;
}

export const DEFAULT_BOOSTED_TREES: BoostedTreesOptions = {
  trees: 150,
  maxDepth: 3,
  learningRate: 0.05,
  l2: 10,
  minSamplesLeaf: 200,
  minGain: 0,
  maxBins: 32,
  rowSampleFraction: 1,
};

export function fitBoostedTrees(x: SampleMatrix, labels: ArrayLike<number>, featureNames: readonly string[], options: BoostedTreesOptions = DEFAULT_BOOSTED_TREES, fit: FitOptions = {}): BoostedTreesModel {
  requireMatrix(x, labels);
  if (!Number.isSafeInteger(options.maxBins) || options.maxBins < 2 || options.maxBins > 256) throw new RangeError('maxBins must be between 2 and 256.');
  const data = binSamples(x, options.maxBins);
  const { rows } = x;
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += labels[i] ?? 0;
  // Start from the base rate (clamped so an all-one or all-zero sample stays finite).
  const baseRate = Math.min(1 - 1e-6, Math.max(1e-6, positives / rows));
  const baseLogOdds = Math.log(baseRate / (1 - baseRate));
  const scores = new Float64Array(rows).fill(baseLogOdds);
  const gradients = new Float64Array(rows);
  const hessians = new Float64Array(rows);
  const random = mulberry32(fit.seed ?? 0);
  const trees: GrownTree[] = [];
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < rows; i++) {
      const p = sigmoid(scores[i] ?? 0);
      gradients[i] = p - (labels[i] ?? 0);
      hessians[i] = p * (1 - p);
    }
    const sample = rowSample(rows, options.rowSampleFraction, random);
    const tree = growTree(data, gradients, hessians, sample, options);
    trees.push(tree);
    for (let i = 0; i < rows; i++) scores[i] = (scores[i] ?? 0) + leafValue(tree, x.values, i * x.columns);
  }
  return new BoostedTreesModel({ featureNames: [...featureNames], options: { ...options }, baseLogOdds, trees });
}

function binSamples(x: SampleMatrix, maxBins: number): BinnedSamples {
  const { rows, columns, values } = x;
  const bins = new Uint8Array(rows * columns);
  const edges: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let f = 0; f < columns; f++) {
    for (let i = 0; i < rows; i++) column[i] = values[i * columns + f] ?? 0;
    const sorted = Float64Array.from(column).sort();
    const cuts: number[] = [];
    for (let b = 1; b < maxBins; b++) {
      const cut = sorted[Math.min(rows - 1, Math.floor((b * rows) / maxBins))] ?? 0;
      // An edge equal to the maximum would leave the last bin empty.
      if ((cuts.length === 0 || cut > (cuts.at(-1) ?? 0)) && cut < (sorted[rows - 1] ?? 0)) cuts.push(cut);
    }
    const featureEdges = Float64Array.from(cuts);
    edges.push(featureEdges);
    for (let i = 0; i < rows; i++) bins[f * rows + i] = binOf(column[i] ?? 0, featureEdges);
  }
  return { rows, columns, bins, edges, binsPerFeature: maxBins };
}

/** Number of edges strictly below x: the bin x falls into. */
function binOf(x: number, edges: Float64Array): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((edges[middle] ?? 0) < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

function rowSample(rows: number, fraction: number, random: () => number): Int32Array {
  if (fraction >= 1) {
    const all = new Int32Array(rows);
    for (let i = 0; i < rows; i++) all[i] = i;
    return all;
  }
  const chosen: number[] = [];
  for (let i = 0; i < rows; i++) if (random() < fraction) chosen.push(i);
  return Int32Array.from(chosen);
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function leafValue(tree: GrownTree, x: ArrayLike<number>, offset: number): number {
  let node = 0;
  for (;;) {
    const feature = tree.feature[node] ?? -1;
    if (feature < 0) return tree.value[node] ?? 0;
    node = (x[offset + feature] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
  }
}

const treeSchema = z.object({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(z.number()),
  left: z.array(z.number().int().min(-1)),
  right: z.array(z.number().int().min(-1)),
  value: z.array(z.number()),
});

export const boostedTreesParametersSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  kind: z.literal('boostedTrees'),
  featureNames: z.array(z.string()).min(1),
  options: z.object({
    trees: z.number().int().positive(),
    maxDepth: z.number().int().nonnegative(),
    learningRate: z.number().positive(),
    l2: z.number().nonnegative(),
    minSamplesLeaf: z.number().int().positive(),
    minGain: z.number().nonnegative(),
    maxBins: z.number().int().min(2).max(256),
    rowSampleFraction: z.number().positive().max(1),
  }),
  baseLogOdds: z.number(),
  trees: z.array(treeSchema),
});

export interface BoostedTreesParameters {
  readonly featureNames: string[];
  readonly options: BoostedTreesOptions;
  readonly baseLogOdds: number;
  readonly trees: GrownTree[];
}

export class BoostedTreesModel implements Model {
  readonly kind = 'boostedTrees' as const;
  readonly featureNames: readonly string[];
  readonly parameters: BoostedTreesParameters;
  /** All trees in one set of flat arrays; children are absolute node numbers. */
  readonly #feature: Int32Array;
  readonly #threshold: Float64Array;
  readonly #left: Int32Array;
  readonly #right: Int32Array;
  readonly #value: Float64Array;
  readonly #roots: Int32Array;

  constructor(parameters: BoostedTreesParameters) {
    this.parameters = parameters;
    this.featureNames = parameters.featureNames;
    const nodes = parameters.trees.reduce((sum, tree) => sum + tree.feature.length, 0);
    this.#feature = new Int32Array(nodes);
    this.#threshold = new Float64Array(nodes);
    this.#left = new Int32Array(nodes);
    this.#right = new Int32Array(nodes);
    this.#value = new Float64Array(nodes);
    this.#roots = new Int32Array(parameters.trees.length);
    let offset = 0;
    parameters.trees.forEach((tree, t) => {
      requireWellFormed(tree, parameters.featureNames.length);
      this.#roots[t] = offset;
      for (let n = 0; n < tree.feature.length; n++) {
        const feature = tree.feature[n] ?? -1;
        this.#feature[offset + n] = feature;
        this.#threshold[offset + n] = tree.threshold[n] ?? 0;
        this.#left[offset + n] = feature < 0 ? -1 : offset + (tree.left[n] ?? 0);
        this.#right[offset + n] = feature < 0 ? -1 : offset + (tree.right[n] ?? 0);
        this.#value[offset + n] = tree.value[n] ?? 0;
      }
      offset += tree.feature.length;
    });
  }

  logOdds(x: ArrayLike<number>): number {
    let total = this.parameters.baseLogOdds;
    const feature = this.#feature;
    for (let t = 0; t < this.#roots.length; t++) {
      let node = this.#roots[t] ?? 0;
      let split = feature[node] ?? -1;
      while (split >= 0) {
        node = (x[split] ?? 0) <= (this.#threshold[node] ?? 0) ? (this.#left[node] ?? 0) : (this.#right[node] ?? 0);
        split = feature[node] ?? -1;
      }
      total += this.#value[node] ?? 0;
    }
    return total;
  }

  predictProbability(x: ArrayLike<number>): number {
    return sigmoid(this.logOdds(x));
  }

  /**
   * Path attribution (Saabas): walking a tree, each split credits its feature with the change in
   * node weight from parent to child. Per tree that sums to leaf − root weight, so all
   * contributions plus the baseline (base log-odds + every root's weight) equal the prediction.
   */
  explain(x: ArrayLike<number>, top = 3): FeatureContribution[] {
    const sums = new Float64Array(this.featureNames.length);
    for (let t = 0; t < this.#roots.length; t++) {
      let node = this.#roots[t] ?? 0;
      let split = this.#feature[node] ?? -1;
      while (split >= 0) {
        const child = (x[split] ?? 0) <= (this.#threshold[node] ?? 0) ? (this.#left[node] ?? 0) : (this.#right[node] ?? 0);
        sums[split] = (sums[split] ?? 0) + (this.#value[child] ?? 0) - (this.#value[node] ?? 0);
        node = child;
        split = this.#feature[node] ?? -1;
      }
    }
    return topContributions(
      this.featureNames.map((feature, j) => ({ feature, value: x[j] ?? Number.NaN, contribution: sums[j] ?? 0 })),
      top,
    );
  }

  /** Base log-odds plus every tree's root weight: the log-odds before any feature is looked at. */
  get baselineLogOdds(): number {
    let baseline = this.parameters.baseLogOdds;
    for (let t = 0; t < this.#roots.length; t++) baseline += this.#value[this.#roots[t] ?? 0] ?? 0;
    return baseline;
  }

  serialise(): Uint8Array {
    const p = this.parameters;
    return encodeCanonical({
      format: MODEL_FORMAT,
      version: MODEL_FORMAT_VERSION,
      kind: this.kind,
      featureNames: p.featureNames,
      options: { ...p.options },
      baseLogOdds: p.baseLogOdds,
      trees: p.trees.map((tree) => ({ feature: tree.feature, threshold: tree.threshold, left: tree.left, right: tree.right, value: tree.value })),
    });
  }
}

/** Refuses trees that could loop or index outside the feature vector (a damaged file). */
function requireWellFormed(tree: GrownTree, featureCount: number): void {
  const size = tree.feature.length;
  if (size === 0 || tree.threshold.length !== size || tree.left.length !== size || tree.right.length !== size || tree.value.length !== size) {
    throw new RangeError('A tree has arrays of different lengths.');
  }
  for (let n = 0; n < size; n++) {
    const feature = tree.feature[n] ?? -1;
    if (feature < 0) continue;
    const left = tree.left[n] ?? -1;
    const right = tree.right[n] ?? -1;
    // Children always come after their parent, so every walk ends at a leaf.
    if (feature >= featureCount || left <= n || right <= n || left >= size || right >= size) throw new RangeError('A tree node points outside the tree.');
  }
}
