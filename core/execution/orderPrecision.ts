import { err, ok, type Result } from '../model/index.ts';
import type { MarketInfo } from '../market/index.ts';
import type { SizedOrder } from '../risk/index.ts';
import { clientOrderIdFor } from './clientOrderId.ts';
import type { OrderRequest } from './exchangePort.ts';
import { floorToStep, productAtLeast, roundToTick, type TickRounding } from './stepRounding.ts';

export type LocalRejectionCode =
  | 'MARKET_UNKNOWN'
  | 'MARKET_INACTIVE'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_ROUNDS_TO_ZERO'
  | 'BELOW_MIN_AMOUNT'
  | 'ABOVE_MAX_AMOUNT'
  | 'BELOW_MIN_NOTIONAL'
  | 'PRICE_MISSING'
  | 'INVALID_PRICE'
  | 'NO_REFERENCE_PRICE';

/** An order Ballast refused before sending anything. `reason` is for the person, `detail` for the log. */
export interface LocalRejection {
  readonly code: LocalRejectionCode;
  readonly reason: string;
  readonly detail: string;
}

export interface PreparedOrder {
  readonly request: OrderRequest;
  /** What rounding changed, for the audit trail (empty when the order was already on the grid). */
  readonly adjustments: readonly string[];
}

function refuse(code: LocalRejectionCode, reason: string, detail: string): Result<never, LocalRejection> {
  return err({ code, reason, detail });
}

/**
 * Protective exits and the kill switch's flatten round their limit towards execution (a sell
 * stop a tick lower is likelier to fill); every other order rounds so its price is never worse
 * than asked: buyers down, sellers up.
 */
function limitRounding(order: SizedOrder): TickRounding {
  const mustExecute = order.purpose === 'protective_stop' || order.purpose === 'flatten';
  if (order.side === 'buy') return mustExecute ? 'up' : 'down';
  return mustExecute ? 'down' : 'up';
}

/** A sell stop rounds up, a buy stop down: the trigger moves towards the market, never away from it. */
function stopRounding(order: SizedOrder): TickRounding {
  return order.side === 'sell' ? 'up' : 'down';
}

function roundedPrice(value: number | undefined, tick: number, rounding: TickRounding, what: string): number | Result<never, LocalRejection> | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) return refuse('INVALID_PRICE', `The ${what} is not a valid price.`, `${what} ${value}`);
  const rounded = roundToTick(value, tick, rounding);
  if (rounded <= 0) return refuse('INVALID_PRICE', `The ${what} is below the smallest price this market accepts.`, `${what} ${value}, tick ${tick}`);
  return rounded;
}

/**
 * Turns an approved order into the request the exchange will get, on the market's own grid:
 * the amount rounded DOWN to the lot step (never above what risk approved), prices on the tick,
 * then min/max amount and min notional checked. Anything that fails is refused here with a
 * plain reason instead of being sent and bounced by the exchange.
 *
 * Market orders have no price of their own; their notional is checked at `referencePriceQuote`
 * (the current price the caller saw). Without one the order is refused, not guessed.
 */
export function prepareOrderRequest(order: SizedOrder, market: MarketInfo | undefined, referencePriceQuote?: number): Result<PreparedOrder, LocalRejection> {
  if (market === undefined) return refuse('MARKET_UNKNOWN', `Ballast has no trading rules for ${order.symbol}, so it did not send the order.`, `symbol ${order.symbol}`);
  if (!market.active) return refuse('MARKET_INACTIVE', `${order.symbol} is not open for trading on the exchange right now.`, `market ${market.symbol} inactive`);
  if (!Number.isFinite(order.amountBase) || order.amountBase <= 0) {
    return refuse('INVALID_AMOUNT', 'The order size is not a positive number, so nothing was sent.', `amountBase ${order.amountBase}`);
  }
  const { amountStepBase, priceTickQuote } = market.precision;
  const { minAmountBase, maxAmountBase, minNotionalQuote } = market.limits;
  const adjustments: string[] = [];

  const amountBase = floorToStep(order.amountBase, amountStepBase, minAmountBase ?? 0);
  if (amountBase <= 0) {
    const belowMin = minAmountBase !== null && order.amountBase < minAmountBase;
    return belowMin
      ? refuse('BELOW_MIN_AMOUNT', `The order is smaller than the least ${market.base} this market accepts (${minAmountBase}).`, `amountBase ${order.amountBase} < min ${minAmountBase}`)
      : refuse('AMOUNT_ROUNDS_TO_ZERO', `The order is smaller than one step of ${amountStepBase} ${market.base}, so nothing was sent.`, `amountBase ${order.amountBase}, step ${amountStepBase}`);
  }
  if (amountBase !== order.amountBase) adjustments.push(`amount ${order.amountBase} rounded down to ${amountBase}`);
  if (maxAmountBase !== null && amountBase > maxAmountBase) {
    return refuse('ABOVE_MAX_AMOUNT', `The order is larger than the most ${market.base} this market accepts in one order (${maxAmountBase}).`, `amountBase ${amountBase} > max ${maxAmountBase}`);
  }

  const limit = roundedPrice(order.limitPriceQuote, priceTickQuote, limitRounding(order), 'limit price');
  if (typeof limit === 'object') return limit;
  const stop = roundedPrice(order.stopPriceQuote, priceTickQuote, stopRounding(order), 'stop price');
  if (typeof stop === 'object') return stop;
  if (order.type !== 'market' && limit === undefined) return refuse('PRICE_MISSING', 'A limit order needs a price, so nothing was sent.', `type ${order.type} without limitPriceQuote`);
  if (order.type === 'stop_limit' && stop === undefined) return refuse('PRICE_MISSING', 'A stop order needs a trigger price, so nothing was sent.', 'stop_limit without stopPriceQuote');
  if (limit !== undefined && limit !== order.limitPriceQuote) adjustments.push(`limit price ${order.limitPriceQuote} moved to the tick: ${limit}`);
  if (stop !== undefined && stop !== order.stopPriceQuote) adjustments.push(`stop price ${order.stopPriceQuote} moved to the tick: ${stop}`);

  const notionalPrice = order.type === 'market' ? referencePriceQuote : limit;
  if (minNotionalQuote !== null && minNotionalQuote > 0) {
    if (notionalPrice === undefined || !Number.isFinite(notionalPrice) || notionalPrice <= 0) {
      return refuse('NO_REFERENCE_PRICE', 'Ballast had no current price to check the order against the market minimum, so nothing was sent.', `market order on ${order.symbol} without referencePriceQuote`);
    }
    if (!productAtLeast(amountBase, notionalPrice, minNotionalQuote)) {
      return refuse(
        'BELOW_MIN_NOTIONAL',
        `The order is worth less than the market minimum of ${minNotionalQuote} ${market.quote}, so nothing was sent.`,
        `${amountBase} × ${notionalPrice} < ${minNotionalQuote}`,
      );
    }
  }

  const request: OrderRequest = {
    clientOrderId: clientOrderIdFor(order),
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    amountBase,
    ...(order.type !== 'market' && limit !== undefined ? { limitPriceQuote: limit } : {}),
    ...(order.type === 'stop_limit' && stop !== undefined ? { stopPriceQuote: stop } : {}),
  };
  return ok({ request, adjustments });
}
