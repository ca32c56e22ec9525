import { KeysError } from './keysError.ts';
import { DEFAULT_ROTATION_POLICY, type RotationPolicy } from './keyAge.ts';
import type { PermissionReport } from './permissions/permissionReport.ts';
import {
  aiModelItem, confirmationItem, exchangeStopsItem, keyAgeItem, paperRecordItem, permissionItems, riskLimitsItem, unreadablePermissionItems,
  type AiModelGateInput, type ExchangeStopsGateInput, type GateItem, type PaperRecordSummary,
} from './liveGateItems.ts';

/** What the person must type, word for word, to start live trading. */
export const LIVE_CONFIRMATION_PHRASE = 'I understand Ballast will trade with real money';

/** Reads the key's permissions from the exchange now; never a cached report. */
export type PermissionReader = () => Promise<PermissionReport>;

export interface LiveGatePolicy {
  readonly rotation: RotationPolicy;
  readonly paperMinDays: number;
  readonly paperMinTrades: number;
  /** A report older than this is treated as not re-read, whatever the reader returned. */
  readonly maxPermissionAgeMs: number;
}

export const DEFAULT_LIVE_GATE_POLICY: LiveGatePolicy = Object.freeze({
  rotation: DEFAULT_ROTATION_POLICY,
  paperMinDays: 7,
  paperMinTrades: 20,
  maxPermissionAgeMs: 60_000,
});

export interface LiveGateInputs {
  readonly strategyId: string;
  /** The strategy's name as the person knows it, for the paper-record item. */
  readonly strategyName?: string;
  readonly readPermissions: PermissionReader;
  readonly nowMs: number;
  /** When the key was created (the exchange's date) or, if unknown, saved in Ballast. */
  readonly keyCreatedAtMs: number;
  readonly riskLimits: { readonly configured: boolean; readonly missing?: readonly string[] };
  readonly typedConfirmation: string;
  /** The person confirms a spot-only key, for exchanges that cannot tell futures or margin (see `permissionItems`). */
  readonly spotOnlyConfirmed?: boolean;
  readonly paperRecord: PaperRecordSummary | undefined;
  /** Set when the strategy may run on paper only (the AI's own strategies): the paper-record item then fails with these words. */
  readonly paperOnly?: { readonly reason: string; readonly fix: string };
  /** Present only when a trained model filters the strategy's entries: then it must be usable live. */
  readonly aiModel?: AiModelGateInput;
  /** Whether the exchange holds protective stops; where it does not, the person must accept that (see `exchangeStopsItem`). */
  readonly exchangeStops?: ExchangeStopsGateInput;
  readonly policy?: Partial<LiveGatePolicy>;
}

export interface LiveGateResult {
  /** True only if every item passed. */
  readonly allowed: boolean;
  readonly items: readonly GateItem[];
  readonly evaluatedAtMs: number;
  readonly permissionReport?: PermissionReport;
}

async function freshReport(
  read: PermissionReader,
  nowMs: number,
  maxAgeMs: number,
): Promise<{ report: PermissionReport } | { failure: string }> {
  let report: PermissionReport;
  try {
    report = await read();
  } catch (error) {
    // Only our own errors are known to carry plain, secret-free messages.
    return { failure: error instanceof KeysError ? error.message : 'Ballast could not read the key\'s permissions from the exchange just now.' };
  }
  if (report.checkedAtMs < nowMs - maxAgeMs || report.checkedAtMs > nowMs + maxAgeMs) {
    return { failure: 'The permission check is not from just now, so Ballast cannot rely on it.' };
  }
  return { report };
}

/**
 * Decides whether live trading may start. Re-reads the key's permissions from the exchange
 * (through `readPermissions`) and checks every condition; each becomes a checklist item with
 * a plain reason and fix, and live trading is allowed only when all of them pass.
 */
export async function evaluateLiveGate(inputs: LiveGateInputs): Promise<LiveGateResult> {
  const policy = { ...DEFAULT_LIVE_GATE_POLICY, ...inputs.policy };
  const read = await freshReport(inputs.readPermissions, inputs.nowMs, policy.maxPermissionAgeMs);
  const report = 'report' in read ? read.report : undefined;
  const createdAtMs = Math.min(inputs.keyCreatedAtMs, report?.keyCreatedAtMs ?? Number.POSITIVE_INFINITY);
  const items: GateItem[] = [
    ...('report' in read ? permissionItems(read.report, inputs.spotOnlyConfirmed === true) : unreadablePermissionItems(read.failure)),
    riskLimitsItem(inputs.riskLimits),
    keyAgeItem(createdAtMs, inputs.nowMs, policy.rotation),
    confirmationItem(inputs.typedConfirmation, LIVE_CONFIRMATION_PHRASE),
    inputs.paperOnly === undefined
      ? paperRecordItem({ id: inputs.strategyId, name: inputs.strategyName ?? 'This strategy' }, inputs.paperRecord, { days: policy.paperMinDays, trades: policy.paperMinTrades })
      : { id: 'paper-record', status: 'fail', reason: inputs.paperOnly.reason, fix: inputs.paperOnly.fix },
    ...(inputs.aiModel === undefined ? [] : [aiModelItem(inputs.aiModel)]),
    ...(inputs.exchangeStops === undefined ? [] : [exchangeStopsItem(inputs.exchangeStops)]),
  ];
  const result: LiveGateResult = {
    allowed: items.every((item) => item.status === 'pass'),
    items,
    evaluatedAtMs: inputs.nowMs,
  };
  return report === undefined ? result : { ...result, permissionReport: report };
}
