import { approvedOrder } from './approvedOrder.ts';
import { findPosition, restingSellBase, type AccountView } from './accountView.ts';
import { orderRateVeto } from './entrySizing.ts';
import type { Intent, SizedOrder } from './intent.ts';
import type { MarketView } from './marketView.ts';
import { roundAmountDown, roundSellPrice } from './marketRounding.ts';
import { minimumsProblem } from './orderMinimums.ts';
import { approved, rejected, rejectedFor, riskReason, type RiskDecision, type RiskReason } from './riskDecision.ts';
import type { RiskLimits } from './riskLimits.ts';

interface Priced {
  readonly type: SizedOrder['type'];
  readonly limitPriceQuote?: number;
  readonly stopPriceQuote?: number;
  /** Price used for the value and the minimum-notional check: the lowest it can fill at. */
  readonly lowestFillQuote: number;
}

/**
 * A protective stop triggers below the market by design, so its band is measured from the
 * stop: the limit may sit at most `priceBandBps` under it. That still stops a misused key from
 * parking a sell at a silly price.
 */
function priceStop(intent: Intent, view: MarketView, limits: RiskLimits): Priced | RiskDecision {
  const { market, liquidity } = view;
  if (intent.stopPriceQuote === undefined) {
    return rejectedFor(intent.intentId, 'INVALID_STOP', { problem: 'a protective stop needs a stop price' });
  }
  const stop = roundSellPrice(market, intent.stopPriceQuote);
  if (!(stop < liquidity.bidQuote)) {
    return rejectedFor(intent.intentId, 'INVALID_STOP', { problem: 'it is at or above the current bid, so it would trigger at once', stopPriceQuote: stop, bidQuote: liquidity.bidQuote });
  }
  const wanted = intent.limitPriceQuote ?? stop * (1 - limits.priceBandBps / 20_000);
  const limit = roundSellPrice(market, wanted);
  const distanceBps = ((stop - limit) / stop) * 10_000;
  if (limit > stop || distanceBps > limits.priceBandBps) {
    return rejectedFor(intent.intentId, 'PRICE_BAND', { distanceBps: Math.abs(distanceBps), limitBps: limits.priceBandBps, priceQuote: limit, stopPriceQuote: stop });
  }
  return { type: 'stop_limit', limitPriceQuote: limit, stopPriceQuote: stop, lowestFillQuote: limit };
}

function priceExit(intent: Intent, view: MarketView, limits: RiskLimits): Priced | RiskDecision {
  const { market, liquidity } = view;
  const mid = liquidity.midQuote;
  if (intent.orderType === 'market') {
    return { type: 'market', lowestFillQuote: mid * (1 - liquidity.depthWithinBps / 10_000) };
  }
  const limit = roundSellPrice(market, intent.limitPriceQuote as number);
  const distanceBps = (Math.abs(limit - mid) / mid) * 10_000;
  if (distanceBps > limits.priceBandBps) {
    return rejectedFor(intent.intentId, 'PRICE_BAND', { distanceBps, limitBps: limits.priceBandBps, priceQuote: limit, midQuote: mid });
  }
  return { type: 'limit', limitPriceQuote: limit, lowestFillQuote: limit };
}

/**
 * A sell that reduces a held position (exit, protective stop, flatten). Reduce-only: it is
 * sized from the FILLED position, less what resting sells already cover, so it can never open a
 * short or flip the position. Exits are never blocked by the pair allowlist,
 * the liquidity thresholds or the account limits: getting out must stay possible.
 */
export function evaluateReduction(intent: Intent, account: AccountView, view: MarketView, limits: RiskLimits): RiskDecision {
  const { market, liquidity } = view;
  const isStop = intent.purpose === 'protective_stop';
  const heldBase = findPosition(account, intent.symbol)?.amountBase ?? 0;
  const availableBase = heldBase - restingSellBase(account, intent.symbol);
  if (roundAmountDown(market, availableBase) <= 0) {
    return rejectedFor(intent.intentId, 'NO_POSITION', { symbol: intent.symbol, heldBase, availableBase: Math.max(0, availableBase) });
  }
  // Stops and the Kill switch's flatten are what protects the money; a rate limit must not hold them back.
  if (intent.purpose === 'exit' && intent.origin !== 'protective') {
    const rate = orderRateVeto(intent, account, limits);
    if (rate !== null) return rate;
  }
  const priced = isStop ? priceStop(intent, view, limits) : priceExit(intent, view, limits);
  if ('kind' in priced) return priced;

  const reasons: RiskReason[] = [];
  let wantedBase = intent.desiredAmountBase ?? availableBase;
  if (wantedBase > availableBase) {
    reasons.push(riskReason('EXIT_CAPPED_TO_POSITION', { symbol: intent.symbol, wantedBase, availableBase, baseAsset: market.base }));
    wantedBase = availableBase;
  }
  if (priced.type === 'market') {
    // A market sell larger than the visible bids would walk out of the measured depth (and the band).
    const depthBase = liquidity.bidDepthQuote / priced.lowestFillQuote;
    if (wantedBase > depthBase) {
      reasons.push(riskReason('DEPTH', { quoteAsset: account.quoteAsset, depthQuote: liquidity.bidDepthQuote, capQuote: liquidity.bidDepthQuote, limitFraction: 1 }));
      wantedBase = depthBase;
    }
  }
  const maxAmount = market.limits.maxAmountBase;
  if (maxAmount !== null && wantedBase > maxAmount) {
    reasons.push(riskReason('MAX_AMOUNT', { maxAmountBase: maxAmount, baseAsset: market.base }));
    wantedBase = maxAmount;
  }
  const amountBase = roundAmountDown(market, wantedBase);
  const minimum = minimumsProblem(market, amountBase, priced.lowestFillQuote, account.quoteAsset);
  if (minimum !== null) return rejected(intent.intentId, [...reasons, minimum]);

  const order: SizedOrder = approvedOrder({
    intentId: intent.intentId,
    origin: intent.origin,
    purpose: intent.purpose,
    symbol: intent.symbol,
    side: 'sell',
    type: priced.type,
    amountBase,
    ...(priced.limitPriceQuote === undefined ? {} : { limitPriceQuote: priced.limitPriceQuote }),
    ...(priced.stopPriceQuote === undefined ? {} : { stopPriceQuote: priced.stopPriceQuote }),
    reduceOnly: true,
    atMs: intent.atMs,
  });
  return approved(order, amountBase * priced.lowestFillQuote, reasons);
}
