import { AccountSuspended, AuthenticationError, BaseError, NetworkError, NotSupported, PermissionDenied, RequestTimeout } from 'ccxt';
import type { ExchangeId } from '../exchangeId.ts';
import { describeError, SecretRedactor, type TextRules } from '../../log/index.ts';
import { unreadableReport, type PermissionReadFailureCode, type PermissionReport } from './permissionReport.ts';
import type { PermissionVerifier } from './permissionVerifier.ts';
import { binancePermissionVerifier } from './binancePermissions.ts';
import { krakenPermissionVerifier } from './krakenPermissions.ts';
import { okxPermissionVerifier } from './okxPermissions.ts';
import { bybitPermissionVerifier } from './bybitPermissions.ts';
import { kucoinPermissionVerifier } from './kucoinPermissions.ts';
import { coinbasePermissionVerifier } from './coinbasePermissions.ts';
import { bitgetPermissionVerifier } from './bitgetPermissions.ts';

/**
 * ccxt error text carries the full request URL (query string, signature) and the response body,
 * which an exchange may echo back with the key in it: the query goes, and the text is cut short.
 */
const TECHNICAL_DETAIL: TextRules = { dropQueryStrings: true, maxChars: 300 };

export const PERMISSION_VERIFIERS: Readonly<Record<ExchangeId, PermissionVerifier>> = {
  binance: binancePermissionVerifier,
  kraken: krakenPermissionVerifier,
  okx: okxPermissionVerifier,
  bybit: bybitPermissionVerifier,
  kucoin: kucoinPermissionVerifier,
  coinbase: coinbasePermissionVerifier,
  bitget: bitgetPermissionVerifier,
};

/**
 * The part of a ccxt exchange instance Ballast relies on: its id, and the credentials it signs
 * with (read only to scrub them out of error text). Implicit API methods are looked up by name.
 */
export interface ExchangeApiClient {
  readonly id: string;
  apiKey?: string;
  secret?: string;
  password?: string;
  uid?: string;
}

export interface VerifyOptions {
  readonly nowMs?: () => number;
  /** Overall limit, on top of ccxt's own per-request timeout. */
  readonly timeoutMs?: number;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 15_000;

const PLAIN_PROBLEM: Readonly<Record<PermissionReadFailureCode, string>> = {
  TIMEOUT: "The exchange did not answer in time, so Ballast could not check this key's permissions.",
  NETWORK: "Ballast could not reach the exchange to check this key's permissions.",
  AUTHENTICATION:
    'The exchange did not accept this key. The key, secret or passphrase may be wrong, the key may be restricted to other IP addresses, or it may lack read permission.',
  EXCHANGE_ERROR: "The exchange answered with an error, so Ballast could not check this key's permissions.",
  UNPARSEABLE: "The exchange's answer did not have the expected form, so Ballast could not confirm this key's permissions.",
  UNSUPPORTED: "Ballast cannot check this key's permissions on this exchange in this mode.",
  MALFORMED_CREDENTIALS:
    'The key or secret does not have the form this exchange uses, so nothing was sent to the exchange. Copy the whole key and secret again from the exchange.',
};

class VerificationTimeout extends Error {}

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up/i;

/**
 * Whether the exchange was never reached: some ccxt classes wrap a refused connection or a
 * failed lookup in a plain ExchangeError, so the causes are read too ("answered with an error"
 * would be untrue).
 */
function neverReached(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if ((typeof code === 'string' && UNREACHABLE.test(code)) || UNREACHABLE.test(cause.message)) return true;
  }
  return false;
}

function classify(error: unknown): PermissionReadFailureCode {
  if (error instanceof VerificationTimeout || error instanceof RequestTimeout) return 'TIMEOUT';
  if (error instanceof NetworkError || neverReached(error)) return 'NETWORK';
  if (error instanceof AuthenticationError || error instanceof PermissionDenied || error instanceof AccountSuspended) {
    return 'AUTHENTICATION';
  }
  if (error instanceof NotSupported) return 'UNSUPPORTED';
  // Anything that is not one of ccxt's own errors happened here, before an answer: for a key
  // check that is signing with a secret that cannot be decoded.
  return error instanceof BaseError ? 'EXCHANGE_ERROR' : 'MALFORMED_CREDENTIALS';
}

function credentialsOf(client: ExchangeApiClient): string[] {
  return [client.apiKey, client.secret, client.password, client.uid].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new VerificationTimeout(`no answer within ${timeoutMs} ms`)); }, timeoutMs);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the key's permissions from the exchange itself and never throws: every failure (HTTP
 * error, timeout, unexpected shape, unknown code) comes back as a report whose withdraw answer
 * is 'unknown', with a plain-language problem and a redacted technical detail.
 */
export async function verifyKeyPermissions(
  exchange: ExchangeId,
  client: ExchangeApiClient,
  options: VerifyOptions = {},
): Promise<PermissionReport> {
  const nowMs = options.nowMs ?? Date.now;
  const verifier = PERMISSION_VERIFIERS[exchange];
  const failed = (code: PermissionReadFailureCode, detail: string): PermissionReport =>
    unreadableReport({ exchange, endpoint: verifier.endpoint, checkedAtMs: nowMs(), code, problem: PLAIN_PROBLEM[code], detail });

  if (client.id !== exchange) {
    return failed('UNSUPPORTED', `client is for "${client.id}", not "${exchange}"`);
  }
  const method = (client as unknown as Record<string, unknown>)[verifier.ccxtMethod];
  if (typeof method !== 'function') {
    return failed('UNSUPPORTED', `this ccxt version has no ${verifier.ccxtMethod} for ${exchange}`);
  }
  let raw: unknown;
  try {
    raw = await withTimeout(Promise.resolve(method.call(client, {}) as unknown), options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS);
  } catch (error) {
    return failed(classify(error), describeError(error, { secrets: credentialsOf(client), ...TECHNICAL_DETAIL }));
  }
  try {
    return scrubbed(verifier.interpret(raw, nowMs()), credentialsOf(client));
  } catch (error) {
    return failed('UNPARSEABLE', describeError(error, { secrets: credentialsOf(client), ...TECHNICAL_DETAIL }));
  }
}

/** Text in a report partly comes from the exchange (codes, IPs); none of it may carry a credential. */
function scrubbed(report: PermissionReport, credentials: readonly string[]): PermissionReport {
  const redactor = new SecretRedactor(credentials);
  const clean = (text: string): string => redactor.redactText(text, TECHNICAL_DETAIL);
  const out: PermissionReport = { ...report, problems: report.problems.map(clean) };
  if (report.ipAllowlist) out.ipAllowlist = report.ipAllowlist.map(clean);
  return out;
}
