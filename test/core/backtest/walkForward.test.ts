import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BacktestInputError,
  planPurgedKFold,
  planWalkForward,
  purgeTraining,
  stitchOutOfSampleEquity,
  type ValidationFold,
} from '../../../core/backtest/index.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 300);

/** Every training bar is either before the test fold by more than the label horizon or after its embargo. */
function assertNoLeak(folds: readonly ValidationFold[], bars: number, labelBars: number, embargoBars: number): void {
  for (const { train, test } of folds) {
    for (const range of train) {
      expect(range.startBar).toBeGreaterThanOrEqual(0);
      expect(range.endBar).toBeLessThanOrEqual(bars);
      expect(range.endBar).toBeGreaterThan(range.startBar);
      for (let bar = range.startBar; bar < range.endBar; bar++) {
        const labelEndsBeforeTest = bar + labelBars < test.startBar;
        const afterEmbargo = bar >= test.endBar + embargoBars;
        if (!(labelEndsBeforeTest || afterEmbargo)) throw new Error(`bar ${bar} trains fold ${test.startBar}–${test.endBar}`);
      }
    }
  }
}

/** Test folds follow each other in order, without gaps or overlaps, from `firstBar` to the end. */
function assertTestsCover(folds: readonly ValidationFold[], firstBar: number, bars: number): void {
  let expectedStart = firstBar;
  folds.forEach((fold, index) => {
    expect(fold.fold).toBe(index);
    expect(fold.test.startBar).toBe(expectedStart);
    expect(fold.test.endBar).toBeGreaterThan(fold.test.startBar);
    expectedStart = fold.test.endBar;
  });
  expect(expectedStart).toBe(bars);
}

describe('walk-forward plans', () => {
  it('anchors every training window at the first bar and purges the label horizon, worked by hand', () => {
    // 10 bars, train 4, test 3, labels look 1 bar ahead:
    //   fold 0 tests 4–6, trains 0–2 (bar 3's label reads bar 4); fold 1 tests 7–9, trains 0–5.
    expect(planWalkForward({ bars: 10, scheme: 'anchored', trainBars: 4, testBars: 3, labelBars: 1 })).toEqual([
      { fold: 0, train: [{ startBar: 0, endBar: 3 }], test: { startBar: 4, endBar: 7 } },
      { fold: 1, train: [{ startBar: 0, endBar: 6 }], test: { startBar: 7, endBar: 10 } },
    ]);
  });

  it('rolls a fixed training window forward and lets the last test fold be shorter', () => {
    // 11 bars, train 4, test 3: tests 4–6, 7–9, 10; trains 0–3, 3–6, 6–9.
    const folds = planWalkForward({ bars: 11, scheme: 'rolling', trainBars: 4, testBars: 3 });
    expect(folds.map((fold) => [fold.train, fold.test])).toEqual([
      [[{ startBar: 0, endBar: 4 }], { startBar: 4, endBar: 7 }],
      [[{ startBar: 3, endBar: 7 }], { startBar: 7, endBar: 10 }],
      [[{ startBar: 6, endBar: 10 }], { startBar: 10, endBar: 11 }],
    ]);
  });

  it('never trains on a bar within the purge or embargo distance of its test fold, and tests every later bar once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 400 }),
        fc.constantFrom('anchored' as const, 'rolling' as const),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (bars, scheme, trainBars, testBars, labelBars, embargoBars) => {
          fc.pre(trainBars < bars && trainBars > labelBars);
          const folds = planWalkForward({ bars, scheme, trainBars, testBars, labelBars, embargoBars });
          assertNoLeak(folds, bars, labelBars, embargoBars);
          assertTestsCover(folds, trainBars, bars);
          for (const fold of folds) {
            // Walk-forward only ever trains on the past.
            for (const range of fold.train) expect(range.endBar).toBeLessThanOrEqual(fold.test.startBar);
            if (scheme === 'rolling') expect(fold.train[0]!.startBar).toBe(Math.max(0, fold.test.startBar - trainBars));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses a plan that leaves a fold nothing to train on', () => {
    expect(() => planWalkForward({ bars: 20, scheme: 'rolling', trainBars: 3, testBars: 5, labelBars: 3 })).toThrow(BacktestInputError);
    expect(() => planWalkForward({ bars: 5, scheme: 'anchored', trainBars: 5, testBars: 1 })).toThrow(/nothing to test/);
  });
});

describe('purged k-fold plans', () => {
  it('purges before and embargoes after each test fold, worked by hand', () => {
    // 12 bars, 3 folds of 4; labels look 1 bar ahead, embargo 2 bars.
    // Fold 1 tests 4–7: trains 0–2 (bar 3's label reads bar 4) and 10–11 (8–9 embargoed).
    expect(planPurgedKFold({ bars: 12, folds: 3, labelBars: 1, embargoBars: 2 })[1]).toEqual({
      fold: 1,
      train: [{ startBar: 0, endBar: 3 }, { startBar: 10, endBar: 12 }],
      test: { startBar: 4, endBar: 8 },
    });
  });

  it('keeps every training bar clear of its test fold and tests every bar once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 20, max: 500 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (folds, bars, labelBars, embargoBars) => {
          const plan = planPurgedKFold({ bars, folds, labelBars, embargoBars });
          assertNoLeak(plan, bars, labelBars, embargoBars);
          assertTestsCover(plan, 0, bars);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('drops nothing without guards', () => {
    expect(purgeTraining({ startBar: 0, endBar: 10 }, { startBar: 4, endBar: 6 })).toEqual([
      { startBar: 0, endBar: 4 },
      { startBar: 6, endBar: 10 },
    ]);
  });
});

describe('stitchOutOfSampleEquity', () => {
  it('chains each fold where the previous one ended, worked by hand', () => {
    // Fold A: 1000 → 1100 (+10 %). Fold B starts afresh at 1000 and ends at 950 (−5 %).
    // Stitched: 1000, 1100, then B scaled by 1100/1000: 1100, 1045.
    const stitched = stitchOutOfSampleEquity([
      { timeMs: Float64Array.from([1, 2]), equity: Float64Array.from([1000, 1100]) },
      { timeMs: Float64Array.from([3, 4]), equity: Float64Array.from([1000, 950]) },
    ]);
    expect([...stitched.equity]).toEqual([1000, 1100, 1100, 1045]);
    expect([...stitched.timeMs]).toEqual([1, 2, 3, 4]);
    expect([...stitched.segmentStarts]).toEqual([0, 2]);
  });

  it('starts from the given equity when asked', () => {
    const stitched = stitchOutOfSampleEquity([{ timeMs: Float64Array.from([1, 2]), equity: Float64Array.from([50, 60]) }], 500);
    expect([...stitched.equity]).toEqual([500, 600]);
  });

  it('refuses segments out of time order', () => {
    expect(() =>
      stitchOutOfSampleEquity([
        { timeMs: Float64Array.from([5, 6]), equity: Float64Array.from([1, 1]) },
        { timeMs: Float64Array.from([6, 7]), equity: Float64Array.from([1, 1]) },
      ]),
    ).toThrow(BacktestInputError);
  });
});
