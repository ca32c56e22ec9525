import type { Candle } from '../../market/index.ts';
import { FEATURES_READY_AFTER_BARS, featureRowsFor, type FeatureRows } from './features.ts';
import { tripleBarrierLabels, type TripleBarrierConfig } from './labels.ts';
import { createHash } from 'node:crypto';
import type { SampleMatrix } from './model.ts';
import type { LabelWindow } from './purgedWalkForward.ts';

/** Labelled samples of a history: one per bar whose features are warm and finite and whose outcome is known. */
export interface TrainingSamples {
  /** Features of every bar (warm-up rows hold NaN). */
  readonly featureRows: FeatureRows;
  /** Bar index of each sample, ascending. */
  readonly bars: Int32Array;
  readonly x: SampleMatrix;
  readonly labels: Uint8Array;
  readonly windows: LabelWindow[];
  readonly returnsNet: Float64Array;
}

export function trainingSamplesFor(candles: readonly Candle[], labelConfig: TripleBarrierConfig): TrainingSamples {
  const featureRows = featureRowsFor(candles);
  const labels = tripleBarrierLabels(candles, labelConfig);
  const bars: number[] = [];
  const columns = featureRows.columns;
  for (let i = FEATURES_READY_AFTER_BARS - 1; i < candles.length; i++) {
    if (labels[i] && allFinite(featureRows.values.subarray(i * columns, (i + 1) * columns))) bars.push(i);
  }
  const values = new Float64Array(bars.length * columns);
  const y = new Uint8Array(bars.length);
  const returnsNet = new Float64Array(bars.length);
  const windows: LabelWindow[] = [];
  bars.forEach((bar, k) => {
    const label = labels[bar];
    if (!label) return;
    values.set(featureRows.values.subarray(bar * columns, (bar + 1) * columns), k * columns);
    y[k] = label.label;
    returnsNet[k] = label.returnNet;
    windows.push({ startIndex: bar, endIndex: label.endIndex });
  });
  return { featureRows, bars: Int32Array.from(bars), x: { rows: bars.length, columns, values }, labels: y, windows, returnsNet };
}

/** A bar with any non-finite feature is never learned from (it cannot be predicted either). */
export function allFinite(vector: ArrayLike<number>): boolean {
  for (let j = 0; j < vector.length; j++) if (!Number.isFinite(vector[j])) return false;
  return true;
}

/**
 * sha256 over the candles as text, one `openTimeMs,open,high,low,close,volumeBase` line each: the
 * same bars give the same hash whatever file or cache they were read from.
 */
export function candlesHash(candles: readonly Candle[]): string {
  const hash = createHash('sha256');
  const chunk: string[] = [];
  for (const c of candles) {
    chunk.push(`${c.openTimeMs},${c.open},${c.high},${c.low},${c.close},${c.volumeBase}\n`);
    if (chunk.length === 4096) hash.update(chunk.splice(0).join(''));
  }
  hash.update(chunk.join(''));
  return hash.digest('hex');
}
