import { z } from 'zod';
import type { RiskLimits } from './riskLimits.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first live week trades at half the per-trade limit: a bug or a bad model costs less. */
export interface FirstLivePeriodPolicy {
  readonly reducedDays: number;
  readonly multiplier: number;
}

export const DEFAULT_FIRST_LIVE_PERIOD: FirstLivePeriodPolicy = Object.freeze({ reducedDays: 7, multiplier: 0.5 });

/**
 * The factor to apply to the per-trade limit: `multiplier` from the first live start until
 * `reducedDays` have passed, 1 afterwards. Not started yet, or a clock before the start, means
 * still reduced.
 */
export function firstLiveSizingMultiplier(liveStartedAtMs: number | undefined, nowMs: number, policy: FirstLivePeriodPolicy = DEFAULT_FIRST_LIVE_PERIOD): number {
  if (liveStartedAtMs === undefined || nowMs < liveStartedAtMs) return policy.multiplier;
  return nowMs - liveStartedAtMs >= policy.reducedDays * DAY_MS ? 1 : policy.multiplier;
}

/** When a larger share may be offered, and how much larger. */
export interface LadderPolicy {
  readonly firstLivePeriod: FirstLivePeriodPolicy;
  /** Days since the first live start before any raise is offered (N). */
  readonly minDaysLiveToRaise: number;
  /** Completed round trips (entry and its exit) since the last step before a raise is offered (M). */
  readonly minRoundTripsToRaise: number;
  /** Days between two raises. */
  readonly minDaysBetweenRaises: number;
  /** One raise at most multiplies the share by this. */
  readonly maxRaiseFactor: number;
}

export const DEFAULT_LADDER_POLICY: LadderPolicy = Object.freeze({
  firstLivePeriod: DEFAULT_FIRST_LIVE_PERIOD,
  minDaysLiveToRaise: 14,
  minRoundTripsToRaise: 20,
  minDaysBetweenRaises: 14,
  maxRaiseFactor: 2,
});

/** Where the ladder stands; rebuilt from its journal records with `ladderFromRecords`. */
export interface LadderState {
  readonly shareQuote: number;
  readonly quoteAsset: string;
  readonly liveStartedAtMs: number;
  /** The last raise, or the start. */
  readonly lastStepUpAtMs: number;
  readonly roundTripsAtLastStepUp: number;
  readonly raises: number;
}

/** The record behind each offer: what Ballast measured, not what anyone typed. */
export interface LadderEvidence {
  readonly nowMs: number;
  /** Entries closed by an exit (or a stop) since live trading began. */
  readonly completedRoundTrips: number;
  /** Reconciliation findings nobody has resolved yet (the live check's unexplained ones). */
  readonly unresolvedFindings: number;
  /** Average slippage of live fills against the price decided on, in basis points; null when not measured. */
  readonly averageSlippageBps: number | null;
  readonly slippageLimitBps: number;
  /** The account's total quote balance on the exchange. */
  readonly quoteBalanceQuote: number;
}

export const LADDER_CODES = [
  'LADDER_TOO_EARLY',
  'LADDER_TOO_SOON_AFTER_RAISE',
  'LADDER_TOO_FEW_ROUND_TRIPS',
  'LADDER_UNRESOLVED_FINDINGS',
  'LADDER_SLIPPAGE_UNKNOWN',
  'LADDER_SLIPPAGE_ABOVE_LIMIT',
  'LADDER_EVIDENCE_INVALID',
  'LADDER_NOT_A_RAISE',
  'LADDER_RAISE_TOO_LARGE',
  'LADDER_ABOVE_BALANCE',
  'LADDER_CONFIRMATION_MISMATCH',
  'LADDER_NOT_A_DECREASE',
  'LADDER_AMOUNT_INVALID',
  'LADDER_NOT_TRADING',
] as const;
export type LadderCode = (typeof LADDER_CODES)[number];

export interface LadderReason {
  readonly code: LadderCode;
  readonly params: Readonly<Record<string, number | string>>;
}

export const ladderRecordSchema = z.strictObject({
  kind: z.literal('capital_ladder'),
  event: z.enum(['started', 'raised', 'lowered', 'raise_refused', 'lower_refused']),
  atMs: z.number().int().nonnegative(),
  quoteAsset: z.string().min(1),
  fromQuote: z.number().nonnegative(),
  toQuote: z.number().positive(),
  roundTrips: z.number().int().nonnegative(),
  reasons: z.array(z.strictObject({ code: z.enum(LADDER_CODES), params: z.record(z.string(), z.union([z.number(), z.string()])) })),
});
/** One step of the ladder, ready for the journal (`started`, `raised`, `lowered` and the refusals). */
export type LadderRecord = z.infer<typeof ladderRecordSchema>;

