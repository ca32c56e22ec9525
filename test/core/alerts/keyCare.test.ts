import { describe, expect, it } from 'vitest';
import { alertThresholdsSchema, keyCareAlerts, type KeyCareInput } from '../../../core/alerts/index.ts';

const DAY = 86_400_000;
const CREATED = Date.UTC(2024, 0, 1);
const key: KeyCareInput = { keyId: 'k1', label: 'main', exchange: 'Binance', maskedKeyId: 'AbCd…wXyZ', createdAtMs: CREATED, expiresAtMs: null, ipAllowlisted: true };

/** Codes and occurrence keys of the key-care alerts `dayAfterCreation` days (plus `extraMs`) after the key was made. */
function onDay(dayAfterCreation: number, input: KeyCareInput = key, rotationPeriodDays = 90, extraMs = 0) {
  return keyCareAlerts([input], CREATED + dayAfterCreation * DAY + extraMs, alertThresholdsSchema.parse({ rotationPeriodDays }));
}

describe('key rotation reminders', () => {
  it('reminds 14, 7 and 1 days before the default 90-day period ends, and nothing earlier', () => {
    // Due on day 90. Day 75 → 15 days left: nothing. Day 76 → 14 left.
    expect(onDay(75)).toEqual([]);
    expect(onDay(76)[0]).toMatchObject({ code: 'KEY_ROTATION_DUE_SOON', severity: 'info', occurrenceKey: 'key-rotation:k1:14', params: { daysLeft: 14, ageDays: 76 } });
    // Day 80 → 10 left: still the 14-day reminder (the same occurrence, recorded once).
    expect(onDay(80)[0]?.occurrenceKey).toBe('key-rotation:k1:14');
    expect(onDay(83)[0]).toMatchObject({ occurrenceKey: 'key-rotation:k1:7', params: { daysLeft: 7 } });
    expect(onDay(89)[0]).toMatchObject({ occurrenceKey: 'key-rotation:k1:1', severity: 'warning', params: { daysLeft: 1 } });
    expect(onDay(90)[0]).toMatchObject({ code: 'KEY_ROTATION_OVERDUE', occurrenceKey: 'key-rotation:k1:overdue' });
  });

  it('counts part of a day as a day left, so "1 day" is never said with two left', () => {
    // 88.5 days in: 1.5 days left → rounds up to 2 → the 7-day reminder, not the 1-day one.
    expect(onDay(88, key, 90, DAY / 2)[0]?.occurrenceKey).toBe('key-rotation:k1:7');
  });

  it('follows the person\'s rotation period between 30 and 90 days', () => {
    // 30-day period: due on day 30; day 16 → 14 days left.
    expect(onDay(16, key, 30)[0]?.occurrenceKey).toBe('key-rotation:k1:14');
    expect(alertThresholdsSchema.safeParse({ rotationPeriodDays: 29 }).success).toBe(false);
    expect(alertThresholdsSchema.safeParse({ rotationPeriodDays: 91 }).success).toBe(false);
  });

  it('sends the nearest reminder only, when Ballast was off at the earlier ones', () => {
    // Off from day 70 to day 85: on day 85 (5 left) only the 7-day reminder is due.
    const alerts = onDay(85);
    expect(alerts.map((alert) => alert.occurrenceKey)).toEqual(['key-rotation:k1:7']);
  });
});

describe('key expiry and allowlist', () => {
  it('warns before the exchange\'s own expiry date, critical on the last day', () => {
    const expiring = { ...key, expiresAtMs: CREATED + 40 * DAY };
    expect(onDay(30, expiring).find((alert) => alert.code === 'KEY_EXPIRES_SOON')).toMatchObject({ severity: 'warning', params: { daysLeft: 10 } });
    expect(onDay(39, expiring).find((alert) => alert.code === 'KEY_EXPIRES_SOON')?.severity).toBe('critical');
  });

  it('warns that a key without an IP allowlist may be disabled after about 30 days', () => {
    const open = { ...key, ipAllowlisted: false };
    expect(onDay(20, open)).toEqual([]);
    expect(onDay(21, open)[0]).toMatchObject({ code: 'KEY_WITHOUT_IP_ALLOWLIST_AGING', params: { ageDays: 21 } });
  });
});
