import { useEffect, useRef } from 'react';
import { createChart, LineSeries, LineStyle, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { EquityPoint } from '#core/contract/index.ts';
import { equityRows } from './chartData.ts';
import { CHART_COLORS, chartOptions } from './chartTheme.ts';

interface EquityChartProps {
  readonly points: readonly EquityPoint[];
  readonly label: string;
  readonly equityTitle: string;
  readonly buyAndHoldTitle: string;
}

/** The paper account's value against simply buying and holding, both after fees. */
export function EquityChart({ points, label, equityTitle, buyAndHoldTitle }: EquityChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<{ chart: IChartApi; equity: ISeriesApi<'Line'>; hold: ISeriesApi<'Line'> } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, chartOptions(200));
    series.current = {
      chart,
      equity: chart.addSeries(LineSeries, { color: CHART_COLORS.equity, lineWidth: 2, title: equityTitle }),
      hold: chart.addSeries(LineSeries, { color: CHART_COLORS.buyAndHold, lineWidth: 1, lineStyle: LineStyle.Dashed, title: buyAndHoldTitle }),
    };
    return () => {
      chart.remove();
      series.current = null;
    };
  }, [equityTitle, buyAndHoldTitle]);

  useEffect(() => {
    if (!series.current) return;
    const rows = equityRows(points);
    series.current.equity.setData(rows.equity);
    series.current.hold.setData(rows.buyAndHold);
  }, [points]);

  return <div ref={container} className="chart chart-small" role="img" aria-label={label} data-testid="equity-chart" />;
}
