import { lastIndexOpenedBy, type CandleSeries } from './candles.ts';

/**
 * A candle only says where price opened, closed and how far it went. Inside the candle the replay
 * assumes the usual convention: a rising candle visits its low first (open → low → high → close),
 * a falling one its high first (open → high → low → close), each leg taking a third of the
 * interval. That gives a price at every instant without inventing anything outside the bar.
 */
function vertices(series: CandleSeries, index: number): readonly [number, number, number, number] {
  const open = series.open[index]!;
  const close = series.close[index]!;
  const high = series.high[index]!;
  const low = series.low[index]!;
  return close >= open ? [open, low, high, close] : [open, high, low, close];
}

/** Price at `fraction` (0..1) of the way through candle `index`. */
export function pathPriceAt(series: CandleSeries, index: number, fraction: number): number {
  const points = vertices(series, index);
  const position = Math.min(Math.max(fraction, 0), 1) * 3;
  const leg = Math.min(Math.floor(position), 2);
  const from = points[leg]!;
  const to = points[leg + 1]!;
  return from + (to - from) * (position - leg);
}

/** Lowest and highest price the path touches between two fractions of candle `index`. */
export function pathRange(series: CandleSeries, index: number, fromFraction: number, toFraction: number): { low: number; high: number } {
  const start = pathPriceAt(series, index, fromFraction);
  const end = pathPriceAt(series, index, toFraction);
  let low = Math.min(start, end);
  let high = Math.max(start, end);
  const points = vertices(series, index);
  for (let vertex = 1; vertex <= 2; vertex += 1) {
    const at = vertex / 3;
    if (at > fromFraction && at < toFraction) {
      low = Math.min(low, points[vertex]!);
      high = Math.max(high, points[vertex]!);
    }
  }
  return { low, high };
}

/** Fraction of candle `index` that has elapsed at `atMs`, clamped to 0..1. */
export function elapsedFraction(series: CandleSeries, index: number, atMs: number): number {
  const fraction = (atMs - series.openTimeMs[index]!) / series.intervalMs;
  return Math.min(Math.max(fraction, 0), 1);
}

/**
 * The traded price at `atMs`: on the path inside the current candle, or the last close while the
 * market has no candle (a gap or after the end of the file). Undefined before the first candle.
 */
export function priceAt(series: CandleSeries, atMs: number): number | undefined {
  const index = lastIndexOpenedBy(series, atMs);
  if (index < 0) return undefined;
  return pathPriceAt(series, index, elapsedFraction(series, index, atMs));
}

/**
 * The first fraction in [fromFraction, toFraction] of candle `index` at which the path reaches
 * `priceQuote` from the given side (`atOrBelow`: falls to it or under; `atOrAbove`: rises to it or
 * over), or undefined. A stop order triggers at that instant.
 */
export function firstTouchFraction(
  series: CandleSeries,
  index: number,
  fromFraction: number,
  toFraction: number,
  priceQuote: number,
  side: 'atOrBelow' | 'atOrAbove',
): number | undefined {
  const reached = (price: number): boolean => (side === 'atOrBelow' ? price <= priceQuote : price >= priceQuote);
  if (reached(pathPriceAt(series, index, fromFraction))) return fromFraction;
  const bounds = [fromFraction, ...[1 / 3, 2 / 3].filter((at) => at > fromFraction && at < toFraction), toFraction];
  for (let leg = 0; leg + 1 < bounds.length; leg += 1) {
    const startAt = bounds[leg]!;
    const endAt = bounds[leg + 1]!;
    const startPrice = pathPriceAt(series, index, startAt);
    const endPrice = pathPriceAt(series, index, endAt);
    if (!reached(endPrice)) continue;
    // The path is straight inside a leg, so the touch is where the line meets the price.
    const share = endPrice === startPrice ? 0 : (priceQuote - startPrice) / (endPrice - startPrice);
    return startAt + (endAt - startAt) * Math.min(Math.max(share, 0), 1);
  }
  return undefined;
}
