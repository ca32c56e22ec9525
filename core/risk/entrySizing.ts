import { approvedOrder } from './approvedOrder.ts';
import {
  DAY_MS,
  MINUTE_MS,
  dailyLossFraction,
  drawdownFraction,
  exposureQuote,
  isOpenPosition,
  openPositionCount,
  ordersSince,
  type AccountView,
} from './accountView.ts';
import type { Intent } from './intent.ts';
import type { MarketView } from './marketView.ts';
import { roundAmountDown, roundBuyPrice } from './marketRounding.ts';
import { minimumsProblem } from './orderMinimums.ts';
import type { RiskReasonCode } from './reasonCodes.ts';
import { approved, rejected, rejectedFor, riskReason, type RiskDecision, type RiskReason } from './riskDecision.ts';
import type { RiskLimits } from './riskLimits.ts';

/**
 * Share of the normal size still allowed once the daily loss budget is partly used: 1 until
 * `dailyLossThrottleFromFraction` of it is used, then linearly down to 0 at the limit.
 */
export function dailyLossThrottle(lossFraction: number, limits: RiskLimits): number {
  const used = lossFraction / limits.dailyLossFractionOfEquity;
  const from = limits.dailyLossThrottleFromFraction;
  if (used <= from) return 1;
  if (used >= 1) return 0;
  return (1 - used) / (1 - from);
}

/** Order-rate vetoes; shared by entries and by exits the strategy sends. */
export function orderRateVeto(intent: Intent, account: AccountView, limits: RiskLimits): RiskDecision | null {
  const lastMinute = ordersSince(account.orderTimesMs, intent.atMs - MINUTE_MS + 1);
  if (lastMinute + 1 > limits.maxOrdersPerMinute) {
    return rejectedFor(intent.intentId, 'ORDER_RATE_MINUTE', { ordersInWindow: lastMinute, limit: limits.maxOrdersPerMinute });
  }
  const lastDay = ordersSince(account.orderTimesMs, intent.atMs - DAY_MS + 1);
  if (lastDay + 1 > limits.maxOrdersPerDay) {
    return rejectedFor(intent.intentId, 'ORDER_RATE_DAY', { ordersInWindow: lastDay, limit: limits.maxOrdersPerDay });
  }
  return null;
}

function accountVeto(intent: Intent, account: AccountView, limits: RiskLimits, lossFraction: number): RiskDecision | null {
  const quoteAsset = account.quoteAsset;
  if (lossFraction >= limits.dailyLossFractionOfEquity) {
    return rejectedFor(intent.intentId, 'DAILY_LOSS_LIMIT', {
      quoteAsset,
      lossQuote: account.dayStartEquityQuote - account.equityQuote,
      limitQuote: account.dayStartEquityQuote * limits.dailyLossFractionOfEquity,
      limitFraction: limits.dailyLossFractionOfEquity,
    });
  }
  const drawdown = drawdownFraction(account);
  if (drawdown >= limits.maxDrawdownFraction) {
    return rejectedFor(intent.intentId, 'DRAWDOWN_LIMIT', {
      quoteAsset,
      drawdownFraction: drawdown,
      highWaterMarkQuote: account.highWaterMarkQuote,
      limitFraction: limits.maxDrawdownFraction,
    });
  }
  const rate = orderRateVeto(intent, account, limits);
  if (rate !== null) return rate;
  // A new market needs a free slot; adding to a held one is refused too while the account is
  // already over the limit (holdings that grew out of dust, or held before Ballast started).
  const dust = limits.dustPositionQuote;
  const open = openPositionCount(account, dust);
  const after = isOpenPosition(account, intent.symbol, dust) ? open : open + 1;
  if (after > limits.maxOpenPositions) {
    return rejectedFor(intent.intentId, 'MAX_OPEN_POSITIONS', { openPositions: open, limit: limits.maxOpenPositions });
  }
  return null;
}

