/**
 * The statistics as they go into `--json` output and exports: points in time as ISO-8601 UTC,
 * durations in pandas' Timedelta notation ("2 days 04:00:00", what backtesting.py prints, so
 * the two reports read alike), and no NaN (JSON has none): a figure that does not exist is null.
 */
import { BACKTEST_STATISTIC_NAMES, DURATION_STATISTICS, TIME_STATISTICS, type BacktestStatisticName, type BacktestStatistics } from './statistics.ts';
import { DAY_MS } from './returnPeriods.ts';

export type StatisticsJson = Readonly<Record<BacktestStatisticName, number | string | null>>;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** pandas' `str(Timedelta)` for a non-negative duration: "D days HH:MM:SS[.ffffff]". */
export function formatDuration(durationMs: number): string {
  const days = Math.floor(durationMs / DAY_MS);
  let rest = durationMs - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  const microseconds = Math.round((rest - seconds * 1_000) * 1_000);
  const fraction = microseconds > 0 ? `.${pad(microseconds, 6)}` : '';
  return `${days} days ${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}`;
}

export function statisticsForJson(statistics: BacktestStatistics): StatisticsJson {
  const times = new Set<BacktestStatisticName>(TIME_STATISTICS);
  const durations = new Set<BacktestStatisticName>(DURATION_STATISTICS);
  const json: Partial<Record<BacktestStatisticName, number | string | null>> = {};
  for (const name of BACKTEST_STATISTIC_NAMES) {
    const value = statistics[name];
    if (!Number.isFinite(value)) json[name] = null;
    else if (times.has(name)) json[name] = new Date(value).toISOString();
    else if (durations.has(name)) json[name] = formatDuration(value);
    else json[name] = value;
  }
  return json as StatisticsJson;
}
