import type { FeatureContribution } from './model.ts';

/**
 * Turns the model's top contributions into plain-words codes for the decision feed ("volume far
 * above normal", "price well above its 50-bar average"); the words live in messages.ts.
 */
export type ExplanationCode =
  | 'MODEL_REASON_PRICE_ROSE'
  | 'MODEL_REASON_PRICE_FELL'
  | 'MODEL_REASON_SWINGS'
  | 'MODEL_REASON_TYPICAL_RANGE'
  | 'MODEL_REASON_RSI_HIGH'
  | 'MODEL_REASON_RSI_LOW'
  | 'MODEL_REASON_RSI_MIDDLE'
  | 'MODEL_REASON_WELL_ABOVE_AVERAGE'
  | 'MODEL_REASON_ABOVE_AVERAGE'
  | 'MODEL_REASON_WELL_BELOW_AVERAGE'
  | 'MODEL_REASON_BELOW_AVERAGE'
  | 'MODEL_REASON_VOLUME_FAR_ABOVE_NORMAL'
  | 'MODEL_REASON_VOLUME_ABOVE_NORMAL'
  | 'MODEL_REASON_VOLUME_BELOW_NORMAL'
  | 'MODEL_REASON_VOLUME_NORMAL'
  | 'MODEL_REASON_BAR_RANGE'
  | 'MODEL_REASON_TIME_OF_DAY'
  | 'MODEL_REASON_DAY_OF_WEEK'
  | 'MODEL_REASON_OTHER';

export interface FeatureExplanation {
  readonly feature: string;
  readonly code: ExplanationCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Whether this feature pushed the probability that the trade works up or down. */
  readonly effect: 'MODEL_EFFECT_RAISES' | 'MODEL_EFFECT_LOWERS';
  /** In log-odds. */
  readonly contribution: number;
}

/** Distance from an average, as a fraction, from which a price counts as "well" above or below. */
const WELL_AWAY_FROM_AVERAGE = 0.03;

export function explanationsFor(contributions: readonly FeatureContribution[]): FeatureExplanation[] {
  return contributions.map(({ feature, value, contribution }) => ({
    feature,
    ...reasonFor(feature, value),
    effect: contribution >= 0 ? 'MODEL_EFFECT_RAISES' : 'MODEL_EFFECT_LOWERS',
    contribution,
  }));
}

function reasonFor(feature: string, value: number): { code: ExplanationCode; params: Record<string, string | number> } {
  const bars = Number(/_(\d+)$/.exec(feature)?.[1] ?? 0);
  const percent = round2(Math.abs(value) * 100);
  if (feature.startsWith('return_')) {
    // A log return; the person reads a simple percentage change.
    const change = round2(Math.abs(Math.expm1(value)) * 100);
    return { code: value >= 0 ? 'MODEL_REASON_PRICE_ROSE' : 'MODEL_REASON_PRICE_FELL', params: { percent: change, bars } };
  }
  if (feature.startsWith('volatility_')) return { code: 'MODEL_REASON_SWINGS', params: { percent, bars } };
  if (feature.startsWith('atr_pct_')) return { code: 'MODEL_REASON_TYPICAL_RANGE', params: { percent, bars } };
  if (feature.startsWith('rsi_')) {
    const rsi = round2(value);
    return { code: value >= 70 ? 'MODEL_REASON_RSI_HIGH' : value <= 30 ? 'MODEL_REASON_RSI_LOW' : 'MODEL_REASON_RSI_MIDDLE', params: { value: rsi, bars } };
  }
  if (feature.startsWith('distance_sma_')) {
    const code: ExplanationCode =
      value >= WELL_AWAY_FROM_AVERAGE
        ? 'MODEL_REASON_WELL_ABOVE_AVERAGE'
        : value >= 0
          ? 'MODEL_REASON_ABOVE_AVERAGE'
          : value <= -WELL_AWAY_FROM_AVERAGE
            ? 'MODEL_REASON_WELL_BELOW_AVERAGE'
            : 'MODEL_REASON_BELOW_AVERAGE';
    return { code, params: { percent, bars } };
  }
  if (feature.startsWith('volume_z_')) {
    const code: ExplanationCode = value >= 2 ? 'MODEL_REASON_VOLUME_FAR_ABOVE_NORMAL' : value >= 1 ? 'MODEL_REASON_VOLUME_ABOVE_NORMAL' : value <= -1 ? 'MODEL_REASON_VOLUME_BELOW_NORMAL' : 'MODEL_REASON_VOLUME_NORMAL';
    return { code, params: { deviations: round2(value), bars } };
  }
  if (feature === 'range_pct') return { code: 'MODEL_REASON_BAR_RANGE', params: { percent } };
  if (feature.startsWith('hour_')) return { code: 'MODEL_REASON_TIME_OF_DAY', params: {} };
  if (feature.startsWith('weekday_')) return { code: 'MODEL_REASON_DAY_OF_WEEK', params: {} };
  return { code: 'MODEL_REASON_OTHER', params: { feature } };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
