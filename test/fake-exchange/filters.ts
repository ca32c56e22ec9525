import type { ExactDecimal } from './decimals.ts';
import type { StepRange, SymbolRules } from './exchangeInfo.ts';
import { reject } from './rejections.ts';

export interface FilterableOrder {
  type: 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'STOP_LOSS_LIMIT';
  side: 'BUY' | 'SELL';
  price?: ExactDecimal | undefined;
  quantity?: ExactDecimal | undefined;
  quoteOrderQty?: ExactDecimal | undefined;
  stopPrice?: ExactDecimal | undefined;
}

/**
 * Binance's symbol filters, in the order the exchange applies them, each failing with its own
 * "Filter failure: <NAME>" (-1013). `referencePriceQuote` stands in for Binance's average price
 * (the replayed price at the time of the order).
 */
export function checkOrderFilters(rules: SymbolRules, order: FilterableOrder, referencePriceQuote: number | undefined): void {
  const isMarket = order.type === 'MARKET';
  if (!isMarket && order.price !== undefined) {
    if (!withinStepRange(order.price.units, rules.price)) throw reject.filterFailure('PRICE_FILTER');
    const band = rules.percentPriceBySide;
    if (band !== undefined && referencePriceQuote !== undefined) {
      const [down, up] = order.side === 'BUY' ? [band.bidMultiplierDown, band.bidMultiplierUp] : [band.askMultiplierDown, band.askMultiplierUp];
      if (order.price.value > referencePriceQuote * up || order.price.value < referencePriceQuote * down) {
        throw reject.filterFailure('PERCENT_PRICE_BY_SIDE');
      }
    }
  }
  // Binance holds a stop price to the same PRICE_FILTER as a limit price.
  if (order.stopPrice !== undefined && !withinStepRange(order.stopPrice.units, rules.price)) throw reject.filterFailure('PRICE_FILTER');
  if (order.quantity !== undefined) {
    if (!withinStepRange(order.quantity.units, rules.lot)) throw reject.filterFailure('LOT_SIZE');
    if (isMarket && rules.marketLot !== undefined && !withinStepRange(order.quantity.units, rules.marketLot)) {
      throw reject.filterFailure('MARKET_LOT_SIZE');
    }
  }
  const notional = rules.notional;
  if (notional === undefined) return;
  const notionalQuote =
    order.quoteOrderQty !== undefined
      ? order.quoteOrderQty.value
      : (order.quantity?.value ?? 0) * (isMarket ? (referencePriceQuote ?? 0) : (order.price?.value ?? 0));
  if ((!isMarket || notional.applyMinToMarket) && notionalQuote < notional.min) throw reject.filterFailure(notional.filterType);
  if ((!isMarket || notional.applyMaxToMarket) && notionalQuote > notional.max) throw reject.filterFailure(notional.filterType);
}

/** Binance ignores a bound or step that is zero ("disabled" in its filter docs). */
function withinStepRange(units: bigint, range: StepRange): boolean {
  if (range.minUnits > 0n && units < range.minUnits) return false;
  if (range.maxUnits > 0n && units > range.maxUnits) return false;
  if (range.stepUnits > 0n && (units - range.minUnits) % range.stepUnits !== 0n) return false;
  return true;
}
