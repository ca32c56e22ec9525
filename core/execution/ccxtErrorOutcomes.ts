import {
  AuthenticationError,
  BadRequest,
  BadResponse,
  BadSymbol,
  DDoSProtection,
  DuplicateOrderId,
  ExchangeError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  NetworkError,
  NotSupported,
  OnMaintenance,
  OperationFailed,
  OperationRejected,
  OrderImmediatelyFillable,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describeError, redactText } from '../log/index.ts';
import { REJECTION_CODES, type ExchangeOutcome } from './exchangePort.ts';

/**
 * A call that changes something on the exchange (create, cancel) may have taken effect even when
 * the answer is an error: such errors become `unknown`. A read that fails changed nothing.
 */
export type CallEffect = 'changes_state' | 'read_only';

export interface ErrorContext {
  /** e.g. "createOrder BTC/USDT" — goes into the detail, never a secret. */
  readonly action: string;
  readonly effect: CallEffect;
  /** Key material to scrub from any text that leaves this module. */
  readonly secrets: readonly string[];
  /** From the response's Retry-After header, when the exchange sent one. */
  readonly retryAfterMs: number | undefined;
  /** Used when a rate-limit answer carries no Retry-After. */
  readonly defaultRetryAfterMs: number;
}

/** The `{"code":-2010,"msg":"..."}` that Binance (and ccxt's message) carries, when present. */
export function exchangeErrorBody(message: string): { readonly code: string; readonly msg: string } | undefined {
  const match = /\{"code":\s*(-?\d+),\s*"msg":\s*"((?:[^"\\]|\\.)*)"/.exec(message);
  if (match === null) return undefined;
  return { code: match[1] ?? '', msg: (match[2] ?? '').replace(/\\"/g, '"') };
}

const FILTER_REASONS: Readonly<Record<string, { code: string; reason: string }>> = {
  LOT_SIZE: { code: REJECTION_CODES.lotSize, reason: "its amount does not fit the market's size rules (too small, too large, or not a whole number of steps)" },
  MARKET_LOT_SIZE: { code: 'MARKET_LOT_SIZE', reason: 'its amount is larger than this market allows for a market order' },
  PRICE_FILTER: { code: REJECTION_CODES.priceFilter, reason: "its price does not fit the market's price rules (not a whole number of ticks, or out of range)" },
  NOTIONAL: { code: REJECTION_CODES.notional, reason: 'its value (amount × price) is below the minimum this market accepts' },
  MIN_NOTIONAL: { code: REJECTION_CODES.notional, reason: 'its value (amount × price) is below the minimum this market accepts' },
  PERCENT_PRICE_BY_SIDE: { code: 'PERCENT_PRICE_BY_SIDE', reason: 'its price is too far from the current market price' },
  MAX_NUM_ORDERS: { code: 'MAX_NUM_ORDERS', reason: 'there are already as many open orders on this market as the exchange allows' },
};

function rejectionFor(error: Error, text: string): { code: string | undefined; reason: string } {
  const body = exchangeErrorBody(text);
  const said = body?.msg ?? text;
  if (error instanceof DuplicateOrderId || said.includes('Duplicate order sent.')) {
    return { code: REJECTION_CODES.duplicateClientOrderId, reason: 'the exchange already has an open order with the same order id, so it did not place a second one' };
  }
  const filter = /Filter failure: ([A-Z_]+)/.exec(said)?.[1];
  if (filter !== undefined) {
    const known = FILTER_REASONS[filter];
    return known ?? { code: filter, reason: `it breaks one of the market's trading rules (${filter})` };
  }
  if (error instanceof InsufficientFunds) return { code: REJECTION_CODES.insufficientBalance, reason: 'the account does not have enough free balance to pay for it' };
  if (error instanceof OrderImmediatelyFillable) {
    if (/trigger immediately/i.test(said)) {
      return { code: REJECTION_CODES.stopWouldTriggerImmediately, reason: 'the price has already passed its stop price, so the stop would trigger at once' };
    }
    return { code: REJECTION_CODES.wouldTakeLiquidity, reason: 'it would have traded immediately, and it was meant to wait in the order book' };
  }
  if (error instanceof BadSymbol) return { code: REJECTION_CODES.unknownSymbol, reason: 'the exchange does not list this market' };
  if (error instanceof NotSupported) return { code: REJECTION_CODES.orderTypeNotSupported, reason: 'the exchange does not offer this kind of order' };
  return { code: body?.code, reason: 'the exchange refused the request as invalid' };
}

const isChange = (context: ErrorContext): boolean => context.effect === 'changes_state';

/**
 * Anything ccxt throws, as a typed outcome; never rethrows. Most specific ccxt class first: the
 * hierarchy nests (OrderNotFound is an InvalidOrder, OnMaintenance an ExchangeNotAvailable,
 * everything network-ish an OperationFailed).
 */
export function outcomeFromCcxtError(error: unknown, context: ErrorContext): ExchangeOutcome<never> {
  // The whole message, redacted, is read for the exchange's JSON body; the detail is the short form.
  const text = redactText(error instanceof Error ? error.message : String(error), { secrets: context.secrets });
  const detail = `${context.action}: ${describeError(error, { secrets: context.secrets })}`;
  if (!(error instanceof Error)) return isChange(context) ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };

  if (error instanceof DDoSProtection || error instanceof RateLimitExceeded) {
    // ccxt reads Binance's -2015 after an earlier successful private call as a temporary ban
    // (DDoSProtection). It is also what a key that lost its permissions gets: refuse, do not wait.
    if (exchangeErrorBody(text)?.code === '-2015') return { kind: 'auth_failed', detail };
    return { kind: 'rate_limited', retryAfterMs: context.retryAfterMs ?? context.defaultRetryAfterMs, detail };
  }
  // Refused before processing (maintenance page, timestamp outside the recvWindow): nothing happened.
  if (error instanceof OnMaintenance || error instanceof InvalidNonce) return { kind: 'unavailable', detail };
  if (error instanceof RequestTimeout) return { kind: 'unknown', detail };
  if (error instanceof ExchangeNotAvailable) return isChange(context) ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };
  if (error instanceof NetworkError) return { kind: 'unknown', detail };
  if (error instanceof BadResponse || error instanceof OperationFailed) {
    return isChange(context) ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };
  }
  if (error instanceof OrderNotFound) return { kind: 'not_found', detail };
  if (error instanceof AuthenticationError) return { kind: 'auth_failed', detail };
  if (error instanceof InvalidOrder || error instanceof InsufficientFunds || error instanceof BadRequest || error instanceof NotSupported || error instanceof OperationRejected) {
    const { code, reason } = rejectionFor(error, text);
    const rejected = { kind: 'rejected' as const, reason: `The exchange refused this because ${reason}. (${text})` };
    return code === undefined ? rejected : { ...rejected, exchangeCode: code };
  }
  // A bare ExchangeError can be an unmapped 5xx (e.g. Binance's -1008 "server busy"): on a call
  // that changes state, the request may have been processed.
  if (error instanceof ExchangeError) return isChange(context) ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };
  return isChange(context) ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };
}

/** Retry-After is seconds or an HTTP date; anything else is ignored (the default applies). */
export function retryAfterMsFrom(headers: unknown, nowMs: number): number | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
  const value: unknown = entry?.[1];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const dateMs = Date.parse(text);
  return Number.isFinite(dateMs) ? Math.max(dateMs - nowMs, 0) : undefined;
}
