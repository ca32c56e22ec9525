import type { Candle } from '../../market/index.ts';
import { ATR, SMA } from '../indicators/index.ts';
import { clampScore, stanceFor, type Strategy, type StrategyReading } from '../strategy.ts';

export interface TrendFollowerParameters {
  readonly fastBars: number;
  readonly slowBars: number;
  readonly atrBars: number;
  /** Stop distance in ATRs below the entry. */
  readonly stopAtr: number;
  /** Score at or above which the trend counts as up. */
  readonly enterScore: number;
  /** Score at or below which the trend counts as down. */
  readonly exitScore: number;
}

export const TREND_FOLLOWER_DEFAULTS: TrendFollowerParameters = {
  fastBars: 20,
  slowBars: 50,
  atrBars: 14,
  stopAtr: 2,
  enterScore: 0.15,
  exitScore: -0.15,
};

const price = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * Moving-average trend follower: the gap between a fast and a slow average, measured in ATRs,
 * squashed into −1…+1. Up when the fast average is clearly above the slow one.
 */
export function createTrendFollower(parameters: TrendFollowerParameters = TREND_FOLLOWER_DEFAULTS): Strategy {
  const fast = new SMA(parameters.fastBars);
  const slow = new SMA(parameters.slowBars);
  const atr = new ATR(parameters.atrBars);
  const description = {
    id: 'trend-follower',
    name: 'Trend follower',
    summary: `Buys when the ${parameters.fastBars}-bar average rises clearly above the ${parameters.slowBars}-bar average, sells when it falls clearly below. Stop ${parameters.stopAtr} ATR below entry.`,
    parameters: { ...parameters },
    overlays: [
      { key: 'fast', label: `Average ${parameters.fastBars}` },
      { key: 'slow', label: `Average ${parameters.slowBars}` },
    ],
    warmUpBars: Math.max(parameters.slowBars, parameters.atrBars),
  } as const;

  return {
    description,
    update(candle: Candle): StrategyReading {
      const fastValue = fast.update(candle.close);
      const slowValue = slow.update(candle.close);
      const atrValue = atr.update(candle.high, candle.low, candle.close);
      if (fastValue === undefined || slowValue === undefined || atrValue === undefined || atrValue <= 0) {
        return {
          score: undefined,
          confidence: 0,
          stance: 'neutral',
          features: {},
          overlayValues: [fastValue ?? Number.NaN, slowValue ?? Number.NaN],
          stopDistanceQuote: Number.NaN,
          rationale: 'Warming up: not enough bars yet.',
        };
      }
      const gapInAtr = (fastValue - slowValue) / atrValue;
      // tanh keeps the score in (−1, 1) and makes one extra ATR of gap matter less the wider it gets.
      const score = clampScore(Math.tanh(gapInAtr / 2));
      const stance = stanceFor(score, parameters.enterScore, parameters.exitScore);
      const direction = gapInAtr >= 0 ? 'above' : 'below';
      return {
        score,
        confidence: Math.min(1, Math.abs(score) * 1.5),
        stance,
        features: { close: candle.close, fastAverage: fastValue, slowAverage: slowValue, atr: atrValue, gapInAtr },
        overlayValues: [fastValue, slowValue],
        stopDistanceQuote: parameters.stopAtr * atrValue,
        rationale: `The ${parameters.fastBars}-bar average (${price(fastValue)}) is ${Math.abs(gapInAtr).toFixed(1)} ATR ${direction} the ${parameters.slowBars}-bar average (${price(slowValue)}).`,
      };
    },
  };
}
