import { createHash } from 'node:crypto';
import { z } from 'zod';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);

/** Every alert Ballast can raise; the words for each live in messages.ts under the same code. */
export const ALERT_CODES = [
  'DAILY_LOSS_NEAR_LIMIT',
  'DAILY_LOSS_LIMIT_REACHED',
  'DRAWDOWN_NEAR_LIMIT',
  'DRAWDOWN_LIMIT_REACHED',
  'TRADING_STATE_ACTIVE',
  'TRADING_STATE_SAFE_MODE',
  'TRADING_STATE_PAUSED',
  'TRADING_STATE_KILLED',
  'EXCHANGE_ERROR_SPIKE',
  'STALE_FEED',
  'DRIFT_MODERATE',
  'DRIFT_SEVERE',
  'POSITION_WITHOUT_STOP',
  'RECONCILIATION_DIFFERENCES',
  'EXTERNAL_ORDERS_FOUND',
  'ORDER_REJECTED',
  'KEY_CAN_WITHDRAW',
  'KEY_TRADING_DISABLED',
  'KEY_REJECTED_BY_EXCHANGE',
  'KEY_PERMISSIONS_UNREADABLE',
  'KEY_ROTATION_DUE_SOON',
  'KEY_ROTATION_OVERDUE',
  'KEY_EXPIRES_SOON',
  'KEY_WITHOUT_IP_ALLOWLIST_AGING',
  'CAPITAL_LADDER_STEP_READY',
  'CAPITAL_LADDER_STEPPED_UP',
  'CAPITAL_LADDER_STEPPED_DOWN',
  'BALLAST_STOPPED_UNEXPECTEDLY',
  'WEEKLY_REVIEW_READY',
  'CHANNEL_TEST',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];
export const alertCodeSchema = z.enum(ALERT_CODES);

/** Parameters are plain values only, so an alert survives a round trip through SQLite and JSON unchanged. */
export type AlertParamValue = string | number | boolean | null;
export type AlertParams = Readonly<Record<string, AlertParamValue>>;
export const alertParamsSchema = z.record(z.string().max(64), z.union([z.string().max(2_000), z.number(), z.boolean(), z.null()]));

/**
 * What a rule hands to the outbox.
 *
 * `occurrenceKey` names the occurrence, not the alert text: "the daily loss neared its limit on
 * 2024-05-01" is one occurrence however often the rule is evaluated that day, so rules can be
 * run on every tick and across restarts, and the outbox records each occurrence once.
 * `groupKey` is the "subject" that throttling groups by (one email per subject per hour).
 */
export interface AlertDraft {
  readonly code: AlertCode;
  readonly severity: AlertSeverity;
  readonly params: AlertParams;
  readonly occurrenceKey: string;
  readonly groupKey: string;
  /** When the condition was seen, by the bot's clock. */
  readonly atMs: number;
}

/** An alert as the outbox holds it: the draft plus its id and when it was recorded. */
export interface RecordedAlert extends AlertDraft {
  readonly id: string;
  readonly recordedAtMs: number;
}

/**
 * The alert id follows from its occurrence, so recording the same occurrence twice (a rule run
 * again after a restart) lands on the same row, and every channel's dedup key (the email
 * Message-ID, the reference shown in Telegram) is the same in every life of the process.
 */
export function alertIdFor(occurrenceKey: string): string {
  return `al-${createHash('sha256').update(occurrenceKey).digest('hex').slice(0, 24)}`;
}

/** A short reference a person can quote or match by eye ("Ref 3F9C-A1D2"), from the alert id. */
export function alertReference(alertId: string): string {
  const hex = alertId.replace(/^[a-z]+-/, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, critical: 2 };

export function atLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}
