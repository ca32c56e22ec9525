import { describe, expect, it } from 'vitest';
import { defaultRiskLimits, evaluate } from '../../../../core/risk/index.ts';
import { DecisionFeed } from '../../../../core/runtime/paper/decisionFeed.ts';
import { account, BTC_USDT, marketView, position, sellIntent } from '../../risk/riskFixtures.ts';

describe('the decision feed', () => {
  it('words a closing sale held back by Pause as a held-back sale, not as "no new trades"', () => {
    const exit = sellIntent({ desiredAmountBase: 0.01 });
    const held = account({ positions: [position('BTC/USDT', 0.01, 50_000)] });
    const decision = evaluate(exit, held, marketView(BTC_USDT, 50_000), defaultRiskLimits('paper', 'UTC'), 'PAUSED');
    expect(decision.kind).toBe('rejected');
    const feed = new DecisionFeed();
    feed.decision(decision, exit, 10_000, 'USDT', 1);
    const text = feed.list()[0]?.text ?? '';
    expect(text).toContain('to close the position');
    expect(text).toContain('the sale was held back');
    expect(text).toContain('the strategy\'s own sales too');
    expect(text).not.toMatch(/no new trades/);
  });
});
