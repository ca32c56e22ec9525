import { err, ok, type Result } from '../model/index.ts';
import { REJECTION_CODES, type OrderRequest } from '../execution/index.ts';
import type { MarketInfo } from '../market/index.ts';
import { stepsFrom } from './marketGrid.ts';

/** What the exchange's own filters make of an order: nothing, or its refusal with the exchange's code. */
export type FilterVerdict = Result<null, { readonly reason: string; readonly exchangeCode: string }>;

const pass: FilterVerdict = ok(null);

function refuse(reason: string, exchangeCode: string): FilterVerdict {
  return err({ reason, exchangeCode });
}

/** The shape of the request itself, before any market rule: what an exchange answers with -11xx. */
export function checkRequestShape(request: OrderRequest): FilterVerdict {
  const invalid = (reason: string): FilterVerdict => refuse(reason, REJECTION_CODES.invalidRequest);
  if (!Number.isFinite(request.amountBase) || request.amountBase <= 0) return invalid(`The order amount ${request.amountBase} is not a positive number.`);
  if (request.clientOrderId.length === 0 || request.clientOrderId.length > 36) return invalid('The order id must be 1 to 36 characters long.');
  const needsLimit = request.type !== 'market';
  if (needsLimit && request.limitPriceQuote === undefined) return invalid(`A ${request.type.replace('_', '-')} order needs a limit price.`);
  if (!needsLimit && request.limitPriceQuote !== undefined) return invalid('A market order cannot carry a limit price.');
  if (request.type === 'stop_limit' && request.stopPriceQuote === undefined) return invalid('A stop-limit order needs a stop price.');
  if (request.type !== 'stop_limit' && request.stopPriceQuote !== undefined) return invalid(`A ${request.type} order cannot carry a stop price.`);
  return pass;
}

function priceFits(market: MarketInfo, priceQuote: number, what: string): FilterVerdict {
  const tick = market.precision.priceTickQuote;
  if (!Number.isFinite(priceQuote) || priceQuote <= 0) return refuse(`The ${what} ${priceQuote} is not a positive price.`, REJECTION_CODES.priceFilter);
  if (stepsFrom(priceQuote, 0, tick) === undefined) {
    return refuse(
      `The ${what} ${priceQuote} ${market.quote} is not a whole number of this market's ${tick} ${market.quote} ticks (PRICE_FILTER).`,
      REJECTION_CODES.priceFilter,
    );
  }
  return pass;
}

/**
 * Binance's symbol filters as far as `MarketInfo` states them, in the exchange's order and with
 * its comparisons: PRICE_FILTER (limit and stop price on the tick), LOT_SIZE ((amount − min) a
 * whole number of steps, min ≤ amount ≤ max), NOTIONAL (amount × price ≥ min, market orders at the
 * reference price, as `applyMinToMarket` does). Filters MarketInfo does not carry (PERCENT_PRICE,
 * MARKET_LOT_SIZE, MAX_NUM_ORDERS, max notional) are not checked.
 */
export function checkMarketFilters(market: MarketInfo, request: OrderRequest, referencePriceQuote: number): FilterVerdict {
  if (!market.active) return refuse(`Trading on ${market.symbol} is halted right now.`, 'MARKET_CLOSED');
  if (request.limitPriceQuote !== undefined) {
    const verdict = priceFits(market, request.limitPriceQuote, 'limit price');
    if (!verdict.ok) return verdict;
  }
  if (request.stopPriceQuote !== undefined) {
    const verdict = priceFits(market, request.stopPriceQuote, 'stop price');
    if (!verdict.ok) return verdict;
  }
  const { amountStepBase } = market.precision;
  const { minAmountBase, maxAmountBase, minNotionalQuote } = market.limits;
  const amount = request.amountBase;
  if (stepsFrom(amount, minAmountBase ?? 0, amountStepBase) === undefined) {
    return refuse(`The amount ${amount} ${market.base} is not a whole number of this market's ${amountStepBase} ${market.base} steps (LOT_SIZE).`, REJECTION_CODES.lotSize);
  }
  if (minAmountBase !== null && amount < minAmountBase - amountStepBase * 1e-6) {
    return refuse(`The amount ${amount} ${market.base} is below this market's minimum of ${minAmountBase} ${market.base} (LOT_SIZE).`, REJECTION_CODES.lotSize);
  }
  if (maxAmountBase !== null && amount > maxAmountBase + amountStepBase * 1e-6) {
    return refuse(`The amount ${amount} ${market.base} is above this market's maximum of ${maxAmountBase} ${market.base} (LOT_SIZE).`, REJECTION_CODES.lotSize);
  }
  const priceForValue = request.type === 'market' ? referencePriceQuote : (request.limitPriceQuote ?? referencePriceQuote);
  const notionalQuote = amount * priceForValue;
  if (minNotionalQuote !== null && notionalQuote < minNotionalQuote * (1 - 1e-12)) {
    return refuse(
      `The order is worth about ${notionalQuote.toFixed(2)} ${market.quote}, below this market's minimum order value of ${minNotionalQuote} ${market.quote} (NOTIONAL).`,
      REJECTION_CODES.notional,
    );
  }
  return pass;
}
