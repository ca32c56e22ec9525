/**
 * The report's statistics under the names backtesting.py prints, computed with its formulas so
 * that a person can compare Ballast's numbers with the tool they know (backtesting.py 0.6,
 * `compute_stats`):
 *
 * - Return (Ann.) = (1 + g)^A − 1, where g is the geometric mean of the period returns of the
 *   equity resampled to days (see returnPeriods.ts for the bin and A, 365 or 252). Like
 *   backtesting.py, g divides the summed log growth by the number of DAYS, which is one more
 *   than the number of daily returns (the first day's missing return counts as 0).
 * - Volatility (Ann.) = √((σ² + (1 + g)²)^A − (1 + g)^(2A)), σ² the sample variance of the daily returns.
 * - Sharpe = Return (Ann.) [%] / Volatility (Ann.) [%]; Sortino divides the annual return by
 *   √(mean of min(r, 0)²) · √A; Calmar by the maximum drawdown.
 * - CAGR uses calendar time divided by A (so 252-day data reads calendar days as trading days,
 *   as backtesting.py does).
 * - Drawdowns run from one new equity high to the next (or to the last bar); their duration is
 *   the time between those two bars, rounded up to the bar size's resolution.
 *
 * Differences, on purpose: Commissions [$] is always present (backtesting.py hides it at 0);
 * Buy & Hold Return [%] comes from the buy-and-hold equity series the engine simulates (same
 * fees, same post-warm-up start) instead of raw closes; times are UTC ms and durations ms.
 *
 * One pass over the bars, no allocation per bar: the engine calls this after every run.
 */
import { BacktestInputError } from './backtestInputError.ts';
import { DrawdownTracker, PeriodReturns } from './equityAccumulators.ts';
import { DAY_MS, annualPeriods, binOf, isWeekendDay, returnPeriodsFor, roundUpDuration } from './returnPeriods.ts';
import { tradeStatistics, type BacktestTrade } from './tradeStatistics.ts';

/** Bar-by-bar account value: `equity[i]` in quote currency at `timeMs[i]` (UTC ms, increasing). */
export interface EquityCurve {
  readonly timeMs: Float64Array;
  readonly equity: Float64Array;
}

export const BACKTEST_STATISTIC_NAMES = [
  'Start', 'End', 'Duration', 'Exposure Time [%]', 'Equity Final [$]', 'Equity Peak [$]', 'Commissions [$]',
  'Return [%]', 'Buy & Hold Return [%]', 'Return (Ann.) [%]', 'Volatility (Ann.) [%]', 'CAGR [%]', 'Sharpe Ratio',
  'Sortino Ratio', 'Calmar Ratio', 'Max. Drawdown [%]', 'Avg. Drawdown [%]', 'Max. Drawdown Duration',
  'Avg. Drawdown Duration', '# Trades', 'Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]', 'Avg. Trade [%]',
  'Max. Trade Duration', 'Avg. Trade Duration', 'Profit Factor', 'Expectancy [%]', 'SQN',
] as const;

export type BacktestStatisticName = (typeof BACKTEST_STATISTIC_NAMES)[number];

/** Statistics that are points in time (UTC ms since the epoch). */
export const TIME_STATISTICS = ['Start', 'End'] as const satisfies readonly BacktestStatisticName[];
/** Statistics that are lengths of time (ms). */
export const DURATION_STATISTICS = [
  'Duration', 'Max. Drawdown Duration', 'Avg. Drawdown Duration', 'Max. Trade Duration', 'Avg. Trade Duration',
] as const satisfies readonly BacktestStatisticName[];

/** Every figure is a number; NaN where backtesting.py shows NaN or NaT. */
export type BacktestStatistics = Readonly<Record<BacktestStatisticName, number>>;

export interface StatisticsInput {
  readonly curve: EquityCurve;
  readonly trades: readonly BacktestTrade[];
  /** Value of a buy-and-hold account over the same bars; leading NaN before its start is allowed. */
  readonly buyAndHoldEquity: ArrayLike<number>;
  /** Annual risk-free rate as a fraction, used by Sharpe and Sortino as backtesting.py does (default 0). */
  readonly riskFreeRate?: number;
}

function buyAndHoldReturnPercent(series: ArrayLike<number>): number {
  let firstIndex = 0;
  while (firstIndex < series.length && !Number.isFinite(series[firstIndex])) firstIndex++;
  let lastIndex = series.length - 1;
  while (lastIndex > firstIndex && !Number.isFinite(series[lastIndex])) lastIndex--;
  const first = series[firstIndex] ?? Number.NaN;
  const last = series[lastIndex] ?? Number.NaN;
  return ((last - first) / first) * 100;
}

/** CAGR's years: whole days plus whole seconds of the rest (pandas' `.days` and `.seconds`), over A. */
function yearsOf(durationMs: number, periodsPerYear: number): number {
  const days = Math.floor(durationMs / DAY_MS);
  const seconds = Math.floor((durationMs - days * DAY_MS) / 1_000);
  return (days + seconds / 86_400) / periodsPerYear;
}

