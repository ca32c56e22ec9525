import { readFileSync } from 'node:fs';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { PRECISION_MODE, catalogueFromCcxt, decimalsOfStep, marketInfoFromCcxt } from '../../../core/market/ccxtMarkets.ts';
import { sharedDataPath } from '../../support/sharedData.ts';

const staticMarkets = JSON.parse(readFileSync(sharedDataPath('markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json'), 'utf8')) as Record<string, Record<string, unknown>>;

const tickSizeMarket = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  spot: true,
  active: true,
  maker: 0.001,
  taker: 0.001,
  precision: { amount: 0.00001, price: 0.01 },
  limits: { amount: { min: 0.00001, max: 9000 }, cost: { min: 5, max: 9_000_000 } },
};

describe('precision modes', () => {
  it('match the numbers ccxt itself uses', () => {
    expect(PRECISION_MODE).toEqual({ decimalPlaces: ccxt.DECIMAL_PLACES, significantDigits: ccxt.SIGNIFICANT_DIGITS, tickSize: ccxt.TICK_SIZE });
  });

  it.each([
    [0.00001, 5],
    [1e-8, 8],
    [0.01, 2],
    [0.5, 1],
    [0.0025, 4],
    [1, 0],
    [10, 0],
  ])('a step of %d has %d decimals', (step, decimals) => {
    expect(decimalsOfStep(step)).toBe(decimals);
  });
});

describe('marketInfoFromCcxt', () => {
  it("reads ccxt's static Binance BTC/USDT entry (decimal-places precision) into steps, limits and fees", () => {
    expect(marketInfoFromCcxt(staticMarkets['BTC/USDT'], 'binance', PRECISION_MODE.decimalPlaces)).toEqual({
      ok: true,
      market: {
        exchange: 'binance',
        symbol: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        active: true,
        precision: { amountStepBase: 0.00001, amountDecimals: 5, priceTickQuote: 0.01, priceDecimals: 2 },
        limits: { minAmountBase: 0.00001, maxAmountBase: 9000, minNotionalQuote: 5 },
        fees: { makerRate: 0.001, takerRate: 0.001 },
      },
    });
  });

  it('reads ETH/USDT with its own amount step', () => {
    const mapped = marketInfoFromCcxt(staticMarkets['ETH/USDT'], 'binance', PRECISION_MODE.decimalPlaces);
    expect(mapped.ok && mapped.market.precision).toEqual({ amountStepBase: 0.0001, amountDecimals: 4, priceTickQuote: 0.01, priceDecimals: 2 });
  });

  it('reads tick-size precision, as current ccxt reports for Binance', () => {
    const mapped = marketInfoFromCcxt(tickSizeMarket, 'binance', PRECISION_MODE.tickSize);
    expect(mapped.ok && mapped.market.precision).toEqual({ amountStepBase: 0.00001, amountDecimals: 5, priceTickQuote: 0.01, priceDecimals: 2 });
  });

  it('says "no limit" with null rather than inventing one', () => {
    const mapped = marketInfoFromCcxt({ ...tickSizeMarket, limits: { amount: { min: undefined, max: undefined } } }, 'x', PRECISION_MODE.tickSize);
    expect(mapped.ok && mapped.market.limits).toEqual({ minAmountBase: null, maxAmountBase: null, minNotionalQuote: null });
  });

  it.each([
    ['significant-digit precision', tickSizeMarket, PRECISION_MODE.significantDigits, /cannot round safely/],
    ['fractional decimal places', { ...tickSizeMarket, precision: { amount: 0.5, price: 2 } }, PRECISION_MODE.decimalPlaces, /cannot round safely/],
    ['a missing amount precision', { ...tickSizeMarket, precision: { price: 0.01 } }, PRECISION_MODE.tickSize, /does not state the amount precision/],
    ['missing fees', { ...tickSizeMarket, maker: undefined }, PRECISION_MODE.tickSize, /does not state its trading fees/],
    ['a futures market', { ...tickSizeMarket, spot: false }, PRECISION_MODE.tickSize, /not a spot market/],
    ['a negative step', { ...tickSizeMarket, precision: { amount: -1, price: 0.01 } }, PRECISION_MODE.tickSize, /incomplete/],
    ['an unknown precision mode', tickSizeMarket, Number.NaN, /cannot round safely/],
  ])('refuses a market with %s, saying why', (_name, raw, mode, reason) => {
    const mapped = marketInfoFromCcxt(raw, 'binance', mode);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) {
      expect(mapped.symbol).toBe('BTC/USDT');
      expect(mapped.reason).toMatch(reason);
    }
  });
});

describe('catalogueFromCcxt', () => {
  it('lists usable markets and refused ones with reasons, never dropping any silently', () => {
    const catalogue = catalogueFromCcxt([tickSizeMarket, { ...tickSizeMarket, symbol: 'ETH/USDT', taker: null }, 'junk'], 'binance', PRECISION_MODE.tickSize);
    expect(catalogue.markets.map((market) => market.symbol)).toEqual(['BTC/USDT']);
    expect(catalogue.refused.map((entry) => entry.symbol)).toEqual(['ETH/USDT', '(unknown)']);
    expect(catalogue.refused[0]?.reason).toBe('the exchange does not state its trading fees');
    expect(catalogue.refused[1]?.reason).toMatch(/incomplete/);
  });
});
