import { IndicatorInputError, nonFiniteInput, requirePeriod } from './inputGuards.ts';
import { SlidingWindow } from './slidingWindow.ts';

export interface BollingerValue {
  /** SMA of the last `period` prices. */
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
  /** Population standard deviation (divide by n, not n − 1) of the last `period` prices. */
  readonly standardDeviation: number;
  /** Where the latest price sits in the band: 0 at lower, 1 at upper; 0.5 when the band is flat. */
  readonly percentB: number;
  /** (upper − lower) / middle × 100. */
  readonly widthPercent: number;
}

/**
 * Bollinger Bands: middle = SMA(period), bands = middle ± multiplier × σ, with σ the POPULATION
 * standard deviation of the window, as Bollinger defines it (technicalindicators,
 * trading-signals, bukosabino/ta, TA-Lib all agree).
 * Warm-up: undefined until `period` prices have been seen.
 *
 * O(1) per price: the window's mean and sum of squared deviations slide with Welford's update
 * (numerically stable, unlike sum-of-squares at BTC prices), are recomputed exactly each time
 * the ring wraps, and a window of identical prices (an outage repeating the last price) gives
 * σ = 0 exactly rather than a rounding residue.
 */
export class BollingerBands {
  readonly period: number;
  readonly multiplier: number;
  readonly warmUpSamples: number;
  readonly #window: SlidingWindow;
  #mean = 0;
  #squaredDeviations = 0;
  #previousPrice = Number.NaN;
  #samePriceRun = 0;
  #value: BollingerValue | undefined;

  constructor(period: number, multiplier = 2) {
    requirePeriod('BollingerBands', 'period', period);
    if (!Number.isFinite(multiplier) || multiplier <= 0) {
      throw new IndicatorInputError(
        `BollingerBands(${period})`,
        `BollingerBands(${period}): the band width multiplier must be a positive number (got ${String(multiplier)}).`,
      );
    }
    this.period = period;
    this.multiplier = multiplier;
    this.warmUpSamples = period;
    this.#window = new SlidingWindow(period);
  }

  get value(): BollingerValue | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): BollingerValue | undefined {
    if (!Number.isFinite(price)) throw nonFiniteInput(`BollingerBands(${this.period})`, 'price', price);
    this.#slide(price);
    if (!this.#window.isFull) return undefined;
    const sigma = Math.sqrt(this.#squaredDeviations / this.period);
    const middle = this.#mean;
    const upper = middle + this.multiplier * sigma;
    const lower = middle - this.multiplier * sigma;
    const width = upper - lower;
    this.#value = {
      middle,
      upper,
      lower,
      standardDeviation: sigma,
      percentB: width > 0 ? (price - lower) / width : 0.5,
      widthPercent: middle !== 0 ? (width / middle) * 100 : 0,
    };
    return this.#value;
  }

  #slide(price: number): void {
    const window = this.#window;
    this.#samePriceRun = price === this.#previousPrice ? this.#samePriceRun + 1 : 1;
    this.#previousPrice = price;
    // Until the window is full nothing is accumulated: the first full window is computed exactly.
    if (window.isFull) {
      const leaving = window.oldest;
      const oldMean = this.#mean;
      this.#mean = oldMean + (price - leaving) / this.period;
      this.#squaredDeviations += (price - leaving) * (price - this.#mean + leaving - oldMean);
    }
    window.push(price);
    if (this.#samePriceRun >= this.period) {
      this.#mean = price;
      this.#squaredDeviations = 0;
    } else if (window.isInChronologicalOrder) {
      this.#recomputeExactly();
    } else if (this.#squaredDeviations < 0) {
      this.#squaredDeviations = 0;
    }
  }

  #recomputeExactly(): void {
    const mean = this.#window.sum() / this.period;
    let squaredDeviations = 0;
    for (let i = 0; i < this.period; i++) {
      const deviation = this.#window.atAge(i) - mean;
      squaredDeviations += deviation * deviation;
    }
    this.#mean = mean;
    this.#squaredDeviations = squaredDeviations;
  }
}
