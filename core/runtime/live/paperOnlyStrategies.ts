import { isAiStrategyId } from '../../model/index.ts';

export interface PaperOnlyRefusal {
  readonly name: string;
  readonly reason: string;
  readonly fix: string;
}

/**
 * Why an AI strategy cannot trade live, in plain words; null for the rule strategies. The AI
 * advisor proposing trades is for paper only: live trading with it would need its own paper
 * record through the same gate, which this version does not offer. The model as a strategy is
 * paper-only in this version too (as a filter on a rule strategy it goes live through the gate's
 * model item).
 */
export function paperOnlyRefusal(strategyId: string | undefined): PaperOnlyRefusal | null {
  if (!isAiStrategyId(strategyId)) return null;
  if (strategyId === 'llm-advisor') {
    return {
      name: 'AI advisor proposes',
      reason: 'Your paper bot lets the AI advisor propose trades, which Ballast allows on paper only: an AI language model’s trades would need their own paper record through this same checklist before real money, and this version does not offer that.',
      fix: 'On Paper trading, choose a rule strategy and paper trade it (the AI advisor can still give its second opinion), then come back.',
    };
  }
  return {
    name: 'AI model',
    reason: 'Your paper bot runs the AI model as its own strategy, which this version of Ballast allows on paper only.',
    fix: 'On Paper trading, choose a rule strategy and paper trade it (the model can still filter its entries), then come back.',
  };
}
