import { describe, expect, it } from 'vitest';
import { BacktestInputError, probabilityOfBacktestOverfitting } from '../../../core/backtest/index.ts';
import { normalReturnsMatrix } from './support/seededNormal.ts';

/** How many independent noise sweeps the "PBO near one half" test averages. */
const NOISE_SWEEPS = Number(process.env.BALLAST_PBO_NOISE_SWEEPS ?? 16);

/** rows × 2 matrix from two columns. */
const twoTrials = (first: number[], second: number[]): number[][] => first.map((value, row) => [value, second[row] ?? Number.NaN]);

describe('probabilityOfBacktestOverfitting', () => {
  it('forms C(16, 8) = 12,870 splits by default', () => {
    const result = probabilityOfBacktestOverfitting(normalReturnsMatrix(160, 4, 1));
    expect(result.splits).toBe(12_870);
    expect(result.logits).toHaveLength(12_870);
    expect(result.rowsPerBlock).toBe(10);
  });

  it('counts a pick that turns out worst out-of-sample as overfit, worked by hand', () => {
    // Two blocks of two rows, metric = mean return. C(2, 1) = 2 splits.
    //   trial A: block 1 mean 1, block 2 mean 0;   trial B: mean 0.5 in both blocks.
    // Split 1 (in-sample block 1): A wins 1 > 0.5; out-of-sample A = 0 < B = 0.5 → rank 1,
    //   ω = 1 / (2 + 1) = 1/3, λ = ln((1/3) / (2/3)) = ln 0.5 = −0.6931 ≤ 0 → overfit.
    // Split 2 (in-sample block 2): B wins 0.5 > 0; out-of-sample B = 0.5 < A = 1 → rank 1 → overfit.
    const result = probabilityOfBacktestOverfitting(twoTrials([1, 1, 0, 0], [0.5, 0.5, 0.5, 0.5]), { blocks: 2, metric: 'meanReturn' });
    expect(result.splits).toBe(2);
    expect(result.probability).toBe(1);
    for (const logit of result.logits) expect(logit).toBeCloseTo(Math.log(0.5), 14);
  });

  it('counts a pick that stays best out-of-sample as not overfit, worked by hand', () => {
    // A: means 1 and 0.8; B: means 0 and 0.2. A wins in-sample in both splits and is best
    // out-of-sample: rank 2, ω = 2/3, λ = ln 2 = 0.6931 > 0 → PBO 0. Its out-of-sample means
    // (0.8 and 1) are gains, so the probability of an out-of-sample loss is 0 too.
    const result = probabilityOfBacktestOverfitting(twoTrials([1, 1, 0.8, 0.8], [0, 0, 0.2, 0.2]), { blocks: 2, metric: 'meanReturn' });
    expect(result.probability).toBe(0);
    expect(result.probabilityOfOutOfSampleLoss).toBe(0);
    for (const logit of result.logits) expect(logit).toBeCloseTo(Math.log(2), 14);
  });

  it('breaks ties as stated: first trial in-sample, average rank out-of-sample, so identical trials are overfit', () => {
    // Three identical trials: in-sample tie → trial 0 is picked; out-of-sample all tie →
    // average rank (1 + 2 + 3)/3 = 2, ω = 2/4 = 0.5, λ = ln 1 = 0 → counted (λ ≤ 0).
    const same = [0.01, -0.02, 0.03, 0.0, 0.01, 0.02, -0.01, 0.02];
    const matrix = same.map((value) => [value, value, value]);
    const result = probabilityOfBacktestOverfitting(matrix, { blocks: 4 });
    expect(result.splits).toBe(6);
    expect([...result.logits].every((logit) => logit === 0)).toBe(true);
    expect(result.probability).toBe(1);
  });

  it('puts PBO near one half for trials of pure noise', () => {
    // With N = 20 (even) and no skill, the pick's out-of-sample rank is uniform on 1…20 and
    // P(rank ≤ 10) = 1/2 exactly. One sweep's PBO scatters widely (its splits share data), so
    // the test averages independent sweeps.
    let total = 0;
    for (let sweep = 0; sweep < NOISE_SWEEPS; sweep++) {
      total += probabilityOfBacktestOverfitting(normalReturnsMatrix(400, 20, 1_000 + sweep)).probability;
    }
    expect(Math.abs(total / NOISE_SWEEPS - 0.5)).toBeLessThan(0.15);
  });

  it('puts PBO near 0 when one trial has a real edge in every block', () => {
    // Trial 7 earns 0.002 a period more than 19 noise trials with spread 0.01: a per-period
    // Sharpe of 0.2, about 4 standard errors over a half of 400 periods.
    const result = probabilityOfBacktestOverfitting(normalReturnsMatrix(800, 20, 7, (trial) => (trial === 7 ? 0.002 : 0)));
    expect(result.probability).toBeLessThan(0.05);
    expect(result.probabilityOfOutOfSampleLoss).toBeLessThan(0.05);
  });

  it('accepts a metric function and agrees with the built-in mean when given a mean', () => {
    const matrix = normalReturnsMatrix(96, 5, 3);
    const mean = (returns: Float64Array): number => returns.reduce((sum, value) => sum + value, 0) / returns.length;
    const builtIn = probabilityOfBacktestOverfitting(matrix, { blocks: 8, metric: 'meanReturn' });
    const custom = probabilityOfBacktestOverfitting(matrix, { blocks: 8, metric: mean });
    expect(custom.probability).toBe(builtIn.probability);
    expect(custom.splits).toBe(70);
  });

  it('leaves out the oldest rows when the periods do not divide into equal blocks', () => {
    const result = probabilityOfBacktestOverfitting(normalReturnsMatrix(35, 3, 9), { blocks: 4 });
    expect(result.droppedRows).toBe(3);
    expect(result.rowsPerBlock).toBe(8);
  });

  it('refuses odd block counts, a single trial, ragged rows and non-numbers', () => {
    const matrix = normalReturnsMatrix(64, 3, 2);
    expect(() => probabilityOfBacktestOverfitting(matrix, { blocks: 5 })).toThrow(BacktestInputError);
    expect(() => probabilityOfBacktestOverfitting(matrix.map((row) => row.slice(0, 1)))).toThrow(/at least 2 trials/);
    expect(() => probabilityOfBacktestOverfitting([...matrix.slice(1), [0.1, 0.2]], { blocks: 4 })).toThrow(BacktestInputError);
    expect(() => probabilityOfBacktestOverfitting([[Number.NaN, 0.1, 0.2], ...matrix.slice(1)], { blocks: 4 })).toThrow(BacktestInputError);
    expect(() => probabilityOfBacktestOverfitting(matrix.slice(0, 3), { blocks: 4 })).toThrow(/too few/);
  });
});
