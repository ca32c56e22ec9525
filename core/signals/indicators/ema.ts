import { nonFiniteInput, requirePeriod } from './inputGuards.ts';

/**
 * How the exponential average gets its first value. Both use alpha = 2 / (period + 1).
 * - 'sma': the first value is the SMA of the first `period` prices, then the usual recursion
 *   (technicalindicators, TA-Lib, most charting tools).
 * - 'firstValue': the recursion starts at the first price (pandas `ewm(adjust=False)`, used by
 *   bukosabino/ta's MACD). The running value exists from the first price, but it is only
 *   reported after `period` prices, like pandas' `min_periods=period`, because before that it
 *   is mostly the seed.
 */
export type EmaSeed = 'sma' | 'firstValue';

export interface EmaOptions {
  readonly seed?: EmaSeed;
}

/**
 * Exponential moving average. Warm-up: undefined until `period` prices have been seen, with
 * either seed.
 */
export class EMA {
  readonly period: number;
  readonly seed: EmaSeed;
  readonly warmUpSamples: number;
  readonly #alpha: number;
  readonly #seedFromFirstValue: boolean;
  #samples = 0;
  /** The running average, or the running sum while an SMA seed is still being collected. */
  #state = 0;
  #value: number | undefined;

  constructor(period: number, options: EmaOptions = {}) {
    requirePeriod('EMA', 'period', period);
    this.period = period;
    this.seed = options.seed ?? 'sma';
    this.warmUpSamples = period;
    this.#alpha = 2 / (period + 1);
    this.#seedFromFirstValue = this.seed === 'firstValue';
  }

  get value(): number | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): number | undefined {
    if (!Number.isFinite(price)) throw nonFiniteInput(`EMA(${this.period})`, 'price', price);
    const samples = ++this.#samples;
    if (samples > this.period) {
      this.#state += this.#alpha * (price - this.#state);
      this.#value = this.#state;
      return this.#state;
    }
    if (this.#seedFromFirstValue) {
      this.#state = samples === 1 ? price : this.#state + this.#alpha * (price - this.#state);
      if (samples < this.period) return undefined;
    } else {
      this.#state += price;
      if (samples < this.period) return undefined;
      this.#state /= this.period;
    }
    this.#value = this.#state;
    return this.#state;
  }
}
