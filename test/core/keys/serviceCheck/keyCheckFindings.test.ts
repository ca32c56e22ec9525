import { describe, expect, it } from 'vitest';
import { unreadableReport, type PermissionReport } from '../../../../core/keys/index.ts';
import { englishTranslate, keyFindingsFrom, verdictFromSeverities } from '../../../../core/keys/serviceCheck/index.ts';

const NOW_MS = Date.UTC(2026, 2, 18, 12);
const DAY_MS = 86_400_000;

const report = (changes: Partial<PermissionReport> = {}): PermissionReport => ({
  exchange: 'kraken', endpoint: 'POST /0/private/GetApiKeyInfo', checkedAtMs: NOW_MS,
  canWithdraw: false, canTrade: true, marginEnabled: false, futuresEnabled: false, ipRestricted: true,
  ipAllowlist: ['203.0.113.7'], problems: [], fieldsConsulted: [], ...changes,
});
const t = englishTranslate({ timeZone: 'UTC' });
const codesOf = (r: PermissionReport, published?: string[]) =>
  keyFindingsFrom(r, { nowMs: NOW_MS, ...(published === undefined ? {} : { servicePublishedIps: published }) }).map((f) => f.code);

describe('key check findings from the exchange’s permission report', () => {
  it('turns every read failure into its own code, with every question left unconfirmed', () => {
    for (const [failure, code] of [
      ['TIMEOUT', 'KEY_READ_TIMEOUT'], ['NETWORK', 'KEY_READ_NETWORK'], ['AUTHENTICATION', 'KEY_READ_REJECTED'],
      ['EXCHANGE_ERROR', 'KEY_READ_EXCHANGE_ERROR'], ['UNPARSEABLE', 'KEY_READ_UNPARSEABLE'], ['UNSUPPORTED', 'KEY_READ_UNSUPPORTED'],
    ] as const) {
      const unreadable = unreadableReport({ exchange: 'okx', endpoint: 'GET /x', checkedAtMs: NOW_MS, code: failure, problem: 'p', detail: 'd' });
      const findings = keyFindingsFrom(unreadable, { nowMs: NOW_MS });
      expect(findings.map((f) => f.code)).toEqual([code, 'KEY_WITHDRAW_NOT_CONFIRMED', 'KEY_IP_NOT_CONFIRMED', 'KEY_FUTURES_NOT_CONFIRMED', 'KEY_MARGIN_NOT_CONFIRMED']);
      expect(verdictFromSeverities(findings.map((f) => f.severity))).toBe('could_not_confirm');
    }
  });

  it('treats an "unknown" from the exchange as not confirmed, never as fine', () => {
    const findings = keyFindingsFrom(report({ canWithdraw: 'unknown', futuresEnabled: 'unknown' }), { nowMs: NOW_MS });
    expect(findings.filter((f) => f.severity === 'not_confirmed').map((f) => f.code)).toEqual(['KEY_WITHDRAW_NOT_CONFIRMED', 'KEY_FUTURES_NOT_CONFIRMED']);
    expect(findings.some((f) => f.code === 'KEY_CANNOT_WITHDRAW')).toBe(false);
  });

  it('compares the key’s addresses with the service’s, ignoring case and surrounding blanks', () => {
    const ipv6 = report({ ipAllowlist: ['2001:DB8::1', '203.0.113.7'] });
    expect(codesOf(ipv6, ['2001:db8::1 ', '203.0.113.7'])).toContain('KEY_IP_MATCHES_SERVICE');
    expect(codesOf(ipv6, ['203.0.113.7'])).toContain('KEY_IP_NOT_PUBLISHED_BY_SERVICE');
    // Blank entries the person left in the list do not count as published addresses.
    expect(codesOf(ipv6, ['', '  '])).not.toContain('KEY_IP_NOT_PUBLISHED_BY_SERVICE');
  });

  it('says the age in whole days and flags keys past the 90-day rotation limit', () => {
    // 90 days and 1 ms old: floor(90.00000001) = 90 ≥ 90 → replace now.
    const old = keyFindingsFrom(report({ keyCreatedAtMs: NOW_MS - 90 * DAY_MS - 1 }), { nowMs: NOW_MS }).find((f) => f.topic === 'age');
    expect(old).toMatchObject({ code: 'KEY_AGE_OLD', severity: 'caution', params: { ageDays: 90 } });
    // 89 days and 23 hours: floor(89.96) = 89 → still fine.
    const young = keyFindingsFrom(report({ keyCreatedAtMs: NOW_MS - 90 * DAY_MS + 3_600_000 }), { nowMs: NOW_MS }).find((f) => f.topic === 'age');
    expect(young).toMatchObject({ code: 'KEY_AGE', severity: 'info', params: { ageDays: 89 } });
    expect(codesOf(report())).toContain('KEY_AGE_NOT_REPORTED');
    expect(codesOf(report({ keyExpiresAtMs: NOW_MS + DAY_MS }))).toContain('KEY_EXPIRES');
  });

  it('words every finding without a missing parameter', () => {
    const variants: PermissionReport[] = [
      report(), report({ canWithdraw: true, canTrade: false, futuresEnabled: true, marginEnabled: true, ipRestricted: false }),
      report({ canWithdraw: 'unknown', canTrade: 'unknown', futuresEnabled: 'unknown', marginEnabled: 'unknown', ipRestricted: 'unknown' }),
      report({ ipAllowlist: undefined, keyCreatedAtMs: NOW_MS - 400 * DAY_MS, keyExpiresAtMs: NOW_MS + DAY_MS }),
      report({ keyCreatedAtMs: NOW_MS - 2 * DAY_MS }),
    ];
    const words = variants.flatMap((r) => [undefined, ['203.0.113.9']].flatMap((published) =>
      keyFindingsFrom(r, { nowMs: NOW_MS, ...(published === undefined ? {} : { servicePublishedIps: published }) }).map((f) => t(f.code, f.params))));
    expect(words.length).toBeGreaterThan(40);
    expect(words.filter((w) => w.includes('{{') || w.startsWith('KEY_'))).toEqual([]);
    expect(words).toContain('This key was created on March 16, 2026 at 12:00 PM UTC, 2 days ago.');
  });
});