const DAY = (ms: number): number => ms / DAY_MS;
const validAmount = (value: number): boolean => Number.isFinite(value) && value > 0;

/** The first live start: the share as the person set it (stage 1). */
export function startLadder(shareQuote: number, quoteAsset: string, nowMs: number): { readonly ok: true; readonly state: LadderState; readonly record: LadderRecord } | { readonly ok: false; readonly reasons: readonly LadderReason[] } {
  if (!validAmount(shareQuote) || !Number.isSafeInteger(nowMs) || nowMs < 0) return { ok: false, reasons: [{ code: 'LADDER_AMOUNT_INVALID', params: { shareQuote: String(shareQuote) } }] };
  const state: LadderState = { shareQuote, quoteAsset, liveStartedAtMs: nowMs, lastStepUpAtMs: nowMs, roundTripsAtLastStepUp: 0, raises: 0 };
  return { ok: true, state, record: { kind: 'capital_ladder', event: 'started', atMs: nowMs, quoteAsset, fromQuote: 0, toQuote: shareQuote, roundTrips: 0, reasons: [] } };
}

/** Stage 1 is the first live week; each raise is one stage up. */
export function ladderStage(state: LadderState): number {
  return state.raises + 1;
}

/** Entry sizes in the first live week are halved (`firstLiveSizingMultiplier`). */
export function entrySizeMultiplier(state: LadderState, nowMs: number, policy: LadderPolicy = DEFAULT_LADDER_POLICY): number {
  return firstLiveSizingMultiplier(state.liveStartedAtMs, nowMs, policy.firstLivePeriod);
}

/** The risk limits with the per-trade sizes scaled by the ladder's multiplier (never above the limits as set). */
export function limitsForLadder(limits: RiskLimits, multiplier: number): RiskLimits {
  const factor = Number.isFinite(multiplier) ? Math.min(Math.max(multiplier, 0), 1) : 0;
  return { ...limits, perTradeFractionOfEquity: limits.perTradeFractionOfEquity * factor, riskPerTradeFractionOfEquity: limits.riskPerTradeFractionOfEquity * factor };
}

/** Why a raise is not offered now (empty: it may be offered). Every condition is checked; none is skipped. */
export function raiseBlockers(state: LadderState, evidence: LadderEvidence, policy: LadderPolicy = DEFAULT_LADDER_POLICY): LadderReason[] {
  const reasons: LadderReason[] = [];
  const { nowMs, completedRoundTrips, unresolvedFindings, averageSlippageBps, slippageLimitBps } = evidence;
  if (!Number.isFinite(nowMs) || !Number.isSafeInteger(completedRoundTrips) || completedRoundTrips < 0 || !Number.isSafeInteger(unresolvedFindings) || unresolvedFindings < 0 || !Number.isFinite(slippageLimitBps)) {
    return [{ code: 'LADDER_EVIDENCE_INVALID', params: {} }];
  }
  const daysLive = DAY(nowMs - state.liveStartedAtMs);
  if (!(daysLive >= policy.minDaysLiveToRaise)) reasons.push({ code: 'LADDER_TOO_EARLY', params: { daysLive: Math.max(0, Math.floor(daysLive)), daysNeeded: policy.minDaysLiveToRaise } });
  const daysSinceRaise = DAY(nowMs - state.lastStepUpAtMs);
  if (state.raises > 0 && !(daysSinceRaise >= policy.minDaysBetweenRaises)) {
    reasons.push({ code: 'LADDER_TOO_SOON_AFTER_RAISE', params: { daysSinceRaise: Math.max(0, Math.floor(daysSinceRaise)), daysNeeded: policy.minDaysBetweenRaises } });
  }
  const roundTrips = completedRoundTrips - state.roundTripsAtLastStepUp;
  if (!(roundTrips >= policy.minRoundTripsToRaise)) reasons.push({ code: 'LADDER_TOO_FEW_ROUND_TRIPS', params: { roundTrips: Math.max(0, roundTrips), roundTripsNeeded: policy.minRoundTripsToRaise } });
  if (unresolvedFindings !== 0) reasons.push({ code: 'LADDER_UNRESOLVED_FINDINGS', params: { findings: unresolvedFindings } });
  if (averageSlippageBps === null || !Number.isFinite(averageSlippageBps)) reasons.push({ code: 'LADDER_SLIPPAGE_UNKNOWN', params: {} });
  else if (averageSlippageBps > slippageLimitBps) reasons.push({ code: 'LADDER_SLIPPAGE_ABOVE_LIMIT', params: { slippageBps: averageSlippageBps, limitBps: slippageLimitBps } });
  return reasons;
}

