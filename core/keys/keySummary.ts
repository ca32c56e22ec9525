import type { ExchangeId, KeyEnvironment } from './exchangeId.ts';
import type { IpAllowlistDecision, StoredKeyRecord } from './keyRecord.ts';
import { keyAgeDays, rotationStatus, type RotationPolicy, type RotationStatus } from './keyAge.ts';
import { withdrawVerdict, type TriState } from './permissions/permissionReport.ts';

export interface PermissionsSummary {
  readonly checkedAtMs: number;
  /** True only when the exchange reported withdrawals explicitly off. */
  readonly withdrawOff: boolean;
  readonly canWithdraw: TriState;
  readonly canTrade: TriState;
  readonly marginEnabled: TriState;
  readonly futuresEnabled: TriState;
  readonly ipRestricted: TriState;
  readonly ipAllowlist?: readonly string[];
  /** When the exchange says the key stops working (Binance: trading switched off), where it reports one. */
  readonly keyExpiresAtMs?: number;
  readonly problems: readonly string[];
}

/** Everything the screen may know about a saved key. No credential, not even encrypted. */
export interface KeySummary {
  readonly id: string;
  readonly exchange: ExchangeId;
  readonly environment: KeyEnvironment;
  readonly label: string;
  readonly maskedKeyId: string;
  readonly savedAtMs: number;
  /** As reported by the exchange, when it reports it. */
  readonly keyCreatedAtMs?: number;
  readonly verifiedAtMs?: number;
  /** Days since the key was created (exchange's date) or, failing that, saved. */
  readonly ageDays: number;
  /** Days until the exchange's own end date for the key (negative once past), where it reports one. */
  readonly expiresInDays?: number;
  readonly rotation: RotationStatus;
  readonly cipherBackend: string;
  readonly permissions?: PermissionsSummary;
  readonly ipAllowlistDecision?: IpAllowlistDecision;
}

export function summarise(record: StoredKeyRecord, nowMs: number, policy: RotationPolicy): KeySummary {
  const report = record.lastPermissionReport;
  const createdAtMs = report?.keyCreatedAtMs ?? record.savedAtMs;
  const ageDays = keyAgeDays(createdAtMs, nowMs);
  const summary: KeySummary = {
    id: record.id,
    exchange: record.exchange,
    environment: record.environment,
    label: record.label,
    maskedKeyId: record.maskedKeyId,
    savedAtMs: record.savedAtMs,
    ageDays,
    rotation: rotationStatus(ageDays, policy),
    cipherBackend: record.cipherBackend,
    ...(report?.keyCreatedAtMs === undefined ? {} : { keyCreatedAtMs: report.keyCreatedAtMs }),
    ...(record.verifiedAtMs === undefined ? {} : { verifiedAtMs: record.verifiedAtMs }),
    ...(record.ipAllowlistDecision === undefined ? {} : { ipAllowlistDecision: record.ipAllowlistDecision }),
  };
  if (report === undefined) return summary;
  return {
    ...summary,
    ...(report.keyExpiresAtMs === undefined ? {} : { expiresInDays: Math.floor((report.keyExpiresAtMs - nowMs) / 86_400_000) }),
    permissions: {
      checkedAtMs: report.checkedAtMs,
      withdrawOff: withdrawVerdict(report).accepted,
      canWithdraw: report.canWithdraw,
      canTrade: report.canTrade,
      marginEnabled: report.marginEnabled,
      futuresEnabled: report.futuresEnabled,
      ipRestricted: report.ipRestricted,
      ...(report.ipAllowlist === undefined ? {} : { ipAllowlist: report.ipAllowlist }),
      ...(report.keyExpiresAtMs === undefined ? {} : { keyExpiresAtMs: report.keyExpiresAtMs }),
      problems: report.problems,
    },
  };
}
