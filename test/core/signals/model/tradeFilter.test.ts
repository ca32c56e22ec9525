import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseEntryThreshold, filterEntry, filterThresholdsFor } from '../../../../core/signals/model/index.ts';
import { PROPERTY_RUNS, PROPERTY_SEED } from './support/fixtures.ts';

const thresholdsArbitrary = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([a, b]) => ({ skipBelow: Math.min(a, b), keepFrom: Math.max(a, b) }));
const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0));

describe('the model as a filter on rule entries', () => {
  it('never enlarges an entry and never flips its direction, whatever the inputs', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, fc.oneof(thresholdsArbitrary, fc.record({ skipBelow: anyNumber, keepFrom: anyNumber })), (size, probability, thresholds) => {
        const decision = filterEntry(size, probability, thresholds);
        if (decision.action === 'skip') return;
        expect(Number.isFinite(decision.sizeBase)).toBe(true);
        expect(Math.abs(decision.sizeBase)).toBeLessThanOrEqual(Math.abs(size));
        expect(Math.sign(decision.sizeBase)).toBe(Math.sign(size));
        expect(decision.sizeBase).not.toBe(0);
      }),
      { numRuns: PROPERTY_RUNS * 5, seed: PROPERTY_SEED },
    );
  });

  it('keeps from the keep threshold, shrinks linearly below it, skips under the skip threshold', () => {
    const thresholds = { skipBelow: 0.4, keepFrom: 0.5 };
    expect(filterEntry(2, 0.5, thresholds)).toEqual({ action: 'keep', sizeBase: 2, code: 'MODEL_FILTER_KEPT', params: { percent: 50 } });
    expect(filterEntry(2, 0.9, thresholds)).toMatchObject({ action: 'keep', sizeBase: 2 });
    // (0.475 − 0.4) / (0.5 − 0.4) = 0.75 → 2 × 0.75 = 1.5.
    const shrunk = filterEntry(2, 0.475, thresholds);
    expect(shrunk.action).toBe('shrink');
    if (shrunk.action === 'shrink') {
      expect(shrunk.sizeBase).toBeCloseTo(1.5, 12);
      expect(shrunk.params).toEqual({ percent: 47.5, factorPercent: 75 });
    }
    expect(filterEntry(2, 0.39, thresholds)).toEqual({ action: 'skip', code: 'MODEL_SKIP_LOW_PROBABILITY', params: { percent: 39 } });
    expect(filterEntry(2, 0.4, thresholds)).toMatchObject({ action: 'skip', code: 'MODEL_SKIP_LOW_PROBABILITY' });
  });

  it('fails closed on a missing probability, a nonsense size or inconsistent thresholds', () => {
    expect(filterEntry(1, Number.NaN, { skipBelow: 0.4, keepFrom: 0.5 })).toMatchObject({ action: 'skip', code: 'MODEL_SKIP_NO_PROBABILITY' });
    expect(filterEntry(1, 1.2, { skipBelow: 0.4, keepFrom: 0.5 })).toMatchObject({ action: 'skip', code: 'MODEL_SKIP_NO_PROBABILITY' });
    expect(filterEntry(Number.POSITIVE_INFINITY, 0.9, { skipBelow: 0.4, keepFrom: 0.5 })).toMatchObject({ action: 'skip', code: 'MODEL_SKIP_BAD_SIZE' });
    expect(filterEntry(1, 0.9, { skipBelow: 0.6, keepFrom: 0.5 })).toMatchObject({ action: 'skip', code: 'MODEL_SKIP_BAD_THRESHOLDS' });
  });

  it('centres the default filter on the training base rate', () => {
    expect(filterThresholdsFor(0.48)).toEqual({ skipBelow: 0.43, keepFrom: 0.48 });
  });
});

describe('the "AI model" strategy threshold', () => {
  it('picks the threshold with the best mean net return among those with enough trades', () => {
    const probabilities = [0.52, 0.55, 0.58, 0.61, 0.7];
    const returns = [-0.03, 0.01, 0.02, -0.01, 0.04];
    const search = { candidates: [0.5, 0.55, 0.6, 0.65], minTrades: 2, minTStatistic: 0 };
    // ≥0.50: mean 0.006; ≥0.55: 0.015; ≥0.60: 0.015 (tie, the lower threshold wins); ≥0.65: 1 trade, too few.
    expect(chooseEntryThreshold(probabilities, returns, search)).toMatchObject({ threshold: 0.55, trades: 4, meanReturnNet: 0.015 });
  });

  it('refuses a positive mean that does not stand out from its noise', () => {
    // Returns 0.03, −0.01, 0.03, −0.01: mean 0.01, sample σ = √(4·0.0004/3) = 0.023094, t = 0.01 / (0.023094/2) = 0.866.
    const choice = chooseEntryThreshold([0.6, 0.6, 0.6, 0.6], [0.03, -0.01, 0.03, -0.01], { candidates: [0.5], minTrades: 2, minTStatistic: 0 });
    expect(choice?.tStatistic).toBeCloseTo(0.01 / (Math.sqrt(0.0016 / 3) / 2), 10);
    expect(chooseEntryThreshold([0.6, 0.6, 0.6, 0.6], [0.03, -0.01, 0.03, -0.01], { candidates: [0.5], minTrades: 2, minTStatistic: 2 })).toBeNull();
  });

  it('says "never enter" when no threshold makes money after costs', () => {
    expect(chooseEntryThreshold([0.6, 0.7, 0.8], [-0.01, -0.02, 0], { candidates: [0.5, 0.6], minTrades: 1, minTStatistic: 0 })).toBeNull();
  });
});
