import type { TradingMode } from '../../model/index.ts';
import type { Signal } from '../signal.ts';
import { AdviceAnswer } from './adviceSchema.ts';
import type { AdviceOutcome } from './secondOpinion.ts';

export const LLM_STRATEGY_ID = 'llm-advisor';

export type LlmProposal =
  | { readonly ok: true; readonly signal: Signal }
  | { readonly ok: false; readonly code: 'LLM_PROPOSES_PAPER_ONLY' | 'LLM_NO_VALID_ANSWER' };

export interface LlmProposalContext {
  readonly mode: TradingMode;
  readonly barOpenTimeMs: number;
  readonly closeQuote: number;
}

/**
 * "LLM proposes" mode, paper only: an accepted answer becomes a `Signal` like any strategy's, so
 * the same policy and the same risk gate decide what (if anything) is traded. In live mode it
 * refuses: live needs the advisor's own paper record through the live gate first. A rejected
 * or missing answer proposes nothing.
 */
export function proposeFromAdvice(advice: AdviceOutcome | null | undefined, context: LlmProposalContext): LlmProposal {
  if (context.mode !== 'paper') return { ok: false, code: 'LLM_PROPOSES_PAPER_ONLY' };
  const parsed = advice?.verdict === 'accepted' ? AdviceAnswer.safeParse(advice.signal) : null;
  if (parsed === null || !parsed.success) return { ok: false, code: 'LLM_NO_VALID_ANSWER' };
  const answer = parsed.data;
  return {
    ok: true,
    signal: {
      signalId: `${LLM_STRATEGY_ID}:${answer.symbol}:${String(context.barOpenTimeMs)}`,
      strategyId: LLM_STRATEGY_ID,
      symbol: answer.symbol,
      barOpenTimeMs: context.barOpenTimeMs,
      score: Math.max(-1, Math.min(1, 2 * answer.probabilityUp - 1)),
      confidence: answer.confidence,
      horizonBars: answer.horizonBars,
      stance: answer.stance,
      rationale: answer.rationale,
      features: { probabilityUp: answer.probabilityUp, confidence: answer.confidence },
      invalidationPriceQuote: answer.invalidationPrice,
      closeQuote: context.closeQuote,
    },
  };
}
