import { z } from 'zod';
import { alertSeveritySchema, type AlertSeverity } from '../alert.ts';
import { isKnownTimeZone } from '../template.ts';
import { isQuietAt, quietHoursEndAfter, quietHoursSchema } from './quietHours.ts';

/**
 * How one channel is throttled. Critical alerts ignore all of it and go out at once.
 * Others: at most one message per subject (group) per `groupWindowMs`; the rest of that subject
 * is folded into a digest sent one window after the first fold. During quiet hours everything
 * non-critical is folded and the digest waits until they end.
 */
export const channelPolicySchema = z.strictObject({
  minSeverity: alertSeveritySchema.default('info'),
  groupWindowMs: z.number().int().min(0).max(86_400_000).default(3_600_000),
  quietHours: quietHoursSchema.nullable().default(null),
  timeZone: z.string().refine(isKnownTimeZone, { message: 'Unknown time zone.' }).default('UTC'),
});
export type ChannelPolicy = z.infer<typeof channelPolicySchema>;

export type RouteDecision = { readonly kind: 'send' } | { readonly kind: 'fold'; readonly reason: 'grouped' | 'quiet_hours' } | { readonly kind: 'hold'; readonly untilMs: number };

export interface RouteInput {
  readonly severity: AlertSeverity;
  readonly kind: 'alert' | 'digest';
  /** Already chosen to go out on its own (a retry, or a digest): never folded afterwards. */
  readonly routedIndividually: boolean;
  /** When this channel last sent (or chose to send) a message of the same subject on its own. */
  readonly lastIndividualOfGroupAtMs: number | null;
}

/** What to do with one queued delivery now. Pure: the dispatcher carries the decision out. */
export function routeDelivery(input: RouteInput, policy: ChannelPolicy, nowMs: number): RouteDecision {
  if (input.severity === 'critical') return { kind: 'send' };
  const quiet = policy.quietHours !== null && isQuietAt(nowMs, policy.quietHours, policy.timeZone);
  if (input.routedIndividually || input.kind === 'digest') {
    return quiet && policy.quietHours !== null ? { kind: 'hold', untilMs: quietHoursEndAfter(nowMs, policy.quietHours, policy.timeZone) } : { kind: 'send' };
  }
  if (quiet) return { kind: 'fold', reason: 'quiet_hours' };
  const last = input.lastIndividualOfGroupAtMs;
  if (last !== null && nowMs - last < policy.groupWindowMs) return { kind: 'fold', reason: 'grouped' };
  return { kind: 'send' };
}

/**
 * When the folded deliveries go out as one digest: one group window after the oldest was folded,
 * and not before quiet hours end.
 */
export function digestDueAtMs(oldestFoldedAtMs: number, policy: ChannelPolicy, nowMs: number): number {
  const due = oldestFoldedAtMs + policy.groupWindowMs;
  const checkAtMs = Math.max(due, nowMs);
  if (policy.quietHours !== null && isQuietAt(checkAtMs, policy.quietHours, policy.timeZone)) {
    return quietHoursEndAfter(checkAtMs, policy.quietHours, policy.timeZone);
  }
  return due;
}
