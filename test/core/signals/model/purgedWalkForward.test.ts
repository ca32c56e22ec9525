import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { purgedWalkForwardFolds, type LabelWindow } from '../../../../core/signals/model/index.ts';
import { PROPERTY_RUNS, PROPERTY_SEED } from './support/fixtures.ts';

/** Samples on increasing bars (some bars skipped), each with a label window of 1 … maxSpan bars. */
const samplesArbitrary = fc
  .array(fc.record({ skip: fc.integer({ min: 0, max: 3 }), span: fc.integer({ min: 0, max: 30 }) }), { minLength: 0, maxLength: 300 })
  .map((steps) => {
    let bar = 0;
    return steps.map(({ skip, span }): LabelWindow => {
      bar += 1 + skip;
      return { startIndex: bar, endIndex: bar + span };
    });
  });

const overlaps = (window: LabelWindow, span: { firstBar: number; lastBar: number }): boolean => window.startIndex <= span.lastBar && window.endIndex >= span.firstBar;

describe('purged walk-forward folds', () => {
  it('never trains on a sample whose label window overlaps the test fold, nor on anything after it (walk-forward)', () => {
    fc.assert(
      fc.property(samplesArbitrary, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 40 }), (samples, folds, embargoBars) => {
        for (const fold of purgedWalkForwardFolds(samples, { folds, embargoBars })) {
          for (const s of fold.trainSamples) {
            expect(overlaps(samples[s]!, fold.testSpan)).toBe(false);
            expect(samples[s]!.endIndex).toBeLessThan(fold.testSpan.firstBar);
          }
        }
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
  });

  it('with training on both sides, also embargoes the bars right after each test fold', () => {
    fc.assert(
      fc.property(samplesArbitrary, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 40 }), (samples, folds, embargoBars) => {
        for (const fold of purgedWalkForwardFolds(samples, { folds, embargoBars, trainOn: 'pastAndFuture' })) {
          for (const s of fold.trainSamples) {
            const window = samples[s]!;
            expect(overlaps(window, fold.testSpan)).toBe(false);
            const startsInEmbargo = window.startIndex > fold.testSpan.lastBar && window.startIndex <= fold.testSpan.lastBar + embargoBars;
            expect(startsInEmbargo).toBe(false);
          }
        }
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
  });

  it('tests consecutive, disjoint blocks in time order that cover every sample after the first block', () => {
    fc.assert(
      fc.property(samplesArbitrary, fc.integer({ min: 1, max: 8 }), (samples, folds) => {
        const result = purgedWalkForwardFolds(samples, { folds, embargoBars: 0 });
        if (samples.length < folds + 1) {
          expect(result).toEqual([]);
          return;
        }
        const tested = result.flatMap((fold) => fold.testSamples);
        const firstTested = tested[0]!;
        expect(tested).toEqual(Array.from({ length: samples.length - firstTested }, (_, k) => firstTested + k));
        expect(firstTested).toBe(Math.floor(samples.length / (folds + 1)));
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
  });

  it('purges exactly the samples whose windows reach into the test fold (hand-made case)', () => {
    // Six samples, two folds → three blocks of two. Fold 0 tests samples 2 and 3 (bars 20–26).
    const samples: LabelWindow[] = [
      { startIndex: 0, endIndex: 5 },
      { startIndex: 10, endIndex: 21 }, // reaches bar 21, inside the test span 20–26: purged
      { startIndex: 20, endIndex: 24 },
      { startIndex: 22, endIndex: 26 },
      { startIndex: 28, endIndex: 30 }, // starts 2 bars after the span: embargoed with 5 bars
      { startIndex: 40, endIndex: 45 },
    ];
    const [first] = purgedWalkForwardFolds(samples, { folds: 2, embargoBars: 5, trainOn: 'pastAndFuture' });
    expect(first).toEqual({ trainSamples: [0, 5], testSamples: [2, 3], testSpan: { firstBar: 20, lastBar: 26 } });
    const [walkForward] = purgedWalkForwardFolds(samples, { folds: 2, embargoBars: 5 });
    expect(walkForward?.trainSamples).toEqual([0]);
  });

  it('refuses unsorted samples and nonsense settings', () => {
    expect(() => purgedWalkForwardFolds([{ startIndex: 5, endIndex: 6 }, { startIndex: 1, endIndex: 2 }], { folds: 1, embargoBars: 0 })).toThrow(RangeError);
    expect(() => purgedWalkForwardFolds([], { folds: 0, embargoBars: 0 })).toThrow(RangeError);
    expect(() => purgedWalkForwardFolds([], { folds: 2, embargoBars: -1 })).toThrow(RangeError);
  });
});
