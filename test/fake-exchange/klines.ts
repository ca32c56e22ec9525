import { firstIndexOpenedFrom, lastIndexOpenedBy, type CandleSeries } from './candles.ts';
import { formatDecimal } from './decimals.ts';
import { elapsedFraction, pathPriceAt, pathRange } from './pricePath.ts';
import { reject } from './rejections.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Binance's weekly candles open on Monday 00:00 UTC; the epoch was a Thursday. */
const WEEK_ALIGNMENT_MS = 4 * DAY_MS;

const INTERVAL_MS: Readonly<Record<string, number>> = {
  '1s': 1000, '1m': MINUTE_MS, '3m': 3 * MINUTE_MS, '5m': 5 * MINUTE_MS, '15m': 15 * MINUTE_MS, '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS, '2h': 2 * HOUR_MS, '4h': 4 * HOUR_MS, '6h': 6 * HOUR_MS, '8h': 8 * HOUR_MS, '12h': 12 * HOUR_MS,
  '1d': DAY_MS, '3d': 3 * DAY_MS, '1w': 7 * DAY_MS,
};

export const DEFAULT_KLINE_LIMIT = 500;
export const MAX_KLINE_LIMIT = 1000;

export interface KlineQuery {
  interval: string;
  startTimeMs?: number | undefined;
  endTimeMs?: number | undefined;
  limit?: number | undefined;
}

/** A Binance kline row: [openTime, o, h, l, c, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]. */
export type KlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

/**
 * Klines as Binance serves them, limited to what has happened by `nowMs`: closed candles plus the
 * one in progress, cut at `nowMs` (so a test can never read a candle's future). Intervals coarser
 * than the file are aggregated; finer ones cannot be served honestly and are refused.
 */
export function klinesFor(series: CandleSeries, query: KlineQuery, nowMs: number): KlineRow[] {
  const intervalMs = INTERVAL_MS[query.interval];
  if (intervalMs === undefined || intervalMs < series.intervalMs || intervalMs % series.intervalMs !== 0) {
    throw reject.invalidInterval();
  }
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_KLINE_LIMIT, 1), MAX_KLINE_LIMIT);
  const alignmentMs = query.interval === '1w' ? WEEK_ALIGNMENT_MS : 0;
  const bucketOf = (atMs: number): number => Math.floor((atMs - alignmentMs) / intervalMs) * intervalMs + alignmentMs;
  const groups: Array<[number, number]> = [];

  if (query.startTimeMs !== undefined) {
    const lastAllowedOpenMs = Math.min(query.endTimeMs ?? Number.POSITIVE_INFINITY, nowMs);
    const firstBucketMs = bucketOf(query.startTimeMs) < query.startTimeMs ? bucketOf(query.startTimeMs) + intervalMs : query.startTimeMs;
    let index = firstIndexOpenedFrom(series, firstBucketMs);
    while (index < series.length && groups.length < limit && series.openTimeMs[index]! <= nowMs) {
      const bucketMs = bucketOf(series.openTimeMs[index]!);
      if (bucketMs > lastAllowedOpenMs) break;
      const first = index;
      while (index + 1 < series.length && series.openTimeMs[index + 1]! <= nowMs && bucketOf(series.openTimeMs[index + 1]!) === bucketMs) index += 1;
      groups.push([first, index]);
      index += 1;
    }
  } else {
    const lastBucketMs = bucketOf(Math.min(query.endTimeMs ?? Number.POSITIVE_INFINITY, nowMs));
    let index = lastIndexOpenedBy(series, Math.min(nowMs, lastBucketMs + intervalMs - 1));
    while (index >= 0 && groups.length < limit) {
      const bucketMs = bucketOf(series.openTimeMs[index]!);
      const last = index;
      while (index - 1 >= 0 && bucketOf(series.openTimeMs[index - 1]!) === bucketMs) index -= 1;
      groups.push([index, last]);
      index -= 1;
    }
    groups.reverse();
  }
  return groups.map(([first, last]) => klineRow(series, first, last, bucketOf(series.openTimeMs[first]!), intervalMs, nowMs));
}

function klineRow(series: CandleSeries, first: number, last: number, bucketMs: number, intervalMs: number, nowMs: number): KlineRow {
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  let volumeBase = 0;
  let volumeQuote = 0;
  let trades = 0;
  let close = series.close[last]!;
  for (let index = first; index <= last; index += 1) {
    const fraction = elapsedFraction(series, index, nowMs);
    if (fraction < 1) {
      const range = pathRange(series, index, 0, fraction);
      high = Math.max(high, range.high);
      low = Math.min(low, range.low);
      if (index === last) close = pathPriceAt(series, index, fraction);
    } else {
      high = Math.max(high, series.high[index]!);
      low = Math.min(low, series.low[index]!);
    }
    volumeBase += series.volumeBase[index]! * fraction;
    volumeQuote += series.volumeQuote[index]! * fraction;
    trades += Math.floor(series.tradeCount[index]! * fraction);
  }
  return [
    bucketMs,
    formatDecimal(series.open[first]!),
    formatDecimal(high),
    formatDecimal(low),
    formatDecimal(close),
    formatDecimal(volumeBase),
    bucketMs + intervalMs - 1,
    formatDecimal(volumeQuote),
    trades,
    '0.00000000',
    '0.00000000',
    '0',
  ];
}
