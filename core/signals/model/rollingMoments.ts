/**
 * Mean and population variance of the last `length` samples, O(1) and allocation-free per sample.
 * The running sums are recomputed exactly each time the ring wraps, so the rounding drift of
 * add-one-remove-one sums cannot grow over years of bars (the same scheme as the SMA).
 */
export class RollingMoments {
  readonly length: number;
  readonly #ring: Float64Array;
  #next = 0;
  #size = 0;
  #sum = 0;
  #sumOfSquares = 0;

  constructor(length: number) {
    if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`A rolling window needs at least one sample (got ${String(length)}).`);
    this.length = length;
    this.#ring = new Float64Array(length);
  }

  get isFull(): boolean {
    return this.#size === this.length;
  }

  get size(): number {
    return this.#size;
  }

  get mean(): number {
    return this.#size === 0 ? Number.NaN : this.#sum / this.#size;
  }

  /** Population variance (divides by the number of samples); never negative. */
  get variance(): number {
    if (this.#size === 0) return Number.NaN;
    const mean = this.#sum / this.#size;
    const variance = this.#sumOfSquares / this.#size - mean * mean;
    return variance > 0 ? variance : 0;
  }

  push(value: number): void {
    const ring = this.#ring;
    const slot = this.#next;
    if (this.#size === this.length) {
      const evicted = ring[slot] ?? 0;
      this.#sum -= evicted;
      this.#sumOfSquares -= evicted * evicted;
    } else {
      this.#size++;
    }
    ring[slot] = value;
    this.#sum += value;
    this.#sumOfSquares += value * value;
    this.#next = slot + 1 === this.length ? 0 : slot + 1;
    if (this.#next === 0) this.#resum();
  }

  #resum(): void {
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < this.#size; i++) {
      const value = this.#ring[i] ?? 0;
      sum += value;
      sumOfSquares += value * value;
    }
    this.#sum = sum;
    this.#sumOfSquares = sumOfSquares;
  }
}
