const DAY_MS = 24 * 60 * 60 * 1000;

/** The first live week trades at half the per-trade limit: a bug or a bad model costs less. */
export interface FirstLivePeriodPolicy {
  readonly reducedDays: number;
  readonly multiplier: number;
}

export const DEFAULT_FIRST_LIVE_PERIOD: FirstLivePeriodPolicy = Object.freeze({ reducedDays: 7, multiplier: 0.5 });

/**
 * The factor to apply to the per-trade limit: `multiplier` from the first live start until
 * `reducedDays` have passed, 1 afterwards. Not started yet, or a clock before the start, means
 * still reduced.
 */
export function firstLiveSizingMultiplier(
  liveStartedAtMs: number | undefined,
  nowMs: number,
  policy: FirstLivePeriodPolicy = DEFAULT_FIRST_LIVE_PERIOD,
): number {
  if (liveStartedAtMs === undefined || nowMs < liveStartedAtMs) return policy.multiplier;
  return nowMs - liveStartedAtMs >= policy.reducedDays * DAY_MS ? 1 : policy.multiplier;
}
