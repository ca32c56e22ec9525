import { REJECTION_CODES, type ExchangeOutcome } from '../execution/index.ts';
import type { MarketDataError } from '../market/index.ts';

/** Wait suggested when live market data is rate limited (the data layer carries no Retry-After). */
export const MARKET_DATA_RETRY_AFTER_MS = 60_000;

export function ok<T>(value: T): ExchangeOutcome<T> {
  return { kind: 'ok', value };
}

export function rejected(reason: string, exchangeCode: string): ExchangeOutcome<never> {
  return { kind: 'rejected', reason, exchangeCode };
}

export function unknownSymbol(symbol: string): ExchangeOutcome<never> {
  return rejected(`The paper exchange has no market ${symbol}.`, REJECTION_CODES.unknownSymbol);
}

/** Live paper trading depends on public market data; its failures are the paper exchange's. */
export function outcomeFromMarketError(error: MarketDataError, action: string): ExchangeOutcome<never> {
  const detail = `paper ${action}: market data ${error.code}: ${error.detail}`;
  if (error.code === 'RATE_LIMITED') return { kind: 'rate_limited', retryAfterMs: MARKET_DATA_RETRY_AFTER_MS, detail };
  if (error.code === 'UNKNOWN_SYMBOL') return { kind: 'rejected', reason: error.message, exchangeCode: REJECTION_CODES.unknownSymbol };
  return { kind: 'unavailable', detail };
}

/** mulberry32 on (seed, n): one reproducible draw in [0, 1) per order, with no state to persist. */
export function seededDraw(seed: number, n: number): number {
  let state = (seed ^ Math.imul(n, 0x9e3779b1)) >>> 0;
  state = (state + 0x6d2b79f5) >>> 0;
  let mixed = state;
  mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
}
