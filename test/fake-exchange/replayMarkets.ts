import { syntheticBook, type BookShape, type OrderBookSnapshot } from './book.ts';
import type { CandleSeries } from './candles.ts';
import type { SymbolRules } from './exchangeInfo.ts';
import { priceAt } from './pricePath.ts';
import { reject } from './rejections.ts';

export interface ReplayMarket {
  rules: SymbolRules;
  series: CandleSeries;
}

/** The tradable symbols: their rules, their replayed candles, and the book around the price. */
export class ReplayMarkets {
  readonly #markets = new Map<string, ReplayMarket>();
  readonly bookShape: BookShape;

  constructor(markets: readonly ReplayMarket[], bookShape: BookShape) {
    for (const market of markets) this.#markets.set(market.rules.symbolId, market);
    this.bookShape = bookShape;
  }

  all(): ReplayMarket[] {
    return [...this.#markets.values()];
  }

  /** The market for a request's `symbol`, or Binance's "Invalid symbol." (-1121). */
  get(symbolId: string): ReplayMarket {
    const market = this.#markets.get(symbolId);
    if (market === undefined) throw reject.invalidSymbol();
    return market;
  }

  priceAt(symbolId: string, atMs: number): number | undefined {
    return priceAt(this.get(symbolId).series, atMs);
  }

  bookAt(symbolId: string, atMs: number): OrderBookSnapshot {
    const market = this.get(symbolId);
    return syntheticBook(this.priceAt(symbolId, atMs), market.rules.price.step, market.rules.lot.step, this.bookShape);
  }
}
