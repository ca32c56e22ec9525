import { randomBytes } from 'node:crypto';
import type { MarketClock } from './clock.ts';
import { parseDecimalParameter } from './decimals.ts';
import type { MatchingEngine } from './matching.ts';
import type { FakeOrder, OrderSide, OrderStore } from './orders.ts';

/** An order the person (or another bot) places on the same account, outside the API client under test. */
export interface AnotherAppOrder {
  /** Binance id, e.g. 'BTCUSDT' */
  symbolId: string;
  side: OrderSide;
  type: 'LIMIT' | 'MARKET' | 'STOP_LOSS_LIMIT';
  amountBase: number;
  /** LIMIT and STOP_LOSS_LIMIT */
  priceQuote?: number;
  /** STOP_LOSS_LIMIT */
  stopPriceQuote?: number;
  /** default: an id like the exchange's website gives (`web_…`), never one of Ballast's */
  clientOrderId?: string;
}

/**
 * The same account used from somewhere else: the exchange's website, a phone app, another bot.
 * Orders go straight into the matching engine at the market's now (same balances, same rules and
 * refusals as over REST, thrown as `BinanceRejection`), without a request in the log.
 */
export interface AnotherApp {
  placeOrder(order: AnotherAppOrder): FakeOrder;
  /** Cancels any open order, Ballast's included (the person pressing Cancel on the website). */
  cancelOrder(clientOrderId: string): FakeOrder;
}

export function anotherAppOn(parts: { engine: MatchingEngine; orders: OrderStore; clock: MarketClock }): AnotherApp {
  const decimal = (name: string, value: number | undefined) => (value === undefined ? undefined : parseDecimalParameter(name, trimmed(value)));
  return {
    placeOrder(order) {
      const nowMs = parts.clock.nowMs();
      parts.engine.catchUpTo(nowMs);
      const placed = parts.engine.place(
        {
          symbolId: order.symbolId,
          side: order.side,
          type: order.type,
          timeInForce: 'GTC',
          clientOrderId: order.clientOrderId ?? `web_${randomBytes(12).toString('hex')}`,
          price: order.type === 'MARKET' ? undefined : decimal('price', order.priceQuote),
          quantity: decimal('quantity', order.amountBase),
          stopPrice: order.type === 'STOP_LOSS_LIMIT' ? decimal('stopPrice', order.stopPriceQuote) : undefined,
        },
        nowMs,
      );
      return structuredClone(placed);
    },
    cancelOrder(clientOrderId) {
      const nowMs = parts.clock.nowMs();
      parts.engine.catchUpTo(nowMs);
      const order = parts.orders.byClientOrderId(clientOrderId);
      if (order === undefined) throw new Error(`No order with client id ${clientOrderId} on the fake exchange`);
      parts.engine.cancel(order, nowMs);
      return structuredClone(order);
    },
  };
}

/** Plain decimal text with at most 8 decimals, as a REST client would send it. */
function trimmed(value: number): string {
  return Number(value.toFixed(8)).toFixed(8).replace(/\.?0+$/, '');
}
