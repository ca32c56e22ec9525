import { useEffect, useMemo, useRef } from 'react';
import { AreaSeries, CandlestickSeries, createChart, createSeriesMarkers, LineSeries, LineStyle, type SeriesMarker, type UTCTimestamp } from 'lightweight-charts';
import type { BacktestResultView } from '#core/contract/index.ts';
import { CHART_COLORS, chartOptions } from '../dashboard/chartTheme.ts';

const seconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;
/** Markers drawn at most: beyond that the chart is a smear, and the table lists every trade. */
export const MAX_MARKED_TRADES = 400;

/** The strategy's value against buy-and-hold from the same start, both after fees. */
export function EquityChart({ points, label, equityTitle, holdTitle }: { readonly points: BacktestResultView['equity']; readonly label: string; readonly equityTitle: string; readonly holdTitle: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const base = chartOptions(260);
    const chart = createChart(container.current, { ...base, timeScale: { ...base.timeScale, minBarSpacing: 0.05 } });
    chart.addSeries(LineSeries, { color: CHART_COLORS.buyAndHold, lineWidth: 1, lineStyle: LineStyle.Dashed, title: holdTitle }).setData(points.map((p) => ({ time: seconds(p.timeMs), value: p.buyAndHoldQuote })));
    chart.addSeries(LineSeries, { color: CHART_COLORS.equity, lineWidth: 2, title: equityTitle }).setData(points.map((p) => ({ time: seconds(p.timeMs), value: p.equityQuote })));
    chart.timeScale().fitContent();
    return () => { chart.remove(); };
  }, [points, equityTitle, holdTitle]);
  return <div ref={container} className="chart" role="img" aria-label={label} data-testid="backtest-equity-chart" data-points={points.length} />;
}

/** How far below its best value so far the account was. */
export function DrawdownChart({ points, label, title }: { readonly points: BacktestResultView['equity']; readonly label: string; readonly title: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const base = chartOptions(140);
    const chart = createChart(container.current, { ...base, timeScale: { ...base.timeScale, minBarSpacing: 0.05 } });
    chart.addSeries(AreaSeries, { lineColor: CHART_COLORS.down, topColor: 'rgba(248, 81, 73, 0.05)', bottomColor: 'rgba(248, 81, 73, 0.35)', lineWidth: 1, title, invertFilledArea: true })
      .setData(points.map((p) => ({ time: seconds(p.timeMs), value: p.drawdownPercent })));
    chart.timeScale().fitContent();
    return () => { chart.remove(); };
  }, [points, title]);
  return <div ref={container} className="chart chart-small" role="img" aria-label={label} data-testid="backtest-drawdown-chart" />;
}

/** The bar (of the thinned prices) a time falls in: the last one opening at or before it. */
function barTime(prices: BacktestResultView['prices'], timeMs: number): number | null {
  let low = 0;
  let high = prices.length - 1;
  if (high < 0 || timeMs < (prices[0]?.timeMs ?? Infinity)) return null;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((prices[mid]?.timeMs ?? Infinity) <= timeMs) low = mid;
    else high = mid - 1;
  }
  return prices[low]?.timeMs ?? null;
}

/** Prices with a marker at every buy and sell of the first trades. */
export function TradesChart({ prices, trades, label }: { readonly prices: BacktestResultView['prices']; readonly trades: BacktestResultView['trades']; readonly label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const marked = useMemo(() => trades.slice(0, MAX_MARKED_TRADES), [trades]);
  useEffect(() => {
    if (!container.current) return;
    // The whole history fits at first (bars may be thinner than a pixel); zoom in to see single trades.
    const base = chartOptions(320);
    const chart = createChart(container.current, { ...base, timeScale: { ...base.timeScale, minBarSpacing: 0.05 } });
    const series = chart.addSeries(CandlestickSeries, { upColor: CHART_COLORS.up, downColor: CHART_COLORS.down, borderVisible: false, wickUpColor: CHART_COLORS.up, wickDownColor: CHART_COLORS.down });
    series.setData(prices.map((p) => ({ time: seconds(p.timeMs), open: p.open, high: p.high, low: p.low, close: p.close })));
    const markers: SeriesMarker<UTCTimestamp>[] = [];
    for (const trade of marked) {
      const entry = barTime(prices, trade.entryTimeMs);
      const exit = barTime(prices, trade.exitTimeMs);
      if (entry !== null) markers.push({ time: seconds(entry), position: 'belowBar', color: CHART_COLORS.buy, shape: 'arrowUp' });
      if (exit !== null) markers.push({ time: seconds(exit), position: 'aboveBar', color: CHART_COLORS.sell, shape: 'arrowDown' });
    }
    markers.sort((a, b) => a.time - b.time);
    createSeriesMarkers(series, markers);
    chart.timeScale().fitContent();
    return () => { chart.remove(); };
  }, [prices, marked]);
  return <div ref={container} className="chart" role="img" aria-label={label} data-testid="backtest-price-chart" data-markers={marked.length * 2} />;
}
