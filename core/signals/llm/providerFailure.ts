import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describeError, SecretRedactor } from '../../log/index.ts';
import { revealSecret, type Secret } from '../../keys/index.ts';
import { cooldownMsFor } from './adviceBudget.ts';
import { reason, type AdviceReason } from './adviceReasons.ts';
import { ResponseTooLargeError } from './providerFetch.ts';

/** Technical detail kept for the journal's "details" view, after scrubbing. */
const MAX_DETAIL_CHARS = 300;

/**
 * Ballast's one redactor, told this call's key value so that the key is masked wherever it turns
 * up: an HTML error page echoing the request headers, a model repeating it, an error message from
 * the openai package. Reading the key to compare against is the one other use of `revealSecret`
 * here besides the request itself.
 */
export function redactorFor(apiKey: Secret | null): SecretRedactor {
  const redactor = new SecretRedactor();
  if (apiKey !== null) {
    const value = revealSecret(apiKey);
    if (value.length > 0) redactor.registerSecretValue(value);
  }
  return redactor;
}

export interface ProviderFailure {
  readonly reasons: readonly AdviceReason[];
  /** Seconds the provider asked us to wait (429), when it said. */
  readonly retryAfterSeconds: number | null;
  readonly detail: string;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/** Seconds from `retry-after-ms`, `retry-after` (seconds or an HTTP date), or null. */
export function retryAfterSeconds(headers: Headers | undefined, nowMs: number): number | null {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.ceil(milliseconds / 1000);
  const text = headers?.get('retry-after');
  if (text === null || text === undefined) return null;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const atMs = Date.parse(text);
  return Number.isFinite(atMs) ? Math.max(0, Math.ceil((atMs - nowMs) / 1000)) : null;
}

/**
 * Any failure of the call, as reason codes. The advisor's own timer is the only thing that
 * aborts a call, so an abort is a timeout. Nothing here is retried (ARCHITECTURE: never a
 * retry until an answer passes); the next bar asks afresh.
 */
export function providerFailure(error: unknown, timedOut: boolean, timeoutMs: number, nowMs: number, redactor: SecretRedactor): ProviderFailure {
  const detail = describeError(error, { redactor, maxChars: MAX_DETAIL_CHARS });
  const failure = (item: AdviceReason, retryAfter: number | null = null): ProviderFailure => ({ reasons: [item], retryAfterSeconds: retryAfter, detail });
  const tooLarge = causes(error).find((item) => item instanceof ResponseTooLargeError);
  if (tooLarge !== undefined) return failure(reason('RESPONSE_TOO_LARGE', { maxBytes: tooLarge.maxBytes }));
  if (timedOut || error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return failure(reason('PROVIDER_TIMEOUT', { timeoutMs }));
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    if (error.status === 429) {
      const retryAfter = retryAfterSeconds(error.headers as Headers | undefined, nowMs);
      return failure(reason('PROVIDER_RATE_LIMITED', { retryAfterSeconds: retryAfter, waitSeconds: Math.ceil(cooldownMsFor(retryAfter) / 1000) }), retryAfter);
    }
    if (error.status === 401 || error.status === 403) return failure(reason('PROVIDER_AUTH_FAILED', { status: error.status }));
    return failure(reason('PROVIDER_HTTP_ERROR', { status: error.status }));
  }
  if (error instanceof APIConnectionError) return failure(reason('PROVIDER_UNREACHABLE'));
  if (error instanceof SyntaxError) return failure(reason('RESPONSE_MALFORMED', { problem: 'not-json' }));
  return failure(reason('ADVISOR_FAILED', { errorName: error instanceof Error ? error.name.slice(0, 60) : typeof error }));
}
