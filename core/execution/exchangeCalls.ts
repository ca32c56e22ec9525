import { describeError, redactText } from '../log/index.ts';
import { EXCHANGE_DETAIL, type ErrorRateWindow } from './executionHealth.ts';
import type { ExchangeOrder, ExchangeOutcome, ExchangePort } from './exchangePort.ts';

/** Time for the execution layer: the runtime's clock (real or simulated) and a way to wait on it. */
export interface ExecutionClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: ExecutionClock = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** Back-off for calls that are safe to repeat (reads, cancels): base × 2^n, capped. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_READ_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 5_000 };

export type ExchangeCallName = 'loadMarkets' | 'fetchBalances' | 'createOrder' | 'cancelOrder' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchMyTrades';

/** What an exchange answer is recorded as: enough to audit, never the raw response (which could carry headers). */
export function summariseOutcome(outcome: ExchangeOutcome<unknown>): Record<string, unknown> {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'ok', value: summariseValue(outcome.value) };
    case 'rejected':
      return { kind: 'rejected', reason: redactText(outcome.reason, EXCHANGE_DETAIL), exchangeCode: outcome.exchangeCode ?? null };
    case 'rate_limited':
      return { kind: 'rate_limited', retryAfterMs: outcome.retryAfterMs, detail: redactText(outcome.detail, EXCHANGE_DETAIL) };
    default:
      return { kind: outcome.kind, detail: redactText(outcome.detail, EXCHANGE_DETAIL) };
  }
}

export function summariseOrder(order: ExchangeOrder): Record<string, unknown> {
  return {
    exchangeOrderId: order.exchangeOrderId,
    clientOrderId: order.clientOrderId,
    status: order.status,
    amountBase: order.amountBase,
    filledBase: order.filledBase,
    averagePriceQuote: order.averagePriceQuote,
  };
}

function summariseValue(value: unknown): unknown {
  if (value instanceof Map) return { entries: value.size };
  if (Array.isArray(value)) return { count: value.length };
  if (typeof value === 'object' && value !== null && 'exchangeOrderId' in value && 'filledBase' in value) return summariseOrder(value as ExchangeOrder);
  return null;
}


function isRetryable(outcome: ExchangeOutcome<unknown>): boolean {
  return outcome.kind === 'unknown' || outcome.kind === 'unavailable' || outcome.kind === 'rate_limited';
}

/**
 * Every call to the exchange goes through here: it waits out a rate-limit pause the exchange
 * asked for, counts the answer for `ExecutionHealth`, turns an adapter that throws (it should
 * not) into an `unknown` answer, and audits the answer. `withRetry` repeats only calls that are
 * safe to repeat; `once` is for order placement, which is never repeated blindly.
 */
export class ExchangeCalls {
  readonly port: ExchangePort;
  readonly #clock: ExecutionClock;
  readonly #health: ErrorRateWindow;
  readonly #retry: RetryPolicy;
  readonly #audit: (call: ExchangeCallName, subject: string | null, outcome: ExchangeOutcome<unknown>) => void;
  #pausedUntilMs: number | null = null;

  constructor(
    port: ExchangePort,
    clock: ExecutionClock,
    health: ErrorRateWindow,
    retry: RetryPolicy,
    audit: (call: ExchangeCallName, subject: string | null, outcome: ExchangeOutcome<unknown>) => void,
  ) {
    this.port = port;
    this.#clock = clock;
    this.#health = health;
    this.#retry = retry;
    this.#audit = audit;
  }

  get pausedUntilMs(): number | null {
    return this.#pausedUntilMs;
  }

  async once<T>(call: ExchangeCallName, subject: string | null, run: () => Promise<ExchangeOutcome<T>>, audit = true): Promise<ExchangeOutcome<T>> {
    await this.#waitForPause();
    let outcome: ExchangeOutcome<T>;
    try {
      outcome = await run();
    } catch (error) {
      outcome = { kind: 'unknown', detail: `the exchange adapter failed during ${call}: ${describeError(error)}` };
    }
    const nowMs = this.#clock.nowMs();
    this.#health.record(outcome, nowMs);
    if (outcome.kind === 'rate_limited') {
      const untilMs = nowMs + Math.max(0, outcome.retryAfterMs);
      this.#pausedUntilMs = Math.max(this.#pausedUntilMs ?? 0, untilMs);
    }
    if (audit) this.#audit(call, subject, outcome);
    return outcome;
  }

  async withRetry<T>(call: ExchangeCallName, subject: string | null, run: () => Promise<ExchangeOutcome<T>>): Promise<ExchangeOutcome<T>> {
    let outcome = await this.once(call, subject, run);
    for (let attempt = 1; attempt < this.#retry.attempts && isRetryable(outcome); attempt += 1) {
      const backoffMs = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
      // A 429/418 pause is waited out in once(); the back-off comes on top of it.
      await this.#clock.sleep(backoffMs);
      outcome = await this.once(call, subject, run);
    }
    return outcome;
  }

  async #waitForPause(): Promise<void> {
    for (;;) {
      const until = this.#pausedUntilMs;
      if (until === null) return;
      const waitMs = until - this.#clock.nowMs();
      if (waitMs <= 0) {
        this.#pausedUntilMs = null;
        return;
      }
      await this.#clock.sleep(waitMs);
    }
  }
}
