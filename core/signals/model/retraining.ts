import type { Candle } from '../../market/index.ts';
import { calibrate } from './calibration.ts';
import { forecastScoresOf } from './forecastScores.ts';
import type { TripleBarrierConfig } from './labels.ts';
import type { ForecastScores } from './modelCard.ts';
import type { TrainedModel } from './train.ts';
import { trainingSamplesFor } from './trainingSamples.ts';

/**
 * Retraining is a person's action, and a new model replaces the current one only when it forecasts
 * better on the same stretch of data that neither model was trained on. This puts the two side by
 * side on that window (the candles' first bars only warm the features up).
 */
export type ModelComparison =
  | {
      readonly ok: true;
      readonly current: ForecastScores;
      readonly candidate: ForecastScores;
      /** True only when the candidate's Brier score is strictly lower on this window. */
      readonly candidateIsBetter: boolean;
      readonly code: 'MODEL_CANDIDATE_BETTER' | 'MODEL_CANDIDATE_NOT_BETTER';
      readonly window: { readonly fromMs: number; readonly toMs: number; readonly samples: number };
    }
  | { readonly ok: false; readonly code: 'MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING' | 'MODEL_COMPARISON_TOO_FEW_SAMPLES'; readonly params: Readonly<Record<string, number>> };

/** Fewer scored samples than this cannot separate two models' Brier scores. */
export const MIN_COMPARISON_SAMPLES = 200;

export function compareOnUnseenWindow(current: TrainedModel, candidate: TrainedModel, candles: readonly Candle[], labels: TripleBarrierConfig): ModelComparison {
  const samples = trainingSamplesFor(candles, labels);
  if (samples.x.rows < MIN_COMPARISON_SAMPLES) return { ok: false, code: 'MODEL_COMPARISON_TOO_FEW_SAMPLES', params: { samples: samples.x.rows, needed: MIN_COMPARISON_SAMPLES } };
  const firstSampleMs = candles[samples.bars[0] ?? 0]?.openTimeMs ?? 0;
  const trainedUntilMs = Math.max(current.card.trainingWindow.toMs, candidate.card.trainingWindow.toMs);
  if (firstSampleMs <= trainedUntilMs) return { ok: false, code: 'MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING', params: { firstSampleMs, trainedUntilMs } };
  const scoresOf = (trained: TrainedModel): ForecastScores => {
    const probabilities = new Float64Array(samples.x.rows);
    for (let i = 0; i < samples.x.rows; i++) {
      const x = samples.x.values.subarray(i * samples.x.columns, (i + 1) * samples.x.columns);
      probabilities[i] = calibrate(trained.calibration, trained.model.predictProbability(x));
    }
    return forecastScoresOf(probabilities, samples.labels);
  };
  const currentScores = scoresOf(current);
  const candidateScores = scoresOf(candidate);
  const candidateIsBetter = candidateScores.brier < currentScores.brier;
  return {
    ok: true,
    current: currentScores,
    candidate: candidateScores,
    candidateIsBetter,
    code: candidateIsBetter ? 'MODEL_CANDIDATE_BETTER' : 'MODEL_CANDIDATE_NOT_BETTER',
    window: { fromMs: firstSampleMs, toMs: candles.at(-1)?.openTimeMs ?? 0, samples: samples.x.rows },
  };
}
