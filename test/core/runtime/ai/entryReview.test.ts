import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptReview } from '../../../../core/runtime/paper/entryReview.ts';
import type { Intent } from '../../../../core/signals/index.ts';

const entry: Intent = {
  intentId: 'trend:DEMO/USDT:1', origin: 'strategy', purpose: 'entry', symbol: 'DEMO/USDT', side: 'buy', atMs: 1,
  orderType: 'limit', limitPriceQuote: 100, stopPriceQuote: 95, desiredFractionOfEquity: 0.01, rationale: 'test',
};

describe('the review step between policy and risk', () => {
  it('lets an entry through only as the same entry, never larger, never turned around', () => {
    fc.assert(fc.property(
      fc.record({
        fraction: fc.oneof(fc.double({ min: -1, max: 1, noNaN: false }), fc.constant(undefined)),
        side: fc.constantFrom('buy', 'sell'),
        symbol: fc.constantFrom('DEMO/USDT', 'BTC/USDT'),
        stop: fc.constantFrom(95, 90, undefined),
      }),
      ({ fraction, side, symbol, stop }) => {
        const reviewed = { ...entry, side, symbol, desiredFractionOfEquity: fraction, stopPriceQuote: stop } as Intent;
        const accepted = acceptReview(entry, reviewed);
        if (accepted === null) return;
        expect(accepted.side).toBe('buy');
        expect(accepted.symbol).toBe('DEMO/USDT');
        expect(accepted.stopPriceQuote).toBe(95);
        expect(accepted.desiredFractionOfEquity).toBeGreaterThan(0);
        expect(accepted.desiredFractionOfEquity).toBeLessThanOrEqual(0.01);
      },
    ), { numRuns: 2_000 });
  });

  it('keeps a smaller copy and refuses a larger one', () => {
    expect(acceptReview(entry, { ...entry, desiredFractionOfEquity: 0.005 })?.desiredFractionOfEquity).toBe(0.005);
    expect(acceptReview(entry, { ...entry, desiredFractionOfEquity: 0.02 })).toBeNull();
    expect(acceptReview(entry, null)).toBeNull();
  });
});
