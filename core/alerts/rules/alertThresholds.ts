import { z } from 'zod';

/** Days before a key's rotation date when Ballast reminds the person. */
export const KEY_REMINDER_DAYS_BEFORE = [14, 7, 1] as const;

export const MIN_ROTATION_PERIOD_DAYS = 30;
export const MAX_ROTATION_PERIOD_DAYS = 90;

/**
 * The alert rules' own thresholds. The risk limits themselves (the daily loss limit, the
 * drawdown limit) belong to the risk layer; these only decide when to warn before them.
 */
export const alertThresholdsSchema = z.strictObject({
  /** Warn when the day's loss has used this share of the daily loss limit. */
  dailyLossNearFraction: z.number().min(0.5).max(0.95).default(0.7),
  /** Warn when the drawdown from the high-water mark has used this share of its limit. */
  drawdownNearFraction: z.number().min(0.5).max(0.95).default(0.7),
  /** The person's key rotation period ("every 30–90 days", the safety guide). */
  rotationPeriodDays: z.number().int().min(MIN_ROTATION_PERIOD_DAYS).max(MAX_ROTATION_PERIOD_DAYS).default(90),
  /** A live position may wait this long for its stop to be confirmed before Ballast alerts. */
  unprotectedPositionGraceMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** Some exchanges disable keys without an IP allowlist after about 30 days: warn this many days in. */
  noAllowlistWarnAfterDays: z.number().int().min(1).max(30).default(21),
});

export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = Object.freeze(alertThresholdsSchema.parse({}));