function liquidityVeto(intent: Intent, view: MarketView, limits: RiskLimits): RiskDecision | null {
  const { symbol } = intent;
  const { liquidity } = view;
  if (!limits.allowedSymbols.includes(symbol)) return rejectedFor(intent.intentId, 'PAIR_NOT_ALLOWED', { symbol });
  const volume = liquidity.quoteVolume24h;
  if (volume === null || !(volume >= limits.minQuoteVolume24hQuote)) {
    return rejectedFor(intent.intentId, 'PAIR_ILLIQUID', {
      symbol,
      problem: volume === null ? 'the exchange does not report its 24-hour volume' : `only ${volume.toFixed(0)} traded in 24 hours, below ${limits.minQuoteVolume24hQuote.toFixed(0)}`,
      quoteVolume24h: volume,
      minQuoteVolume24h: limits.minQuoteVolume24hQuote,
    });
  }
  if (liquidity.spreadBps > limits.maxSpreadForEntryBps) {
    return rejectedFor(intent.intentId, 'PAIR_ILLIQUID', {
      symbol,
      problem: `the spread is ${(liquidity.spreadBps / 100).toFixed(2)}%, above ${(limits.maxSpreadForEntryBps / 100).toFixed(2)}%`,
      spreadBps: liquidity.spreadBps,
      limitBps: limits.maxSpreadForEntryBps,
    });
  }
  if (liquidity.depthWithinBps > limits.priceBandBps) {
    return rejectedFor(intent.intentId, 'MISSING_MARKET_DATA', {
      problem: 'the order book depth was measured over a wider range than the price band allows',
      depthWithinBps: liquidity.depthWithinBps,
      priceBandBps: limits.priceBandBps,
    });
  }
  return null;
}

interface Cap {
  readonly code: RiskReasonCode;
  readonly capQuote: number;
}

/** How much the intent itself asks for, in quote at `priceQuote`; NaN when it says nothing usable. */
function intendedQuote(intent: Intent, view: MarketView, limits: RiskLimits, equityQuote: number, priceQuote: number): number | RiskDecision {
  let intended = Number.POSITIVE_INFINITY;
  const riskBudgetQuote = equityQuote * limits.riskPerTradeFractionOfEquity;
  const stop = intent.stopPriceQuote;
  if (stop !== undefined) {
    if (!(stop < priceQuote)) {
      return rejectedFor(intent.intentId, 'INVALID_STOP', { problem: 'a buy\'s stop must be below its price', stopPriceQuote: stop, priceQuote });
    }
    intended = (riskBudgetQuote / (priceQuote - stop)) * priceQuote;
  }
  if (intent.desiredFractionOfEquity !== undefined) intended = Math.min(intended, intent.desiredFractionOfEquity * equityQuote);
  if (intent.desiredAmountBase !== undefined) intended = Math.min(intended, intent.desiredAmountBase * priceQuote);
  if (intended === Number.POSITIVE_INFINITY) {
    const atr = view.atrQuote;
    if (atr === null || !(atr > 0) || !Number.isFinite(atr)) return rejectedFor(intent.intentId, 'SIZE_NOT_GIVEN');
    intended = (riskBudgetQuote / (limits.atrStopMultiple * atr)) * priceQuote;
  }
  return intended;
}

function capDetails(code: RiskReasonCode, capQuote: number, account: AccountView, view: MarketView, limits: RiskLimits, throttle: number, lossFraction: number): Record<string, number | string> {
  const quoteAsset = account.quoteAsset;
  const equity = account.equityQuote;
  switch (code) {
    case 'PER_TRADE_SIZE':
      return { quoteAsset, capQuote, limitFraction: limits.perTradeFractionOfEquity };
    case 'DAILY_LOSS_BUDGET':
      return { quoteAsset, capQuote, throttle, usedFraction: lossFraction / limits.dailyLossFractionOfEquity, scaledPerTradeFraction: limits.perTradeFractionOfEquity * throttle };
    case 'TOTAL_EXPOSURE': {
      const limitQuote = equity * limits.totalExposureFractionOfEquity;
      return { quoteAsset, capQuote, limitQuote, limitFraction: limits.totalExposureFractionOfEquity, exposureQuote: limitQuote - capQuote, headroomQuote: Math.max(0, capQuote) };
    }
    case 'INSUFFICIENT_BALANCE':
      return { quoteAsset, capQuote, freeQuote: account.freeQuote };
    case 'DEPTH':
      return { quoteAsset, capQuote, depthQuote: view.liquidity.askDepthQuote, limitFraction: limits.maxDepthFraction };
    default:
      return { quoteAsset, capQuote, maxAmountBase: view.market.limits.maxAmountBase ?? Number.NaN, baseAsset: view.market.base };
  }
}

