import type { IntentOrigin, IntentPurpose, OrderSide } from '../risk/index.ts';
import type { ExchangeOrderType, FeePaid, OrderStatus } from './exchangePort.ts';

/** One order as Ballast's journal knows it: written before it is sent, updated at every step. */
export interface Order {
  readonly clientOrderId: string;
  readonly intentId: string;
  readonly origin: IntentOrigin;
  readonly purpose: IntentPurpose;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: ExchangeOrderType;
  /** What was (or will be) sent: already on the market's grid. */
  readonly amountBase: number;
  readonly limitPriceQuote: number | null;
  readonly stopPriceQuote: number | null;
  readonly reduceOnly: boolean;
  readonly status: OrderStatus;
  readonly exchangeOrderId: string | null;
  readonly filledBase: number;
  readonly averagePriceQuote: number | null;
  readonly fees: readonly FeePaid[];
  /** For a protective stop: the entry it protects. */
  readonly parentClientOrderId: string | null;
  /** For an entry: where its protective stop goes once it fills. */
  readonly protectiveStopPriceQuote: number | null;
  /** How many times a create request was sent (each after proving the previous one absent). */
  readonly submitAttempts: number;
  /** Why the order is in its status when that needs saying (a rejection, a local decision). */
  readonly statusReason: string | null;
  /**
   * False while the status is Ballast's own conclusion (pending, unknown, closed because it
   * provably never reached the exchange): such a status yields to any later exchange record.
   */
  readonly confirmedByExchange: boolean;
  /** The exchange's creation time, on the exchange's clock (used to page its trade history). */
  readonly exchangeCreatedAtMs: number | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** One execution, as the exchange reported it in its trade history. Positions derive from these only. */
export interface Fill {
  readonly symbol: string;
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly side: OrderSide;
  readonly priceQuote: number;
  readonly amountBase: number;
  readonly fee: FeePaid | null;
  readonly atMs: number;
}
