import { marketError, marketOk, type MarketDataPort, type MarketResult, type OrderBookLevel, type OrderBookSnapshot, type TickerSnapshot } from './marketDataPort.ts';

/**
 * How liquid a market is right now: what the pair allowlist and the pre-order spread/depth
 * check look at (a stolen trade-only key is used to push funds into thin markets).
 */
export interface LiquidityView {
  readonly symbol: string;
  readonly atMs: number | null;
  /** 24 h traded value in quote currency; null when the exchange does not report it. */
  readonly quoteVolume24h: number | null;
  readonly bidQuote: number;
  readonly askQuote: number;
  readonly midQuote: number;
  /** (ask − bid) / mid in basis points. */
  readonly spreadBps: number;
  readonly depthWithinBps: number;
  /** Quote value resting within `depthWithinBps` of the mid, per side. */
  readonly bidDepthQuote: number;
  readonly askDepthQuote: number;
}

export const DEFAULT_DEPTH_WITHIN_BPS = 50;

function depthQuote(levels: readonly OrderBookLevel[], withinPrice: (priceQuote: number) => boolean): number {
  let total = 0;
  for (const level of levels) {
    if (!withinPrice(level.priceQuote)) break;
    total += level.priceQuote * level.amountBase;
  }
  return total;
}

/**
 * Combines a ticker (for 24 h volume) and an order book (for spread and depth). An empty side
 * or a crossed book is an error, never a view: a liquidity check must not pass on no data.
 */
export function liquidityViewFrom(
  ticker: TickerSnapshot,
  book: OrderBookSnapshot,
  depthWithinBps: number = DEFAULT_DEPTH_WITHIN_BPS,
): MarketResult<LiquidityView> {
  if (!(depthWithinBps > 0)) throw new RangeError(`depthWithinBps must be > 0, got ${depthWithinBps}.`);
  const bestBid = book.bids[0];
  const bestAsk = book.asks[0];
  if (!bestBid || !bestAsk) {
    return marketError('MALFORMED_RESPONSE', `Nobody is ${bestBid ? 'selling' : 'buying'} ${book.symbol} right now, so its liquidity cannot be judged.`, `${book.symbol}: empty ${bestBid ? 'ask' : 'bid'} side`);
  }
  if (bestBid.priceQuote >= bestAsk.priceQuote) {
    return marketError('MALFORMED_RESPONSE', `The order book for ${book.symbol} does not make sense (buyers above sellers), so it was not used.`, `${book.symbol}: crossed book bid ${bestBid.priceQuote} >= ask ${bestAsk.priceQuote}`);
  }
  const midQuote = (bestBid.priceQuote + bestAsk.priceQuote) / 2;
  const band = (midQuote * depthWithinBps) / 10_000;
  return marketOk({
    symbol: book.symbol,
    atMs: book.atMs ?? ticker.atMs,
    quoteVolume24h: ticker.quoteVolume24h,
    bidQuote: bestBid.priceQuote,
    askQuote: bestAsk.priceQuote,
    midQuote,
    spreadBps: ((bestAsk.priceQuote - bestBid.priceQuote) / midQuote) * 10_000,
    depthWithinBps,
    bidDepthQuote: depthQuote(book.bids, (priceQuote) => priceQuote >= midQuote - band),
    askDepthQuote: depthQuote(book.asks, (priceQuote) => priceQuote <= midQuote + band),
  });
}

/** Asks the exchange for a ticker and an order book and combines them. */
export async function fetchLiquidityView(
  port: MarketDataPort,
  symbol: string,
  options: { readonly depthWithinBps?: number; readonly bookDepthLimit?: number } = {},
): Promise<MarketResult<LiquidityView>> {
  const ticker = await port.fetchTicker(symbol);
  if (!ticker.ok) return ticker;
  const book = await port.fetchOrderBook(symbol, options.bookDepthLimit);
  if (!book.ok) return book;
  return liquidityViewFrom(ticker.value, book.value, options.depthWithinBps);
}
