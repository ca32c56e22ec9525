import type { Fill } from '../execution/index.ts';
import type { BacktestTrade } from './tradeStatistics.ts';

/**
 * The run's trades: each round trip from flat to flat, built from the fills alone. A trade opens
 * with the first buy from flat and closes with the sell that leaves less than one lot step (which
 * cannot be sold); partial fills on either side are averaged. Fees count against the
 * trade's P&L, whichever asset they were paid in. A position still open at the end is not a
 * trade (as in backtesting.py without `finalize_trades`); `--close-at-end` sells it first.
 */
/** One fill's price as is; several fills' volume-weighted average. */
const averagePrice = (fills: number, firstPrice: number, valueQuote: number, amountBase: number): number => (fills === 1 ? firstPrice : valueQuote / amountBase);

export function roundTrips(fills: readonly Fill[], quoteAsset: string, amountStepBase: number): BacktestTrade[] {
  const trades: BacktestTrade[] = [];
  const flat = amountStepBase * (1 - 1e-9);
  let held = 0;
  let entryTime = 0;
  let boughtBase = 0;
  let boughtQuote = 0;
  let soldBase = 0;
  let soldQuote = 0;
  let buyFills = 0;
  let sellFills = 0;
  let firstBuyPrice = 0;
  let firstSellPrice = 0;
  /** Every fee, valued in quote (the report's commissions). */
  let fees = 0;
  /** Fees paid in quote: a fee taken in base already shows as base not there to sell. */
  let quoteFees = 0;
  for (const fill of fills) {
    const valueQuote = fill.priceQuote * fill.amountBase;
    const inQuote = fill.fee === null || fill.fee.asset === quoteAsset;
    const feeAmount = fill.fee?.amount ?? 0;
    if (fill.side === 'buy') {
      if (held <= flat) {
        entryTime = fill.atMs;
        boughtBase = boughtQuote = soldBase = soldQuote = fees = quoteFees = buyFills = sellFills = 0;
        held = 0;
      }
      if (buyFills++ === 0) firstBuyPrice = fill.priceQuote;
      held += fill.amountBase - (inQuote ? 0 : feeAmount);
      boughtBase += fill.amountBase;
      boughtQuote += valueQuote;
    } else {
      if (held <= flat) continue;
      held -= fill.amountBase + (inQuote ? 0 : feeAmount);
      if (sellFills++ === 0) firstSellPrice = fill.priceQuote;
      soldBase += fill.amountBase;
      soldQuote += valueQuote;
    }
    fees += inQuote ? feeAmount : feeAmount * fill.priceQuote;
    if (inQuote) quoteFees += feeAmount;
    if (fill.side === 'buy' || held > flat) continue;
    const pnl = soldQuote - boughtQuote - quoteFees;
    trades.push({ entryTime, exitTime: fill.atMs, entryPrice: averagePrice(buyFills, firstBuyPrice, boughtQuote, boughtBase), exitPrice: averagePrice(sellFills, firstSellPrice, soldQuote, soldBase), size: boughtBase, pnl, returnPct: pnl / boughtQuote, fees });
    held = 0;
  }
  return trades;
}
