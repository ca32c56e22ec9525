import { redactText, type TextRules } from '../log/index.ts';
import type { ExchangeOutcome } from './exchangePort.ts';

/** What an exchange said, as kept for the record: redacted, on one line, at most 500 characters. */
export const EXCHANGE_DETAIL: TextRules = { maxChars: 500 };

/**
 * How the exchange connection is doing, for the risk layer's "exchange error-rate spike" trigger
 * and the status screen. Errors are answers that say nothing about the request (timeouts, 5xx,
 * outages, 429/418, refused keys); a rejection or "not found" is an answer, not an error.
 */
export interface ExecutionHealth {
  readonly atMs: number;
  readonly windowMs: number;
  readonly requests: number;
  readonly errors: number;
  /** 429 answers (slow down) inside the window; each also counts as an error. */
  readonly rateLimited: number;
  /** 418 answers (IP banned for ignoring 429s) inside the window; each also counts as an error. */
  readonly banned: number;
  /** errors / requests in the window; 0 when there were no requests. */
  readonly errorRate: number;
  /** While the exchange has asked Ballast to wait, every request waits until then. */
  readonly rateLimitedUntilMs: number | null;
  readonly lastError: { readonly kind: ExchangeOutcome<unknown>['kind']; readonly detail: string; readonly atMs: number } | null;
}

export const DEFAULT_HEALTH_WINDOW_MS = 60_000;

export function isErrorOutcome(outcome: ExchangeOutcome<unknown>): boolean {
  return outcome.kind === 'unknown' || outcome.kind === 'unavailable' || outcome.kind === 'rate_limited' || outcome.kind === 'auth_failed';
}

/** Binance's 418 says "IP banned until …"; adapters pass that text through in the detail. */
function isBan(detail: string): boolean {
  return /\b418\b|banned/i.test(detail);
}

/** Requests and errors in a sliding time window, kept as a ring of timestamps pruned on read and write. */
export class ErrorRateWindow {
  readonly windowMs: number;
  readonly #atMs: number[] = [];
  readonly #flags: number[] = [];
  #start = 0;
  #errors = 0;
  #rateLimited = 0;
  #banned = 0;
  #lastError: ExecutionHealth['lastError'] = null;

  constructor(windowMs = DEFAULT_HEALTH_WINDOW_MS) {
    this.windowMs = windowMs;
  }

  record(outcome: ExchangeOutcome<unknown>, atMs: number): void {
    this.#prune(atMs);
    const error = isErrorOutcome(outcome);
    const banned = outcome.kind === 'rate_limited' && isBan(outcome.detail);
    const limited = outcome.kind === 'rate_limited' && !banned;
    this.#atMs.push(atMs);
    this.#flags.push((error ? 1 : 0) | (limited ? 2 : 0) | (banned ? 4 : 0));
    if (error) {
      this.#errors += 1;
      this.#lastError = { kind: outcome.kind, detail: redactText('detail' in outcome ? outcome.detail : outcome.kind, EXCHANGE_DETAIL), atMs };
    }
    if (limited) this.#rateLimited += 1;
    if (banned) this.#banned += 1;
  }

  snapshot(atMs: number, rateLimitedUntilMs: number | null): ExecutionHealth {
    this.#prune(atMs);
    const requests = this.#atMs.length - this.#start;
    return {
      atMs,
      windowMs: this.windowMs,
      requests,
      errors: this.#errors,
      rateLimited: this.#rateLimited,
      banned: this.#banned,
      errorRate: requests === 0 ? 0 : this.#errors / requests,
      rateLimitedUntilMs: rateLimitedUntilMs !== null && rateLimitedUntilMs > atMs ? rateLimitedUntilMs : null,
      lastError: this.#lastError,
    };
  }

  #prune(atMs: number): void {
    const oldest = atMs - this.windowMs;
    while (this.#start < this.#atMs.length && (this.#atMs[this.#start] ?? 0) <= oldest) {
      const flags = this.#flags[this.#start] ?? 0;
      if ((flags & 1) !== 0) this.#errors -= 1;
      if ((flags & 2) !== 0) this.#rateLimited -= 1;
      if ((flags & 4) !== 0) this.#banned -= 1;
      this.#start += 1;
    }
    // Compact now and then so the arrays do not grow for ever.
    if (this.#start > 1024 && this.#start * 2 > this.#atMs.length) {
      this.#atMs.splice(0, this.#start);
      this.#flags.splice(0, this.#start);
      this.#start = 0;
    }
  }
}
