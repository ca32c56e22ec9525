import type { DecisionAiView, TradingStateName } from '../../contract/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { Candle } from '../../market/index.ts';
import type { RiskLimits } from '../../risk/index.ts';
import type { Intent, Signal } from '../../signals/index.ts';

/** What a review of one entry may look at: the bars so far, the limits, the state, where to journal. */
export interface EntryReviewContext {
  readonly candles: readonly Candle[];
  readonly limits: RiskLimits;
  readonly tradingState: TradingStateName;
  readonly equityQuote: number;
  readonly openPositions: number;
  readonly positionBase: number;
  readonly journal: Journal;
  readonly atMs: number;
}

/**
 * A review's answer: the entry as it may go on to risk (the same intent, or a smaller copy), or
 * null when it was skipped or vetoed. What each reviewer said is in `ai`, for the feed.
 */
export interface EntryReviewOutcome {
  readonly intent: Intent | null;
  readonly text: string;
  readonly ai: DecisionAiView;
}

/**
 * The step between policy and risk where the trained model and the LLM second opinion look at an
 * entry a rule proposed. They may only skip or shrink it: the session checks that what comes
 * back is the same entry (side, market, id), no larger, and refuses anything else.
 */
export interface EntryReviewer {
  /** Every closed bar, in order (the model's features need the whole stream). */
  onClosedBar(candle: Candle, journal: Journal, atMs: number): void;
  /** Only entries are reviewed; exits and stops never are. Null: nothing to say, the entry goes on unchanged. */
  review(intent: Intent, candle: Candle, context: EntryReviewContext): Promise<EntryReviewOutcome | null>;
}

/**
 * The guard around any reviewer: an answer that would enlarge, flip or swap the entry is refused
 * and the entry skipped (fails closed), so no review can raise risk whatever its code does.
 */
export function acceptReview(original: Intent, reviewed: Intent | null): Intent | null {
  if (reviewed === null) return null;
  const same = reviewed.intentId === original.intentId && reviewed.side === original.side && reviewed.symbol === original.symbol && reviewed.purpose === original.purpose;
  if (!same) return null;
  const notLarger = (after: number | undefined, before: number | undefined): boolean =>
    after === undefined ? before === undefined : Number.isFinite(after) && after > 0 && (before === undefined || after <= before);
  if (!notLarger(reviewed.desiredFractionOfEquity, original.desiredFractionOfEquity)) {
    // A review may add a fraction cap where the rule gave none (that only shrinks); nothing else.
    if (!(original.desiredFractionOfEquity === undefined && reviewed.desiredFractionOfEquity !== undefined && reviewed.desiredFractionOfEquity > 0)) return null;
  }
  if (!notLarger(reviewed.desiredAmountBase, original.desiredAmountBase)) return null;
  if (reviewed.stopPriceQuote !== original.stopPriceQuote || reviewed.limitPriceQuote !== original.limitPriceQuote) return null;
  return reviewed;
}

/**
 * A source of signals that must ask someone each bar, asynchronously: the AI advisor when it
 * proposes trades (paper only). Its signal goes through the same policy, the same reviewer and
 * the same risk gate as a strategy's; null proposes nothing.
 */
export interface SignalProposer {
  propose(candle: Candle, context: EntryReviewContext): Promise<Signal | null>;
}
