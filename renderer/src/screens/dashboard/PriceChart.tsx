import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
} from 'lightweight-charts';
import type { CandleColumns, OverlaySeries, TradeMarker } from '#core/contract/index.ts';
import { candleRows, markerRows, overlayRows } from './chartData.ts';
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

/** Candlesticks with the strategy's indicator lines and a marker at every fill. */
export function PriceChart({ candles, overlays, markers, label }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const parts = useRef<ChartParts | null>(null);

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
    parts.current = { chart, candles: candleSeries, markers: createSeriesMarkers(candleSeries, []), overlays: new Map() };
    return () => {
      chart.remove();
      parts.current = null;
    };
  }, []);

  useEffect(() => {
    const current = parts.current;
    if (!current) return;
    current.candles.setData(candleRows(candles));
    overlays.forEach((overlay, index) => {
      let series = current.overlays.get(overlay.key);
      if (!series) {
        series = current.chart.addSeries(LineSeries, {
          color: CHART_COLORS.overlays[index % CHART_COLORS.overlays.length],
          lineWidth: 2,
          priceLineVisible: false,
          lastValueVisible: false,
          title: overlay.label,
        });
        current.overlays.set(overlay.key, series);
      }
      series.setData(overlayRows(overlay));
    });
    current.markers.setMarkers(markerRows(markers, CHART_COLORS));
  }, [candles, overlays, markers]);

  // The chart draws on a canvas; the marker count is also an attribute so tests and assistive
  // tools can tell that trades are shown.
  return <div ref={container} className="chart" role="img" aria-label={label} data-testid="price-chart" data-markers={markers.length} />;
}
