import type { FakeReply } from './fakeLlmServer.ts';

type Stance = 'bullish' | 'neutral' | 'bearish';

/** The brief's numbers the answer must agree with, read from the user message of a request. */
function briefOf(body: unknown): { symbol: string; lastClose: number; atr: number; horizonMinBars: number } | null {
  const messages = (body as { messages?: { role?: string; content?: unknown }[] } | null)?.messages;
  const user = messages?.find((message) => message.role === 'user')?.content;
  if (typeof user !== 'string') return null;
  try {
    const brief = JSON.parse(user.slice(user.indexOf('{'))) as { symbol: string; lastClose: number; atr: number; answerRules: { horizonMinBars: number } };
    return { symbol: brief.symbol, lastClose: brief.lastClose, atr: brief.atr, horizonMinBars: brief.answerRules.horizonMinBars };
  } catch {
    return null;
  }
}

/**
 * A model that always takes `stance` and otherwise answers correctly for whatever market it is
 * asked about: the symbol copied, the invalidation one ATR on the right side of the close. For
 * end-to-end runs (a bearish fake vetoes every entry) and the `fake-llm` command.
 */
export function answerFollowingBrief(stance: Stance): FakeReply {
  return {
    kind: 'from-request',
    reply: (body) => {
      const brief = briefOf(body);
      if (brief === null) return { kind: 'http', status: 400, body: '{"error":{"message":"no market brief in the request"}}' };
      const probabilityUp = stance === 'bullish' ? 0.62 : stance === 'bearish' ? 0.35 : 0.5;
      const invalidationPrice = stance === 'bearish' ? brief.lastClose + brief.atr : brief.lastClose - brief.atr;
      return {
        kind: 'answer',
        content: JSON.stringify({
          symbol: brief.symbol,
          stance,
          probabilityUp,
          confidence: 0.5,
          horizonBars: Math.max(brief.horizonMinBars, 6),
          invalidationPrice: Number(invalidationPrice.toPrecision(8)),
          keyFactors: [`A scripted ${stance} view for testing`],
          rationale: `This is the test server's scripted ${stance} view, not an analysis of the market.`,
        }),
      };
    },
  };
}
