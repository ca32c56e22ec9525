/**
 * What strategies, the AI and the person want done. Only the risk layer turns an `Intent` into
 * a `SizedOrder` (core/risk), the one thing the OrderManager accepts. Spot only in v1: buying
 * adds to a long position, selling reduces it; there is no shorting.
 */
import type { IntentOrigin, IntentPurpose, OrderSide } from '../model/index.ts';

// Who asked (every origin goes through the same `evaluate`; none can bypass it) and what for.
export type { IntentOrigin, IntentPurpose, OrderSide } from '../model/index.ts';


export interface Intent {
  /**
   * Deterministic id from what caused the intent (e.g. strategy id + symbol + bar time + action).
   * The client order id derives from it, so replaying the same cause cannot double-order.
   */
  readonly intentId: string;
  readonly origin: IntentOrigin;
  readonly purpose: IntentPurpose;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly atMs: number;
  /** The preferred order type; risk may force limit-only. */
  readonly orderType: 'limit' | 'market';
  /** For limit orders; risk checks it against the price band around the mid. */
  readonly limitPriceQuote?: number;
  /**
   * Where the idea is wrong. With risk per trade, the distance to this price sets the size:
   * amount = equity × riskPerTrade / |entry − stop|.
   */
  readonly stopPriceQuote?: number;
  /** Size the origin would like, as a fraction of equity (0.008 = 0.8 %); risk may shrink it. */
  readonly desiredFractionOfEquity?: number;
  /** Exact amount for exits and manual orders; risk may shrink it, never grow it. */
  readonly desiredAmountBase?: number;
  /** Plain-language reason shown in the decision feed. */
  readonly rationale: string;
  /** The signal behind it, for the audit trail. */
  readonly signalId?: string;
}
