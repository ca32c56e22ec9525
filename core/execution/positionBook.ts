import { splitMarketSymbol } from '../model/index.ts';
import type { Fill } from './order.ts';

/** A spot position built from Ballast's own fills (long only: selling reduces, never shorts). */
export interface Position {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Base held from Ballast's buys, after fees taken in base. */
  readonly amountBase: number;
  /** Quote paid for what is still held, buy fees included. */
  readonly costBasisQuote: number;
  readonly averageEntryPriceQuote: number | null;
  /** Closed P&L, net of the fees on both legs. */
  readonly realisedPnlQuote: number;
  /** Fees paid in base or quote, valued at the trade price (fees in a third asset are in `balanceDeltas`). */
  readonly feesPaidQuote: number;
  /** Base sold beyond what Ballast bought (holdings from before Ballast): no cost basis, no P&L. */
  readonly unmatchedSellBase: number;
}

export interface PositionValuation {
  readonly position: Position;
  readonly markPriceQuote: number;
  readonly unrealisedPnlQuote: number;
}

type MutablePosition = { -readonly [K in keyof Position]: Position[K] };

export function assetsOfSymbol(symbol: string): { base: string; quote: string } {
  const { base, quote } = splitMarketSymbol(symbol.split(':')[0] ?? symbol);
  if (base === '' || quote === '') throw new RangeError(`not a spot symbol: ${symbol}`);
  return { base, quote };
}

/**
 * Positions, P&L and balance changes derived from fills only: never from what was intended,
 * ordered or assumed, so a timeout or a lost response cannot make the book believe in a
 * position that does not exist. Average-cost accounting.
 */
export class PositionBook {
  readonly #positions = new Map<string, MutablePosition>();
  readonly #balanceDeltas = new Map<string, number>();
  #fills = 0;

  constructor(fills: Iterable<Fill> = []) {
    for (const fill of fills) this.applyFill(fill);
  }

  get fillCount(): number {
    return this.#fills;
  }

  applyFill(fill: Fill): void {
    const { base, quote } = assetsOfSymbol(fill.symbol);
    const position = this.#positionOf(fill.symbol, base, quote);
    const costQuote = fill.amountBase * fill.priceQuote;
    const feeAmount = fill.fee?.amount ?? 0;
    const feeInBase = fill.fee?.asset === base ? feeAmount : 0;
    const feeInQuote = fill.fee?.asset === quote ? feeAmount : 0;
    this.#fills += 1;
    position.feesPaidQuote += feeInQuote + feeInBase * fill.priceQuote;
    if (fill.fee !== null && feeAmount !== 0) this.#addDelta(fill.fee.asset, -feeAmount);
    if (fill.side === 'buy') {
      this.#addDelta(base, fill.amountBase);
      this.#addDelta(quote, -costQuote);
      position.amountBase += fill.amountBase - feeInBase;
      position.costBasisQuote += costQuote + feeInQuote;
    } else {
      this.#addDelta(base, -fill.amountBase);
      this.#addDelta(quote, costQuote);
      const soldBase = fill.amountBase + feeInBase;
      const matchedBase = Math.min(soldBase, Math.max(position.amountBase, 0));
      const costRemoved = position.amountBase > 0 ? (position.costBasisQuote * matchedBase) / position.amountBase : 0;
      const proceeds = costQuote - feeInQuote;
      position.realisedPnlQuote += (proceeds * matchedBase) / soldBase - costRemoved;
      position.unmatchedSellBase += soldBase - matchedBase;
      position.amountBase -= matchedBase;
      position.costBasisQuote -= costRemoved;
      if (position.amountBase <= 1e-12) {
        position.amountBase = 0;
        position.costBasisQuote = 0;
      }
    }
    position.averageEntryPriceQuote = position.amountBase > 0 ? position.costBasisQuote / position.amountBase : null;
  }

  position(symbol: string): Position {
    const existing = this.#positions.get(symbol);
    if (existing !== undefined) return { ...existing };
    const { base, quote } = assetsOfSymbol(symbol);
    return { symbol, base, quote, amountBase: 0, costBasisQuote: 0, averageEntryPriceQuote: null, realisedPnlQuote: 0, feesPaidQuote: 0, unmatchedSellBase: 0 };
  }

  positions(): Position[] {
    return [...this.#positions.values()].map((position) => ({ ...position }));
  }

  valuation(symbol: string, markPriceQuote: number): PositionValuation {
    const position = this.position(symbol);
    return { position, markPriceQuote, unrealisedPnlQuote: position.amountBase * markPriceQuote - position.costBasisQuote };
  }

  /** How every asset's balance changed through Ballast's fills (fees included): what the exchange balance must show. */
  balanceDeltas(): ReadonlyMap<string, number> {
    return new Map(this.#balanceDeltas);
  }

  #positionOf(symbol: string, base: string, quote: string): MutablePosition {
    let position = this.#positions.get(symbol);
    if (position === undefined) {
      position = { symbol, base, quote, amountBase: 0, costBasisQuote: 0, averageEntryPriceQuote: null, realisedPnlQuote: 0, feesPaidQuote: 0, unmatchedSellBase: 0 };
      this.#positions.set(symbol, position);
    }
    return position;
  }

  #addDelta(asset: string, amount: number): void {
    this.#balanceDeltas.set(asset, (this.#balanceDeltas.get(asset) ?? 0) + amount);
  }
}
