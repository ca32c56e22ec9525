/**
 * How backtesting.py turns an equity curve sampled at any bar size into the period returns it
 * annualises, reproduced so that Ballast's figures can be compared with it number for number:
 *
 * - the bar size is the median gap between the last 100 bar times (`_data_period`);
 * - bars of 7 whole days are resampled to weeks ('W', weeks ending on Sunday) and annualised
 *   with 52, bars of 31 days to month ends ('ME', 12), of 365 days to year ends ('YE', 1);
 * - anything else is resampled to calendar days ('D'), annualised with 365 when more than
 *   60 % of 2/7 of the bars fall on a Saturday or Sunday (markets that trade every day, like
 *   crypto) and 252 otherwise;
 * - durations are rounded up to the bar size's resolution (1 h bars → whole hours).
 *
 * Calendar boundaries are UTC. Weeks, month ends and year ends are pandas' right-closed bins: a
 * bar stamped exactly at midnight of the bin's last day still belongs to that bin.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

export type ResampleBin = 'day' | 'week' | 'month' | 'year';

export interface ReturnPeriods {
  readonly bin: ResampleBin;
  /** Bar size: median gap of the last 100 bar times, in ms (NaN for a single bar). */
  readonly barMs: number;
  /** Unit that durations are rounded up to, in ms (NaN: no rounding). */
  readonly resolutionMs: number;
  /** Periods a year for the given bin; for 'day' it depends on weekends, see `annualPeriods`. */
  readonly fixedAnnualPeriods: number | undefined;
}

/** Median of the gaps between the last `min(100, n)` times. */
export function barSizeMs(timeMs: ArrayLike<number>): number {
  const first = Math.max(0, timeMs.length - 100);
  const gaps: number[] = [];
  for (let i = first + 1; i < timeMs.length; i++) gaps.push((timeMs[i] ?? 0) - (timeMs[i - 1] ?? 0));
  if (gaps.length === 0) return Number.NaN;
  gaps.sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  return gaps.length % 2 === 1 ? (gaps[middle] ?? 0) : ((gaps[middle - 1] ?? 0) + (gaps[middle] ?? 0)) / 2;
}

/** The smallest non-zero unit of a duration, as pandas' `Timedelta.resolution_string`. */
export function resolutionOf(durationMs: number): number {
  if (!(durationMs > 0)) return Number.NaN;
  const nanoseconds = Math.round(durationMs * 1e6);
  for (const unitMs of [DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, 1, 1e-3]) {
    if (nanoseconds % Math.round(unitMs * 1e6) === 0) return unitMs;
  }
  return 1e-6;
}

export function returnPeriodsFor(timeMs: ArrayLike<number>): ReturnPeriods {
  const barMs = barSizeMs(timeMs);
  const resolutionMs = resolutionOf(barMs);
  const barDays = Math.floor(barMs / DAY_MS);
  if (barDays === 7) return { bin: 'week', barMs, resolutionMs, fixedAnnualPeriods: 52 };
  if (barDays === 31) return { bin: 'month', barMs, resolutionMs, fixedAnnualPeriods: 12 };
  if (barDays === 365) return { bin: 'year', barMs, resolutionMs, fixedAnnualPeriods: 1 };
  return { bin: 'day', barMs, resolutionMs, fixedAnnualPeriods: undefined };
}

/** 365 for data with weekend bars, 252 without, unless the bin fixes it. */
export function annualPeriods(periods: ReturnPeriods, weekendBars: number, bars: number): number {
  if (periods.fixedAnnualPeriods !== undefined) return periods.fixedAnnualPeriods;
  return weekendBars / bars > (2 / 7) * 0.6 ? 365 : 252;
}

/** A duration rounded up to the resolution, as backtesting.py's `_round_timedelta`. */
export function roundUpDuration(durationMs: number, resolutionMs: number): number {
  if (!Number.isFinite(durationMs) || !Number.isFinite(resolutionMs)) return durationMs;
  return Math.ceil(durationMs / resolutionMs) * resolutionMs;
}

/** True for a Saturday or Sunday, given the UTC day number (day 0, 1970-01-01, was a Thursday). */
export function isWeekendDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * Day number of the last day of the (proleptic Gregorian, UTC) month containing `day`, and
 * whether `day` is in December: Howard Hinnant's days-to-civil algorithm, allocation-free.
 */
function monthEndDay(day: number): { readonly lastDay: number; readonly monthIndex: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return { lastDay: day - dayOfMonth + length, monthIndex: year * 12 + month - 1 };
}

/**
 * The resampling bin a bar time falls in, as a number that changes exactly when the bin does.
 * (Only month and year bins allocate a small record; they serve monthly and yearly bars, which
 * are few.)
 */
export function binOf(bin: ResampleBin, timeMs: number): number {
  const day = Math.floor(timeMs / DAY_MS);
  switch (bin) {
    case 'day':
      return day;
    case 'week':
      // Right-closed weeks ending Sunday 00:00; day 3 (1970-01-04) was a Sunday.
      return Math.ceil((timeMs - 3 * DAY_MS) / (7 * DAY_MS));
    case 'month': {
      const { lastDay, monthIndex } = monthEndDay(day);
      return timeMs > lastDay * DAY_MS ? monthIndex + 1 : monthIndex;
    }
    case 'year': {
      const { lastDay, monthIndex } = monthEndDay(day);
      const year = Math.floor(monthIndex / 12);
      const isLastDayOfYear = monthIndex % 12 === 11 && lastDay === day;
      return isLastDayOfYear && timeMs > day * DAY_MS ? year + 1 : year;
    }
  }
}
