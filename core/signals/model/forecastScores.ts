import { areaUnderRoc, brierScore, brierSkillScore } from './calibration.ts';
import type { ForecastScores } from './modelCard.ts';

/** Brier, Brier skill against the sample's base rate, and AUC of probabilistic forecasts. */
export function forecastScoresOf(probabilities: ArrayLike<number>, labels: ArrayLike<number>): ForecastScores {
  const samples = labels.length;
  let positives = 0;
  for (let i = 0; i < samples; i++) positives += labels[i] ?? 0;
  const baseRate = samples === 0 ? Number.NaN : positives / samples;
  return {
    samples,
    baseRate,
    brier: brierScore(probabilities, labels),
    brierReference: baseRate * (1 - baseRate),
    brierSkill: brierSkillScore(probabilities, labels),
    auc: areaUnderRoc(probabilities, labels),
  };
}