/**
 * A buy that opens or adds to a position: every account limit, the liquidity checks, then the
 * size — from the stop distance and risk per trade (or the ATR), capped by per-trade size, the
 * daily-loss budget, exposure headroom, free cash, book depth and the exchange maximum — and
 * only then rounded down to the market's step and checked against its minimums. The caps are
 * in quote at the order's price, so the rounded order satisfies all of them.
 */
export function evaluateEntry(intent: Intent, account: AccountView, view: MarketView, limits: RiskLimits): RiskDecision {
  const veto = liquidityVeto(intent, view, limits);
  if (veto !== null) return veto;
  const lossFraction = dailyLossFraction(account);
  const accountRefusal = accountVeto(intent, account, limits, lossFraction);
  if (accountRefusal !== null) return accountRefusal;

  const { market, liquidity } = view;
  const mid = liquidity.midQuote;
  let priceQuote: number;
  if (intent.orderType === 'limit') {
    priceQuote = roundBuyPrice(market, intent.limitPriceQuote as number);
    const distanceBps = (Math.abs(priceQuote - mid) / mid) * 10_000;
    if (!(priceQuote > 0) || distanceBps > limits.priceBandBps) {
      return rejectedFor(intent.intentId, 'PRICE_BAND', { distanceBps, limitBps: limits.priceBandBps, priceQuote, midQuote: mid });
    }
  } else {
    // The depth cap keeps a market buy inside the measured depth, so this is its worst fill.
    priceQuote = mid * (1 + liquidity.depthWithinBps / 10_000);
  }

  const equity = account.equityQuote;
  const intended = intendedQuote(intent, view, limits, equity, priceQuote);
  if (typeof intended !== 'number') return intended;
  const throttle = dailyLossThrottle(lossFraction, limits);
  const perTradeQuote = equity * limits.perTradeFractionOfEquity;
  const feeRate = Math.max(market.fees.makerRate, market.fees.takerRate, 0);
  const caps: Cap[] = [
    { code: 'PER_TRADE_SIZE', capQuote: perTradeQuote },
    { code: 'DAILY_LOSS_BUDGET', capQuote: throttle < 1 ? Math.min(perTradeQuote, intended) * throttle : Number.POSITIVE_INFINITY },
    { code: 'TOTAL_EXPOSURE', capQuote: equity * limits.totalExposureFractionOfEquity - exposureQuote(account) },
    { code: 'INSUFFICIENT_BALANCE', capQuote: account.freeQuote / (1 + feeRate) },
    { code: 'DEPTH', capQuote: liquidity.askDepthQuote * limits.maxDepthFraction },
    { code: 'MAX_AMOUNT', capQuote: market.limits.maxAmountBase === null ? Number.POSITIVE_INFINITY : market.limits.maxAmountBase * priceQuote },
  ];
  let targetQuote = intended;
  for (const cap of caps) if (cap.capQuote < targetQuote) targetQuote = cap.capQuote;

  // Only the cap(s) that set the size are reported; looser ones are true but beside the point.
  let reasons: RiskReason[] = [];
  if (targetQuote < intended) {
    reasons = caps
      .filter((cap) => cap.capQuote <= targetQuote)
      .map((cap) => riskReason(cap.code, capDetails(cap.code, cap.capQuote, account, view, limits, throttle, lossFraction)));
  }
  if (!(targetQuote > 0)) return rejected(intent.intentId, reasons);

  const amountBase = roundAmountDown(market, targetQuote / priceQuote);
  const lowestFill = intent.orderType === 'limit' ? priceQuote : liquidity.askQuote;
  const minimum = minimumsProblem(market, amountBase, lowestFill, account.quoteAsset);
  if (minimum !== null) return rejected(intent.intentId, [...reasons, minimum]);

  const order = {
    intentId: intent.intentId,
    origin: intent.origin,
    purpose: intent.purpose,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.orderType,
    amountBase,
    ...(intent.orderType === 'limit' ? { limitPriceQuote: priceQuote } : {}),
    reduceOnly: false,
    atMs: intent.atMs,
  };
  return approved(approvedOrder(order), amountBase * priceQuote, reasons);
}
