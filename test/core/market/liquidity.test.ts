import { describe, expect, it } from 'vitest';
import { liquidityViewFrom, type OrderBookSnapshot, type TickerSnapshot } from '../../../core/market/index.ts';

const ticker: TickerSnapshot = { symbol: 'BTC/USDT', atMs: 1, bidQuote: 99, askQuote: 101, lastQuote: 100, baseVolume24h: 10, quoteVolume24h: 1_000 };

const book: OrderBookSnapshot = {
  symbol: 'BTC/USDT',
  atMs: 2,
  bids: [
    { priceQuote: 99.9, amountBase: 1 },
    { priceQuote: 99.6, amountBase: 2 },
    { priceQuote: 99.0, amountBase: 50 },
  ],
  asks: [
    { priceQuote: 100.1, amountBase: 3 },
    { priceQuote: 100.4, amountBase: 1 },
    { priceQuote: 101.0, amountBase: 50 },
  ],
};

describe('liquidityViewFrom', () => {
  it('computes spread in basis points and the depth within a band around the mid', () => {
    const view = liquidityViewFrom(ticker, book, 50);
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.value.midQuote).toBeCloseTo(100, 10);
    expect(view.value.spreadBps).toBeCloseTo(20, 10);
    // 50 bps of 100 is 0.5: bids down to 99.5 and asks up to 100.5 count.
    expect(view.value.bidDepthQuote).toBeCloseTo(99.9 + 2 * 99.6, 10);
    expect(view.value.askDepthQuote).toBeCloseTo(3 * 100.1 + 100.4, 10);
    expect(view.value).toMatchObject({ symbol: 'BTC/USDT', atMs: 2, quoteVolume24h: 1_000, bidQuote: 99.9, askQuote: 100.1, depthWithinBps: 50 });
  });

  it('widens the depth with the band', () => {
    const view = liquidityViewFrom(ticker, book, 200);
    expect(view.ok && view.value.bidDepthQuote).toBeCloseTo(99.9 + 2 * 99.6 + 50 * 99, 10);
  });

  it('keeps an unknown 24 h volume unknown (null), for the allowlist to refuse', () => {
    const view = liquidityViewFrom({ ...ticker, quoteVolume24h: null }, book);
    expect(view.ok && view.value.quoteVolume24h).toBeNull();
  });

  it('refuses an empty side or a crossed book instead of reporting liquidity', () => {
    const errorOf = (candidate: OrderBookSnapshot): string => {
      const view = liquidityViewFrom(ticker, candidate);
      return view.ok ? 'no error' : `${view.error.code}: ${view.error.message} (${view.error.detail})`;
    };
    expect(errorOf({ ...book, asks: [] })).toMatch(/^MALFORMED_RESPONSE: Nobody is selling/);
    expect(errorOf({ ...book, bids: [] })).toMatch(/^MALFORMED_RESPONSE: Nobody is buying/);
    expect(errorOf({ ...book, bids: [{ priceQuote: 100.2, amountBase: 1 }] })).toMatch(/crossed book/);
  });

  it('refuses a band that is not positive', () => {
    expect(() => liquidityViewFrom(ticker, book, 0)).toThrow(RangeError);
  });
});
