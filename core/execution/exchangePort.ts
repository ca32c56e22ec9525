import type { MarketInfo } from '../market/index.ts';
import type { OrderSide } from '../risk/index.ts';

/**
 * The trading surface the rest of core sees. Two adapters: `CcxtExchange` (a real exchange via
 * ccxt, rate limiter on) and `PaperExchange` (fills locally). One contract test suite runs
 * against both so they cannot drift.
 */
export type OrderStatus =
  | 'PENDING_SUBMIT'
  | 'OPEN'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'UNKNOWN';

export type ExchangeOrderType = 'limit' | 'market' | 'stop_limit';

export interface OrderRequest {
  /** Deterministic, derived from the intent; the exchange rejects a second order with it. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: ExchangeOrderType;
  readonly amountBase: number;
  readonly limitPriceQuote?: number;
  readonly stopPriceQuote?: number;
}

/** How to find an order: by the exchange's id when we have it, else by our client id. */
export type OrderRef =
  | { readonly symbol: string; readonly exchangeOrderId: string; readonly clientOrderId?: string }
  | { readonly symbol: string; readonly clientOrderId: string; readonly exchangeOrderId?: undefined };

export interface FeePaid {
  readonly asset: string;
  readonly amount: number;
}

export interface ExchangeOrder {
  readonly exchangeOrderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: ExchangeOrderType;
  readonly status: Exclude<OrderStatus, 'PENDING_SUBMIT' | 'UNKNOWN'>;
  readonly amountBase: number;
  readonly filledBase: number;
  readonly averagePriceQuote: number | null;
  readonly limitPriceQuote: number | null;
  readonly stopPriceQuote: number | null;
  readonly fees: readonly FeePaid[];
  readonly createdAtMs: number | null;
  readonly updatedAtMs: number | null;
}

export interface ExchangeTrade {
  readonly tradeId: string;
  readonly exchangeOrderId: string;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly priceQuote: number;
  readonly amountBase: number;
  readonly fee: FeePaid | null;
  readonly atMs: number;
}

export interface AssetBalance {
  readonly asset: string;
  readonly free: number;
  readonly used: number;
  readonly total: number;
}

/**
 * Every exchange call ends in one of these, never in a thrown error. `unknown` means the request
 * may or may not have taken effect (timeout, 5xx, lost response): the caller must look before
 * it acts again.
 */
export type ExchangeOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'rejected'; readonly reason: string; readonly exchangeCode?: string }
  | { readonly kind: 'not_found'; readonly detail: string }
  | { readonly kind: 'unknown'; readonly detail: string }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number; readonly detail: string }
  | { readonly kind: 'auth_failed'; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string };

export interface ExchangePort {
  /** 'binance', 'paper', … */
  readonly id: string;
  /** Exchange-native stop orders survive the app being closed; without them stops are client-side. */
  readonly supportsNativeStops: boolean;
  loadMarkets(): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>>;
  fetchBalances(): Promise<ExchangeOutcome<ReadonlyMap<string, AssetBalance>>>;
  createOrder(request: OrderRequest): Promise<ExchangeOutcome<ExchangeOrder>>;
  cancelOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>>;
  fetchOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>>;
  fetchOpenOrders(symbol?: string): Promise<ExchangeOutcome<readonly ExchangeOrder[]>>;
  fetchMyTrades(symbol: string, sinceMs?: number): Promise<ExchangeOutcome<readonly ExchangeTrade[]>>;
}

/**
 * `exchangeCode`s that every adapter uses for the same refusal, so callers can act on a refusal
 * without reading exchange-specific text. The filter names are Binance's own; other codes an
 * exchange sends pass through unchanged.
 */
export const REJECTION_CODES = {
  /** An order with this client order id is already open ("Duplicate order sent." on Binance). */
  duplicateClientOrderId: 'DUPLICATE_CLIENT_ORDER_ID',
  insufficientBalance: 'INSUFFICIENT_BALANCE',
  /** Amount off the step, below the minimum or above the maximum. */
  lotSize: 'LOT_SIZE',
  /** Price (limit or stop) off the tick or outside the allowed range. */
  priceFilter: 'PRICE_FILTER',
  /** Order value (amount × price) below the minimum. */
  notional: 'NOTIONAL',
  /** A stop order whose stop the price has already reached. */
  stopWouldTriggerImmediately: 'STOP_WOULD_TRIGGER_IMMEDIATELY',
  /** A maker-only order that would have taken liquidity. */
  wouldTakeLiquidity: 'WOULD_TAKE_LIQUIDITY',
  unknownSymbol: 'UNKNOWN_SYMBOL',
  /** The exchange or adapter does not offer this kind of order. */
  orderTypeNotSupported: 'ORDER_TYPE_NOT_SUPPORTED',
  /** The request itself was malformed (missing price, non-positive amount…). */
  invalidRequest: 'INVALID_REQUEST',
} as const;
