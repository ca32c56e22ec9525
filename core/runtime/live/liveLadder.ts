import type { LiveLadderReason, LiveLadderView } from '../../contract/index.ts';
import { roundTrips } from '../../backtest/index.ts';
import type { Fill } from '../../execution/index.ts';
import type { Journal } from '../../journal/index.ts';
import { DEFAULT_LADDER_POLICY, raiseBlockers, raiseFigures, ladderStage, type LadderEvidence, type LadderPolicy, type LadderReason, type LadderState, type RiskLimits } from '../../risk/index.ts';
import { systemPayloads } from './liveShare.ts';

const DAY_MS = 86_400_000;
/** Decision prices of the live bot's orders, to measure how far fills land from them. */
export const DECISION_PRICE_SUBJECT = 'live_decision_price';
/**
 * The most average slippage (fills against the price decided on, in basis points) at which a larger
 * share is still offered: beyond it, larger orders would likely cost more than the record shows.
 */
export const LADDER_SLIPPAGE_LIMIT_BPS = 25;

export interface DecisionPriceRecord {
  readonly event: 'decision_price';
  readonly clientOrderId: string;
  readonly side: 'buy' | 'sell';
  readonly referencePriceQuote: number;
}

export function journalDecisionPrice(journal: Journal, atMs: number, record: Omit<DecisionPriceRecord, 'event'>): void {
  if (!(record.referencePriceQuote > 0) || !Number.isFinite(record.referencePriceQuote)) return;
  journal.append({ atMs, kind: 'system', subject: DECISION_PRICE_SUBJECT, payload: { event: 'decision_price', ...record } });
}

const isDecisionPrice = (value: unknown): value is DecisionPriceRecord => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<DecisionPriceRecord>;
  return record.event === 'decision_price' && typeof record.clientOrderId === 'string' && (record.side === 'buy' || record.side === 'sell') && typeof record.referencePriceQuote === 'number';
};

/**
 * Average slippage of the live fills against the price each order was decided on, in basis
 * points (positive: worse for Ballast), weighted by amount; null when no order with a recorded
 * decision price has filled yet. Protective stops are not decided on a price and do not count.
 */
export function averageSlippageBps(journal: Journal, fills: readonly Fill[]): number | null {
  const decided = new Map<string, DecisionPriceRecord>();
  for (const payload of systemPayloads(journal, DECISION_PRICE_SUBJECT)) if (isDecisionPrice(payload)) decided.set(payload.clientOrderId, payload);
  let weighted = 0;
  let amount = 0;
  for (const fill of fills) {
    const decision = decided.get(fill.clientOrderId);
    if (decision === undefined || !(fill.amountBase > 0)) continue;
    const sign = decision.side === 'buy' ? 1 : -1;
    weighted += ((sign * (fill.priceQuote - decision.referencePriceQuote)) / decision.referencePriceQuote) * 10_000 * fill.amountBase;
    amount += fill.amountBase;
  }
  return amount > 0 ? weighted / amount : null;
}

/** Round trips (flat → position → flat) of Ballast's own fills on one market. */
export function completedRoundTrips(fills: readonly Fill[], symbol: string, quoteAsset: string, amountStepBase: number): number {
  const ordered = fills.filter((fill) => fill.symbol === symbol).sort((a, b) => a.atMs - b.atMs);
  return roundTrips(ordered, quoteAsset, amountStepBase).length;
}

/** A raise is offered in whole units of the quote currency: at most one step up, never above the balance. */
export function suggestedRaiseQuote(state: LadderState, quoteBalanceQuote: number | null, policy: LadderPolicy = DEFAULT_LADDER_POLICY): number {
  const most = state.shareQuote * policy.maxRaiseFactor;
  const capped = quoteBalanceQuote === null ? most : Math.min(most, quoteBalanceQuote);
  const whole = Math.floor(capped);
  return whole > state.shareQuote ? whole : most;
}

/** A ladder reason for the screen, with the currency its amounts are in. */
export const reasonView = (reason: LadderReason, quoteAsset: string): LiveLadderReason => ({ code: reason.code, params: { quoteAsset, ...reason.params } });