export function computeBacktestStatistics(input: StatisticsInput): BacktestStatistics {
  const { timeMs, equity } = input.curve;
  const bars = timeMs.length;
  if (bars === 0 || equity.length !== bars) {
    throw new BacktestInputError('MISMATCHED_LENGTHS', `The equity curve needs one value per bar time (${bars} times, ${equity.length} values).`);
  }
  const startEquity = equity[0] ?? Number.NaN;
  if (!(startEquity > 0)) {
    throw new BacktestInputError('OUT_OF_RANGE', `The equity curve must start above 0 (got ${String(startEquity)}).`);
  }
  const periods = returnPeriodsFor(timeMs);
  const bin = periods.bin;
  const dailyBins = bin === 'day';

  const drawdowns = new DrawdownTracker();
  const periodReturns = new PeriodReturns();
  let previousTime = Number.NEGATIVE_INFINITY;
  let weekendBars = 0;
  let currentDay = Number.NaN;
  let currentDayIsWeekend = false;
  let currentBin = Number.NaN;
  let binCloseEquity = Number.NaN;
  for (let i = 0; i < bars; i++) {
    const t = timeMs[i] ?? Number.NaN;
    const value = equity[i] ?? Number.NaN;
    if (!(t > previousTime) || !Number.isFinite(t)) {
      throw new BacktestInputError('TIMES_NOT_IN_ORDER', `Bar ${i}'s time ${String(t)} does not come after the previous bar's.`);
    }
    if (!Number.isFinite(value)) throw new BacktestInputError('NOT_A_NUMBER', `The equity at bar ${i} is not a finite number.`);
    previousTime = t;
    const day = Math.floor(t / DAY_MS);
    if (day !== currentDay) {
      currentDay = day;
      currentDayIsWeekend = isWeekendDay(day);
    }
    if (currentDayIsWeekend) weekendBars++;
    drawdowns.add(i, t, value);
    const barBin = dailyBins ? day : binOf(bin, t);
    if (barBin !== currentBin) {
      if (i > 0) periodReturns.close(binCloseEquity);
      currentBin = barBin;
    }
    binCloseEquity = value;
  }
  periodReturns.close(binCloseEquity);
  const lastBar = bars - 1;
  drawdowns.finish(lastBar, previousTime);

  const A = annualPeriods(periods, weekendBars, bars);
  const g = periodReturns.geometricMean();
  const variance = periodReturns.sampleVariance();
  const annualReturn = (1 + g) ** A - 1;
  const volatilityPercent = Math.sqrt((variance + (1 + g) ** 2) ** A - (1 + g) ** (2 * A)) * 100;
  const riskFreeRate = input.riskFreeRate ?? 0;
  const start = timeMs[0] ?? Number.NaN;
  const durationMs = previousTime - start;
  const years = yearsOf(durationMs, A);
  const finalEquity = equity[lastBar] ?? Number.NaN;
  const trades = tradeStatistics(input.trades, timeMs);
  const resolution = periods.resolutionMs;
  // A drawdown only on the very last bar, right after a high, forms no period (backtesting.py
  // quirk); its depth still counts as the average drawdown, and its duration is unknown.
  const averageDrawdown = drawdowns.periods > 0 ? drawdowns.depthSum / drawdowns.periods : drawdowns.current > 0 ? drawdowns.current : Number.NaN;

  return {
    Start: start,
    End: previousTime,
    Duration: durationMs,
    'Exposure Time [%]': (trades.barsInMarket / bars) * 100,
    'Equity Final [$]': finalEquity,
    'Equity Peak [$]': drawdowns.peak,
    'Commissions [$]': trades.commissions,
    'Return [%]': ((finalEquity - startEquity) / startEquity) * 100,
    'Buy & Hold Return [%]': buyAndHoldReturnPercent(input.buyAndHoldEquity),
    'Return (Ann.) [%]': annualReturn * 100,
    'Volatility (Ann.) [%]': volatilityPercent,
    'CAGR [%]': years ? ((finalEquity / startEquity) ** (1 / years) - 1) * 100 : Number.NaN,
    'Sharpe Ratio': (annualReturn * 100 - riskFreeRate * 100) / (volatilityPercent || Number.NaN),
    'Sortino Ratio': (annualReturn - riskFreeRate) / (Math.sqrt(periodReturns.meanDownsideSquare()) * Math.sqrt(A)),
    'Calmar Ratio': annualReturn / (drawdowns.deepest || Number.NaN),
    'Max. Drawdown [%]': -drawdowns.deepest * 100,
    'Avg. Drawdown [%]': -averageDrawdown * 100,
    'Max. Drawdown Duration': drawdowns.periods > 0 ? roundUpDuration(drawdowns.durationMaxMs, resolution) : Number.NaN,
    'Avg. Drawdown Duration': drawdowns.periods > 0 ? roundUpDuration(drawdowns.durationSumMs / drawdowns.periods, resolution) : Number.NaN,
    '# Trades': trades.count,
    'Win Rate [%]': trades.winRatePercent,
    'Best Trade [%]': trades.bestPercent,
    'Worst Trade [%]': trades.worstPercent,
    'Avg. Trade [%]': trades.geometricMeanPercent,
    'Max. Trade Duration': roundUpDuration(trades.maxDurationMs, resolution),
    'Avg. Trade Duration': roundUpDuration(trades.meanDurationMs, resolution),
    'Profit Factor': trades.profitFactor,
    'Expectancy [%]': trades.expectancyPercent,
    'SQN': trades.sqn,
  };
}
