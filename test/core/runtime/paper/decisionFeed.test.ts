import { describe, expect, it } from 'vitest';
import { evaluate, defaultRiskLimits } from '../../../../core/risk/index.ts';
import type { Intent } from '../../../../core/signals/index.ts';
import { DecisionFeed } from '../../../../core/runtime/paper/decisionFeed.ts';

const exitIntent: Intent = {
  intentId: 'i-exit',
  origin: 'strategy',
  purpose: 'exit',
  symbol: 'BTC/USDT',
  side: 'sell',
  orderType: 'market',
  desiredAmountBase: 0.01,
  atMs: 1,
  rationale: 'The trend turned down.',
};

describe('the decision feed', () => {
  it('words a closing sale held back by Pause as a held-back sale, not as "no new trades"', () => {
    // Risk's state gate runs before anything else, so no account or market detail is needed to be refused.
    const decision = evaluate(exitIntent, null as never, null as never, defaultRiskLimits('paper', 'UTC'), 'PAUSED');
    expect(decision.kind).toBe('rejected');
    const feed = new DecisionFeed();
    feed.decision(decision, exitIntent, 10_000, 'USDT', 1);
    const text = feed.list()[0]?.text ?? '';
    expect(text).toContain('to close the position');
    expect(text).toContain('the sale was held back');
    expect(text).toContain('the strategy\'s own sales too');
    expect(text).not.toMatch(/no new trades/);
  });
});