export interface LadderViewInput {
  readonly state: LadderState;
  readonly evidence: LadderEvidence | null;
  /** False when the bot does not trade normally (killed, safe mode, not trading): no raise then. */
  readonly trading: boolean;
  readonly newShareQuote: number | undefined;
  readonly limits: RiskLimits;
  readonly policy: LadderPolicy;
}

const raiseTarget = (input: LadderViewInput): number => input.newShareQuote ?? suggestedRaiseQuote(input.state, input.evidence?.quoteBalanceQuote ?? null, input.policy);

/** Every reason the raise to the target is not allowed now (empty: it may be made with the typed phrase). */
export function ladderBlockers(input: LadderViewInput): LadderReason[] {
  const { state, evidence, trading, policy } = input;
  const toQuote = raiseTarget(input);
  const blockers: LadderReason[] = evidence === null ? [{ code: 'LADDER_EVIDENCE_INVALID', params: {} }] : raiseBlockers(state, evidence, policy);
  if (!trading) blockers.unshift({ code: 'LADDER_NOT_TRADING', params: {} });
  if (!(toQuote > state.shareQuote)) blockers.push({ code: 'LADDER_NOT_A_RAISE', params: { fromQuote: state.shareQuote, toQuote, quoteAsset: state.quoteAsset } });
  if (toQuote > state.shareQuote * policy.maxRaiseFactor) blockers.push({ code: 'LADDER_RAISE_TOO_LARGE', params: { toQuote, maxQuote: state.shareQuote * policy.maxRaiseFactor, quoteAsset: state.quoteAsset } });
  if (evidence !== null && !(toQuote <= evidence.quoteBalanceQuote)) blockers.push({ code: 'LADDER_ABOVE_BALANCE', params: { toQuote, balanceQuote: evidence.quoteBalanceQuote.toFixed(2), quoteAsset: state.quoteAsset } });
  return blockers;
}

/** The ladder as the screen shows it: the record measured, the raise with its money at stake, and every blocker. */
export function ladderView(input: LadderViewInput): LiveLadderView {
  const { state, evidence, limits, policy } = input;
  const nowMs = evidence?.nowMs ?? state.liveStartedAtMs;
  const toQuote = raiseTarget(input);
  const blockers = ladderBlockers(input);
  const figures = raiseFigures(state, toQuote, limits, nowMs, policy);
  return {
    available: true,
    quoteAsset: state.quoteAsset,
    shareQuote: state.shareQuote,
    stage: ladderStage(state),
    liveStartedAtMs: state.liveStartedAtMs,
    evidence:
      evidence === null
        ? null
        : {
            daysLive: Math.max(0, (evidence.nowMs - state.liveStartedAtMs) / DAY_MS),
            daysNeeded: policy.minDaysLiveToRaise,
            roundTrips: Math.max(0, evidence.completedRoundTrips - state.roundTripsAtLastStepUp),
            roundTripsNeeded: policy.minRoundTripsToRaise,
            unresolvedFindings: evidence.unresolvedFindings,
            averageSlippageBps: evidence.averageSlippageBps,
            slippageLimitBps: evidence.slippageLimitBps,
            quoteBalanceQuote: Math.max(0, evidence.quoteBalanceQuote),
          },
    raise: {
      allowed: blockers.length === 0,
      blockers: blockers.slice(0, 20).map((reason) => reasonView(reason, state.quoteAsset)),
      fromQuote: figures.fromQuote,
      toQuote: figures.toQuote,
      extraAtStakeQuote: figures.extraAtStakeQuote,
      dailyLossLimitQuote: figures.dailyLossLimitQuote,
      largestEntryQuote: figures.largestEntryQuote,
      confirmationPhrase: figures.confirmationPhrase,
    },
  };
}

export const NO_LADDER_VIEW: LiveLadderView = { available: false, quoteAsset: null, shareQuote: null, stage: 0, liveStartedAtMs: null, evidence: null, raise: null };
