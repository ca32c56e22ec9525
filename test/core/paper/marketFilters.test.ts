import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../core/execution/index.ts';
import { checkMarketFilters, checkRequestShape } from '../../../core/paper/marketFilters.ts';
import { referenceMarkets } from '../execution/exchangeContract/harness.ts';

const [btc, eth] = referenceMarkets();
const limit = (amountBase: number, limitPriceQuote: number, symbol = 'BTC/USDT'): OrderRequest => ({ clientOrderId: 'f', symbol, side: 'buy', type: 'limit', amountBase, limitPriceQuote });

describe('paper market filters on the real BTC/USDT and ETH/USDT rules', () => {
  it('accepts every amount on the step and price on the tick whose value reaches the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 900_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), (steps, ticks) => {
        const amountBase = Number((steps * 0.00001).toFixed(5));
        const priceQuote = Number((ticks * 0.01).toFixed(2));
        const verdict = checkMarketFilters(btc!, limit(amountBase, priceQuote), priceQuote);
        // Exact value in units of 1e-7 USDT: steps × 1e-5 × ticks × 1e-2, compared with 5 USDT = 5e7 units.
        if (BigInt(steps) * BigInt(ticks) >= 50_000_000n) expect(verdict).toEqual({ ok: true, value: null });
        else expect(verdict).toMatchObject({ ok: false, error: { exchangeCode: 'NOTIONAL' } });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every amount between two steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000_000 }), fc.integer({ min: 1, max: 9 }), (steps, tenths) => {
        const amountBase = (steps + tenths / 10) * 0.0001;
        expect(checkMarketFilters(eth!, limit(amountBase, 1000, 'ETH/USDT'), 1000)).toMatchObject({ ok: false, error: { exchangeCode: 'LOT_SIZE' } });
      }),
      { numRuns: 300 },
    );
  });

  it('checks price, then amount, then value, as Binance does, with a plain reason', () => {
    const everythingWrong = checkMarketFilters(btc!, limit(0.000015, 0.005), 7000);
    expect(everythingWrong).toMatchObject({ ok: false, error: { exchangeCode: 'PRICE_FILTER' } });
    const amountAndValue = checkMarketFilters(btc!, limit(0.000015, 5000), 7000);
    expect(amountAndValue).toMatchObject({ ok: false, error: { exchangeCode: 'LOT_SIZE' } });
    if (!amountAndValue.ok) expect(amountAndValue.error.reason).toBe("The amount 0.000015 BTC is not a whole number of this market's 0.00001 BTC steps (LOT_SIZE).");
    expect(checkMarketFilters(btc!, limit(9000.00001, 5000), 7000)).toMatchObject({ ok: false, error: { exchangeCode: 'LOT_SIZE' } });
    expect(checkMarketFilters(btc!, limit(9000, 5000), 7000)).toEqual({ ok: true, value: null });
  });

  it('values a market order at the current price', () => {
    const market: OrderRequest = { clientOrderId: 'm', symbol: 'BTC/USDT', side: 'sell', type: 'market', amountBase: 0.001 };
    expect(checkMarketFilters(btc!, market, 4999)).toMatchObject({ ok: false, error: { exchangeCode: 'NOTIONAL' } });
    expect(checkMarketFilters(btc!, market, 5000)).toEqual({ ok: true, value: null });
  });

  it('refuses a halted market', () => {
    expect(checkMarketFilters({ ...btc!, active: false }, limit(0.01, 5000), 7000)).toMatchObject({ ok: false, error: { exchangeCode: 'MARKET_CLOSED' } });
  });

  it('refuses requests whose shape does not fit their type', () => {
    expect(checkRequestShape({ ...limit(0.01, 5000), clientOrderId: '' })).toMatchObject({ ok: false, error: { exchangeCode: 'INVALID_REQUEST' } });
    expect(checkRequestShape({ ...limit(0.01, 5000), stopPriceQuote: 4000 })).toMatchObject({ ok: false });
    expect(checkRequestShape({ ...limit(0.01, 5000), type: 'stop_limit' })).toMatchObject({ ok: false });
    expect(checkRequestShape({ ...limit(0.01, 5000), type: 'market' })).toMatchObject({ ok: false });
    expect(checkRequestShape({ ...limit(Number.NaN, 5000) })).toMatchObject({ ok: false });
    expect(checkRequestShape(limit(0.01, 5000))).toEqual({ ok: true, value: null });
  });
});
