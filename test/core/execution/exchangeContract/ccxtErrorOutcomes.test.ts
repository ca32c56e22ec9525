import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { outcomeFromCcxtError, retryAfterMsFrom, type CallEffect } from '../../../../core/execution/index.ts';

const context = (effect: CallEffect, retryAfterMs?: number) => ({ action: 'binance test', effect, secrets: ['FAKE-SECRET-CANARY-42'], retryAfterMs, defaultRetryAfterMs: 45_000 });

type ErrorClass = new (message: string) => Error;

/**
 * The whole mapping, class by class, for a call that changes state (create, cancel) and for a
 * read. Binance bodies are the ones the fake exchange and the real exchange send.
 */
const ROWS: Array<[string, ErrorClass, string, string, string]> = [
  ['RequestTimeout', ccxt.RequestTimeout, 'binance POST https://api.binance.com/api/v3/order request timed out (10000 ms)', 'unknown', 'unknown'],
  ['NetworkError (connection reset)', ccxt.NetworkError, 'binance POST fetch failed ECONNRESET', 'unknown', 'unknown'],
  ['ExchangeNotAvailable (502 page)', ccxt.ExchangeNotAvailable, 'binance 502 Bad Gateway <html>', 'unknown', 'unavailable'],
  ['OperationFailed (-1000 on a 500)', ccxt.OperationFailed, 'binance {"code":-1000,"msg":"An unknown error occurred while processing the request."}', 'unknown', 'unavailable'],
  ['bare ExchangeError (-1008 without the spot table)', ccxt.ExchangeError, 'binance {"code":-1008,"msg":"Server is currently overloaded with other requests."}', 'unknown', 'unavailable'],
  ['BadResponse', ccxt.BadResponse, 'binance sent an unparseable body', 'unknown', 'unavailable'],
  ['OnMaintenance', ccxt.OnMaintenance, 'binance System is under maintenance.', 'unavailable', 'unavailable'],
  ['InvalidNonce (-1021)', ccxt.InvalidNonce, 'binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}', 'unavailable', 'unavailable'],
  ['DDoSProtection (429)', ccxt.DDoSProtection, 'binance 429 Too Many Requests {"code":-1003,"msg":"Too much request weight used"}', 'rate_limited', 'rate_limited'],
  ['RateLimitExceeded', ccxt.RateLimitExceeded, 'binance Too many requests. Please try again later.', 'rate_limited', 'rate_limited'],
  ['DDoSProtection carrying -2015', ccxt.DDoSProtection, 'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}', 'auth_failed', 'auth_failed'],
  ['AuthenticationError (-1022)', ccxt.AuthenticationError, 'binance {"code":-1022,"msg":"Signature for this request is not valid."}', 'auth_failed', 'auth_failed'],
  ['PermissionDenied', ccxt.PermissionDenied, 'binance This account may not place or cancel orders.', 'auth_failed', 'auth_failed'],
  ['AccountSuspended', ccxt.AccountSuspended, 'binance This action is disabled on this account.', 'auth_failed', 'auth_failed'],
  ['OrderNotFound (-2013)', ccxt.OrderNotFound, 'binance {"code":-2013,"msg":"Order does not exist."}', 'not_found', 'not_found'],
  ['InvalidOrder (-1013 LOT_SIZE)', ccxt.InvalidOrder, 'binance {"code":-1013,"msg":"Filter failure: LOT_SIZE"}', 'rejected', 'rejected'],
  ['InsufficientFunds (-2010)', ccxt.InsufficientFunds, 'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}', 'rejected', 'rejected'],
  ['BadRequest (-1013 NOTIONAL)', ccxt.BadRequest, 'binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}', 'rejected', 'rejected'],
  ['BadSymbol', ccxt.BadSymbol, 'binance does not have market symbol DOGE/XYZ', 'rejected', 'rejected'],
  ['OrderImmediatelyFillable', ccxt.OrderImmediatelyFillable, 'binance {"code":-2010,"msg":"Stop price would trigger immediately."}', 'rejected', 'rejected'],
  ['NotSupported', ccxt.NotSupported, 'binance createOrder() does not support this', 'rejected', 'rejected'],
];

const TABLE = ROWS.map(([name, ErrorClass, message, onChange, onRead]) => ({ name, ErrorClass, message, onChange, onRead }));

