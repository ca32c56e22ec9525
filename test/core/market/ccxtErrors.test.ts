import {
  AuthenticationError,
  BadRequest,
  BadResponse,
  BadSymbol,
  DDoSProtection,
  ExchangeError,
  ExchangeNotAvailable,
  InvalidNonce,
  NetworkError,
  NotSupported,
  NullResponse,
  OnMaintenance,
  OperationFailed,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import { marketErrorFromCcxt } from '../../../core/market/ccxtErrors.ts';

const KEY = 'FAKE-KEY-CANARY-4f1d2a';
const SECRET = 'FAKE-SECRET-CANARY-9b7e55';

describe('marketErrorFromCcxt', () => {
  it.each([
    [new RequestTimeout('timed out'), 'TIMEOUT', true],
    [new RateLimitExceeded('429'), 'RATE_LIMITED', true],
    [new DDoSProtection('418'), 'RATE_LIMITED', true],
    [new OnMaintenance('503 maintenance'), 'EXCHANGE_UNAVAILABLE', true],
    [new ExchangeNotAvailable('502'), 'EXCHANGE_UNAVAILABLE', true],
    [new InvalidNonce('-1021'), 'CLOCK_SKEW', false],
    [new NetworkError('ECONNRESET'), 'NETWORK', true],
    [new NullResponse('empty'), 'MALFORMED_RESPONSE', false],
    [new BadResponse('garbage'), 'MALFORMED_RESPONSE', false],
    [new BadSymbol('no such market'), 'UNKNOWN_SYMBOL', false],
    [new PermissionDenied('-2015'), 'AUTHENTICATION', false],
    [new AuthenticationError('-2015'), 'AUTHENTICATION', false],
    [new NotSupported('no ohlcv'), 'NOT_SUPPORTED', false],
    [new BadRequest('-1100'), 'BAD_REQUEST', false],
    [new ExchangeError('-1121'), 'EXCHANGE_ERROR', false],
    [new OperationFailed('-1000 unknown error'), 'EXCHANGE_UNAVAILABLE', true],
    [new Error('boom'), 'UNEXPECTED', false],
    ['a string', 'UNEXPECTED', false],
  ] as const)('maps %s to %s', (error, code, retryable) => {
    const mapped = marketErrorFromCcxt(error, 'binance fetchOHLCV', []);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.message.length).toBeGreaterThan(20);
    expect(mapped.detail).toMatch(/^binance fetchOHLCV: /);
  });

  it('keeps the ccxt class and message in the detail, for the log', () => {
    expect(marketErrorFromCcxt(new OnMaintenance('binance {"code":-1,"msg":"System is under maintenance."}'), 'binance fetchTicker', []).detail).toBe(
      'binance fetchTicker: OnMaintenance: binance {"code":-1,"msg":"System is under maintenance."}',
    );
  });

  it('never lets key material or a signature through', () => {
    const error = new AuthenticationError(`GET https://api.binance.com/api/v3/account?timestamp=1&signature=abcdef0123 key ${KEY} secret ${SECRET}`);
    const mapped = marketErrorFromCcxt(error, 'binance fetchBalance', [KEY, SECRET]);
    const text = JSON.stringify(mapped);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('abcdef0123');
    expect(text).toContain('signature=[redacted]');
  });
});
