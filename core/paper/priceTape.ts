import type { Candle } from '../market/index.ts';

export interface TapeBar {
  readonly symbol: string;
  readonly bar: Candle;
}

/**
 * The bars the paper exchange trades against, per symbol: a whole replay series given up front,
 * bars pushed one by one as they close, or bars fetched live. It remembers, per symbol, the last
 * bar already matched (the "reference" bar: its close is the current price), so no bar is ever
 * matched twice, across restarts too.
 */
export class PriceTape {
  readonly intervalMs: number;
  readonly #bars = new Map<string, Candle[]>();
  readonly #reference = new Map<string, Candle>();

  constructor(intervalMs: number, series: Readonly<Record<string, readonly Candle[]>> = {}) {
    this.intervalMs = intervalMs;
    for (const [symbol, candles] of Object.entries(series)) {
      candles.forEach((candle, index) => {
        const previous = candles[index - 1];
        if (previous !== undefined && candle.openTimeMs <= previous.openTimeMs) {
          throw new RangeError(`The replay bars of ${symbol} must be in strictly ascending time order (bar ${index}).`);
        }
      });
      this.#bars.set(symbol, [...candles]);
    }
  }

  symbols(): string[] {
    return [...new Set([...this.#bars.keys(), ...this.#reference.keys()])].sort();
  }

  /** The last bar matched for `symbol`: its close is the current price. */
  reference(symbol: string): Candle | undefined {
    return this.#reference.get(symbol);
  }

  setReference(symbol: string, bar: Candle): void {
    this.#reference.set(symbol, bar);
  }

  /** Starts a new replay at `nowMs`: the bar that closed last before it becomes the reference. */
  startAt(nowMs: number): void {
    for (const [symbol, bars] of this.#bars) {
      if (this.#reference.has(symbol)) continue;
      const bar = bars[this.#lastIndexClosingBy(bars, nowMs)];
      if (bar !== undefined) this.#reference.set(symbol, bar);
    }
  }

  /** Adds a bar that closed (live or pushed by the runtime); false when it is not newer than what the tape has. */
  append(symbol: string, bar: Candle): boolean {
    const bars = this.#bars.get(symbol) ?? [];
    const last = bars.at(-1) ?? this.#reference.get(symbol);
    if (last !== undefined && bar.openTimeMs <= last.openTimeMs) return false;
    bars.push(bar);
    this.#bars.set(symbol, bars);
    return true;
  }

  /** Bars of every symbol that closed by `toMs` and were not matched yet, oldest first (ties by symbol). */
  unmatchedBarsClosingBy(toMs: number): TapeBar[] {
    const due: TapeBar[] = [];
    for (const [symbol, bars] of this.#bars) {
      const fromOpenMs = this.#reference.get(symbol)?.openTimeMs ?? Number.NEGATIVE_INFINITY;
      for (let index = this.#firstIndexOpenedAfter(bars, fromOpenMs); index < bars.length; index += 1) {
        const bar = bars[index];
        if (bar === undefined || bar.openTimeMs + this.intervalMs > toMs) break;
        due.push({ symbol, bar });
      }
    }
    return due.sort((a, b) => a.bar.openTimeMs - b.bar.openTimeMs || a.symbol.localeCompare(b.symbol));
  }

  /** Drops bars already matched, so a long live session does not keep every bar in memory. */
  forgetMatched(): void {
    for (const [symbol, bars] of this.#bars) {
      const reference = this.#reference.get(symbol);
      if (reference === undefined || bars.length < 1000) continue;
      this.#bars.set(symbol, bars.slice(this.#firstIndexOpenedAfter(bars, reference.openTimeMs)));
    }
  }

  #lastIndexClosingBy(bars: readonly Candle[], atMs: number): number {
    return this.#firstIndexOpenedAfter(bars, atMs - this.intervalMs) - 1;
  }

  /** Binary search: the first bar opening strictly after `atMs`. */
  #firstIndexOpenedAfter(bars: readonly Candle[], atMs: number): number {
    let low = 0;
    let high = bars.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((bars[middle]?.openTimeMs ?? Number.POSITIVE_INFINITY) <= atMs) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
