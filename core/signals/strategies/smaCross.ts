import type { Candle } from '../../market/index.ts';
import { IndicatorInputError, SMA } from '../indicators/index.ts';
import { clampScore, type Strategy, type StrategyReading } from '../strategy.ts';

export interface SmaCrossParameters {
  readonly fastBars: number;
  readonly slowBars: number;
}

export const SMA_CROSS_DEFAULTS: SmaCrossParameters = { fastBars: 10, slowBars: 30 };

type Stance = StrategyReading['stance'];

/** Two decimals: the rationale is built for every signal, and Intl formatting costs more than the decision it explains. */
const price = (value: number): string => value.toFixed(2);

/**
 * One bar's reading. The stance is the last cross seen, so it changes (and a signal is emitted)
 * exactly on a crossing bar; features and rationale are assembled only when read.
 */
class CrossReading implements StrategyReading {
  readonly score: number;
  readonly confidence = 1;
  readonly stance: Stance;
  readonly atrQuote = null;
  /** No protective stop: the position is closed by the opposite cross. */
  readonly stopDistanceQuote = Number.NaN;
  readonly #parameters: SmaCrossParameters;
  readonly #close: number;
  readonly #fast: number;
  readonly #slow: number;

  constructor(parameters: SmaCrossParameters, close: number, fast: number, slow: number, stance: Stance) {
    this.#parameters = parameters;
    this.#close = close;
    this.#fast = fast;
    this.#slow = slow;
    // The gap in percent of the slow average, squashed: +1 far above, −1 far below.
    this.score = clampScore(Math.tanh(((fast - slow) / slow) * 50));
    this.stance = stance;
  }

  get overlayValues(): readonly number[] {
    return [this.#fast, this.#slow];
  }

  get features(): Readonly<Record<string, number>> {
    return { close: this.#close, fastAverage: this.#fast, slowAverage: this.#slow };
  }

  get rationale(): string {
    const { fastBars, slowBars } = this.#parameters;
    const fast = price(this.#fast);
    const slow = price(this.#slow);
    if (this.stance === 'bullish') return `The ${fastBars}-bar average (${fast}) crossed above the ${slowBars}-bar average (${slow}).`;
    if (this.stance === 'bearish') return `The ${fastBars}-bar average (${fast}) crossed below the ${slowBars}-bar average (${slow}).`;
    return `The ${fastBars}-bar and ${slowBars}-bar averages have not crossed yet.`;
  }
}

function requireParameters(parameters: SmaCrossParameters): void {
  const { fastBars, slowBars } = parameters;
  if (!Number.isSafeInteger(fastBars) || !Number.isSafeInteger(slowBars) || fastBars < 1 || slowBars <= fastBars) {
    throw new IndicatorInputError('SMA cross', `SMA cross: the fast average needs at least 1 bar and fewer bars than the slow one (got ${String(fastBars)} and ${String(slowBars)}).`);
  }
}

/**
 * Moving-average crossover, long only. Turns bullish on the bar where the fast average crosses
 * above the slow one — strictly below on the previous bar, strictly above on this one — and
 * bearish where it crosses back below (strictly above before, strictly below now). Touching or
 * running level is no cross. The stance holds between crosses, so each cross is one signal.
 */
export function createSmaCross(parameters: SmaCrossParameters = SMA_CROSS_DEFAULTS): Strategy {
  requireParameters(parameters);
  const fast = new SMA(parameters.fastBars);
  const slow = new SMA(parameters.slowBars);
  let previousGap = Number.NaN;
  let stance: Stance = 'neutral';
  const description = {
    id: 'sma-cross',
    name: 'Moving-average cross',
    summary: `Buys when the ${parameters.fastBars}-bar average crosses above the ${parameters.slowBars}-bar average and sells when it crosses back below. No stop: the opposite cross closes the position.`,
    parameters: { ...parameters },
    overlays: [
      { key: 'fast', label: `Average ${parameters.fastBars}` },
      { key: 'slow', label: `Average ${parameters.slowBars}` },
    ],
    warmUpBars: parameters.slowBars,
  } as const;

  return {
    description,
    update(candle: Candle): StrategyReading {
      const fastValue = fast.update(candle.close);
      const slowValue = slow.update(candle.close);
      if (fastValue === undefined || slowValue === undefined) {
        return {
          score: undefined,
          confidence: 0,
          stance: 'neutral',
          features: {},
          overlayValues: [fastValue ?? Number.NaN, Number.NaN],
          stopDistanceQuote: Number.NaN,
          atrQuote: null,
          rationale: 'Warming up: not enough bars yet.',
        };
      }
      const gap = fastValue - slowValue;
      if (previousGap < 0 && gap > 0) stance = 'bullish';
      else if (previousGap > 0 && gap < 0) stance = 'bearish';
      previousGap = gap;
      return new CrossReading(parameters, candle.close, fastValue, slowValue, stance);
    },
  };
}
