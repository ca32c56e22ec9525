import { describe, expect, it } from 'vitest';
import { parseExchangeTime, parseOhlcv, parseOrderBook, parseTicker } from '../../../core/market/ccxtResponses.ts';

const T0 = Date.UTC(2021, 5, 9, 20);
const T1 = T0 + 3_600_000;

describe('parseOhlcv', () => {
  it('turns ccxt rows into candles and ignores extra columns', () => {
    expect(parseOhlcv([[T0, 1, 2, 0.5, 1.5, 10, 'extra'], [T1, 1.5, 2, 1, 1.2, 0]])).toEqual({
      ok: true,
      value: [
        { openTimeMs: T0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 },
        { openTimeMs: T1, open: 1.5, high: 2, low: 1, close: 1.2, volumeBase: 0 },
      ],
    });
  });

  it.each([
    ['a price given as text', [[T0, '1', 2, 0.5, 1.5, 10]]],
    ['a missing volume', [[T0, 1, 2, 0.5, 1.5, null]]],
    ['a NaN price', [[T0, Number.NaN, 2, 0.5, 1.5, 10]]],
    ['an infinite price', [[T0, 1, Number.POSITIVE_INFINITY, 0.5, 1.5, 10]]],
    ['a zero price', [[T0, 0, 2, 0.5, 1.5, 10]]],
    ['a negative volume', [[T0, 1, 2, 0.5, 1.5, -1]]],
    ['a fractional timestamp', [[T0 + 0.5, 1, 2, 0.5, 1.5, 10]]],
    ['a short row', [[T0, 1, 2, 0.5]]],
    ['something that is not a list', { data: [] }],
    ['bars in the wrong order', [[T1, 1, 2, 0.5, 1.5, 10], [T0, 1, 2, 0.5, 1.5, 10]]],
    ['a repeated bar', [[T0, 1, 2, 0.5, 1.5, 10], [T0, 1, 2, 0.5, 1.5, 10]]],
  ])('refuses the whole answer when it has %s', (_name, raw) => {
    const parsed = parseOhlcv(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(3);
  });
});

describe('parseOrderBook', () => {
  it('keeps levels best-first with units', () => {
    expect(parseOrderBook({ bids: [[100, 1], [99, 2]], asks: [[101, 3]], timestamp: T0 }, 'BTC/USDT')).toEqual({
      ok: true,
      value: {
        symbol: 'BTC/USDT',
        atMs: T0,
        bids: [{ priceQuote: 100, amountBase: 1 }, { priceQuote: 99, amountBase: 2 }],
        asks: [{ priceQuote: 101, amountBase: 3 }],
      },
    });
  });

  it('refuses unsorted levels and malformed ones', () => {
    expect(parseOrderBook({ bids: [[99, 1], [100, 1]], asks: [], timestamp: null }, 'X').ok).toBe(false);
    expect(parseOrderBook({ bids: [], asks: [[101, 1], [100, 1]] }, 'X').ok).toBe(false);
    expect(parseOrderBook({ bids: [['100', 1]], asks: [] }, 'X').ok).toBe(false);
  });
});

describe('parseTicker', () => {
  it('maps missing fields to null and refuses a ticker for another market', () => {
    expect(parseTicker({ symbol: 'BTC/USDT', timestamp: T0, bid: 1, ask: 2, last: 1.5, baseVolume: undefined, quoteVolume: 100 }, 'BTC/USDT')).toEqual({
      ok: true,
      value: { symbol: 'BTC/USDT', atMs: T0, bidQuote: 1, askQuote: 2, lastQuote: 1.5, baseVolume24h: null, quoteVolume24h: 100 },
    });
    expect(parseTicker({ symbol: 'ETH/USDT' }, 'BTC/USDT')).toEqual({ ok: false, error: 'ticker is for ETH/USDT, not BTC/USDT' });
    expect(parseTicker({ symbol: 'BTC/USDT', bid: 'x' }, 'BTC/USDT').ok).toBe(false);
  });
});

describe('parseExchangeTime', () => {
  it('accepts whole positive milliseconds only', () => {
    expect(parseExchangeTime(T0)).toEqual({ ok: true, value: T0 });
    expect(parseExchangeTime(undefined).ok).toBe(false);
    expect(parseExchangeTime(-5).ok).toBe(false);
  });
});
