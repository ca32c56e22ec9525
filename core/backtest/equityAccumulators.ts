/**
 * The running sums the statistics pass keeps, one small object each so the pass stays one loop
 * with no allocation per bar.
 */

/**
 * Drawdown as backtesting.py measures it: dd = 1 − equity / running peak; a drawdown period
 * runs from a bar with dd = 0 to the next such bar (or to the last bar) when at least one bar
 * lies between them, and lasts the time between those two bars.
 */
export class DrawdownTracker {
  peak = Number.NEGATIVE_INFINITY;
  deepest = 0;
  current = 0;
  periods = 0;
  depthSum = 0;
  durationSumMs = 0;
  durationMaxMs = Number.NEGATIVE_INFINITY;
  #lastHighBar = 0;
  #lastHighMs = Number.NaN;
  #deepestSinceHigh = 0;

  add(bar: number, timeMs: number, equity: number): void {
    if (equity > this.peak) this.peak = equity;
    const drawdown = 1 - equity / this.peak;
    this.current = drawdown;
    if (drawdown > this.deepest) this.deepest = drawdown;
    if (drawdown === 0) {
      if (bar > this.#lastHighBar + 1) this.#closePeriod(timeMs);
      this.#lastHighBar = bar;
      this.#lastHighMs = timeMs;
      this.#deepestSinceHigh = 0;
    } else if (drawdown > this.#deepestSinceHigh) {
      this.#deepestSinceHigh = drawdown;
    }
  }

  /** An unfinished drawdown counts up to the last bar, unless it began on that very bar. */
  finish(lastBar: number, lastTimeMs: number): void {
    if (this.current !== 0 && lastBar > this.#lastHighBar + 1) this.#closePeriod(lastTimeMs);
  }

  #closePeriod(endMs: number): void {
    const durationMs = endMs - this.#lastHighMs;
    this.periods++;
    this.depthSum += this.#deepestSinceHigh;
    this.durationSumMs += durationMs;
    if (durationMs > this.durationMaxMs) this.durationMaxMs = durationMs;
  }
}

/**
 * Returns between the closing equity of consecutive resampling bins (pandas' `pct_change` of
 * `resample(...).last()`): Σ ln(1 + r) for the geometric mean, Welford's running variance, and
 * Σ min(r, 0)² for the Sortino ratio.
 */
export class PeriodReturns {
  /** Bins seen, including the first one, which has no return. */
  bins = 0;
  count = 0;
  logGrowthSum = 0;
  /** Some 1 + r ≤ 0: backtesting.py's geometric mean is then 0. */
  growthNotPositive = false;
  mean = 0;
  squaredDeviations = 0;
  downsideSquares = 0;
  #previousClose = Number.NaN;

  close(binCloseEquity: number): void {
    this.bins++;
    const previous = this.#previousClose;
    this.#previousClose = binCloseEquity;
    if (Number.isNaN(previous)) return;
    const r = binCloseEquity / previous - 1;
    const growth = r + 1;
    if (growth <= 0) this.growthNotPositive = true;
    else this.logGrowthSum += Math.log(growth);
    this.count++;
    const delta = r - this.mean;
    this.mean += delta / this.count;
    this.squaredDeviations += delta * (r - this.mean);
    if (r < 0) this.downsideSquares += r * r;
  }

  /** exp(Σ ln(1 + r) / bins) − 1: backtesting.py divides by the bins, one more than the returns. */
  geometricMean(): number {
    return this.growthNotPositive ? 0 : Math.exp(this.logGrowthSum / this.bins) - 1;
  }

  sampleVariance(): number {
    return this.count > 1 ? this.squaredDeviations / (this.count - 1) : Number.NaN;
  }

  meanDownsideSquare(): number {
    return this.downsideSquares / this.count;
  }
}
