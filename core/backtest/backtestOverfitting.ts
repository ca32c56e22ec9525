/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV),
 * Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting" (2015).
 *
 * The T × N matrix of period returns (rows = periods, columns = trials) is cut into S blocks of
 * consecutive rows. Every way of picking S/2 blocks is one split: those blocks are in-sample,
 * the rest out-of-sample (C(16, 8) = 12,870 splits for the default S = 16; each split's mirror
 * image is a split too, which is what makes it symmetric). In each split the trial with the
 * best in-sample metric is the one a researcher would pick; its out-of-sample metric gets the
 * relative rank ω = rank / (N + 1) among all trials out-of-sample (rank 1 = worst, N = best),
 * and the logit λ = ln(ω / (1 − ω)). PBO is the share of splits with λ ≤ 0: the pick did no
 * better than the median trial once it met data it was not chosen on. The paper integrates the
 * logits' density from −∞ to 0, so λ = 0 counts as overfit, as in the pypbo implementation.
 *
 * Ties, stated because they decide edge cases:
 * - in-sample, several trials sharing the best metric → the first of them (lowest column) is
 *   the pick, like numpy's argmax;
 * - out-of-sample, tied metrics share the average of their ranks (like scipy's `rankdata`), so
 *   N identical trials give ω = 1/2, λ = 0, and count as overfit: nothing was learnt;
 * - a metric that cannot be computed (a Sharpe ratio on constant returns) ranks below every
 *   number, in-sample and out-of-sample.
 * When T is not a multiple of S, the oldest T mod S rows are left out so the blocks are equal.
 */
import { BacktestInputError, requireWholeNumber } from './backtestInputError.ts';

/**
 * The performance measure ranked in each half: the per-period Sharpe ratio (mean / sample
 * standard deviation, as in the paper), the mean return, or a function of one trial's returns.
 */
export type OverfittingMetric = 'sharpe' | 'meanReturn' | ((returns: Float64Array) => number);

export interface OverfittingOptions {
  /** S, an even number of blocks from 2 to 20 (default 16). */
  readonly blocks?: number;
  readonly metric?: OverfittingMetric;
}

export interface BacktestOverfitting {
  /** PBO: the share of splits in which the in-sample pick ranked at or below the median out-of-sample. */
  readonly probability: number;
  /** Share of splits in which the in-sample pick's out-of-sample metric was below 0 (a loss for Sharpe or mean). */
  readonly probabilityOfOutOfSampleLoss: number;
  readonly splits: number;
  /** λ of every split, in the order the splits were formed. */
  readonly logits: Float64Array;
  readonly rowsPerBlock: number;
  /** Oldest rows left out so that every block has the same length. */
  readonly droppedRows: number;
}

const MAX_BLOCKS = 20;

function toColumns(returns: readonly (readonly number[])[]): { trials: number; columns: Float64Array[] } {
  const rows = returns.length;
  const trials = returns[0]?.length ?? 0;
  if (trials < 2) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `Overfitting needs at least 2 trials to choose between (got ${trials}).`);
  }
  const columns = Array.from({ length: trials }, () => new Float64Array(rows));
  for (let row = 0; row < rows; row++) {
    const values = returns[row] ?? [];
    if (values.length !== trials) {
      throw new BacktestInputError('MISMATCHED_LENGTHS', `Row ${row} has ${values.length} trials, the first row has ${trials}.`);
    }
    for (let trial = 0; trial < trials; trial++) {
      const value = values[trial] ?? Number.NaN;
      if (!Number.isFinite(value)) {
        throw new BacktestInputError('NOT_A_NUMBER', `The return at row ${row}, trial ${trial} is not a finite number.`);
      }
      (columns[trial] as Float64Array)[row] = value;
    }
  }
  return { trials, columns };
}

/**
 * Per block and trial, the count-free sums Σ(x − c) and Σ(x − c)² around the trial's overall
 * mean c, so that a half's mean and variance come from S/2 additions without the cancellation
 * of raw sums of squares.
 */
interface BlockSums {
  readonly center: Float64Array;
  readonly sums: Float64Array;
  readonly squares: Float64Array;
}

function blockSums(columns: readonly Float64Array[], firstRow: number, blocks: number, rowsPerBlock: number): BlockSums {
  const trials = columns.length;
  const center = new Float64Array(trials);
  const sums = new Float64Array(blocks * trials);
  const squares = new Float64Array(blocks * trials);
  for (let trial = 0; trial < trials; trial++) {
    const column = columns[trial] as Float64Array;
    let total = 0;
    for (let row = firstRow; row < column.length; row++) total += column[row] ?? 0;
    const c = total / (column.length - firstRow);
    center[trial] = c;
    for (let block = 0; block < blocks; block++) {
      let sum = 0;
      let square = 0;
      const start = firstRow + block * rowsPerBlock;
      for (let row = start; row < start + rowsPerBlock; row++) {
        const d = (column[row] ?? 0) - c;
        sum += d;
        square += d * d;
      }
      sums[block * trials + trial] = sum;
      squares[block * trials + trial] = square;
    }
  }
  return { center, sums, squares };
}