describe('ccxt errors become typed outcomes', () => {
  it.each(TABLE)('$name → $onChange on create/cancel, $onRead on reads', ({ ErrorClass, message, onChange, onRead }) => {
    expect(outcomeFromCcxtError(new ErrorClass(message), context('changes_state')).kind).toBe(onChange);
    expect(outcomeFromCcxtError(new ErrorClass(message), context('read_only')).kind).toBe(onRead);
  });

  it('treats something that is not a ccxt error as unknown when the call may have changed something', () => {
    expect(outcomeFromCcxtError(new TypeError('Cannot read properties of undefined'), context('changes_state')).kind).toBe('unknown');
    expect(outcomeFromCcxtError('a thrown string', context('read_only')).kind).toBe('unavailable');
  });

  it('names the refusal with a shared code and a plain reason', () => {
    const cases: Array<[ErrorClass, string, string]> = [
      [ccxt.InvalidOrder, 'binance {"code":-2010,"msg":"Duplicate order sent."}', 'DUPLICATE_CLIENT_ORDER_ID'],
      [ccxt.DuplicateOrderId, 'okx clOrdId already used', 'DUPLICATE_CLIENT_ORDER_ID'],
      [ccxt.InvalidOrder, 'binance order amount should be evenly divisible by lot size {"code":-1013,"msg":"Filter failure: LOT_SIZE"}', 'LOT_SIZE'],
      [ccxt.InvalidOrder, 'binance {"code":-1013,"msg":"Filter failure: PRICE_FILTER"}', 'PRICE_FILTER'],
      [ccxt.BadRequest, 'binance {"code":-1013,"msg":"Filter failure: MIN_NOTIONAL"}', 'NOTIONAL'],
      [ccxt.InsufficientFunds, 'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}', 'INSUFFICIENT_BALANCE'],
      [ccxt.OrderImmediatelyFillable, 'binance {"code":-2010,"msg":"Stop price would trigger immediately."}', 'STOP_WOULD_TRIGGER_IMMEDIATELY'],
      [ccxt.OrderImmediatelyFillable, 'binance {"code":-2010,"msg":"Order would immediately match and take."}', 'WOULD_TAKE_LIQUIDITY'],
      [ccxt.BadRequest, 'binance {"code":-1102,"msg":"Mandatory parameter \'price\' was not sent."}', '-1102'],
    ];
    for (const [ErrorClass, message, code] of cases) {
      const outcome = outcomeFromCcxtError(new ErrorClass(message), context('changes_state'));
      expect(outcome).toMatchObject({ kind: 'rejected', exchangeCode: code });
      if (outcome.kind === 'rejected') expect(outcome.reason).toMatch(/^The exchange refused this because /);
    }
  });

  it('uses the Retry-After the exchange sent, else the configured default', () => {
    const error = new ccxt.DDoSProtection('binance 429 Too Many Requests');
    expect(outcomeFromCcxtError(error, context('read_only', 7000))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(outcomeFromCcxtError(error, context('read_only'))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 45_000 });
  });

  it('reads Retry-After as seconds or as an HTTP date, in any header case, and ignores anything else', () => {
    const nowMs = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMsFrom({ 'Retry-After': '7' }, nowMs)).toBe(7000);
    expect(retryAfterMsFrom({ 'retry-after': 2.5 }, nowMs)).toBe(2500);
    expect(retryAfterMsFrom({ 'Retry-After': 'Mon, 01 Jan 2024 00:01:00 GMT' }, nowMs)).toBe(60_000);
    expect(retryAfterMsFrom({ 'Retry-After': 'soon' }, nowMs)).toBeUndefined();
    expect(retryAfterMsFrom({ 'Content-Type': 'application/json' }, nowMs)).toBeUndefined();
    expect(retryAfterMsFrom(undefined, nowMs)).toBeUndefined();
  });

  it('scrubs key material and signatures out of the detail and the reason', () => {
    const message = 'binance POST https://api.binance.com/api/v3/order?symbol=BTCUSDT&signature=abcdef0123456789 key FAKE-SECRET-CANARY-42 {"code":-1013,"msg":"Filter failure: LOT_SIZE"}';
    for (const effect of ['changes_state', 'read_only'] as const) {
      for (const ErrorClass of [ccxt.RequestTimeout, ccxt.InvalidOrder, ccxt.AuthenticationError]) {
        const text = JSON.stringify(outcomeFromCcxtError(new ErrorClass(message), context(effect)));
        expect(text).not.toContain('FAKE-SECRET-CANARY-42');
        expect(text).not.toContain('abcdef0123456789');
      }
    }
  });
});
