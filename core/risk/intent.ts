/**
 * The seam between deciding and doing. Strategies, the AI and the person produce an `Intent`
 * (declared upstream, in core/signals); only the risk layer turns it into a `SizedOrder`, the
 * one thing the OrderManager accepts.
 */
import type { IntentOrigin, IntentPurpose, OrderSide } from '../signals/index.ts';

export type { Intent, IntentOrigin, IntentPurpose, OrderSide } from '../signals/index.ts';

/** Only the risk layer holds this brand: an order carries it after `evaluate` approved and sized it. */
declare const approvedByRisk: unique symbol;

/** The fields of an approved order, already rounded to the market's precision. */
export interface SizedOrderFields {
  readonly intentId: string;
  readonly origin: IntentOrigin;
  readonly purpose: IntentPurpose;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: 'limit' | 'market' | 'stop_limit';
  /** Rounded DOWN to the market's amount step; never more than intended. */
  readonly amountBase: number;
  /** Rounded to the tick; present for limit and stop-limit orders. */
  readonly limitPriceQuote?: number;
  /** Trigger price for stop-limit protective exits. */
  readonly stopPriceQuote?: number;
  /** True for exits: the order may only shrink a position. */
  readonly reduceOnly: boolean;
  readonly atMs: number;
}

/** An order the risk layer approved. The brand means no other layer can make one, only pass it on. */
export type SizedOrder = SizedOrderFields & { readonly [approvedByRisk]: true };
