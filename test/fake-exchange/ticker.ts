import type { OrderBookSnapshot } from './book.ts';
import { lastIndexOpenedBy, type CandleSeries } from './candles.ts';
import { formatDecimal } from './decimals.ts';
import { pathRange, priceAt } from './pricePath.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * `GET /api/v3/ticker/24hr` over the rolling 24 hours before the market's now, measured on the
 * replayed price path (at most ~25 candles, so this stays cheap).
 */
export function ticker24hr(symbolId: string, series: CandleSeries, book: OrderBookSnapshot, nowMs: number): object {
  const fromMs = nowMs - DAY_MS;
  const lastPrice = priceAt(series, nowMs) ?? 0;
  const openPrice = priceAt(series, fromMs) ?? lastPrice;
  let high = Math.max(openPrice, lastPrice);
  let low = Math.min(openPrice, lastPrice);
  let volumeBase = 0;
  let volumeQuote = 0;
  let trades = 0;
  for (let index = Math.max(lastIndexOpenedBy(series, fromMs), 0); index < series.length && series.openTimeMs[index]! <= nowMs; index += 1) {
    const openMs = series.openTimeMs[index]!;
    const fromFraction = Math.max((fromMs - openMs) / series.intervalMs, 0);
    const toFraction = Math.min((nowMs - openMs) / series.intervalMs, 1);
    if (toFraction <= fromFraction) continue;
    const range = pathRange(series, index, fromFraction, toFraction);
    high = Math.max(high, range.high);
    low = Math.min(low, range.low);
    const share = toFraction - fromFraction;
    volumeBase += series.volumeBase[index]! * share;
    volumeQuote += series.volumeQuote[index]! * share;
    trades += Math.floor(series.tradeCount[index]! * share);
  }
  const bestBid = book.bids[0];
  const bestAsk = book.asks[0];
  const change = lastPrice - openPrice;
  return {
    symbol: symbolId,
    priceChange: formatDecimal(change),
    priceChangePercent: openPrice > 0 ? ((change / openPrice) * 100).toFixed(3) : '0.000',
    weightedAvgPrice: formatDecimal(volumeBase > 0 ? volumeQuote / volumeBase : lastPrice),
    prevClosePrice: formatDecimal(openPrice),
    lastPrice: formatDecimal(lastPrice),
    lastQty: '0.00000000',
    bidPrice: formatDecimal(bestBid?.priceQuote ?? 0),
    bidQty: formatDecimal(bestBid?.amountBase ?? 0),
    askPrice: formatDecimal(bestAsk?.priceQuote ?? 0),
    askQty: formatDecimal(bestAsk?.amountBase ?? 0),
    openPrice: formatDecimal(openPrice),
    highPrice: formatDecimal(high),
    lowPrice: formatDecimal(low),
    volume: formatDecimal(volumeBase),
    quoteVolume: formatDecimal(volumeQuote),
    openTime: fromMs,
    closeTime: nowMs,
    firstId: -1,
    lastId: -1,
    count: trades,
  };
}
