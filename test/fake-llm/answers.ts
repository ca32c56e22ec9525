import type { FakeReply } from './fakeLlmServer.ts';

/**
 * The market every scripted answer is about: the last close is 100 and the ATR 2, so an
 * invalidation at 97 is 1.5 ATR below the close (bullish, well within 5 ATR).
 */
export const FAKE_MARKET = {
  symbol: 'BTC/USDT',
  allowlist: ['BTC/USDT', 'ETH/USDT'],
  lastCloseQuote: 100,
  atrQuote: 2,
} as const;

export interface AnswerFields {
  symbol: unknown;
  stance: unknown;
  probabilityUp: unknown;
  confidence: unknown;
  horizonBars: unknown;
  invalidationPrice: unknown;
  keyFactors: unknown;
  rationale: unknown;
  [extra: string]: unknown;
}

/** An answer every check accepts for FAKE_MARKET with the default settings. */
export function goodAnswer(overrides: Partial<AnswerFields> = {}): AnswerFields {
  return {
    symbol: 'BTC/USDT',
    stance: 'bullish',
    probabilityUp: 0.62,
    confidence: 0.55,
    horizonBars: 6,
    invalidationPrice: 97,
    keyFactors: ['Close above the 20-bar average', 'RSI 58, rising but not stretched', 'Volume 1.4 times its average'],
    rationale: 'Price closed above its 20-bar average on rising volume, and momentum is positive without being stretched. A close below 97 would undo the breakout and end this view.',
    ...overrides,
  };
}

export function withoutFields(...fields: (keyof AnswerFields)[]): AnswerFields {
  const answer = goodAnswer();
  for (const field of fields) Reflect.deleteProperty(answer, field);
  return answer;
}

export const answerText = (answer: AnswerFields = goodAnswer()): string => JSON.stringify(answer);

export const replyWith = (content: string | null, extra: Partial<Extract<FakeReply, { kind: 'answer' }>> = {}): FakeReply => ({ kind: 'answer', content, ...extra });

export const goodReply = (overrides: Partial<AnswerFields> = {}): FakeReply => replyWith(answerText(goodAnswer(overrides)));
