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

const priceFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const price = (value: number): string => priceFormat.format(value);

/**
 * One bar's reading. A class, not an object literal, because it is built on every bar: the
 * rationale and the features are only assembled for the few bars that become signals.
 */
class TrendReading implements StrategyReading {
  readonly score: number;
  readonly confidence: number;
  readonly stance: StrategyReading['stance'];
  readonly overlayValues: readonly number[];
  readonly stopDistanceQuote: number;
  readonly atrQuote: number;
  readonly #parameters: TrendFollowerParameters;
  readonly #close: number;
  readonly #fast: number;
  readonly #slow: number;
  readonly #atr: number;
  readonly #gapInAtr: number;

  constructor(parameters: TrendFollowerParameters, close: number, fast: number, slow: number, atr: number, gapInAtr: number, score: number) {
    this.#parameters = parameters;
    this.#close = close;
    this.#fast = fast;
    this.#slow = slow;
    this.#atr = atr;
    this.#gapInAtr = gapInAtr;
    this.score = score;
    this.confidence = Math.min(1, Math.abs(score) * 1.5);
    this.stance = stanceFor(score, parameters.enterScore, parameters.exitScore);
    this.overlayValues = [fast, slow];
    this.stopDistanceQuote = parameters.stopAtr * atr;
    this.atrQuote = atr;
  }

  get features(): Readonly<Record<string, number>> {
    return { close: this.#close, fastAverage: this.#fast, slowAverage: this.#slow, atr: this.#atr, gapInAtr: this.#gapInAtr };
  }

  get rationale(): string {
    const { fastBars, slowBars } = this.#parameters;
    const direction = this.#gapInAtr >= 0 ? 'above' : 'below';
    return `The ${fastBars}-bar average (${price(this.#fast)}) is ${Math.abs(this.#gapInAtr).toFixed(1)} ATR ${direction} the ${slowBars}-bar average (${price(this.#slow)}).`;
  }
}

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
          atrQuote: null,
          rationale: 'Warming up: not enough bars yet.',
        };
      }
      const gapInAtr = (fastValue - slowValue) / atrValue;
      // tanh keeps the score in (−1, 1) and makes one extra ATR of gap matter less the wider it gets.
      const score = clampScore(Math.tanh(gapInAtr / 2));
      return new TrendReading(parameters, candle.close, fastValue, slowValue, atrValue, gapInAtr, score);
    },
  };
}