/** The words the person must type to raise the share: the new amount, so nobody confirms a number they did not read. */
export function raiseConfirmationPhrase(newShareQuote: number, quoteAsset: string): string {
  return `RAISE TO ${String(newShareQuote)} ${quoteAsset}`;
}

/** What the raise dialog shows: the money at stake, in the quote currency. */
export interface RaiseDialog {
  readonly stage: number;
  readonly fromQuote: number;
  readonly toQuote: number;
  /** How much more of the account Ballast could then lose in the worst case. */
  readonly extraAtStakeQuote: number;
  /** The most one day's losses may reach before new trades stop, at the new share. */
  readonly dailyLossLimitQuote: number;
  /** The largest single entry at the new share (after the first-week halving if it still applies). */
  readonly largestEntryQuote: number;
  readonly confirmationPhrase: string;
}

export type RaiseCheck = { readonly ok: true; readonly dialog: RaiseDialog } | { readonly ok: false; readonly reasons: readonly LadderReason[] };

/** Whether raising to `newShareQuote` may be offered, and the dialog's figures if so. */
export function raiseDialog(state: LadderState, evidence: LadderEvidence, newShareQuote: number, limits: RiskLimits, policy: LadderPolicy = DEFAULT_LADDER_POLICY): RaiseCheck {
  const reasons = raiseBlockers(state, evidence, policy);
  if (!validAmount(newShareQuote)) reasons.push({ code: 'LADDER_AMOUNT_INVALID', params: { shareQuote: String(newShareQuote) } });
  else {
    if (!(newShareQuote > state.shareQuote)) reasons.push({ code: 'LADDER_NOT_A_RAISE', params: { fromQuote: state.shareQuote, toQuote: newShareQuote } });
    if (newShareQuote > state.shareQuote * policy.maxRaiseFactor) reasons.push({ code: 'LADDER_RAISE_TOO_LARGE', params: { toQuote: newShareQuote, maxQuote: state.shareQuote * policy.maxRaiseFactor } });
    if (!(newShareQuote <= evidence.quoteBalanceQuote)) reasons.push({ code: 'LADDER_ABOVE_BALANCE', params: { toQuote: newShareQuote, balanceQuote: String(evidence.quoteBalanceQuote) } });
  }
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, dialog: raiseFigures(state, newShareQuote, limits, evidence.nowMs, policy) };
}

/**
 * The raise dialog's figures for `newShareQuote`, whether or not the raise may be offered now: the
 * person sees the money at stake next to the reasons it is not offered yet.
 */
export function raiseFigures(state: LadderState, newShareQuote: number, limits: RiskLimits, nowMs: number, policy: LadderPolicy = DEFAULT_LADDER_POLICY): RaiseDialog {
  const multiplier = entrySizeMultiplier(state, nowMs, policy);
  return {
    stage: ladderStage(state),
    fromQuote: state.shareQuote,
    toQuote: newShareQuote,
    extraAtStakeQuote: Math.max(0, newShareQuote - state.shareQuote),
    dailyLossLimitQuote: newShareQuote * limits.dailyLossFractionOfEquity,
    largestEntryQuote: newShareQuote * limits.perTradeFractionOfEquity * multiplier,
    confirmationPhrase: raiseConfirmationPhrase(newShareQuote, state.quoteAsset),
  };
}

export type LadderStep = { readonly ok: true; readonly state: LadderState; readonly record: LadderRecord } | { readonly ok: false; readonly reasons: readonly LadderReason[]; readonly record: LadderRecord };

