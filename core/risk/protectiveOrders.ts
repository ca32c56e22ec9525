import { approvedOrder } from './approvedOrder.ts';
import type { SizedOrder } from './intent.ts';

/**
 * A protective sell for a filled position: the stop resting on the exchange, the sale a
 * client-side stop triggers, or the sale inside the price band when a stop cannot be placed or a
 * Kill flattens.
 */
export interface ProtectiveOrderRequest {
  /** The intent of the entry it protects, and what this order is (e.g. `#stop#2`): its own intent id. */
  readonly intentId: string;
  readonly symbol: string;
  readonly type: 'stop_limit' | 'market' | 'limit';
  /** Default: the protective stop itself. */
  readonly purpose?: 'protective_stop' | 'exit' | 'flatten';
  /** Default: `protective`; `kill` for a Kill's flatten. */
  readonly origin?: 'protective' | 'kill';
  /** What was filled, net of fees paid in the base asset, already on the market's amount step. */
  readonly amountBase: number;
  readonly stopPriceQuote?: number;
  readonly limitPriceQuote?: number;
  readonly atMs: number;
}

const positive = (value: number | undefined): boolean => value === undefined || (Number.isFinite(value) && value > 0);

/**
 * Protective exits are sized from fills, never from what was intended (ARCHITECTURE.md, orders),
 * and only ever sell what is held: reduce-only, so they can shrink a position and never open one.
 * Returns null for a request that could not be a real order.
 */
export function sizeProtectiveOrder(request: ProtectiveOrderRequest): SizedOrder | null {
  const pricesOk = positive(request.stopPriceQuote) && positive(request.limitPriceQuote);
  const complete =
    request.type === 'market' ||
    (request.type === 'limit' && request.limitPriceQuote !== undefined) ||
    (request.type === 'stop_limit' && request.stopPriceQuote !== undefined && request.limitPriceQuote !== undefined);
  if (!(request.amountBase > 0 && Number.isFinite(request.amountBase)) || !pricesOk || !complete) return null;
  return approvedOrder({
    intentId: request.intentId,
    origin: request.origin ?? 'protective',
    purpose: request.purpose ?? 'protective_stop',
    symbol: request.symbol,
    side: 'sell',
    type: request.type,
    amountBase: request.amountBase,
    ...(request.stopPriceQuote === undefined ? {} : { stopPriceQuote: request.stopPriceQuote }),
    ...(request.limitPriceQuote === undefined ? {} : { limitPriceQuote: request.limitPriceQuote }),
    reduceOnly: true,
    atMs: request.atMs,
  });
}
