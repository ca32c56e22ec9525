import { describeError } from '../log/index.ts';
import type { Exchange } from 'ccxt';
import type { MarketInfo } from '../market/index.ts';
import { REJECTION_CODES, type ExchangeOutcome, type OrderRequest } from './exchangePort.ts';

/** The arguments of `exchange.createOrder(symbol, type, side, amount, price, params)`. */
export interface CcxtOrderArguments {
  readonly symbol: string;
  readonly type: 'limit' | 'market';
  readonly side: 'buy' | 'sell';
  readonly amount: number;
  readonly price: number | undefined;
  readonly params: Record<string, string | number>;
}

export type PreparedCcxtOrder = { readonly ok: true; readonly args: CcxtOrderArguments } | { readonly ok: false; readonly outcome: ExchangeOutcome<never> };

function refused(reason: string, exchangeCode: string): PreparedCcxtOrder {
  return { ok: false, outcome: { kind: 'rejected', reason, exchangeCode } };
}

/**
 * The value on the market's grid that `value` stands for, or undefined when it is off the grid.
 * A difference of a millionth of a step is float noise from the caller's arithmetic, not intent.
 */
export function onGrid(value: number, step: number, decimals: number): number | undefined {
  const steps = Math.round(value / step);
  if (steps < 1 || Math.abs(steps * step - value) > step * 1e-6) return undefined;
  return Number((steps * step).toFixed(decimals));
}

/**
 * Checks an order against the market's precision before ccxt sees it. ccxt would otherwise
 * silently truncate an amount or round a price to fit, and an order different from the one the
 * risk layer approved would be sent: refusing is safer than guessing.
 */
export function ccxtOrderArguments(exchange: Exchange, market: MarketInfo, request: OrderRequest, supportsNativeStops: boolean): PreparedCcxtOrder {
  const { amountStepBase, amountDecimals, priceTickQuote, priceDecimals } = market.precision;
  if (!Number.isFinite(request.amountBase) || request.amountBase <= 0) {
    return refused(`The order amount ${request.amountBase} ${market.base} is not a positive number, so Ballast did not send it.`, REJECTION_CODES.invalidRequest);
  }
  const amount = onGrid(request.amountBase, amountStepBase, amountDecimals);
  if (amount === undefined) {
    return refused(
      `The amount ${request.amountBase} ${market.base} is not a whole number of the market's ${amountStepBase} ${market.base} steps, so Ballast did not send it (LOT_SIZE).`,
      REJECTION_CODES.lotSize,
    );
  }
  const price = (value: number | undefined, what: string): { ok: true; value: number } | { ok: false; refusal: PreparedCcxtOrder } => {
    if (value === undefined || !Number.isFinite(value) || value <= 0) {
      return { ok: false, refusal: refused(`A ${request.type.replace('_', '-')} order needs a positive ${what}, so Ballast did not send it.`, REJECTION_CODES.invalidRequest) };
    }
    const gridded = onGrid(value, priceTickQuote, priceDecimals);
    if (gridded === undefined) {
      return {
        ok: false,
        refusal: refused(`The ${what} ${value} ${market.quote} is not a whole number of the market's ${priceTickQuote} ${market.quote} ticks, so Ballast did not send it (PRICE_FILTER).`, REJECTION_CODES.priceFilter),
      };
    }
    return { ok: true, value: gridded };
  };
  const base = { symbol: request.symbol, side: request.side, amount, params: { clientOrderId: request.clientOrderId } as Record<string, string | number> };

  if (request.type === 'market') {
    if (request.limitPriceQuote !== undefined || request.stopPriceQuote !== undefined) {
      return refused('A market order cannot carry a limit or stop price, so Ballast did not send it.', REJECTION_CODES.invalidRequest);
    }
    return checkedByCcxt(exchange, { ...base, type: 'market', price: undefined });
  }
  const limit = price(request.limitPriceQuote, 'limit price');
  if (!limit.ok) return limit.refusal;
  if (request.type === 'limit') {
    if (request.stopPriceQuote !== undefined) return refused('A plain limit order cannot carry a stop price, so Ballast did not send it.', REJECTION_CODES.invalidRequest);
    return checkedByCcxt(exchange, { ...base, type: 'limit', price: limit.value });
  }
  if (!supportsNativeStops) {
    return refused(`${exchange.name ?? exchange.id} does not hold stop orders for Ballast, so this stop must be watched by Ballast itself.`, REJECTION_CODES.orderTypeNotSupported);
  }
  const stop = price(request.stopPriceQuote, 'stop price');
  if (!stop.ok) return stop.refusal;
  // ccxt turns a spot limit order with a trigger price into Binance's STOP_LOSS_LIMIT.
  return checkedByCcxt(exchange, { ...base, type: 'limit', price: limit.value, params: { ...base.params, triggerPrice: stop.value } });
}

/** ccxt formats the numbers itself; if its rounding would change them, the two disagree: refuse. */
function checkedByCcxt(exchange: Exchange, args: CcxtOrderArguments): PreparedCcxtOrder {
  try {
    const amountSent = Number(exchange.amountToPrecision(args.symbol, args.amount));
    const priceSent = args.price === undefined ? undefined : Number(exchange.priceToPrecision(args.symbol, args.price));
    const triggerSent = args.params.triggerPrice === undefined ? undefined : Number(exchange.priceToPrecision(args.symbol, args.params.triggerPrice));
    if (amountSent === args.amount && priceSent === args.price && triggerSent === args.params.triggerPrice) return { ok: true, args };
    return refused(
      `Ballast and the exchange library round this order differently (amount ${args.amount} → ${amountSent}), so it was not sent.`,
      REJECTION_CODES.invalidRequest,
    );
  } catch (error) {
    return refused(`The exchange library refused to format this order: ${describeError(error)}`, REJECTION_CODES.invalidRequest);
  }
}
