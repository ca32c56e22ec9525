/**
 * Purged walk-forward splits for labelled samples whose outcomes span several bars (López de
 * Prado, "Advances in Financial Machine Learning", ch. 7). Self-contained on purpose: it needs
 * only label windows, so the backtest lab's own walk-forward can replace it behind the same shape.
 *
 * Samples are cut, in time order, into `folds + 1` blocks of (nearly) equal size. Fold f tests
 * block f + 1 and trains on the samples before it (`trainOn: 'past'`, an anchored walk-forward),
 * or on every other sample (`'pastAndFuture'`, purged k-fold). Either way:
 * - purge: a training sample whose label window [startIndex, endIndex] overlaps the test fold's
 *   span [first test start, last test end] is dropped, since its label saw test-period prices;
 * - embargo: a training sample that starts within `embargoBars` after the test span is dropped,
 *   since serially correlated features would let it echo the test period.
 */
export interface LabelWindow {
  readonly startIndex: number;
  readonly endIndex: number;
}

export interface PurgedSplitOptions {
  readonly folds: number;
  readonly embargoBars: number;
  readonly trainOn?: 'past' | 'pastAndFuture';
}

export interface PurgedFold {
  /** Positions into the sample list, ascending. */
  readonly trainSamples: readonly number[];
  readonly testSamples: readonly number[];
  /** Bars covered by the test fold's label windows. */
  readonly testSpan: { readonly firstBar: number; readonly lastBar: number };
}

/** Splits samples (sorted by `startIndex`) into purged, embargoed folds. */
export function purgedWalkForwardFolds(samples: readonly LabelWindow[], options: PurgedSplitOptions): PurgedFold[] {
  const { folds, embargoBars } = options;
  const trainOn = options.trainOn ?? 'past';
  if (!Number.isSafeInteger(folds) || folds < 1) throw new RangeError(`Walk-forward needs at least one fold (got ${String(folds)}).`);
  if (!Number.isSafeInteger(embargoBars) || embargoBars < 0) throw new RangeError(`The embargo must be a whole number of bars ≥ 0 (got ${String(embargoBars)}).`);
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i]?.startIndex ?? 0) < (samples[i - 1]?.startIndex ?? 0)) throw new RangeError('Samples must be sorted by start bar.');
  }
  const blocks = folds + 1;
  if (samples.length < blocks) return [];
  const boundaries = Array.from({ length: blocks + 1 }, (_, b) => Math.floor((b * samples.length) / blocks));
  const result: PurgedFold[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const testFrom = boundaries[fold + 1] ?? 0;
    const testTo = boundaries[fold + 2] ?? 0;
    const testSamples: number[] = [];
    let firstBar = Number.POSITIVE_INFINITY;
    let lastBar = Number.NEGATIVE_INFINITY;
    for (let s = testFrom; s < testTo; s++) {
      const window = samples[s];
      if (window === undefined) continue;
      testSamples.push(s);
      firstBar = Math.min(firstBar, window.startIndex);
      lastBar = Math.max(lastBar, window.endIndex);
    }
    const trainSamples: number[] = [];
    const candidatesEnd = trainOn === 'past' ? testFrom : samples.length;
    for (let s = 0; s < candidatesEnd; s++) {
      if (s >= testFrom && s < testTo) continue;
      const window = samples[s];
      if (window === undefined) continue;
      const overlapsTest = window.startIndex <= lastBar && window.endIndex >= firstBar;
      const inEmbargo = window.startIndex > lastBar && window.startIndex <= lastBar + embargoBars;
      if (!overlapsTest && !inEmbargo) trainSamples.push(s);
    }
    result.push({ trainSamples, testSamples, testSpan: { firstBar, lastBar } });
  }
  return result;
}
