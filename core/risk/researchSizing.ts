import { restingSellBase, type AccountView } from './accountView.ts';
import { approvedOrder } from './approvedOrder.ts';
import type { SizedOrder } from './intent.ts';
import type { Intent } from './intent.ts';
import { roundAmountDown, roundBuyPrice, roundSellPrice } from './marketRounding.ts';
import type { MarketView } from './marketView.ts';

/** Why research mode sent nothing for an intent. */
export type ResearchRefusal = 'RESEARCH_BELOW_MINIMUM' | 'RESEARCH_NOTHING_TO_SELL';

/**
 * `--risk off`: research mode, a backtest-only switch that paper and live trading never offer.
 * No limit applies — no per-trade cap, exposure, loss or drawdown limit, liquidity check or
 * order rate — so the result shows the bare strategy. What remains is what any exchange
 * enforces: an entry spends at most the free cash (fees included), an exit sells at most what is
 * held, amounts round down to the lot step and prices to the tick, and orders below the
 * market's minimums are not sent.
 *
 * An entry buys `desiredFractionOfEquity` of equity at the ask (the next open, for next-open
 * fills): amount = floor(equity × fraction / ask / step) × step.
 */
export function researchSizing(intent: Intent, account: AccountView, view: MarketView): SizedOrder | ResearchRefusal {
  const { market, liquidity } = view;
  const { minAmountBase, minNotionalQuote } = market.limits;
  let amountBase: number;
  let limitPriceQuote: number | undefined;
  let worstPriceQuote: number;
  if (intent.purpose === 'entry') {
    limitPriceQuote = intent.orderType === 'limit' && intent.limitPriceQuote !== undefined ? roundBuyPrice(market, intent.limitPriceQuote) : undefined;
    worstPriceQuote = limitPriceQuote ?? liquidity.askQuote;
    const feeRate = Math.max(market.fees.takerRate, market.fees.makerRate, 0);
    const wantedQuote = Math.min(account.equityQuote * (intent.desiredFractionOfEquity ?? 1), account.freeQuote / (1 + feeRate));
    amountBase = roundAmountDown(market, Math.min(wantedQuote / worstPriceQuote, intent.desiredAmountBase ?? Number.POSITIVE_INFINITY));
  } else {
    let held = 0;
    for (const position of account.positions) if (position.symbol === intent.symbol) held = position.amountBase;
    const available = held - restingSellBase(account, intent.symbol);
    if (!(available > 0)) return 'RESEARCH_NOTHING_TO_SELL';
    limitPriceQuote = intent.orderType === 'limit' && intent.limitPriceQuote !== undefined ? roundSellPrice(market, intent.limitPriceQuote) : undefined;
    worstPriceQuote = limitPriceQuote ?? liquidity.bidQuote;
    amountBase = roundAmountDown(market, Math.min(intent.desiredAmountBase ?? available, available));
  }
  if (!(amountBase > 0) || (minAmountBase !== null && amountBase < minAmountBase) || (minNotionalQuote !== null && amountBase * worstPriceQuote < minNotionalQuote)) {
    return 'RESEARCH_BELOW_MINIMUM';
  }
  return approvedOrder({
    intentId: intent.intentId,
    origin: intent.origin,
    purpose: intent.purpose,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.orderType,
    amountBase,
    ...(limitPriceQuote === undefined ? {} : { limitPriceQuote }),
    reduceOnly: intent.purpose !== 'entry',
    atMs: intent.atMs,
  });
}
