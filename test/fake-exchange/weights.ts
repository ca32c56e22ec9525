/**
 * Binance's IP request-weight limit: every endpoint costs a weight, the sum per minute is capped.
 * Over the cap the exchange answers 429 with Retry-After; a client that keeps sending anyway is
 * banned and gets 418 (again with Retry-After) until the ban ends.
 */
export interface WeightLimitOptions {
  weightLimitPerMinute: number;
  /** requests tolerated after the first 429 of a window before the IP is banned */
  requestsAfter429BeforeBan: number;
  banDurationMs: number;
}

export const DEFAULT_WEIGHT_LIMIT: WeightLimitOptions = { weightLimitPerMinute: 6000, requestsAfter429BeforeBan: 2, banDurationMs: 120_000 };

export type WeightVerdict =
  | { kind: 'allowed'; usedWeight: number }
  | { kind: 'limited'; usedWeight: number; retryAfterS: number }
  | { kind: 'banned'; usedWeight: number; retryAfterS: number; bannedUntilMs: number };

const WINDOW_MS = 60_000;

export class RequestWeightTracker {
  readonly options: WeightLimitOptions;
  #windowStartMs = Number.NEGATIVE_INFINITY;
  #usedWeight = 0;
  #requestsSince429 = -1;
  #bannedUntilMs = 0;

  constructor(options: WeightLimitOptions) {
    this.options = options;
  }

  /**
   * The window starts with the first request after the previous one expired (rather than on the
   * wall-clock minute), so a test's burst is never split in two by a minute boundary.
   */
  charge(weight: number, wallNowMs: number): WeightVerdict {
    if (wallNowMs >= this.#windowStartMs + WINDOW_MS) {
      this.#windowStartMs = wallNowMs;
      this.#usedWeight = 0;
      this.#requestsSince429 = -1;
    }
    this.#usedWeight += weight;
    if (wallNowMs < this.#bannedUntilMs) return this.#banned(wallNowMs);
    if (this.#usedWeight <= this.options.weightLimitPerMinute) return { kind: 'allowed', usedWeight: this.#usedWeight };
    this.#requestsSince429 += 1;
    if (this.#requestsSince429 > this.options.requestsAfter429BeforeBan) {
      this.#bannedUntilMs = wallNowMs + this.options.banDurationMs;
      return this.#banned(wallNowMs);
    }
    const retryAfterS = Math.max(Math.ceil((this.#windowStartMs + WINDOW_MS - wallNowMs) / 1000), 1);
    return { kind: 'limited', usedWeight: this.#usedWeight, retryAfterS };
  }

  usedWeight(): number {
    return this.#usedWeight;
  }

  /** Lifts a ban and clears the window (tests use this between scenarios). */
  reset(): void {
    this.#windowStartMs = Number.NEGATIVE_INFINITY;
    this.#usedWeight = 0;
    this.#requestsSince429 = -1;
    this.#bannedUntilMs = 0;
  }

  #banned(wallNowMs: number): WeightVerdict {
    return {
      kind: 'banned',
      usedWeight: this.#usedWeight,
      retryAfterS: Math.max(Math.ceil((this.#bannedUntilMs - wallNowMs) / 1000), 1),
      bannedUntilMs: this.#bannedUntilMs,
    };
  }
}

export function tooMuchWeightMessage(limit: number): string {
  return `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`;
}

export function bannedMessage(bannedUntilMs: number): string {
  return `Way too much request weight used; IP banned until ${bannedUntilMs}. Please use WebSocket Streams for live updates to avoid bans.`;
}
