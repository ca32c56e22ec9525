import type { CandlestickData, LineData, SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { CandleColumns, EquityPoint, OverlaySeries, TradeMarker } from '#core/contract/index.ts';

const seconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

/**
 * Bars drawn at first. A chart a few thousand pixels wide shows a few hundred bars at its
 * tightest spacing, so this covers every view the person starts with; older bars are pulled in
 * as they scroll back (`earlierStart`), and a long history never delays the first paint.
 */
export const FIRST_DRAWN_BARS = 2_000;
/** Bars added each time the person scrolls near the oldest drawn bar. */
export const MORE_BARS = 5_000;

/** Index of the first time at or after `targetMs` in ascending `timesMs` (length if none). */
export function firstIndexAtOrAfter(timesMs: readonly number[], targetMs: number): number {
  let low = 0;
  let high = timesMs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timesMs[middle] ?? Infinity) < targetMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where the drawn window starts. Once the person has scrolled back, the window keeps its oldest
 * bar (`firstDrawnMs`) while new bars arrive; before that it is the newest `FIRST_DRAWN_BARS`.
 */
export function windowStart(timesMs: readonly number[], firstDrawnMs: number | null): number {
  const newest = Math.max(0, timesMs.length - FIRST_DRAWN_BARS);
  return firstDrawnMs === null ? newest : Math.min(newest, firstIndexAtOrAfter(timesMs, firstDrawnMs));
}

/** The window's new start after the person scrolled to its oldest bar (0 once all is drawn). */
export function earlierStart(start: number): number {
  return Math.max(0, start - MORE_BARS);
}

/** Columns from main → the chart's row objects from bar `from` on, in one pass. */
export function candleRows(columns: CandleColumns, from = 0): CandlestickData<UTCTimestamp>[] {
  const first = Math.max(0, Math.min(from, columns.timeMs.length));
  const rows = new Array<CandlestickData<UTCTimestamp>>(columns.timeMs.length - first);
  for (let i = 0; i < rows.length; i += 1) {
    const source = first + i;
    rows[i] = {
      time: seconds(columns.timeMs[source] ?? 0),
      open: columns.open[source] ?? Number.NaN,
      high: columns.high[source] ?? Number.NaN,
      low: columns.low[source] ?? Number.NaN,
      close: columns.close[source] ?? Number.NaN,
    };
  }
  return rows;
}

/** An overlay line from `fromMs` on; warm-up values (NaN) are left out rather than drawn at zero. */
export function overlayRows(overlay: OverlaySeries, fromMs = -Infinity): LineData<UTCTimestamp>[] {
  const rows: LineData<UTCTimestamp>[] = [];
  for (let i = firstIndexAtOrAfter(overlay.timeMs, fromMs); i < overlay.timeMs.length; i += 1) {
    const value = overlay.value[i];
    if (value !== undefined && Number.isFinite(value)) rows.push({ time: seconds(overlay.timeMs[i] ?? 0), value });
  }
  return rows;
}

/** Trade markers from `fromMs` on (a marker before the oldest drawn bar has no bar to sit on). */
export function markerRows(markers: readonly TradeMarker[], colors: { buy: string; sell: string }, fromMs = -Infinity): SeriesMarker<UTCTimestamp>[] {
  return markers.filter((marker) => marker.atMs >= fromMs).map((marker) => ({
    time: seconds(marker.atMs),
    position: marker.side === 'buy' ? 'belowBar' : 'aboveBar',
    shape: marker.side === 'buy' ? 'arrowUp' : 'arrowDown',
    color: marker.side === 'buy' ? colors.buy : colors.sell,
    text: marker.text,
  }));
}

export function equityRows(points: readonly EquityPoint[]): { equity: LineData<UTCTimestamp>[]; buyAndHold: LineData<UTCTimestamp>[] } {
  return {
    equity: points.map((point) => ({ time: seconds(point.atMs), value: point.equityQuote })),
    buyAndHold: points.map((point) => ({ time: seconds(point.atMs), value: point.buyAndHoldQuote })),
  };
}
