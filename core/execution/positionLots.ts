import type { Fill, Order } from './order.ts';
import { assetsOfSymbol } from './positionBook.ts';

/** What one entry still holds of Ballast's position, and where its protective stop belongs. */
export interface PositionLot {
  readonly entryClientOrderId: string;
  readonly amountBase: number;
  /** The entry's protective stop, or null for an entry that came without one (an adopted order). */
  readonly stopPriceQuote: number | null;
}

/** Fills are exact to 8 decimals; sums are kept at 12 so float noise never costs a lot step. */
const clean = (value: number): number => Number(value.toFixed(12));

/**
 * Ballast's own position in each market as lots of the entries that built it, from fills only.
 * Buys by entries add a lot (net of the fee taken in base); every sell takes from the oldest lots
 * first. The lots' total equals the position book's amount, and it is never more than Ballast
 * bought: coins the person held before are not in it, so nothing sized from it can sell them.
 * Kept up to date incrementally from the journal's fill sequence.
 */
export class PositionLots {
  readonly #lots = new Map<string, { entryClientOrderId: string; amountBase: number; stopPriceQuote: number | null }[]>();
  /** The newest entry's stop per market, kept after its lot is gone (see `stopPriceFor`). */
  readonly #lastStop = new Map<string, number>();
  readonly #orderOf: (clientOrderId: string) => Order | undefined;
  readonly #stepOf: (symbol: string) => number | undefined;

  constructor(orderOf: (clientOrderId: string) => Order | undefined, stepOf: (symbol: string) => number | undefined = () => undefined) {
    this.#orderOf = orderOf;
    this.#stepOf = stepOf;
  }

  apply(fill: Fill): void {
    const { base } = assetsOfSymbol(fill.symbol);
    const lots = this.#lots.get(fill.symbol) ?? [];
    this.#lots.set(fill.symbol, lots);
    const feeInBase = fill.fee?.asset === base ? fill.fee.amount : 0;
    const order = this.#orderOf(fill.clientOrderId);
    if (fill.side === 'buy') {
      const stopPriceQuote = order?.protectiveStopPriceQuote ?? null;
      if (stopPriceQuote !== null) this.#lastStop.set(fill.symbol, stopPriceQuote);
      const last = lots.at(-1);
      if (last?.entryClientOrderId === fill.clientOrderId) last.amountBase = clean(last.amountBase + fill.amountBase - feeInBase);
      else lots.push({ entryClientOrderId: fill.clientOrderId, amountBase: clean(fill.amountBase - feeInBase), stopPriceQuote });
      return;
    }
    let toRemove = clean(fill.amountBase + feeInBase);
    for (let oldest = lots[0]; toRemove > 0 && oldest !== undefined; oldest = lots[0]) {
      const taken = Math.min(oldest.amountBase, toRemove);
      oldest.amountBase = clean(oldest.amountBase - taken);
      toRemove = clean(toRemove - taken);
      if (oldest.amountBase <= 0) lots.shift();
    }
    // What a sale leaves below one lot step (fees taken in the coin) no order can sell: its entry's
    // stop no longer speaks for it, or an old, higher stop would price the next position's stop.
    const step = this.#stepOf(fill.symbol);
    if (step !== undefined) for (const lot of lots) if (lot.amountBase < step) lot.stopPriceQuote = null;
  }

  lots(symbol: string): readonly PositionLot[] {
    return (this.#lots.get(symbol) ?? []).map((lot) => ({ ...lot }));
  }

  amountBase(symbol: string): number {
    return clean((this.#lots.get(symbol) ?? []).reduce((sum, lot) => sum + lot.amountBase, 0));
  }

  /** Markets where Ballast holds something. */
  symbols(): string[] {
    return [...this.#lots].filter(([, lots]) => lots.length > 0).map(([symbol]) => symbol);
  }

  /**
   * The stop for the whole position: the highest protective stop among the entries that still hold
   * part of it, so no coin is ever protected less tightly than its own entry asked. Null when none
   * of them, nor any earlier entry in the market, came with a stop.
   */
  stopPriceFor(symbol: string): number | null {
    let highest: number | null = null;
    for (const lot of this.#lots.get(symbol) ?? []) {
      if (lot.stopPriceQuote !== null && (highest === null || lot.stopPriceQuote > highest)) highest = lot.stopPriceQuote;
    }
    // Only residues left (grown to something sellable over many trades): the newest entry's stop.
    return highest ?? this.#lastStop.get(symbol) ?? null;
  }

  /** The newest entry still holding part of the position (the stop's parent in the journal). */
  newestEntry(symbol: string): string | null {
    return this.#lots.get(symbol)?.at(-1)?.entryClientOrderId ?? null;
  }
}