/** Fills `out` with every trial's metric over the blocks set in `mask`. */
type HalfMetric = (mask: number, out: Float64Array) => void;

function momentMetric(kind: 'sharpe' | 'meanReturn', moments: BlockSums, blocks: number, rowsPerBlock: number): HalfMetric {
  const trials = moments.center.length;
  const count = (blocks / 2) * rowsPerBlock;
  return (mask, out) => {
    for (let trial = 0; trial < trials; trial++) {
      let sum = 0;
      let square = 0;
      for (let block = 0; block < blocks; block++) {
        if ((mask & (1 << block)) === 0) continue;
        sum += moments.sums[block * trials + trial] ?? 0;
        square += moments.squares[block * trials + trial] ?? 0;
      }
      const offset = sum / count;
      const mean = (moments.center[trial] ?? 0) + offset;
      if (kind === 'meanReturn') {
        out[trial] = mean;
        continue;
      }
      const variance = Math.max(0, (square - sum * offset) / (count - 1));
      out[trial] = variance > 0 ? mean / Math.sqrt(variance) : Number.NaN;
    }
  };
}

function functionMetric(metric: (returns: Float64Array) => number, columns: readonly Float64Array[], firstRow: number, blocks: number, rowsPerBlock: number): HalfMetric {
  const half = new Float64Array((blocks / 2) * rowsPerBlock);
  return (mask, out) => {
    for (let trial = 0; trial < columns.length; trial++) {
      const column = columns[trial] as Float64Array;
      let at = 0;
      for (let block = 0; block < blocks; block++) {
        if ((mask & (1 << block)) === 0) continue;
        const start = firstRow + block * rowsPerBlock;
        half.set(column.subarray(start, start + rowsPerBlock), at);
        at += rowsPerBlock;
      }
      out[trial] = metric(half);
    }
  };
}

/** A metric that could not be computed ranks below every number. */
const comparable = (value: number): number => (Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value);

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

export function probabilityOfBacktestOverfitting(
  returns: readonly (readonly number[])[],
  options: OverfittingOptions = {},
): BacktestOverfitting {
  const blocks = options.blocks ?? 16;
  requireWholeNumber('The number of blocks', blocks, 2);
  if (blocks % 2 !== 0 || blocks > MAX_BLOCKS) {
    throw new BacktestInputError('OUT_OF_RANGE', `The number of blocks must be even and at most ${MAX_BLOCKS} (got ${blocks}).`);
  }
  const { trials, columns } = toColumns(returns);
  const rows = returns.length;
  const rowsPerBlock = Math.floor(rows / blocks);
  const metric = options.metric ?? 'sharpe';
  const minimumPerHalf = metric === 'meanReturn' ? 1 : 2;
  if (rowsPerBlock * (blocks / 2) < minimumPerHalf) {
    throw new BacktestInputError('TOO_FEW_OBSERVATIONS', `${rows} periods are too few to cut into ${blocks} blocks.`);
  }
  const droppedRows = rows - rowsPerBlock * blocks;
  const halfMetric =
    typeof metric === 'function'
      ? functionMetric(metric, columns, droppedRows, blocks, rowsPerBlock)
      : momentMetric(metric, blockSums(columns, droppedRows, blocks, rowsPerBlock), blocks, rowsPerBlock);

  const inSample = new Float64Array(trials);
  const outOfSample = new Float64Array(trials);
  const logits: number[] = [];
  let overfit = 0;
  let losses = 0;
  const all = (1 << blocks) - 1;
  for (let mask = 0; mask <= all; mask++) {
    if (bitCount(mask) !== blocks / 2) continue;
    halfMetric(mask, inSample);
    halfMetric(all & ~mask, outOfSample);
    let pick = 0;
    for (let trial = 1; trial < trials; trial++) {
      if (comparable(inSample[trial] ?? Number.NaN) > comparable(inSample[pick] ?? Number.NaN)) pick = trial;
    }
    const picked = comparable(outOfSample[pick] ?? Number.NaN);
    let below = 0;
    let tied = 0;
    for (let trial = 0; trial < trials; trial++) {
      const value = comparable(outOfSample[trial] ?? Number.NaN);
      if (value < picked) below++;
      else if (value === picked) tied++;
    }
    // Average rank of the tied group (which includes the pick): below + (tied + 1) / 2.
    const omega = (below + (tied + 1) / 2) / (trials + 1);
    const logit = Math.log(omega / (1 - omega));
    logits.push(logit);
    if (logit <= 0) overfit++;
    if (picked < 0) losses++;
  }
  const splits = logits.length;
  return {
    probability: overfit / splits,
    probabilityOfOutOfSampleLoss: losses / splits,
    splits,
    logits: Float64Array.from(logits),
    rowsPerBlock,
    droppedRows,
  };
}
