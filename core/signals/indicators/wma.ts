import { nonFiniteInput, requirePeriod } from './inputGuards.ts';
import { SlidingWindow } from './slidingWindow.ts';

/**
 * Linearly weighted moving average: the newest of the last `period` prices weighs `period`,
 * the oldest weighs 1, divided by period·(period+1)/2.
 * Warm-up: undefined until `period` prices have been seen.
 *
 * O(1) per price: when the window slides every weight drops by one, so the weighted sum loses
 * the plain sum of the window and gains period × the new price.
 */
export class WMA {
  readonly period: number;
  readonly warmUpSamples: number;
  readonly #window: SlidingWindow;
  readonly #weightTotal: number;
  #sum = 0;
  #weightedSum = 0;
  #value: number | undefined;

  constructor(period: number) {
    requirePeriod('WMA', 'period', period);
    this.period = period;
    this.warmUpSamples = period;
    this.#window = new SlidingWindow(period);
    this.#weightTotal = (period * (period + 1)) / 2;
  }

  get value(): number | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): number | undefined {
    if (!Number.isFinite(price)) throw nonFiniteInput(`WMA(${this.period})`, 'price', price);
    const window = this.#window;
    // Until the window is full nothing is summed: the first full window is summed exactly below.
    if (window.isFull) {
      this.#weightedSum += this.period * price - this.#sum;
      this.#sum += price - window.oldest;
    }
    window.push(price);
    if (!window.isFull) return undefined;
    if (window.isInChronologicalOrder) this.#resum();
    this.#value = this.#weightedSum / this.#weightTotal;
    return this.#value;
  }

  #resum(): void {
    let sum = 0;
    let weightedSum = 0;
    for (let i = 0; i < this.period; i++) {
      const price = this.#window.atAge(i);
      sum += price;
      weightedSum += (i + 1) * price;
    }
    this.#sum = sum;
    this.#weightedSum = weightedSum;
  }
}
