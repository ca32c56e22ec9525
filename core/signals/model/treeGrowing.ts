/**
 * Grows one regression tree on binned features for a boosting round (second-order, as XGBoost
 * and LightGBM do): each split maximises G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), each node's
 * weight is −G/(H+λ) times the learning rate. Histograms are built for the smaller child only and
 * the larger one is the parent minus it. Ties keep the first split found (feature order, then bin
 * order), so growing is deterministic.
 */
export interface GrowOptions {
  readonly maxDepth: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minGain: number;
}

/** Binned training data: bin of sample i on feature f at bins[f·rows + i]. */
export interface BinnedSamples {
  readonly rows: number;
  readonly columns: number;
  readonly bins: Uint8Array;
  /** Upper edge of each bin but the last, per feature: x ≤ edges[f][b] falls in bin ≤ b. */
  readonly edges: readonly Float64Array[];
  readonly binsPerFeature: number;
}

/** Flat tree: feature −1 marks a leaf; `value` holds every node's weight (leaves predict it). */
export interface GrownTree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

interface Split {
  readonly feature: number;
  readonly bin: number;
}

const MIN_HESSIAN = 1e-6;

export function growTree(data: BinnedSamples, gradients: Float64Array, hessians: Float64Array, sampleIndices: Int32Array, options: GrowOptions): GrownTree {
  const tree: GrownTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const rootHistogram = histogramOf(data, gradients, hessians, sampleIndices, 0, sampleIndices.length);
  growNode(tree, data, gradients, hessians, sampleIndices, 0, sampleIndices.length, 0, rootHistogram, options);
  return tree;
}

function growNode(
  tree: GrownTree,
  data: BinnedSamples,
  gradients: Float64Array,
  hessians: Float64Array,
  indices: Int32Array,
  from: number,
  to: number,
  depth: number,
  histogram: Float64Array,
  options: GrowOptions,
): number {
  const node = tree.feature.length;
  const totals = totalsOf(histogram, data.binsPerFeature);
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push((-totals.gradient / (totals.hessian + options.l2)) * options.learningRate);
  if (depth >= options.maxDepth || to - from < 2 * options.minSamplesLeaf) return node;
  const split = bestSplit(histogram, data, totals, options);
  if (split === null) return node;
  const middle = partition(data, indices, from, to, split);
  const leftCount = middle - from;
  const rightCount = to - middle;
  const smallerIsLeft = leftCount <= rightCount;
  const smaller = smallerIsLeft ? histogramOf(data, gradients, hessians, indices, from, middle) : histogramOf(data, gradients, hessians, indices, middle, to);
  const larger = new Float64Array(histogram.length);
  for (let k = 0; k < histogram.length; k++) larger[k] = (histogram[k] ?? 0) - (smaller[k] ?? 0);
  tree.feature[node] = split.feature;
  tree.threshold[node] = data.edges[split.feature]?.[split.bin] ?? Number.NaN;
  tree.left[node] = growNode(tree, data, gradients, hessians, indices, from, middle, depth + 1, smallerIsLeft ? smaller : larger, options);
  tree.right[node] = growNode(tree, data, gradients, hessians, indices, middle, to, depth + 1, smallerIsLeft ? larger : smaller, options);
  return node;
}

/** Per feature and bin: [gradient sum, hessian sum, sample count]. */
function histogramOf(data: BinnedSamples, gradients: Float64Array, hessians: Float64Array, indices: Int32Array, from: number, to: number): Float64Array {
  const width = data.binsPerFeature;
  const histogram = new Float64Array(data.columns * width * 3);
  const { bins, rows } = data;
  for (let f = 0; f < data.columns; f++) {
    const featureOffset = f * rows;
    const histogramOffset = f * width * 3;
    for (let k = from; k < to; k++) {
      const i = indices[k] ?? 0;
      const slot = histogramOffset + (bins[featureOffset + i] ?? 0) * 3;
      histogram[slot] = (histogram[slot] ?? 0) + (gradients[i] ?? 0);
      histogram[slot + 1] = (histogram[slot + 1] ?? 0) + (hessians[i] ?? 0);
      histogram[slot + 2] = (histogram[slot + 2] ?? 0) + 1;
    }
  }
  return histogram;
}

function totalsOf(histogram: Float64Array, width: number): { gradient: number; hessian: number; count: number } {
  let gradient = 0;
  let hessian = 0;
  let count = 0;
  // Every feature's histogram sums to the same totals; the first one is enough.
  for (let b = 0; b < width; b++) {
    gradient += histogram[b * 3] ?? 0;
    hessian += histogram[b * 3 + 1] ?? 0;
    count += histogram[b * 3 + 2] ?? 0;
  }
  return { gradient, hessian, count };
}

function bestSplit(histogram: Float64Array, data: BinnedSamples, totals: { gradient: number; hessian: number; count: number }, options: GrowOptions): Split | null {
  const { l2, minSamplesLeaf } = options;
  const parentScore = (totals.gradient * totals.gradient) / (totals.hessian + l2);
  let bestGain = options.minGain;
  let best: Split | null = null;
  for (let f = 0; f < data.columns; f++) {
    const binsUsed = (data.edges[f]?.length ?? 0) + 1;
    const offset = f * data.binsPerFeature * 3;
    let gradientLeft = 0;
    let hessianLeft = 0;
    let countLeft = 0;
    for (let b = 0; b < binsUsed - 1; b++) {
      gradientLeft += histogram[offset + b * 3] ?? 0;
      hessianLeft += histogram[offset + b * 3 + 1] ?? 0;
      countLeft += histogram[offset + b * 3 + 2] ?? 0;
      const countRight = totals.count - countLeft;
      if (countLeft < minSamplesLeaf) continue;
      if (countRight < minSamplesLeaf) break;
      const hessianRight = totals.hessian - hessianLeft;
      if (hessianLeft < MIN_HESSIAN || hessianRight < MIN_HESSIAN) continue;
      const gradientRight = totals.gradient - gradientLeft;
      const gain = (gradientLeft * gradientLeft) / (hessianLeft + l2) + (gradientRight * gradientRight) / (hessianRight + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature: f, bin: b };
      }
    }
  }
  return best;
}

/** Stable partition of indices[from, to): bin ≤ split.bin first. Returns the first right index. */
function partition(data: BinnedSamples, indices: Int32Array, from: number, to: number, split: Split): number {
  const offset = split.feature * data.rows;
  const right: number[] = [];
  let write = from;
  for (let k = from; k < to; k++) {
    const i = indices[k] ?? 0;
    if ((data.bins[offset + i] ?? 0) <= split.bin) indices[write++] = i;
    else right.push(i);
  }
  const middle = write;
  for (const i of right) indices[write++] = i;
  return middle;
}
