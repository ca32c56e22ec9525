/** One order as the weekly review sees it: the prices at each step from decision to fill. */
export interface ReviewOrder {
  readonly clientOrderId: string;
  readonly strategy: string;
  readonly mode: 'paper' | 'live';
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** The price when the strategy decided to trade (the signal's reference price). */
  readonly decisionPriceQuote: number;
  /** The market when the order was sent: mid price, and the touch where it was recorded. */
  readonly arrival: { readonly midQuote: number; readonly bidQuote: number | null; readonly askQuote: number | null };
  readonly fills: readonly ReviewFill[];
  readonly sentAtMs: number;
}

export interface ReviewFill {
  readonly priceQuote: number;
  readonly amountBase: number;
  /** The fee converted to the quote currency at the fill's price. */
  readonly feeQuote: number;
}

/**
 * Implementation shortfall of one order against its decision price, split into where it went:
 * - delay: the market moved between the decision and sending (mid at arrival − decision price);
 * - spread: crossing from the mid to the touch (ask for a buy, bid for a sell) at arrival;
 * - execution: the fills against that touch (depth walked, queue, price moving while filling);
 * - fees.
 * Signs are costs: positive is money lost against the decision price, negative a gain. The parts
 * add up to side × (average fill − decision) × filled amount + fees. Without a recorded touch the
 * spread part is 0 and counted under execution (`spreadKnown` false).
 */
export interface OrderCost {
  readonly clientOrderId: string;
  readonly strategy: string;
  readonly mode: 'paper' | 'live';
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly filledBase: number;
  readonly averageFillQuote: number;
  /** Decision price × filled amount: what the basis points are measured against. */
  readonly decisionNotionalQuote: number;
  readonly delayQuote: number;
  readonly spreadQuote: number;
  readonly executionQuote: number;
  readonly feesQuote: number;
  readonly totalQuote: number;
  readonly totalBps: number;
  readonly spreadKnown: boolean;
}

/** The cost of one order, or null when nothing filled or its prices are unreadable. */
export function orderCost(order: ReviewOrder): OrderCost | null {
  let filledBase = 0;
  let filledQuote = 0;
  let feesQuote = 0;
  for (const fill of order.fills) {
    filledBase += fill.amountBase;
    filledQuote += fill.amountBase * fill.priceQuote;
    feesQuote += fill.feeQuote;
  }
  const decision = order.decisionPriceQuote;
  const mid = order.arrival.midQuote;
  if (!(filledBase > 0) || !(decision > 0) || !(mid > 0) || !Number.isFinite(filledQuote + feesQuote)) return null;
  const sign = order.side === 'buy' ? 1 : -1;
  const averageFillQuote = filledQuote / filledBase;
  const touch = order.side === 'buy' ? order.arrival.askQuote : order.arrival.bidQuote;
  const spreadKnown = touch !== null && touch > 0;
  const reference = spreadKnown ? touch : mid;
  const delayQuote = sign * (mid - decision) * filledBase;
  const spreadQuote = sign * (reference - mid) * filledBase;
  const executionQuote = sign * (averageFillQuote - reference) * filledBase;
  const totalQuote = delayQuote + spreadQuote + executionQuote + feesQuote;
  const decisionNotionalQuote = decision * filledBase;
  return {
    clientOrderId: order.clientOrderId,
    strategy: order.strategy,
    mode: order.mode,
    symbol: order.symbol,
    side: order.side,
    filledBase,
    averageFillQuote,
    decisionNotionalQuote,
    delayQuote,
    spreadQuote,
    executionQuote,
    feesQuote,
    totalQuote,
    totalBps: (totalQuote / decisionNotionalQuote) * 10_000,
    spreadKnown,
  };
}

export interface CostTotals {
  readonly orders: number;
  readonly notionalQuote: number;
  readonly delayQuote: number;
  readonly spreadQuote: number;
  readonly executionQuote: number;
  readonly feesQuote: number;
  readonly totalQuote: number;
  /** Total cost over total decision notional: the notional-weighted average. */
  readonly totalBps: number;
  readonly ordersWithoutSpread: number;
}

export function costTotals(costs: readonly OrderCost[]): CostTotals {
  let notionalQuote = 0;
  let delayQuote = 0;
  let spreadQuote = 0;
  let executionQuote = 0;
  let feesQuote = 0;
  let ordersWithoutSpread = 0;
  for (const cost of costs) {
    notionalQuote += cost.decisionNotionalQuote;
    delayQuote += cost.delayQuote;
    spreadQuote += cost.spreadQuote;
    executionQuote += cost.executionQuote;
    feesQuote += cost.feesQuote;
    if (!cost.spreadKnown) ordersWithoutSpread += 1;
  }
  const totalQuote = delayQuote + spreadQuote + executionQuote + feesQuote;
  return {
    orders: costs.length,
    notionalQuote,
    delayQuote,
    spreadQuote,
    executionQuote,
    feesQuote,
    totalQuote,
    totalBps: notionalQuote > 0 ? (totalQuote / notionalQuote) * 10_000 : 0,
    ordersWithoutSpread,
  };
}
