import { IndicatorInputError, nonFiniteInput, requirePeriod } from './inputGuards.ts';

/**
 * What the very first candle contributes, since it has no previous close to gap from.
 * - 'highMinusLow': its true range is high − low and counts as the first sample (Wilder's
 *   worksheet as reproduced by StockCharts, bukosabino/ta, trading-signals). First ATR after
 *   `period` candles.
 * - 'skip': it only provides the previous close (TA-Lib, technicalindicators). First ATR after
 *   `period + 1` candles.
 */
export type AtrFirstCandle = 'highMinusLow' | 'skip';

export interface AtrOptions {
  readonly firstCandle?: AtrFirstCandle;
}

/** A candle's range widened by any gap from the previous close. */
export function trueRange(high: number, low: number, previousClose: number): number {
  const range = high - low;
  const gapUp = Math.abs(high - previousClose);
  const gapDown = Math.abs(low - previousClose);
  return range >= gapUp ? (range >= gapDown ? range : gapDown) : gapUp >= gapDown ? gapUp : gapDown;
}

/**
 * Average true range, Wilder's smoothing: the first ATR is the mean of the first `period` true
 * ranges, then atr = (atr·(period−1) + trueRange) / period.
 */
export class ATR {
  readonly period: number;
  readonly firstCandle: AtrFirstCandle;
  readonly warmUpSamples: number;
  #candles = 0;
  #trueRanges = 0;
  #previousClose = 0;
  /** Sum of true ranges while warming up, then the average. */
  #state = 0;
  #value: number | undefined;

  constructor(period: number, options: AtrOptions = {}) {
    requirePeriod('ATR', 'period', period);
    this.period = period;
    this.firstCandle = options.firstCandle ?? 'highMinusLow';
    this.warmUpSamples = this.firstCandle === 'skip' ? period + 1 : period;
  }

  get value(): number | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(high: number, low: number, close: number): number | undefined {
    this.#requireCandle(high, low, close);
    const isFirstCandle = this.#candles++ === 0;
    const previousClose = this.#previousClose;
    this.#previousClose = close;
    if (isFirstCandle && this.firstCandle === 'skip') return undefined;
    const range = isFirstCandle ? high - low : trueRange(high, low, previousClose);
    const count = ++this.#trueRanges;
    const period = this.period;
    if (count > period) {
      this.#state = (this.#state * (period - 1) + range) / period;
    } else {
      this.#state += range;
      if (count < period) return undefined;
      this.#state /= period;
    }
    this.#value = this.#state;
    return this.#state;
  }

  #requireCandle(high: number, low: number, close: number): void {
    const name = `ATR(${this.period})`;
    if (!Number.isFinite(high)) throw nonFiniteInput(name, 'high', high);
    if (!Number.isFinite(low)) throw nonFiniteInput(name, 'low', low);
    if (!Number.isFinite(close)) throw nonFiniteInput(name, 'close', close);
    if (low > high) {
      throw new IndicatorInputError(name, `${name} received a candle whose low (${low}) is above its high (${high}); the candle is malformed.`);
    }
  }
}
