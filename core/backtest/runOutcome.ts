import type { BacktestRun } from './engine.ts';
import { buyAndHoldEquity } from './buyAndHold.ts';
import { roundTrips } from './roundTrips.ts';
import { computeBacktestStatistics, type BacktestStatistics, type EquityCurve } from './statistics.ts';
import type { BacktestTrade } from './tradeStatistics.ts';

/** A run measured: its statistics over the bars it could trade, next to buy-and-hold from the same start. */
export interface RunOutcome {
  readonly statistics: BacktestStatistics;
  readonly trades: readonly BacktestTrade[];
  /** Equity from the first bar the strategy could trade at (after its warm-up) to the end. */
  readonly curve: EquityCurve;
  /** Buy-and-hold over the same bars as `curve`. */
  readonly buyAndHold: Float64Array;
  readonly feesQuote: number;
  readonly slippageQuote: number;
  readonly turnoverQuote: number;
}

/**
 * The statistics cover the bars from the strategy's first tradable bar on: the warm-up bars,
 * where it could not trade, would only dilute them, and buy-and-hold starts there too.
 */
export function measureRun(run: BacktestRun): RunOutcome {
  const { bars, settings } = run;
  const start = Math.min(run.tradingStartBar, bars.length - 1);
  const curve: EquityCurve = { timeMs: bars.timeMs.subarray(start), equity: run.equity.subarray(start) };
  const holdAll = buyAndHoldEquity(bars, start, settings.cashQuote, settings.fillModel);
  const buyAndHold = holdAll.subarray(start);
  const trades = roundTrips(run.fills, settings.market.quote, settings.market.precision.amountStepBase);
  const statistics = computeBacktestStatistics({ curve, trades, buyAndHoldEquity: buyAndHold });
  return { statistics, trades, curve, buyAndHold, feesQuote: run.feesQuote, slippageQuote: run.slippageQuote, turnoverQuote: run.turnoverQuote };
}
