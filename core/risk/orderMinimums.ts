import type { MarketInfo } from '../market/index.ts';
import { riskReason, type RiskReason } from './riskDecision.ts';

/**
 * The exchange's minimums, checked on the rounded order: an order that would be refused by the
 * exchange is refused here, with the reason, and never sent.
 * `lowestFillPriceQuote` is the lowest price the order can plausibly fill at (the exchange
 * checks the minimum value against the fill).
 */
export function minimumsProblem(market: MarketInfo, amountBase: number, lowestFillPriceQuote: number, quoteAsset: string): RiskReason | null {
  if (!(amountBase > 0)) return riskReason('ROUNDS_TO_ZERO', { symbol: market.symbol, amountStepBase: market.precision.amountStepBase });
  const { minAmountBase, minNotionalQuote } = market.limits;
  if (minAmountBase !== null && amountBase < minAmountBase) {
    return riskReason('BELOW_MIN_AMOUNT', { symbol: market.symbol, amountBase, minAmountBase, baseAsset: market.base });
  }
  const notionalQuote = amountBase * lowestFillPriceQuote;
  if (minNotionalQuote !== null && notionalQuote < minNotionalQuote) {
    return riskReason('BELOW_MIN_NOTIONAL', { symbol: market.symbol, notionalQuote, minNotionalQuote, quoteAsset });
  }
  return null;
}
