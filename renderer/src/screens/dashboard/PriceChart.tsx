import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LogicalRange,
  type Time,
} from 'lightweight-charts';
import type { CandleColumns, OverlaySeries, TradeMarker } from '#core/contract/index.ts';
import { candleRows, earlierStart, markerRows, overlayRows, windowStart } from './chartData.ts';
import { CHART_COLORS, chartOptions } from './chartTheme.ts';

interface PriceChartProps {
  readonly candles: CandleColumns;
  readonly overlays: readonly OverlaySeries[];
  readonly markers: readonly TradeMarker[];
  readonly label: string;
}

interface ChartParts {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly overlays: Map<string, ISeriesApi<'Line'>>;
}

/** How close (in bars) to the oldest drawn bar a scroll pulls in older ones. */
const NEAR_OLDEST_BARS = 20;

interface ChartData {
  readonly candles: CandleColumns;
  readonly overlays: readonly OverlaySeries[];
  readonly markers: readonly TradeMarker[];
}

/** Draws the window that starts at `firstDrawnMs` (null: the newest bars); returns its first index. */
function drawWindow(parts: ChartParts, { candles, overlays, markers }: ChartData, firstDrawnMs: number | null): number {
  const start = windowStart(candles.timeMs, firstDrawnMs);
  const fromMs = candles.timeMs[start] ?? -Infinity;
  parts.candles.setData(candleRows(candles, start));
  overlays.forEach((overlay, index) => {
    let series = parts.overlays.get(overlay.key);
    if (!series) {
      series = parts.chart.addSeries(LineSeries, {
        color: CHART_COLORS.overlays[index % CHART_COLORS.overlays.length],
        lineWidth: 2,
        priceLineVisible: false,
        lastValueVisible: false,
        title: overlay.label,
      });
      parts.overlays.set(overlay.key, series);
    }
    series.setData(overlayRows(overlay, fromMs));
  });
  parts.markers.setMarkers(markerRows(markers, CHART_COLORS, fromMs));
  return start;
}

/**
 * Candlesticks with the strategy's indicator lines and a marker at every fill. A long history
 * is drawn newest first and extended as the person scrolls back, so it never delays the first
 * paint.
 */
export function PriceChart({ candles, overlays, markers, label }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const parts = useRef<ChartParts | null>(null);
  const latest = useRef<ChartData | null>(null);
  // The oldest drawn bar's time once the person has scrolled back; null: the newest bars only.
  const firstDrawnMs = useRef<number | null>(null);
  const drawnFrom = useRef(0);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, chartOptions(360));
    const candleSeries = chart.addSeries(CandlestickSeries, {
      upColor: CHART_COLORS.up,
      downColor: CHART_COLORS.down,
      borderVisible: false,
      wickUpColor: CHART_COLORS.up,
      wickDownColor: CHART_COLORS.down,
    });
    const created: ChartParts = { chart, candles: candleSeries, markers: createSeriesMarkers(candleSeries, []), overlays: new Map() };
    parts.current = created;
    // Scrolled near the oldest drawn bar: draw older ones too. The view stays where it is: the
    // chart keeps its place relative to the newest bar.
    const onRange = (range: LogicalRange | null): void => {
      const data = latest.current;
      if (range === null || data === null || range.from > NEAR_OLDEST_BARS || drawnFrom.current === 0) return;
      firstDrawnMs.current = data.candles.timeMs[earlierStart(drawnFrom.current)] ?? null;
      drawnFrom.current = drawWindow(created, data, firstDrawnMs.current);
      if (container.current) container.current.dataset.drawnBars = String(data.candles.timeMs.length - drawnFrom.current);
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    return () => {
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.remove();
      parts.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = { candles, overlays, markers };
    if (!parts.current) return;
    drawnFrom.current = drawWindow(parts.current, latest.current, firstDrawnMs.current);
    // Like the marker count: lets tests and assistive tools tell how much history is drawn.
    if (container.current) container.current.dataset.drawnBars = String(candles.timeMs.length - drawnFrom.current);
  }, [candles, overlays, markers]);

  // The chart draws on a canvas; the marker count is also an attribute so tests and assistive
  // tools can tell that trades are shown.
  return <div ref={container} className="chart" role="img" aria-label={label} data-testid="price-chart" data-markers={markers.length} />;
}
