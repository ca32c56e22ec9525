import { DEFAULT_ROTATION_POLICY, keyAgeDays, rotationStatus } from '../keyAge.ts';
import type { PermissionReadFailureCode, PermissionReport, TriState } from '../permissions/permissionReport.ts';
import type { FindingSeverity, Reason } from './serviceVerdict.ts';

/** What one line of the key check is about, so a screen can group and order them. */
export const KEY_CHECK_TOPICS = ['key', 'read', 'withdraw', 'ip', 'trade', 'futures', 'margin', 'age'] as const;
export type KeyCheckTopic = (typeof KEY_CHECK_TOPICS)[number];

export interface KeyFinding extends Reason {
  readonly topic: KeyCheckTopic;
}

export interface KeyFindingContext {
  readonly nowMs: number;
  /** The addresses the service publishes for its servers, as the person copied them. */
  readonly servicePublishedIps?: readonly string[];
}

const finding = (topic: KeyCheckTopic, severity: FindingSeverity, code: string, params: Reason['params'] = {}): KeyFinding =>
  ({ topic, severity, code, params });

const READ_FAILURE_CODES: Readonly<Record<PermissionReadFailureCode, string>> = {
  TIMEOUT: 'KEY_READ_TIMEOUT',
  NETWORK: 'KEY_READ_NETWORK',
  AUTHENTICATION: 'KEY_READ_REJECTED',
  EXCHANGE_ERROR: 'KEY_READ_EXCHANGE_ERROR',
  UNPARSEABLE: 'KEY_READ_UNPARSEABLE',
  UNSUPPORTED: 'KEY_READ_UNSUPPORTED',
  MALFORMED_CREDENTIALS: 'KEY_READ_MALFORMED',
};

/** When nothing could be read: every question the check answers, marked as not confirmed. */
export function unconfirmedPermissionFindings(): KeyFinding[] {
  return [
    finding('withdraw', 'not_confirmed', 'KEY_WITHDRAW_NOT_CONFIRMED'),
    finding('ip', 'not_confirmed', 'KEY_IP_NOT_CONFIRMED'),
    finding('futures', 'not_confirmed', 'KEY_FUTURES_NOT_CONFIRMED'),
    finding('margin', 'not_confirmed', 'KEY_MARGIN_NOT_CONFIRMED'),
  ];
}

function triStateFinding(
  topic: KeyCheckTopic,
  value: TriState,
  codes: { readonly yes: [FindingSeverity, string]; readonly no: [FindingSeverity, string]; readonly unknown: string },
): KeyFinding {
  if (value === true) return finding(topic, codes.yes[0], codes.yes[1]);
  if (value === false) return finding(topic, codes.no[0], codes.no[1]);
  return finding(topic, 'not_confirmed', codes.unknown);
}

const normaliseIp = (ip: string): string => ip.trim().toLowerCase();

function ipFindings(report: PermissionReport, published: readonly string[]): KeyFinding[] {
  if (report.ipRestricted === 'unknown') return [finding('ip', 'not_confirmed', 'KEY_IP_NOT_CONFIRMED')];
  if (!report.ipRestricted) return [finding('ip', 'caution', 'KEY_IP_NOT_RESTRICTED')];
  const list = report.ipAllowlist;
  if (list === undefined || list.length === 0) {
    // Binance says only whether a key is restricted, not to which addresses.
    return published.length > 0
      ? [finding('ip', 'not_confirmed', 'KEY_IP_RESTRICTED_LIST_NOT_REPORTED_COMPARE')]
      : [finding('ip', 'green', 'KEY_IP_RESTRICTED_LIST_NOT_REPORTED')];
  }
  const addresses = list.join(', ');
  const out = [finding('ip', 'green', 'KEY_IP_RESTRICTED_TO', { addresses, count: list.length })];
  if (published.length === 0) return out;
  const publishedSet = new Set(published.map(normaliseIp));
  const unpublished = list.filter((ip) => !publishedSet.has(normaliseIp(ip)));
  out.push(
    unpublished.length === 0
      ? finding('ip', 'green', 'KEY_IP_MATCHES_SERVICE')
      : finding('ip', 'caution', 'KEY_IP_NOT_PUBLISHED_BY_SERVICE', { addresses: unpublished.join(', '), count: unpublished.length }),
  );
  return out;
}

