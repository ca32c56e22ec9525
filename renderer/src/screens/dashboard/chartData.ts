import type { CandlestickData, LineData, SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { CandleColumns, EquityPoint, OverlaySeries, TradeMarker } from '#core/contract/index.ts';

const seconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

/** Columns from main → the chart's row objects, in one pass. */
export function candleRows(columns: CandleColumns): CandlestickData<UTCTimestamp>[] {
  const rows = new Array<CandlestickData<UTCTimestamp>>(columns.timeMs.length);
  for (let i = 0; i < rows.length; i += 1) {
    rows[i] = {
      time: seconds(columns.timeMs[i] ?? 0),
      open: columns.open[i] ?? Number.NaN,
      high: columns.high[i] ?? Number.NaN,
      low: columns.low[i] ?? Number.NaN,
      close: columns.close[i] ?? Number.NaN,
    };
  }
  return rows;
}

/** An overlay line; warm-up values (NaN) are left out rather than drawn at zero. */
export function overlayRows(overlay: OverlaySeries): LineData<UTCTimestamp>[] {
  const rows: LineData<UTCTimestamp>[] = [];
  for (let i = 0; i < overlay.timeMs.length; i += 1) {
    const value = overlay.value[i];
    if (value !== undefined && Number.isFinite(value)) rows.push({ time: seconds(overlay.timeMs[i] ?? 0), value });
  }
  return rows;
}

export function markerRows(markers: readonly TradeMarker[], colors: { buy: string; sell: string }): SeriesMarker<UTCTimestamp>[] {
  return markers.map((marker) => ({
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
