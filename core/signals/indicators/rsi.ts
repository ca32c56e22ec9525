import { nonFiniteInput, requirePeriod } from './inputGuards.ts';

/**
 * Relative strength index, Wilder's definition (as in his 1978 book, TA-Lib, technicalindicators
 * and trading-signals): the first average gain/loss is the plain mean of the first `period`
 * price changes, then each new change is blended in as avg = (avg·(period−1) + change) / period.
 * RSI = 100 − 100 / (1 + avgGain/avgLoss).
 *
 * Not the pandas `ewm(adjust=True)` variant that some Python libraries call RSI: that one weighs
 * early changes differently and gives other numbers for the first few hundred candles.
 *
 * Warm-up: undefined until `period + 1` prices (= `period` changes) have been seen.
 * Edge cases: no losses at all → 100; no gains at all → 0; no movement at all (a flat market,
 * e.g. an exchange outage repeating the last price) → 50, because a market that did not move is
 * neither overbought nor oversold.
 */
export class RSI {
  readonly period: number;
  readonly warmUpSamples: number;
  #previousPrice = 0;
  #changes = -1;
  #averageGain = 0;
  #averageLoss = 0;
  #value: number | undefined;

  constructor(period: number) {
    requirePeriod('RSI', 'period', period);
    this.period = period;
    this.warmUpSamples = period + 1;
  }

  get value(): number | undefined {
    return this.#value;
  }

  get isReady(): boolean {
    return this.#value !== undefined;
  }

  update(price: number): number | undefined {
    if (!Number.isFinite(price)) throw nonFiniteInput(`RSI(${this.period})`, 'price', price);
    const change = price - this.#previousPrice;
    this.#previousPrice = price;
    const changes = ++this.#changes;
    if (changes === 0) return undefined;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const period = this.period;
    if (changes > period) {
      this.#averageGain = (this.#averageGain * (period - 1) + gain) / period;
      this.#averageLoss = (this.#averageLoss * (period - 1) + loss) / period;
    } else {
      // While warming up the fields hold sums; they become averages at the `period`-th change.
      this.#averageGain += gain;
      this.#averageLoss += loss;
      if (changes < period) return undefined;
      this.#averageGain /= period;
      this.#averageLoss /= period;
    }
    this.#value = rsiFromAverages(this.#averageGain, this.#averageLoss);
    return this.#value;
  }
}

function rsiFromAverages(averageGain: number, averageLoss: number): number {
  if (averageLoss === 0) return averageGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + averageGain / averageLoss);
}
