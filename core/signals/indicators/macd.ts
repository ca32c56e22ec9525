import { EMA, type EmaSeed } from './ema.ts';
import { IndicatorInputError, nonFiniteInput, requirePeriod } from './inputGuards.ts';

export interface MacdOptions {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  /**
   * Seeding of all three EMAs (see `EmaSeed`). 'sma' matches technicalindicators and TA-Lib;
   * 'firstValue' matches bukosabino/ta (pandas `ewm(adjust=False)`), where the signal EMA starts
   * at the first MACD line value.
   */
  readonly emaSeed?: EmaSeed;
}

export interface MacdValue {
  /** fast EMA − slow EMA */
  readonly macd: number;
  /** EMA(signalPeriod) of the MACD line */
  readonly signal: number;
  /** macd − signal */
  readonly histogram: number;
}

/**
 * Moving average convergence/divergence.
 * Warm-up: the MACD line (`line`) exists once the slow EMA does, after `slowPeriod` prices; the
 * full value (line, signal, histogram) after `slowPeriod + signalPeriod − 1` prices.
 */
export class MACD {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  readonly emaSeed: EmaSeed;
  readonly warmUpSamples: number;
  readonly #fast: EMA;
  readonly #slow: EMA;
  readonly #signal: EMA;
  #line: number | undefined;
  #value: MacdValue | undefined;

  constructor(options: MacdOptions) {
    const { fastPeriod, slowPeriod, signalPeriod } = options;
    requirePeriod('MACD', 'fast period', fastPeriod);
    requirePeriod('MACD', 'slow period', slowPeriod);
    requirePeriod('MACD', 'signal period', signalPeriod);
    if (fastPeriod >= slowPeriod) {
      throw new IndicatorInputError('MACD', `MACD: the fast period (${fastPeriod}) must be shorter than the slow period (${slowPeriod}).`);
    }
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.signalPeriod = signalPeriod;
    this.emaSeed = options.emaSeed ?? 'sma';
    this.warmUpSamples = slowPeriod + signalPeriod - 1;
    const seed = { seed: this.emaSeed };
    this.#fast = new EMA(fastPeriod, seed);
    this.#slow = new EMA(slowPeriod, seed);
    this.#signal = new EMA(signalPeriod, seed);
  }

  /** The MACD line alone, available `signalPeriod − 1` prices before the full value. */
  get line(): number | undefined {
    return this.#line;
  }

  get value(): MacdValue | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): MacdValue | undefined {
    if (!Number.isFinite(price)) {
      throw nonFiniteInput(`MACD(${this.fastPeriod},${this.slowPeriod},${this.signalPeriod})`, 'price', price);
    }
    const fast = this.#fast.update(price);
    const slow = this.#slow.update(price);
    if (fast === undefined || slow === undefined) return undefined;
    const line = fast - slow;
    this.#line = line;
    const signal = this.#signal.update(line);
    if (signal === undefined) return undefined;
    this.#value = { macd: line, signal, histogram: line - signal };
    return this.#value;
  }
}
