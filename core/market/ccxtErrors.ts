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
  OnMaintenance,
  OperationFailed,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describeError } from '../log/index.ts';
import type { MarketDataError, MarketDataErrorCode } from './marketDataPort.ts';

interface ErrorRule {
  readonly errorClass: abstract new (...args: never[]) => Error;
  readonly code: MarketDataErrorCode;
  readonly retryable: boolean;
  readonly message: string;
}

/** Most specific ccxt class first: ccxt's hierarchy nests (OnMaintenance is an ExchangeNotAvailable). */
const RULES: readonly ErrorRule[] = [
  { errorClass: RequestTimeout, code: 'TIMEOUT', retryable: true, message: 'The exchange did not answer in time. Ballast will try again later.' },
  { errorClass: RateLimitExceeded, code: 'RATE_LIMITED', retryable: true, message: 'The exchange asked Ballast to slow down (too many requests). Ballast will wait before asking again.' },
  { errorClass: DDoSProtection, code: 'RATE_LIMITED', retryable: true, message: 'The exchange is limiting requests from this computer. Ballast will wait before asking again.' },
  { errorClass: OnMaintenance, code: 'EXCHANGE_UNAVAILABLE', retryable: true, message: 'The exchange is down for maintenance. Market data will resume when it is back.' },
  { errorClass: ExchangeNotAvailable, code: 'EXCHANGE_UNAVAILABLE', retryable: true, message: 'The exchange is not available right now. Market data will resume when it is back.' },
  { errorClass: InvalidNonce, code: 'CLOCK_SKEW', retryable: false, message: "This computer's clock and the exchange's clock disagree. Check the system time." },
  { errorClass: NetworkError, code: 'NETWORK', retryable: true, message: 'Ballast could not reach the exchange (network problem). Check the internet connection.' },
  { errorClass: BadResponse, code: 'MALFORMED_RESPONSE', retryable: false, message: 'The exchange sent an answer Ballast cannot read, so it was not used.' },
  { errorClass: BadSymbol, code: 'UNKNOWN_SYMBOL', retryable: false, message: 'The exchange does not list this market.' },
  { errorClass: AuthenticationError, code: 'AUTHENTICATION', retryable: false, message: 'The exchange refused the API key for this request.' },
  { errorClass: NotSupported, code: 'NOT_SUPPORTED', retryable: false, message: 'The exchange does not offer this kind of market data.' },
  { errorClass: BadRequest, code: 'BAD_REQUEST', retryable: false, message: 'The exchange rejected the request as invalid.' },
  { errorClass: ExchangeError, code: 'EXCHANGE_ERROR', retryable: false, message: 'The exchange reported an error for this request.' },
  // Binance's -1000 "unknown error" on a 500 lands here: a failure on the exchange's side that
  // a later read-only request may not meet again.
  { errorClass: OperationFailed, code: 'EXCHANGE_UNAVAILABLE', retryable: true, message: 'The exchange had an internal problem answering. Ballast will try again later.' },
];

/** Maps anything ccxt throws to a typed error with a plain message; never rethrows. */
export function marketErrorFromCcxt(error: unknown, action: string, secrets: readonly string[]): MarketDataError {
  const detail = `${action}: ${describeError(error, { secrets })}`;
  const rule = RULES.find((candidate) => error instanceof candidate.errorClass);
  if (rule) return { code: rule.code, message: rule.message, detail, retryable: rule.retryable };
  return { code: 'UNEXPECTED', message: 'Something unexpected went wrong while asking the exchange for market data.', detail, retryable: false };
}