/** Raises the share: every condition of the offer again, and the exact typed phrase. */
export function raiseShare(state: LadderState, evidence: LadderEvidence, request: { readonly newShareQuote: number; readonly typedConfirmation: string }, limits: RiskLimits, policy: LadderPolicy = DEFAULT_LADDER_POLICY): LadderStep {
  const checked = raiseDialog(state, evidence, request.newShareQuote, limits, policy);
  const base = { kind: 'capital_ladder' as const, atMs: Math.max(0, Math.floor(evidence.nowMs)), quoteAsset: state.quoteAsset, fromQuote: state.shareQuote, roundTrips: Math.max(0, Math.floor(evidence.completedRoundTrips) || 0) };
  const toQuote = validAmount(request.newShareQuote) ? request.newShareQuote : state.shareQuote;
  if (!checked.ok) return { ok: false, reasons: checked.reasons, record: { ...base, event: 'raise_refused', toQuote, reasons: [...checked.reasons] } };
  if (request.typedConfirmation !== checked.dialog.confirmationPhrase) {
    const reasons: LadderReason[] = [{ code: 'LADDER_CONFIRMATION_MISMATCH', params: { expected: checked.dialog.confirmationPhrase } }];
    return { ok: false, reasons, record: { ...base, event: 'raise_refused', toQuote, reasons } };
  }
  const next: LadderState = { ...state, shareQuote: request.newShareQuote, lastStepUpAtMs: base.atMs, roundTripsAtLastStepUp: evidence.completedRoundTrips, raises: state.raises + 1 };
  return { ok: true, state: next, record: { ...base, event: 'raised', toQuote: request.newShareQuote, reasons: [] } };
}

/** Lowers the share at once: no condition, no confirmation (less money at risk is always allowed). */
export function lowerShare(state: LadderState, newShareQuote: number, nowMs: number): LadderStep {
  const base = { kind: 'capital_ladder' as const, atMs: Math.max(0, Math.floor(nowMs)), quoteAsset: state.quoteAsset, fromQuote: state.shareQuote, roundTrips: state.roundTripsAtLastStepUp, reasons: [] };
  if (!validAmount(newShareQuote)) {
    const reasons: LadderReason[] = [{ code: 'LADDER_AMOUNT_INVALID', params: { shareQuote: String(newShareQuote) } }];
    return { ok: false, reasons, record: { ...base, event: 'lower_refused', toQuote: state.shareQuote, reasons } };
  }
  if (!(newShareQuote < state.shareQuote)) {
    const reasons: LadderReason[] = [{ code: 'LADDER_NOT_A_DECREASE', params: { fromQuote: state.shareQuote, toQuote: newShareQuote } }];
    return { ok: false, reasons, record: { ...base, event: 'lower_refused', toQuote: newShareQuote, reasons } };
  }
  return { ok: true, state: { ...state, shareQuote: newShareQuote }, record: { ...base, event: 'lowered', toQuote: newShareQuote } };
}

export type LadderReplay = { readonly ok: true; readonly state: LadderState | null } | { readonly ok: false; readonly problem: string };

/**
 * The ladder rebuilt from its journal records, oldest first. Refusals change nothing; a record
 * that does not parse, a raise without a start, or a step from a share other than the current one
 * fails the replay, as does a step no ladder rule allows (the caller then keeps the smallest share
 * it knows, never a larger one).
 */
export function ladderFromRecords(records: readonly unknown[], policy: LadderPolicy = DEFAULT_LADDER_POLICY): LadderReplay {
  let state: LadderState | null = null;
  for (const [index, raw] of records.entries()) {
    const parsed = ladderRecordSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, problem: `record ${index + 1} is not a ladder record: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    const record = parsed.data;
    if (record.event === 'raise_refused' || record.event === 'lower_refused') continue;
    if (record.event === 'started') {
      state = state === null ? { shareQuote: record.toQuote, quoteAsset: record.quoteAsset, liveStartedAtMs: record.atMs, lastStepUpAtMs: record.atMs, roundTripsAtLastStepUp: 0, raises: 0 } : state;
      continue;
    }
    if (state === null) return { ok: false, problem: `record ${index + 1} changes a ladder that never started` };
    if (record.fromQuote !== state.shareQuote) return { ok: false, problem: `record ${index + 1} starts from ${record.fromQuote}, the share was ${state.shareQuote}` };
    const stepFits = record.event === 'raised' ? record.toQuote > record.fromQuote && record.toQuote <= record.fromQuote * policy.maxRaiseFactor : record.toQuote < record.fromQuote;
    if (!stepFits) return { ok: false, problem: `record ${index + 1} ${record.event} the share from ${record.fromQuote} to ${record.toQuote}, which no ladder step allows` };
    state =
      record.event === 'raised'
        ? { ...state, shareQuote: record.toQuote, lastStepUpAtMs: record.atMs, roundTripsAtLastStepUp: record.roundTrips, raises: state.raises + 1 }
        : { ...state, shareQuote: record.toQuote };
  }
  return { ok: true, state };
}
