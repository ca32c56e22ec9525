import { describe, expect, it } from 'vitest';
import {
  annualPeriods,
  barSizeMs,
  binOf,
  formatDuration,
  isWeekendDay,
  resolutionOf,
  returnPeriodsFor,
  roundUpDuration,
  statisticsForJson,
  computeBacktestStatistics,
} from '../../../core/backtest/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);
const dayOf = (iso: string): number => Math.floor(at(iso) / DAY);

describe('return periods as backtesting.py picks them', () => {
  it('takes the median gap of the last 100 bars as the bar size', () => {
    // Gaps 1 h, 1 h, 5 h (a data gap), 1 h → median 1 h.
    expect(barSizeMs([0, HOUR, 2 * HOUR, 7 * HOUR, 8 * HOUR])).toBe(HOUR);
    // Only the last 100 times count: 150 daily bars, then 100 hourly ones → 1 h.
    const times = [...Array.from({ length: 150 }, (_, i) => i * DAY), ...Array.from({ length: 100 }, (_, i) => 150 * DAY + i * HOUR)];
    expect(barSizeMs(times)).toBe(HOUR);
    expect(barSizeMs([5])).toBeNaN();
  });

  it('resamples 7-day bars to weeks (52), 31-day bars to month ends (12), 365-day bars to year ends (1), the rest to days', () => {
    expect(returnPeriodsFor([0, 7 * DAY, 14 * DAY])).toMatchObject({ bin: 'week', fixedAnnualPeriods: 52 });
    expect(returnPeriodsFor([0, 31 * DAY, 62 * DAY])).toMatchObject({ bin: 'month', fixedAnnualPeriods: 12 });
    expect(returnPeriodsFor([0, 365 * DAY, 730 * DAY])).toMatchObject({ bin: 'year', fixedAnnualPeriods: 1 });
    expect(returnPeriodsFor([0, HOUR, 2 * HOUR])).toMatchObject({ bin: 'day', fixedAnnualPeriods: undefined });
    expect(returnPeriodsFor([0, DAY, 2 * DAY])).toMatchObject({ bin: 'day' });
  });

  it('uses 365 days a year when more than 60 % of 2/7 of the bars fall on weekends', () => {
    const daily = returnPeriodsFor([0, DAY]);
    // Threshold 2/7 · 0.6 = 0.1714: 2 weekend bars of 12 (0.167) → 252; 2 of 11 (0.182) → 365.
    expect(annualPeriods(daily, 2, 12)).toBe(252);
    expect(annualPeriods(daily, 2, 11)).toBe(365);
    expect(isWeekendDay(dayOf('2024-01-06T00:00:00Z'))).toBe(true); // Saturday
    expect(isWeekendDay(dayOf('2024-01-07T00:00:00Z'))).toBe(true); // Sunday
    expect(isWeekendDay(dayOf('2024-01-08T00:00:00Z'))).toBe(false); // Monday
    expect(isWeekendDay(dayOf('1969-12-27T00:00:00Z'))).toBe(true); // a Saturday before the epoch
  });

  it('rounds durations up to the bar size’s smallest unit, like Timedelta.ceil(resolution_string)', () => {
    expect(resolutionOf(HOUR)).toBe(HOUR);
    expect(resolutionOf(4 * HOUR)).toBe(HOUR);
    expect(resolutionOf(DAY)).toBe(DAY);
    expect(resolutionOf(90 * 60_000)).toBe(60_000); // 1 h 30 min → minutes
    expect(resolutionOf(Number.NaN)).toBeNaN();
    expect(roundUpDuration(25.5 * HOUR, HOUR)).toBe(26 * HOUR);
    expect(roundUpDuration(2 * DAY + HOUR, DAY)).toBe(3 * DAY);
    expect(roundUpDuration(5 * HOUR, Number.NaN)).toBe(5 * HOUR);
  });
});

describe('resampling bins', () => {
  it('closes day bins at midnight UTC on the left', () => {
    expect(binOf('day', at('2024-01-01T23:59:59Z'))).toBe(binOf('day', at('2024-01-01T00:00:00Z')));
    expect(binOf('day', at('2024-01-02T00:00:00Z'))).not.toBe(binOf('day', at('2024-01-01T23:59:59Z')));
  });

  it('closes week bins on the right at Sunday midnight, as pandas’ W-SUN', () => {
    const week = binOf('week', at('2024-01-01T00:00:00Z')); // Monday
    expect(binOf('week', at('2024-01-07T00:00:00Z'))).toBe(week); // Sunday 00:00 still closes that week
    expect(binOf('week', at('2024-01-07T00:00:01Z'))).toBe(week + 1);
    expect(binOf('week', at('2023-12-31T00:00:01Z'))).toBe(week); // Sunday just after the previous edge
  });

  it('closes month and year bins on the right at midnight of the last day, leap days included', () => {
    const january = binOf('month', at('2024-01-15T00:00:00Z'));
    expect(binOf('month', at('2024-01-31T00:00:00Z'))).toBe(january);
    expect(binOf('month', at('2024-01-31T12:00:00Z'))).toBe(january + 1);
    expect(binOf('month', at('2024-02-29T00:00:00Z'))).toBe(january + 1);
    expect(binOf('month', at('2024-02-29T00:00:01Z'))).toBe(january + 2);
    expect(binOf('month', at('2023-02-28T06:00:00Z'))).toBe(binOf('month', at('2023-03-01T00:00:00Z')));
    expect(binOf('year', at('2024-12-31T00:00:00Z'))).toBe(2024);
    expect(binOf('year', at('2024-12-31T01:00:00Z'))).toBe(2025);
    expect(binOf('year', at('2024-06-30T12:00:00Z'))).toBe(2024);
  });
});

describe('statisticsForJson', () => {
  it('writes times as ISO-8601 UTC, durations as pandas prints them, and null for figures that do not exist', () => {
    const timeMs = Float64Array.from([0, 1, 2], (i) => at('2024-01-01T00:00:00Z') + i * 6 * HOUR);
    const stats = computeBacktestStatistics({ curve: { timeMs, equity: Float64Array.from([100, 99, 101]) }, trades: [], buyAndHoldEquity: [1, 2] });
    const json = statisticsForJson(stats);
    expect(json.Start).toBe('2024-01-01T00:00:00.000Z');
    expect(json.End).toBe('2024-01-01T12:00:00.000Z');
    expect(json.Duration).toBe('0 days 12:00:00');
    expect(json['Max. Drawdown Duration']).toBe('0 days 12:00:00');
    expect(json['Win Rate [%]']).toBeNull();
    expect(json['Buy & Hold Return [%]']).toBe(100);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('formats durations like str(pandas.Timedelta)', () => {
    expect(formatDuration(2 * DAY + 4 * HOUR)).toBe('2 days 04:00:00');
    expect(formatDuration(1_500)).toBe('0 days 00:00:01.500000');
    expect(formatDuration(0)).toBe('0 days 00:00:00');
  });
});
