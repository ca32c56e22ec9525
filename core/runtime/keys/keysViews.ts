import type {
  GateItemView, KeyCheckView, KeyPermissionsView, KeyStorageState, KeyVerdict, KeyView, LiveGateView,
} from '../../contract/index.ts';
import {
  LIVE_CONFIRMATION_PHRASE, withdrawVerdict,
  type KeySummary, type LiveGateResult, type PermissionReport, type PermissionsSummary,
} from '../../keys/index.ts';

/**
 * Maps from the keys layer's types to what the screen may see. Every field is copied by name,
 * never spread, so a field added to a keys type later does not reach the page by accident.
 */

function permissionsFrom(source: PermissionsSummary | PermissionReport, withdrawOff: boolean): KeyPermissionsView {
  const view: KeyPermissionsView = {
    checkedAtMs: source.checkedAtMs,
    withdrawOff,
    canWithdraw: source.canWithdraw,
    canTrade: source.canTrade,
    marginEnabled: source.marginEnabled,
    futuresEnabled: source.futuresEnabled,
    ipRestricted: source.ipRestricted,
    problems: [...source.problems],
  };
  if (source.ipAllowlist !== undefined) view.ipAllowlist = [...source.ipAllowlist];
  if (source.keyExpiresAtMs !== undefined) view.keyExpiresAtMs = source.keyExpiresAtMs;
  return view;
}

export function keyView(summary: KeySummary, storage: KeyStorageState, inLiveUse: boolean): KeyView {
  const view: KeyView = {
    id: summary.id,
    exchange: summary.exchange,
    environment: summary.environment,
    label: summary.label,
    maskedKeyId: summary.maskedKeyId,
    savedAtMs: summary.savedAtMs,
    ageDays: summary.ageDays,
    rotation: summary.rotation,
    cipherBackend: summary.cipherBackend,
    storage,
    inLiveUse,
  };
  if (summary.keyCreatedAtMs !== undefined) view.keyCreatedAtMs = summary.keyCreatedAtMs;
  if (summary.verifiedAtMs !== undefined) view.verifiedAtMs = summary.verifiedAtMs;
  if (summary.expiresInDays !== undefined) view.expiresInDays = summary.expiresInDays;
  if (summary.permissions !== undefined) view.permissions = permissionsFrom(summary.permissions, summary.permissions.withdrawOff);
  if (summary.ipAllowlistDecision !== undefined) {
    view.ipAllowlistDecision = { choice: summary.ipAllowlistDecision.choice, decidedAtMs: summary.ipAllowlistDecision.decidedAtMs, source: summary.ipAllowlistDecision.source ?? 'person' };
  }
  return view;
}

export function verdictOf(report: PermissionReport): KeyVerdict {
  if (report.canWithdraw === false) return 'safe';
  return report.canWithdraw === true ? 'can-withdraw' : 'unknown';
}

export function keyCheckView(report: PermissionReport): KeyCheckView {
  const verdict = withdrawVerdict(report);
  const view: KeyCheckView = {
    verdict: verdictOf(report),
    reason: verdict.reason,
    fix: verdict.fix,
    permissions: permissionsFrom(report, verdict.accepted),
    endpoint: report.endpoint,
  };
  // The detail was redacted by the keys layer (credentials, query strings, bearer tokens).
  if (report.readFailure !== undefined) view.technicalDetail = `${report.readFailure.code}: ${report.readFailure.detail}`;
  return view;
}

/** `watchedStops`: the key's exchange holds no stop orders for Ballast, so the person must accept that warning. */
export function liveGateView(keyId: string, result: LiveGateResult, watchedStops = false): LiveGateView {
  const items: GateItemView[] = result.items.map((item) => ({ id: item.id, status: item.status, reason: item.reason, fix: item.fix }));
  const report = result.permissionReport;
  const leverageUnknown = report !== undefined && report.readFailure === undefined && report.futuresEnabled !== true && report.marginEnabled !== true &&
    (report.futuresEnabled === 'unknown' || report.marginEnabled === 'unknown');
  return { keyId, allowed: result.allowed, items, evaluatedAtMs: result.evaluatedAtMs, confirmationPhrase: LIVE_CONFIRMATION_PHRASE, canConfirmSpotOnly: leverageUnknown, mustAcceptWatchedStops: watchedStops };
}
