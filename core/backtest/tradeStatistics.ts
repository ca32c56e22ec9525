/**
 * The per-trade half of the report, with backtesting.py's definitions:
 * - Win Rate counts trades whose P&L is above 0;
 * - Avg. Trade is the GEOMETRIC mean of the trade returns (0 if any trade lost everything);
 * - Profit Factor and Expectancy use trade returns (not money): Σ gains / |Σ losses| and the
 *   arithmetic mean;
 * - SQN = √n · mean(P&L) / sample standard deviation(P&L);
 * - Exposure Time counts the bars from each trade's entry bar to its exit bar inclusive.
 * Where backtesting.py shows NaN (no trades, no losing trade for the profit factor, a single
 * trade for the SQN) so does this.
 */
import { BacktestInputError } from './backtestInputError.ts';

/** One closed round trip. Times are ms since the epoch (UTC). */
export interface BacktestTrade {
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Base amount; negative for a short. */
  readonly size: number;
  /** Profit or loss in quote currency, after fees. */
  readonly pnl: number;
  /** Return as a FRACTION of the entry value after fees (0.05 = 5 %), like backtesting.py's ReturnPct. */
  readonly returnPct: number;
  /** Fees paid on entry and exit, in quote currency. */
  readonly fees: number;
}

export interface TradeStatistics {
  readonly count: number;
  readonly barsInMarket: number;
  readonly commissions: number;
  readonly winRatePercent: number;
  readonly bestPercent: number;
  readonly worstPercent: number;
  readonly geometricMeanPercent: number;
  readonly maxDurationMs: number;
  readonly meanDurationMs: number;
  readonly profitFactor: number;
  readonly expectancyPercent: number;
  readonly sqn: number;
}

/** Index of the last bar at or before `atMs` (0 when before the first bar). */
export function barIndexAt(timeMs: ArrayLike<number>, atMs: number): number {
  let low = 0;
  let high = timeMs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((timeMs[middle] ?? Number.POSITIVE_INFINITY) <= atMs) low = middle;
    else high = middle - 1;
  }
  return low;
}

function requireTrade(trade: BacktestTrade, index: number): void {
  if (!(Number.isFinite(trade.entryTime) && Number.isFinite(trade.exitTime) && Number.isFinite(trade.pnl) && Number.isFinite(trade.returnPct) && Number.isFinite(trade.fees))) {
    throw new BacktestInputError('NOT_A_NUMBER', `Trade ${index} has a time, P&L, return or fee that is not a finite number.`);
  }
  if (trade.exitTime < trade.entryTime) {
    throw new BacktestInputError('TIMES_NOT_IN_ORDER', `Trade ${index} exits before it enters.`);
  }
}

/**
 * Bars covered by the union of the trades' [entry bar, exit bar] ranges. Trades usually come
 * in entry order; they are only sorted when they do not.
 */
function barsInMarket(trades: readonly BacktestTrade[], timeMs: ArrayLike<number>): number {
  const count = trades.length;
  const entryBars = new Float64Array(count);
  const exitBars = new Float64Array(count);
  let inEntryOrder = true;
  for (let i = 0; i < count; i++) {
    const trade = trades[i] as BacktestTrade;
    entryBars[i] = barIndexAt(timeMs, trade.entryTime);
    exitBars[i] = barIndexAt(timeMs, trade.exitTime);
    if (i > 0 && (entryBars[i] ?? 0) < (entryBars[i - 1] ?? 0)) inEntryOrder = false;
  }
  const order = inEntryOrder ? undefined : Uint32Array.from(entryBars.keys()).sort((a, b) => (entryBars[a] ?? 0) - (entryBars[b] ?? 0));
  let covered = 0;
  let coveredUpTo = -1;
  for (let k = 0; k < count; k++) {
    const i = order === undefined ? k : (order[k] ?? 0);
    const from = Math.max(entryBars[i] ?? 0, coveredUpTo + 1);
    const exitBar = exitBars[i] ?? 0;
    if (exitBar >= from) {
      covered += exitBar - from + 1;
      coveredUpTo = exitBar;
    }
  }
  return covered;
}

export function tradeStatistics(trades: readonly BacktestTrade[], timeMs: ArrayLike<number>): TradeStatistics {
  const count = trades.length;
  let commissions = 0;
  let wins = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  let logSum = 0;
  let lostEverything = false;
  let gains = 0;
  let losses = 0;
  let returnSum = 0;
  let pnlSum = 0;
  let maxDurationMs = Number.NEGATIVE_INFINITY;
  let durationSum = 0;
  for (let index = 0; index < count; index++) {
    const trade = trades[index] as BacktestTrade;
    requireTrade(trade, index);
    commissions += trade.fees;
    if (trade.pnl > 0) wins++;
    const r = trade.returnPct;
    if (r > best) best = r;
    if (r < worst) worst = r;
    const growth = r + 1;
    if (growth <= 0) lostEverything = true;
    else logSum += Math.log(growth);
    if (r > 0) gains += r;
    else if (r < 0) losses += r;
    returnSum += r;
    pnlSum += trade.pnl;
    const durationMs = trade.exitTime - trade.entryTime;
    if (durationMs > maxDurationMs) maxDurationMs = durationMs;
    durationSum += durationMs;
  }
  if (count === 0) {
    return {
      count, barsInMarket: 0, commissions: 0, winRatePercent: Number.NaN, bestPercent: Number.NaN, worstPercent: Number.NaN,
      geometricMeanPercent: Number.NaN, maxDurationMs: Number.NaN, meanDurationMs: Number.NaN, profitFactor: Number.NaN,
      expectancyPercent: Number.NaN, sqn: Number.NaN,
    };
  }
  const pnlMean = pnlSum / count;
  let pnlSquares = 0;
  for (const trade of trades) pnlSquares += (trade.pnl - pnlMean) ** 2;
  const pnlDeviation = count > 1 ? Math.sqrt(pnlSquares / (count - 1)) : Number.NaN;
  return {
    count,
    barsInMarket: barsInMarket(trades, timeMs),
    commissions,
    winRatePercent: (wins / count) * 100,
    bestPercent: best * 100,
    worstPercent: worst * 100,
    geometricMeanPercent: lostEverything ? 0 : (Math.exp(logSum / count) - 1) * 100,
    maxDurationMs,
    meanDurationMs: durationSum / count,
    profitFactor: gains / (Math.abs(losses) || Number.NaN),
    expectancyPercent: (returnSum / count) * 100,
    sqn: (Math.sqrt(count) * pnlMean) / (pnlDeviation || Number.NaN),
  };
}
