import type { Fill } from '../execution/index.ts';
import { sliceBars, type BacktestBars } from './backtestBars.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import { runBacktest } from './engine.ts';
import { DAY_MS } from './returnPeriods.ts';
import { measureRun } from './runOutcome.ts';
import type { BacktestStatistics } from './statistics.ts';
import type { BacktestTrade } from './tradeStatistics.ts';

/** One run of a sweep or a walk-forward: settings over bars `startBar` to `endBar` of the data. */
export interface TrialRequest {
  readonly settings: BacktestSettings;
  readonly startBar: number;
  readonly endBar: number;
  /** First bar (counted from `startBar`) the strategy may trade at; the bars before only warm it up. */
  readonly tradingStartBar?: number;
}

export interface TrialResult {
  readonly statistics: BacktestStatistics;
  /** Close-to-close daily returns of the account over every day of the bars (flat days included). */
  readonly dailyReturns: Float64Array;
  /** Equity at each bar's close from `tradingStartBar` on (the walk-forward's out-of-sample segment). */
  readonly equity: Float64Array;
  readonly timeMs: Float64Array;
  readonly trades: readonly BacktestTrade[];
  readonly tradingStartBar: number;
  readonly feesQuote: number;
  readonly slippageQuote: number;
  readonly turnoverQuote: number;
  readonly fills: readonly Fill[];
}

/**
 * Returns from one UTC day's last equity to the next: the periods sweep trials are compared on
 * (every trial over the same bars has the same days, as the trial registry requires).
 */
export function dailyReturnsOf(timeMs: ArrayLike<number>, equity: ArrayLike<number>): Float64Array {
  const returns: number[] = [];
  let day = Number.NaN;
  let previousClose = Number.NaN;
  let dayClose = Number.NaN;
  for (let i = 0; i < timeMs.length; i++) {
    const barDay = Math.floor((timeMs[i] as number) / DAY_MS);
    if (barDay !== day) {
      if (!Number.isNaN(previousClose)) returns.push(dayClose / previousClose - 1);
      if (!Number.isNaN(dayClose)) previousClose = dayClose;
      day = barDay;
    }
    dayClose = equity[i] as number;
  }
  if (!Number.isNaN(previousClose)) returns.push(dayClose / previousClose - 1);
  return Float64Array.from(returns);
}

export async function runTrial(bars: BacktestBars, request: TrialRequest, signal?: AbortSignal): Promise<TrialResult> {
  const slice = request.startBar === 0 && request.endBar === bars.length ? bars : sliceBars(bars, request.startBar, request.endBar);
  const run = await runBacktest(slice, request.settings, { ...(signal === undefined ? {} : { signal }), ...(request.tradingStartBar === undefined ? {} : { tradingStartBar: request.tradingStartBar }) });
  const outcome = measureRun(run);
  const from = Math.min(request.tradingStartBar ?? run.tradingStartBar, slice.length - 1);
  return {
    statistics: outcome.statistics,
    dailyReturns: dailyReturnsOf(slice.timeMs, run.equity),
    equity: run.equity.slice(from),
    timeMs: slice.timeMs.slice(from),
    trades: outcome.trades,
    tradingStartBar: run.tradingStartBar,
    feesQuote: run.feesQuote,
    slippageQuote: run.slippageQuote,
    turnoverQuote: run.turnoverQuote,
    fills: run.fills,
  };
}
