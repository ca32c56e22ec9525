import type { EquityMarks, EquityWatermarks } from '../risk/index.ts';

const DAY_MS = 86_400_000;

/**
 * Feeds the risk layer's equity watermarks (high-water mark, day-start equity) with the equity
 * at every bar's close, as the paper bot does — but lazily. The marks are only read when a
 * decision is made, and only two things about the skipped bars can matter then: the highest
 * equity seen, and the equity at the first close of the decision's day. So bars only note
 * those two numbers, and a decision first replays them into the watermarks (today's first close,
 * then the highest equity since the last decision), then observes the equity of the moment.
 * The marks come out exactly as if every bar had been observed, without the time-zone
 * arithmetic the watermarks do per call (a few microseconds per new day).
 *
 * Days are only known cheaply in UTC; in other zones every bar is observed as it closes.
 */
export class WatermarkFeed {
  readonly #watermarks: EquityWatermarks;
  readonly #lazy: boolean;
  /** Highest close equity not yet given to the watermarks. */
  #highest = Number.NEGATIVE_INFINITY;
  /** First close of the current UTC day, and when that day ends. */
  #dayFirst = Number.NaN;
  #dayFirstAtMs = 0;
  #dayEndsMs = Number.NEGATIVE_INFINITY;
  /** Whether the watermarks already saw the current day's first close. */
  #dayFirstGiven = false;

  constructor(watermarks: EquityWatermarks, timeZone: string) {
    this.#watermarks = watermarks;
    this.#lazy = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  }

  /** The equity at a bar's close. */
  atClose(equityQuote: number, atMs: number): void {
    if (!this.#lazy) {
      this.#watermarks.observe(equityQuote, atMs);
      return;
    }
    if (atMs >= this.#dayEndsMs) {
      this.#dayFirst = equityQuote;
      this.#dayFirstAtMs = atMs;
      this.#dayEndsMs = (Math.floor(atMs / DAY_MS) + 1) * DAY_MS;
      this.#dayFirstGiven = false;
    }
    if (equityQuote > this.#highest) this.#highest = equityQuote;
  }

  /** A decision: the marks the risk layer judges with, after the equity of the moment. */
  observe(equityQuote: number, atMs: number): EquityMarks {
    const watermarks = this.#watermarks;
    if (!this.#lazy) return watermarks.observe(equityQuote, atMs);
    const highest = this.#highest;
    this.#highest = Number.NEGATIVE_INFINITY;
    if (atMs < this.#dayEndsMs) {
      if (!this.#dayFirstGiven) {
        watermarks.observe(this.#dayFirst, this.#dayFirstAtMs);
        this.#dayFirstGiven = true;
      }
      // Older highs (of this day or days before) only raise the high-water mark: given at a time
      // of the current day, they cannot start a day of their own. Every observation of the day is
      // given at the day's first close: the marks depend on the day only, and the watermarks work
      // a day out once per day that way.
      if (highest > Number.NEGATIVE_INFINITY) watermarks.observe(highest, this.#dayFirstAtMs);
      return watermarks.observe(equityQuote, this.#dayFirstAtMs);
    }
    // No bar has closed yet on the decision's day: the day starts with this equity.
    const marks = watermarks.observe(equityQuote, atMs);
    return highest > Number.NEGATIVE_INFINITY ? watermarks.observe(highest, atMs) : marks;
  }
}
