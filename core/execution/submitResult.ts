import type { Result } from '../model/index.ts';
import type { Order } from './order.ts';
import type { LocalRejectionCode } from './orderPrecision.ts';

export type SubmitRefusalCode = LocalRejectionCode | 'NOT_READY' | 'INTENT_REUSED';

/** Nothing was sent: the code, plain words for the person, the detail for the log. */
export interface SubmitRefusal {
  readonly code: SubmitRefusalCode;
  readonly reason: string;
  readonly detail: string;
}

/** Journaled and sent (or resumed): `value.status` says what the exchange made of it, REJECTED included. */
export type SubmitResult = Result<Order, SubmitRefusal>;

/** What the caller knows about a submitted order beyond the order itself. */
export interface SubmitOptions {
  /** Current price, required for market orders: their min-notional check needs one. */
  readonly referencePriceQuote?: number;
  /** For entries: where the protective stop goes once fills arrive. Defaults to the order's stopPriceQuote. */
  readonly protectiveStopPriceQuote?: number;
}