function ageFindings(report: PermissionReport, nowMs: number): KeyFinding[] {
  const out: KeyFinding[] = [];
  if (report.keyCreatedAtMs === undefined) {
    out.push(finding('age', 'info', 'KEY_AGE_NOT_REPORTED'));
  } else {
    const ageDays = keyAgeDays(report.keyCreatedAtMs, nowMs);
    const old = rotationStatus(ageDays) === 'rotate-now';
    out.push(old
      ? finding('age', 'caution', 'KEY_AGE_OLD', { ageDays, createdAtMs: report.keyCreatedAtMs, limitDays: DEFAULT_ROTATION_POLICY.limitDays })
      : finding('age', 'info', 'KEY_AGE', { ageDays, createdAtMs: report.keyCreatedAtMs }));
  }
  if (report.keyExpiresAtMs !== undefined) out.push(finding('age', 'info', 'KEY_EXPIRES', { expiresAtMs: report.keyExpiresAtMs }));
  return out;
}

/**
 * The key check for a service, read from the permission report the exchange itself gave. Only an
 * explicit answer counts: a permission the exchange did not report is "not confirmed", never fine.
 */
export function keyFindingsFrom(report: PermissionReport, context: KeyFindingContext): KeyFinding[] {
  if (report.readFailure !== undefined) {
    return [finding('read', 'not_confirmed', READ_FAILURE_CODES[report.readFailure.code]), ...unconfirmedPermissionFindings()];
  }
  const published = (context.servicePublishedIps ?? []).map(normaliseIp).filter((ip) => ip.length > 0);
  return [
    triStateFinding('withdraw', report.canWithdraw, {
      yes: ['red_flag', 'KEY_CAN_WITHDRAW'], no: ['green', 'KEY_CANNOT_WITHDRAW'], unknown: 'KEY_WITHDRAW_NOT_CONFIRMED',
    }),
    ...ipFindings(report, published),
    triStateFinding('trade', report.canTrade, {
      yes: ['info', 'KEY_CAN_TRADE'], no: ['info', 'KEY_CANNOT_TRADE'], unknown: 'KEY_TRADE_NOT_CONFIRMED',
    }),
    triStateFinding('futures', report.futuresEnabled, {
      yes: ['caution', 'KEY_CAN_TRADE_FUTURES'], no: ['green', 'KEY_CANNOT_TRADE_FUTURES'], unknown: 'KEY_FUTURES_NOT_CONFIRMED',
    }),
    triStateFinding('margin', report.marginEnabled, {
      yes: ['caution', 'KEY_CAN_TRADE_MARGIN'], no: ['green', 'KEY_CANNOT_TRADE_MARGIN'], unknown: 'KEY_MARGIN_NOT_CONFIRMED',
    }),
    ...ageFindings(report, context.nowMs),
  ];
}

/** Every code a key check can produce, for the message catalogue's completeness test. */
export const KEY_CHECK_CODES: readonly string[] = [
  ...Object.values(READ_FAILURE_CODES),
  'KEY_READ_FAILED', 'KEY_EXCHANGE_NOT_SUPPORTED', 'KEY_PASTE_NOT_UNDERSTOOD',
  ...['API_KEY', 'SECRET', 'PASSPHRASE'].flatMap((field) => ['BLANK', 'TOO_LONG', 'CHARACTERS'].map((problem) => `KEY_MALFORMED_${field}_${problem}`)),
  'KEY_MALFORMED_COINBASE_SECRET', 'KEY_MALFORMED_KRAKEN_SECRET', 'KEY_MALFORMED_PASSPHRASE_MISSING',
  'KEY_CAN_WITHDRAW', 'KEY_CANNOT_WITHDRAW', 'KEY_WITHDRAW_NOT_CONFIRMED',
  'KEY_IP_NOT_CONFIRMED', 'KEY_IP_NOT_RESTRICTED', 'KEY_IP_RESTRICTED_LIST_NOT_REPORTED',
  'KEY_IP_RESTRICTED_LIST_NOT_REPORTED_COMPARE', 'KEY_IP_RESTRICTED_TO', 'KEY_IP_MATCHES_SERVICE', 'KEY_IP_NOT_PUBLISHED_BY_SERVICE',
  'KEY_CAN_TRADE', 'KEY_CANNOT_TRADE', 'KEY_TRADE_NOT_CONFIRMED',
  'KEY_CAN_TRADE_FUTURES', 'KEY_CANNOT_TRADE_FUTURES', 'KEY_FUTURES_NOT_CONFIRMED',
  'KEY_CAN_TRADE_MARGIN', 'KEY_CANNOT_TRADE_MARGIN', 'KEY_MARGIN_NOT_CONFIRMED',
  'KEY_AGE', 'KEY_AGE_OLD', 'KEY_AGE_NOT_REPORTED', 'KEY_EXPIRES',
];
