import type { Candle } from '../../market/index.ts';
import { RollingMoments } from './rollingMoments.ts';

/**
 * Market regime of each bar, from trailing data only:
 *
 *   trend strength z = ln(close_t / close_(t−L)) / (σ · √L)
 *
 * where L is `lookbackBars` and σ the standard deviation of the L one-bar log returns ending at t.
 * z is the trailing return measured in units of the move that volatility alone would explain
 * over L bars. Bull when z > `threshold`, bear when z < −`threshold`, sideways otherwise; null
 * for the first L bars. Defaults: L = 720 bars (30 days of hourly bars), threshold = 1.
 */
export type Regime = 'bull' | 'bear' | 'sideways';
export const REGIMES: readonly Regime[] = ['bull', 'bear', 'sideways'];

export interface RegimeDefinition {
  readonly lookbackBars: number;
  readonly threshold: number;
}

export const DEFAULT_REGIME_DEFINITION: RegimeDefinition = { lookbackBars: 720, threshold: 1 };

export function regimesOf(candles: readonly Candle[], definition: RegimeDefinition = DEFAULT_REGIME_DEFINITION): (Regime | null)[] {
  const lookback = definition.lookbackBars;
  const returns = new RollingMoments(lookback);
  const regimes: (Regime | null)[] = [];
  for (let t = 0; t < candles.length; t++) {
    const close = candles[t]?.close ?? Number.NaN;
    if (t > 0) returns.push(Math.log(close / (candles[t - 1]?.close ?? close)));
    if (t < lookback) {
      regimes.push(null);
      continue;
    }
    const trailing = Math.log(close / (candles[t - lookback]?.close ?? close));
    const sigma = Math.sqrt(returns.variance);
    const z = sigma > 0 ? trailing / (sigma * Math.sqrt(lookback)) : 0;
    regimes.push(z > definition.threshold ? 'bull' : z < -definition.threshold ? 'bear' : 'sideways');
  }
  return regimes;
}
