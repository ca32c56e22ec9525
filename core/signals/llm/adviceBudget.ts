import { reason, type AdviceReason } from './adviceReasons.ts';
import type { AdviceBudgetState } from './adviceValidator.ts';

export interface AdviceBudgetLimits {
  readonly callsPerHour: number;
  readonly callsPerDay: number;
  readonly tokensPerDay: number;
}

/** Modest defaults: one 1h-bar market asked every bar uses 24 calls a day. */
export const DEFAULT_ADVICE_BUDGET: AdviceBudgetLimits = { callsPerHour: 12, callsPerDay: 120, tokensPerDay: 300_000 };

/** One call as the budget counts it; the journal's records rebuild these after a restart. */
export interface BudgetCall {
  readonly atMs: number;
  readonly tokens: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Without a usable Retry-After, a 429 pauses the advisor this long; a longer one is capped. */
export const DEFAULT_COOLDOWN_MS = 60_000;
export const MAX_COOLDOWN_MS = HOUR_MS;

/** How long a 429 keeps the advisor quiet. */
export function cooldownMsFor(retryAfterSeconds: number | null): number {
  const waitMs = retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : DEFAULT_COOLDOWN_MS;
  return Math.min(waitMs, MAX_COOLDOWN_MS);
}

/**
 * Counts calls and tokens over rolling windows (the last hour, the last 24 hours) and refuses a
 * call that would exceed them, before anything is sent. A call counts from the moment it is
 * sent, whatever its outcome: a timed-out call may still have been billed. After a 429 the
 * advisor stays quiet until the provider's Retry-After has passed.
 */
export class AdviceBudget {
  readonly limits: AdviceBudgetLimits;
  readonly #calls: { atMs: number; tokens: number }[] = [];
  #cooldownUntilMs = 0;

  constructor(limits: AdviceBudgetLimits, history: readonly BudgetCall[] = []) {
    this.limits = limits;
    for (const call of history) this.#calls.push({ atMs: call.atMs, tokens: call.tokens });
    this.#calls.sort((a, b) => a.atMs - b.atMs);
  }

  /** Why a call now would break the budget; empty when it may go ahead. */
  refusalsAt(nowMs: number): AdviceReason[] {
    const reasons: AdviceReason[] = [];
    if (nowMs < this.#cooldownUntilMs) {
      reasons.push(reason('PROVIDER_COOLING_DOWN', { untilMs: this.#cooldownUntilMs, waitSeconds: Math.ceil((this.#cooldownUntilMs - nowMs) / 1000) }));
    }
    const state = this.stateAt(nowMs);
    if (!(state.callsLastHour + 1 <= state.callsPerHour)) reasons.push(reason('BUDGET_CALLS_PER_HOUR', { used: state.callsLastHour, limit: state.callsPerHour }));
    if (!(state.callsLastDay + 1 <= state.callsPerDay)) reasons.push(reason('BUDGET_CALLS_PER_DAY', { used: state.callsLastDay, limit: state.callsPerDay }));
    if (!(state.tokensLastDay < state.tokensPerDay)) reasons.push(reason('BUDGET_TOKENS_PER_DAY', { used: state.tokensLastDay, limit: state.tokensPerDay }));
    return reasons;
  }

  /** Counts a call sent at `nowMs`; report its tokens through the returned function when known. */
  recordCall(nowMs: number): (tokens: number) => void {
    const call = { atMs: nowMs, tokens: 0 };
    this.#calls.push(call);
    return (tokens) => {
      call.tokens = Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
    };
  }

  /** After a 429: no call before `retryAfterSeconds` (default one minute, at most one hour). */
  coolDown(nowMs: number, retryAfterSeconds: number | null): void {
    this.#cooldownUntilMs = Math.max(this.#cooldownUntilMs, nowMs + cooldownMsFor(retryAfterSeconds));
  }

  stateAt(nowMs: number): AdviceBudgetState {
    while (this.#calls.length > 0 && (this.#calls[0]?.atMs ?? nowMs) <= nowMs - DAY_MS) this.#calls.shift();
    let callsLastHour = 0;
    let tokensLastDay = 0;
    for (const call of this.#calls) {
      if (call.atMs > nowMs - HOUR_MS) callsLastHour++;
      tokensLastDay += call.tokens;
    }
    return {
      callsLastHour,
      callsPerHour: this.limits.callsPerHour,
      callsLastDay: this.#calls.length,
      callsPerDay: this.limits.callsPerDay,
      tokensLastDay,
      tokensPerDay: this.limits.tokensPerDay,
    };
  }
}

/**
 * At most one question per bar per market: the advisor is never asked again until an answer
 * passes. It remembers the last bar asked per symbol; an older or equal bar is refused.
 */
export class OneCallPerBar {
  readonly #lastBarBySymbol = new Map<string, number>();

  /** `asked`: the bars already asked about (from the journal), so a restart cannot ask again. */
  constructor(asked: readonly { readonly symbol: string; readonly barOpenTimeMs: number }[] = []) {
    for (const bar of asked) this.claim(bar.symbol, bar.barOpenTimeMs);
  }

  /** True (and the bar is taken) when this symbol has not been asked about this bar or a later one. */
  claim(symbol: string, barOpenTimeMs: number): boolean {
    const last = this.#lastBarBySymbol.get(symbol);
    if (last !== undefined && barOpenTimeMs <= last) return false;
    this.#lastBarBySymbol.set(symbol, barOpenTimeMs);
    return true;
  }
}
