import type { Result } from '../model/index.ts';
import type { Candle, Timeframe } from './candle.ts';

/** Trading rules of one spot market, in the units the exchange enforces. */
export interface MarketInfo {
  readonly exchange: string;
  /** Unified symbol, e.g. 'BTC/USDT'. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly active: boolean;
  readonly precision: {
    /** Amounts must be whole multiples of this step (round down). */
    readonly amountStepBase: number;
    readonly amountDecimals: number;
    /** Prices must be whole multiples of this tick. */
    readonly priceTickQuote: number;
    readonly priceDecimals: number;
  };
  /** null means the exchange states no such limit. */
  readonly limits: {
    readonly minAmountBase: number | null;
    readonly maxAmountBase: number | null;
    readonly minNotionalQuote: number | null;
  };
  /** Fractions of the traded value, e.g. 0.001 for 0.1 %. */
  readonly fees: { readonly makerRate: number; readonly takerRate: number };
}

/** Markets Ballast can use, and those it refuses with the reason (never dropped silently). */
export interface MarketCatalogue {
  readonly markets: readonly MarketInfo[];
  readonly refused: readonly { readonly symbol: string; readonly reason: string }[];
}

export interface OrderBookLevel {
  readonly priceQuote: number;
  readonly amountBase: number;
}

/** Best price first on both sides. */
export interface OrderBookSnapshot {
  readonly symbol: string;
  readonly atMs: number | null;
  readonly bids: readonly OrderBookLevel[];
  readonly asks: readonly OrderBookLevel[];
}

export interface TickerSnapshot {
  readonly symbol: string;
  readonly atMs: number | null;
  readonly bidQuote: number | null;
  readonly askQuote: number | null;
  readonly lastQuote: number | null;
  readonly baseVolume24h: number | null;
  readonly quoteVolume24h: number | null;
}

export type MarketDataErrorCode =
  | 'NETWORK'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'EXCHANGE_UNAVAILABLE'
  | 'CLOCK_SKEW'
  | 'AUTHENTICATION'
  | 'UNKNOWN_SYMBOL'
  | 'BAD_REQUEST'
  | 'NOT_SUPPORTED'
  | 'MALFORMED_RESPONSE'
  | 'EXCHANGE_ERROR'
  | 'CANCELLED'
  | 'UNEXPECTED';

export interface MarketDataError {
  readonly code: MarketDataErrorCode;
  /** For the person: what happened and what it means, no jargon. */
  readonly message: string;
  /** For the log and the "details" view: error class and exchange message, secrets removed. */
  readonly detail: string;
  /** True when asking again later may work (network, rate limit, maintenance). */
  readonly retryable: boolean;
}

export type MarketResult<T> = Result<T, MarketDataError>;

export function marketOk<T>(value: T): MarketResult<T> {
  return { ok: true, value };
}

export function marketError<T>(code: MarketDataErrorCode, message: string, detail: string, retryable = false): MarketResult<T> {
  return { ok: false, error: { code, message, detail, retryable } };
}

/**
 * Read-only market data from one exchange. Implementations return typed results and never
 * throw for exchange trouble; every response is parsed before it is returned.
 */
export interface MarketDataPort {
  /** The ccxt id of the exchange ('binance', 'kraken', …). */
  readonly exchangeId: string;
  /** Local clock used to judge which bars are closed (injectable for tests and replays). */
  nowMs(): number;
  /** The exchange's own clock. */
  fetchTime(): Promise<MarketResult<number>>;
  fetchMarkets(): Promise<MarketResult<MarketCatalogue>>;
  fetchMarket(symbol: string): Promise<MarketResult<MarketInfo>>;
  /**
   * Up to `limit` bars opening at or after `sinceMs`, ascending, as the exchange returns them:
   * the last one may still be forming. Callers that store bars must drop unclosed ones.
   */
  fetchCandles(symbol: string, timeframe: Timeframe, sinceMs: number, limit: number): Promise<MarketResult<Candle[]>>;
  fetchOrderBook(symbol: string, depthLimit?: number): Promise<MarketResult<OrderBookSnapshot>>;
  fetchTicker(symbol: string): Promise<MarketResult<TickerSnapshot>>;
}
