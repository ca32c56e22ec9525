import { nonFiniteInput, requirePeriod } from './inputGuards.ts';
import { SlidingWindow } from './slidingWindow.ts';

/**
 * Simple moving average: the plain mean of the last `period` prices.
 * Warm-up: undefined until `period` prices have been seen.
 */
export class SMA {
  readonly period: number;
  readonly warmUpSamples: number;
  readonly #window: SlidingWindow;
  #sum = 0;
  #value: number | undefined;

  constructor(period: number) {
    requirePeriod('SMA', 'period', period);
    this.period = period;
    this.warmUpSamples = period;
    this.#window = new SlidingWindow(period);
  }

  get value(): number | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): number | undefined {
    if (!Number.isFinite(price)) throw nonFiniteInput(`SMA(${this.period})`, 'price', price);
    const window = this.#window;
    // Until the window is full nothing is summed: the first full window is summed exactly below.
    if (window.isFull) this.#sum += price - window.oldest;
    window.push(price);
    if (!window.isFull) return undefined;
    if (window.isInChronologicalOrder) this.#sum = window.sum();
    this.#value = this.#sum / this.period;
    return this.#value;
  }
}
