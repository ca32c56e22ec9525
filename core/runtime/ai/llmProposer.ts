import type { Candle, Timeframe } from '../../market/index.ts';
import { ATR, type Strategy, type StrategyReading } from '../../signals/index.ts';
import { BRIEF_ATR_PERIOD, LLM_STRATEGY_ID, proposeFromAdvice, type AdviceRecord, type LlmAdvisor } from '../../signals/llm/index.ts';
import type { SignalProposer } from '../paper/entryReview.ts';
import { adviceInputFor } from './aiEntryReviewer.ts';

/**
 * The strategy side of "LLM proposes": it never signals by itself (the advisor's accepted answers
 * are the signals); it keeps the average true range the risk layer's market view needs.
 */
export function createLlmProposesStrategy(): Strategy {
  const atr = new ATR(BRIEF_ATR_PERIOD);
  return {
    description: {
      id: LLM_STRATEGY_ID,
      name: 'AI advisor proposes (paper only)',
      summary:
        'Each bar the AI advisor is asked for its view; an answer that passes every check may propose a buy (with a stop where the advisor says it is wrong) or a sale. ' +
        'Paper trading only: its stated confidence is not calibrated, and your risk limits size or refuse every order.',
      parameters: {},
      overlays: [],
      warmUpBars: 0,
    },
    update(candle: Candle): StrategyReading {
      const value = atr.update(candle.high, candle.low, candle.close) ?? null;
      return {
        score: undefined,
        confidence: 0,
        stance: 'neutral',
        features: {},
        overlayValues: [],
        stopDistanceQuote: Number.NaN,
        atrQuote: value,
        rationale: 'The AI advisor is asked about each bar.',
      };
    },
  };
}

export interface LlmProposerOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly advisor: LlmAdvisor;
  readonly onLlmCall: (record: AdviceRecord) => void;
}

/**
 * Asks the advisor once per bar; its record (every call, accepted or rejected, with the
 * validator's reasons) goes to the run's journal. Only an accepted answer becomes a signal,
 * through `proposeFromAdvice`, which is built for paper only: this proposer is handed to paper
 * runs alone, and the live bot has no way to take one.
 */
export function createLlmProposer(options: LlmProposerOptions): SignalProposer {
  return {
    async propose(candle, context) {
      const record = await options.advisor.advise(adviceInputFor(options.symbol, options.timeframe, context, null));
      const proposal = proposeFromAdvice(record, { mode: 'paper', barOpenTimeMs: candle.openTimeMs, closeQuote: candle.close });
      context.journal.append({
        atMs: context.atMs,
        kind: 'signal',
        subject: options.symbol,
        payload: { event: 'llm_proposal', barOpenTimeMs: candle.openTimeMs, record, proposed: proposal.ok ? proposal.signal.stance : null, code: proposal.ok ? null : proposal.code },
      });
      options.onLlmCall(record);
      return proposal.ok ? proposal.signal : null;
    },
  };
}
