/**
 * The last `capacity` samples of a series in a fixed ring of typed numbers: O(1) per sample, no
 * allocation after construction. Indicators keep running sums over it and re-sum exactly each
 * time the ring wraps (`isInChronologicalOrder`), which costs O(1) amortised and stops the
 * rounding drift of add-one-remove-one sums from growing over millions of candles.
 */
export class SlidingWindow {
  readonly capacity: number;
  readonly #values: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  get isFull(): boolean {
    return this.#size === this.capacity;
  }

  /** The sample that the next `push` will evict once the window is full. */
  get oldest(): number {
    return this.#values[this.isFull ? this.#next : 0] ?? 0;
  }

  /** True when physical order equals time order (oldest at index 0): right after a wrap. */
  get isInChronologicalOrder(): boolean {
    return this.#next === 0 && this.isFull;
  }

  push(value: number): void {
    this.#values[this.#next] = value;
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The i-th sample counted from the oldest one still in the window. */
  atAge(indexFromOldest: number): number {
    const start = this.isFull ? this.#next : 0;
    const physical = (start + indexFromOldest) % this.capacity;
    return this.#values[physical] ?? 0;
  }

  /** Exact sum of the samples in the window (O(capacity); used on wrap, not per sample). */
  sum(): number {
    let total = 0;
    for (let i = 0; i < this.#size; i++) total += this.#values[i] ?? 0;
    return total;
  }
}
