import type { AlertDraft } from '../alert.ts';
import { DEFAULT_ALERT_THRESHOLDS, KEY_REMINDER_DAYS_BEFORE, type AlertThresholds } from './alertThresholds.ts';
import { DAY_MS, daysUntil } from './ruleValues.ts';

/** One stored exchange key, as the keystore summarises it (never the key itself). */
export interface KeyCareInput {
  /** The keystore's id for the record; changes when the key is replaced. */
  readonly keyId: string;
  /** What the person calls it and which exchange: "main (Binance)". */
  readonly label: string;
  readonly exchange: string;
  /** The masked key id shown in the app (`AbCd…wXyZ`), never the key. */
  readonly maskedKeyId: string;
  readonly createdAtMs: number;
  /** When the exchange says the key stops working, where it reports one. */
  readonly expiresAtMs: number | null;
  readonly ipAllowlisted: boolean;
}

function keyParams(key: KeyCareInput): Record<string, string> {
  return { keyLabel: key.label, exchange: key.exchange, maskedKeyId: key.maskedKeyId };
}

/** The reminder due now: the nearest of 14, 7 and 1 days before the rotation date, once each. */
function rotationAlert(key: KeyCareInput, nowMs: number, periodDays: number): AlertDraft | null {
  const dueAtMs = key.createdAtMs + periodDays * DAY_MS;
  const daysLeft = daysUntil(nowMs, dueAtMs);
  const ageDays = Math.max(0, Math.floor((nowMs - key.createdAtMs) / DAY_MS));
  const params = { ...keyParams(key), ageDays, rotationPeriodDays: periodDays, rotateByMs: dueAtMs };
  if (daysLeft <= 0) {
    return { code: 'KEY_ROTATION_OVERDUE', severity: 'warning', params, occurrenceKey: `key-rotation:${key.keyId}:overdue`, groupKey: `key-age:${key.keyId}`, atMs: nowMs };
  }
  // Smallest reminder step that has been reached: Ballast off between day 14 and day 7 sends the 7-day one, not both.
  const step = [...KEY_REMINDER_DAYS_BEFORE].reverse().find((days) => daysLeft <= days);
  if (step === undefined) return null;
  return {
    code: 'KEY_ROTATION_DUE_SOON',
    severity: step === 1 ? 'warning' : 'info',
    params: { ...params, daysLeft },
    occurrenceKey: `key-rotation:${key.keyId}:${step}`,
    groupKey: `key-age:${key.keyId}`,
    atMs: nowMs,
  };
}

function expiryAlert(key: KeyCareInput, nowMs: number): AlertDraft | null {
  if (key.expiresAtMs === null) return null;
  const daysLeft = daysUntil(nowMs, key.expiresAtMs);
  const step = [...KEY_REMINDER_DAYS_BEFORE].reverse().find((days) => daysLeft <= days);
  if (step === undefined) return null;
  return {
    code: 'KEY_EXPIRES_SOON',
    severity: daysLeft <= 1 ? 'critical' : 'warning',
    params: { ...keyParams(key), daysLeft: Math.max(0, daysLeft), expiresAtMs: key.expiresAtMs },
    occurrenceKey: `key-expiry:${key.keyId}:${key.expiresAtMs}:${step}`,
    groupKey: `key-expiry:${key.keyId}`,
    atMs: nowMs,
  };
}

function allowlistAlert(key: KeyCareInput, nowMs: number, warnAfterDays: number): AlertDraft | null {
  if (key.ipAllowlisted) return null;
  const ageDays = Math.floor((nowMs - key.createdAtMs) / DAY_MS);
  if (ageDays < warnAfterDays) return null;
  return {
    code: 'KEY_WITHOUT_IP_ALLOWLIST_AGING',
    severity: 'warning',
    params: { ...keyParams(key), ageDays },
    occurrenceKey: `key-allowlist:${key.keyId}`,
    groupKey: `key-allowlist:${key.keyId}`,
    atMs: nowMs,
  };
}

/**
 * Key care: rotation reminders 14, 7 and 1 days before the person's rotation period ends (30–90
 * days, default 90), an overdue warning after it, the exchange's own expiry date where it
 * reports one, and a warning that some exchanges disable keys without an IP allowlist after about
 * 30 days.
 */
export function keyCareAlerts(keys: readonly KeyCareInput[], nowMs: number, thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS): AlertDraft[] {
  return keys.flatMap((key) =>
    [rotationAlert(key, nowMs, thresholds.rotationPeriodDays), expiryAlert(key, nowMs), allowlistAlert(key, nowMs, thresholds.noAllowlistWarnAfterDays)].filter(
      (alert): alert is AlertDraft => alert !== null,
    ),
  );
}

/** What the periodic permission check found different from the last confirmed reading. */
export interface KeyPermissionChange {
  readonly keyId: string;
  readonly label: string;
  readonly exchange: string;
  readonly maskedKeyId: string;
  /** `withdraw-enabled` kills the bot; the others pause or refuse live mode. */
  readonly change: 'withdraw-enabled' | 'trading-disabled' | 'key-rejected' | 'unreadable';
  readonly atMs: number;
}

const CODE_OF_CHANGE = {
  'withdraw-enabled': 'KEY_CAN_WITHDRAW',
  'trading-disabled': 'KEY_TRADING_DISABLED',
  'key-rejected': 'KEY_REJECTED_BY_EXCHANGE',
  unreadable: 'KEY_PERMISSIONS_UNREADABLE',
} as const;

/** A key that can withdraw, or that stopped working, is critical; one that could not be read this time is a warning. */
export function keyPermissionAlert(change: KeyPermissionChange): AlertDraft {
  return {
    code: CODE_OF_CHANGE[change.change],
    severity: change.change === 'unreadable' ? 'warning' : 'critical',
    params: { keyLabel: change.label, exchange: change.exchange, maskedKeyId: change.maskedKeyId },
    occurrenceKey: `key-permissions:${change.keyId}:${change.change}:${change.atMs}`,
    groupKey: `key-permissions:${change.keyId}`,
    atMs: change.atMs,
  };
}
