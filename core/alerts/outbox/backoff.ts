import { z } from 'zod';

export const backoffPolicySchema = z.strictObject({
  firstDelayMs: z.number().int().min(1).default(2_000),
  maxDelayMs: z.number().int().min(1).default(300_000),
});
export type BackoffPolicy = z.infer<typeof backoffPolicySchema>;
export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze(backoffPolicySchema.parse({}));

/**
 * Exponential back-off with "equal jitter": attempt n waits between half and all of
 * min(max, first × 2^(n−1)). The jitter keeps retries from a reconnecting laptop from arriving in
 * lockstep; `random` is injected so a seeded source makes it exact in tests. The cap keeps a
 * channel that is down for hours trying every few minutes, so alerts go out soon after it recovers.
 */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + unit * (ceiling / 2));
}
