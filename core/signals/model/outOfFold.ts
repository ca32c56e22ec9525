import { calibrate, fitPlattScaling, IDENTITY_CALIBRATION } from './calibration.ts';
import type { FitOptions, Model, SampleMatrix } from './model.ts';
import type { PurgedFold } from './purgedWalkForward.ts';

export type ModelFitter = (x: SampleMatrix, labels: Uint8Array, fit: FitOptions) => Model;

/** Predictions each made by a model that never saw the sample nor anything after its fold. */
export interface OutOfFoldPredictions {
  /** Positions into the sample list, in time order. */
  readonly samples: Int32Array;
  readonly fold: Int32Array;
  readonly labels: Uint8Array;
  readonly raw: Float64Array;
  /**
   * Raw predictions of fold k passed through Platt scaling fitted on the out-of-fold predictions
   * of folds before k only (the first fold keeps its raw ones): calibration never sees its test.
   */
  readonly calibrated: Float64Array;
}

export interface OutOfFoldRun {
  readonly signal?: AbortSignal;
  readonly seed?: number;
  /** Called after each fold; awaited, so a caller can yield to its event loop there. */
  readonly afterFold?: (foldsDone: number, folds: number) => Promise<void>;
}

export function rowsOf(x: SampleMatrix, positions: ArrayLike<number>): SampleMatrix {
  const values = new Float64Array(positions.length * x.columns);
  for (let k = 0; k < positions.length; k++) {
    const row = positions[k] ?? 0;
    values.set(x.values.subarray(row * x.columns, (row + 1) * x.columns), k * x.columns);
  }
  return { rows: positions.length, columns: x.columns, values };
}

export function labelsOf(labels: Uint8Array, positions: ArrayLike<number>): Uint8Array {
  const picked = new Uint8Array(positions.length);
  for (let k = 0; k < positions.length; k++) picked[k] = labels[positions[k] ?? 0] ?? 0;
  return picked;
}

export async function outOfFoldPredictions(x: SampleMatrix, labels: Uint8Array, folds: readonly PurgedFold[], fitter: ModelFitter, run: OutOfFoldRun = {}): Promise<OutOfFoldPredictions> {
  const tested = folds.reduce((sum, fold) => sum + fold.testSamples.length, 0);
  const samples = new Int32Array(tested);
  const foldOf = new Int32Array(tested);
  const testLabels = new Uint8Array(tested);
  const raw = new Float64Array(tested);
  const calibrated = new Float64Array(tested);
  let filled = 0;
  for (const [f, fold] of folds.entries()) {
    run.signal?.throwIfAborted();
    const model = fitter(rowsOf(x, fold.trainSamples), labelsOf(labels, fold.trainSamples), { seed: run.seed });
    const scaling = filled === 0 ? IDENTITY_CALIBRATION : fitPlattScaling(raw.subarray(0, filled), testLabels.subarray(0, filled));
    for (const position of fold.testSamples) {
      const p = model.predictProbability(x.values.subarray(position * x.columns, (position + 1) * x.columns));
      samples[filled] = position;
      foldOf[filled] = f;
      testLabels[filled] = labels[position] ?? 0;
      raw[filled] = p;
      calibrated[filled] = calibrate(scaling, p);
      filled++;
    }
    await run.afterFold?.(f + 1, folds.length);
  }
  return { samples, fold: foldOf, labels: testLabels, raw, calibrated };
}
