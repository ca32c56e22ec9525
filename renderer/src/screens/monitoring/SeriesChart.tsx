import { useEffect, useRef } from 'react';
import { createChart, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type LineData, type UTCTimestamp } from 'lightweight-charts';
import { chartOptions } from '../dashboard/chartTheme.ts';

export interface ChartLine {
  readonly title: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly points: readonly { readonly atMs: number; readonly value: number }[];
}

/** Strictly ascending whole seconds, as the chart requires; a later point in the same second wins. */
export function lineRows(points: ChartLine['points']): LineData<UTCTimestamp>[] {
  const rows: LineData<UTCTimestamp>[] = [];
  for (const point of [...points].sort((a, b) => a.atMs - b.atMs)) {
    if (!Number.isFinite(point.value)) continue;
    const time = Math.floor(point.atMs / 1000) as UTCTimestamp;
    if (rows.length > 0 && rows[rows.length - 1]?.time === time) rows.pop();
    rows.push({ time, value: point.value });
  }
  return rows;
}

/** A small time chart of one or more lines (lightweight-charts, as on the dashboard). */
export function SeriesChart({ lines, label, testId }: { readonly lines: readonly ChartLine[]; readonly label: string; readonly testId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<'Line'>[] } | null>(null);
  const shape = lines.map((line) => `${line.title}|${line.color}|${String(line.dashed ?? false)}`).join(';');

  useEffect(() => {
    if (!container.current) return;
    const api = createChart(container.current, chartOptions(180));
    const series = shape.split(';').map((entry) => {
      const [title = '', color = '', dashed] = entry.split('|');
      return api.addSeries(LineSeries, { color, lineWidth: dashed === 'true' ? 1 : 2, lineStyle: dashed === 'true' ? LineStyle.Dashed : LineStyle.Solid, title });
    });
    chart.current = { api, series };
    return () => {
      api.remove();
      chart.current = null;
    };
  }, [shape]);

  useEffect(() => {
    if (!chart.current) return;
    lines.forEach((line, index) => chart.current?.series[index]?.setData(lineRows(line.points)));
    chart.current.api.timeScale().fitContent();
  }, [lines]);

  return <div ref={container} className="chart chart-small" role="img" aria-label={label} data-testid={testId} />;
}
