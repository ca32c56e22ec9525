import { describe, expect, it } from 'vitest';
import { applySecondOpinion, DEFAULT_SECOND_OPINION, LLM_STRATEGY_ID, proposeFromAdvice, type AdviceOutcome, type AdviceSignal } from '../../../../core/signals/llm/index.ts';
import { goodAnswer } from '../../../fake-llm/answers.ts';

const accepted = (overrides: Partial<AdviceSignal> = {}): AdviceOutcome => ({ verdict: 'accepted', signal: { ...(goodAnswer() as AdviceSignal), ...overrides } });
const BEARISH = { stance: 'bearish', probabilityUp: 0.3, invalidationPrice: 103 } as const;
const NEUTRAL = { stance: 'neutral', probabilityUp: 0.5 } as const;

describe('applySecondOpinion', () => {
  it('keeps an entry the advisor agrees with, at the same size, whatever its confidence', () => {
    expect(applySecondOpinion(0.02, accepted(), DEFAULT_SECOND_OPINION)).toEqual({ action: 'keep', sizeBase: 0.02, factor: 1, reasonCode: 'LLM_AGREES' });
    // A confidence of 1 does not enlarge anything.
    expect(applySecondOpinion(0.02, accepted({ confidence: 1, probabilityUp: 0.99 }), DEFAULT_SECOND_OPINION).sizeBase).toBe(0.02);
  });

  it('vetoes an entry the advisor is bearish on', () => {
    expect(applySecondOpinion(0.02, accepted(BEARISH), DEFAULT_SECOND_OPINION)).toEqual({ action: 'veto', sizeBase: 0, factor: 0, reasonCode: 'LLM_BEARISH_VETO' });
  });

  it('shrinks an entry the advisor is neutral on by the configured share', () => {
    // 0.02 × 0.25 = 0.005
    expect(applySecondOpinion(0.02, accepted(NEUTRAL), { neutralShrinkFactor: 0.25 })).toEqual({ action: 'shrink', sizeBase: 0.005, factor: 0.25, reasonCode: 'LLM_NEUTRAL_SHRINK' });
    // A share of 1 keeps it; a share above 1 or not a number falls back to the default half, never enlarges.
    expect(applySecondOpinion(0.02, accepted(NEUTRAL), { neutralShrinkFactor: 1 })).toMatchObject({ action: 'keep', sizeBase: 0.02 });
    expect(applySecondOpinion(0.02, accepted(NEUTRAL), { neutralShrinkFactor: 3 })).toMatchObject({ action: 'shrink', sizeBase: 0.01 });
    expect(applySecondOpinion(0.02, accepted(NEUTRAL), { neutralShrinkFactor: Number.NaN })).toMatchObject({ action: 'shrink', sizeBase: 0.01 });
  });

  it('leaves the rule\'s decision unchanged when there is no answer or it was rejected', () => {
    expect(applySecondOpinion(0.02, null, DEFAULT_SECOND_OPINION)).toEqual({ action: 'keep', sizeBase: 0.02, factor: 1, reasonCode: 'LLM_NO_ANSWER' });
    expect(applySecondOpinion(0.02, undefined, DEFAULT_SECOND_OPINION).reasonCode).toBe('LLM_NO_ANSWER');
    expect(applySecondOpinion(0.02, { verdict: 'rejected', signal: null }, DEFAULT_SECOND_OPINION)).toEqual({ action: 'keep', sizeBase: 0.02, factor: 1, reasonCode: 'LLM_ANSWER_REJECTED' });
    // A rejected record that still carries a bearish signal cannot veto.
    expect(applySecondOpinion(0.02, { verdict: 'rejected', signal: accepted(BEARISH).signal }, DEFAULT_SECOND_OPINION).action).toBe('keep');
    // An "accepted" record whose signal breaks the schema is treated as rejected.
    expect(applySecondOpinion(0.02, { verdict: 'accepted', signal: { ...accepted(BEARISH).signal!, probabilityUp: 7 } }, DEFAULT_SECOND_OPINION).reasonCode).toBe('LLM_ANSWER_REJECTED');
  });

  it('refuses an entry without a valid size whatever the advisor says', () => {
    for (const size of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(applySecondOpinion(size, accepted(), DEFAULT_SECOND_OPINION)).toEqual({ action: 'veto', sizeBase: 0, factor: 0, reasonCode: 'ENTRY_SIZE_INVALID' });
    }
  });
});

describe('proposeFromAdvice (LLM proposes, paper only)', () => {
  const context = { mode: 'paper', barOpenTimeMs: 1_767_225_600_000, closeQuote: 100 } as const;

  it('turns an accepted answer into a signal for the normal policy and risk gate', () => {
    const proposal = proposeFromAdvice(accepted(), context);
    expect(proposal).toEqual({
      ok: true,
      signal: {
        signalId: `${LLM_STRATEGY_ID}:BTC/USDT:1767225600000`,
        strategyId: LLM_STRATEGY_ID,
        symbol: 'BTC/USDT',
        barOpenTimeMs: 1_767_225_600_000,
        score: 0.24, // 2 × 0.62 − 1
        confidence: 0.55,
        horizonBars: 6,
        stance: 'bullish',
        rationale: (goodAnswer().rationale as string),
        features: { probabilityUp: 0.62, confidence: 0.55 },
        invalidationPriceQuote: 97,
        closeQuote: 100,
      },
    });
  });

  it('refuses in live mode, and proposes nothing without a valid answer', () => {
    expect(proposeFromAdvice(accepted(), { ...context, mode: 'live' })).toEqual({ ok: false, code: 'LLM_PROPOSES_PAPER_ONLY' });
    expect(proposeFromAdvice(null, context)).toEqual({ ok: false, code: 'LLM_NO_VALID_ANSWER' });
    expect(proposeFromAdvice({ verdict: 'rejected', signal: accepted().signal }, context)).toEqual({ ok: false, code: 'LLM_NO_VALID_ANSWER' });
  });
});
