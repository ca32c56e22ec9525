import { describe, expect, it, onTestFinished } from 'vitest';
import { referenceCandleAt } from '../execution/exchangeContract/harness.ts';
import { okValue } from '../execution/exchangeContract/outcomes.ts';
import { startPaperHarness } from '../execution/exchangeContract/paperHarness.ts';

const at = (iso: string): number => Date.parse(iso);

/**
 * Four orders on the real Binance BTC/USDT 1h bars of 2020-03-12, 08:00 to 12:00 UTC, with the
 * paper exchange's default model: half-spread 1 bp, impact 1000 bp × (amount / bar volume),
 * volume share 10 %, resting limits fill when the bar trades through them, fees 0.1 % (maker and
 * taker, BTC/USDT's real rates) taken from the asset received. Every number below is worked out
 * by hand from the bars; the test only checks that the paper exchange arrives at the same ones.
 */
describe('paper replay of real BTC/USDT bars, checked against hand-computed fills', () => {
  it('fills a market buy, a resting limit buy, a triggered stop and a market sell exactly as computed by hand', async () => {
    // The bars the arithmetic uses, as they are in the file.
    expect(await referenceCandleAt('BTC/USDT', '2020-03-12T07:00:00Z')).toMatchObject({ close: 7392.13, volumeBase: 8059.57 });
    expect(await referenceCandleAt('BTC/USDT', '2020-03-12T08:00:00Z')).toMatchObject({ low: 7310 });
    expect(await referenceCandleAt('BTC/USDT', '2020-03-12T09:00:00Z')).toMatchObject({ low: 7340 });
    expect(await referenceCandleAt('BTC/USDT', '2020-03-12T10:00:00Z')).toMatchObject({ open: 7354.21, low: 5550, close: 6014.9, volumeBase: 28792.66 });

    const harness = await startPaperHarness({ startAt: '2020-03-12T08:00:00Z', balances: { USDT: 10_000 } });
    onTestFinished(() => harness.close());
    const { port } = harness;

    // 1. 08:00, market buy 0.5 BTC. Reference: the 07:00 bar (close 7392.13, volume 8059.57).
    //    cost in bp = 1 + 1000 × 0.5 / 8059.57 = 1 + 0.0620380 = 1.0620380
    //    price = 7392.13 × (1 + 1.0620380 / 10 000) = 7392.13 + 0.7850723 = 7392.9150723 → up to the tick: 7392.92
    //    cost = 0.5 × 7392.92 = 3696.46 USDT; fee = 0.1 % of 0.5 BTC = 0.0005 BTC
    const buy = okValue(await port.createOrder({ clientOrderId: 'hand-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.5 }));
    expect(buy).toMatchObject({ status: 'FILLED', filledBase: 0.5, averagePriceQuote: 7392.92, fees: [{ asset: 'BTC', amount: 0.0005 }] });
    //    USDT 10 000 − 3696.46 = 6303.54; BTC 0.5 − 0.0005 = 0.4995
    let balances = okValue(await port.fetchBalances());
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 6303.54, used: 0, total: 6303.54 });
    expect(balances.get('BTC')).toEqual({ asset: 'BTC', free: 0.4995, used: 0, total: 0.4995 });

    // 2. 08:00, limit buy 0.3 BTC at 7300: below the ask (≈ 7392.87), so it rests and locks 0.3 × 7300 = 2190 USDT.
    okValue(await port.createOrder({ clientOrderId: 'hand-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.3, limitPriceQuote: 7300 }));
    // 3. 08:00, protective stop: sell the 0.4995 BTC held if the price falls to 7000, no lower than 6900. Locks 0.4995 BTC.
    okValue(await port.createOrder({ clientOrderId: 'hand-3', symbol: 'BTC/USDT', side: 'sell', type: 'stop_limit', amountBase: 0.4995, stopPriceQuote: 7000, limitPriceQuote: 6900 }));
    balances = okValue(await port.fetchBalances());
    //    USDT free 6303.54 − 2190 = 4113.54, used 2190; BTC free 0, used 0.4995
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 4113.54, used: 2190, total: 6303.54 });
    expect(balances.get('BTC')).toEqual({ asset: 'BTC', free: 0, used: 0.4995, total: 0.4995 });

    // 08:00 and 09:00 bars: lows 7310 and 7340 stay above 7300 and 7000: nothing happens.
    okValue(port.advanceTo(at('2020-03-12T10:00:00Z')));
    expect(okValue(await port.fetchOpenOrders('BTC/USDT')).map((order) => [order.clientOrderId, order.filledBase])).toEqual([['hand-2', 0], ['hand-3', 0]]);

    // 10:00 bar (open 7354.21, low 5550, volume 28 792.66; volume share 2879.266 BTC, far above these sizes):
    //  - the limit buy: low 5550 < 7300, open 7354.21 > 7300 → 0.3 BTC at 7300, maker, fee 0.0003 BTC, stamped 11:00
    //  - the stop: low 5550 ≤ 7000, opened above it → triggers at 7000 and sells as a taker:
    //    cost in bp = 1 + 1000 × 0.4995 / 28 792.66 = 1 + 0.0173482 = 1.0173482
    //    price = 7000 × (1 − 1.0173482 / 10 000) = 7000 − 0.7121437 = 6999.2878563 → down to the tick: 6999.28 (≥ limit 6900)
    //    proceeds = 0.4995 × 6999.28 = 3496.14036 USDT; fee = 3.49614036 USDT
    okValue(port.advanceTo(at('2020-03-12T11:00:00Z')));
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'hand-2' }))).toMatchObject({ status: 'FILLED', averagePriceQuote: 7300, fees: [{ asset: 'BTC', amount: 0.0003 }] });
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'hand-3' }))).toMatchObject({ status: 'FILLED', averagePriceQuote: 6999.28, fees: [{ asset: 'USDT', amount: 3.49614036 }] });
    balances = okValue(await port.fetchBalances());
    //    BTC: 0.4995 sold, 0.3 − 0.0003 = 0.2997 bought → 0.2997 free
    //    USDT: 4113.54 + (3496.14036 − 3.49614036 = 3492.64421964) = 7606.18421964; the 2190 locked was spent exactly
    expect(balances.get('BTC')).toEqual({ asset: 'BTC', free: 0.2997, used: 0, total: 0.2997 });
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 7606.18421964, used: 0, total: 7606.18421964 });

    // 4. 11:00, market sell the 0.2997 BTC. Reference: the 10:00 bar (close 6014.9, volume 28 792.66).
    //    cost in bp = 1 + 1000 × 0.2997 / 28 792.66 = 1.0104089
    //    price = 6014.9 × (1 − 1.0104089 / 10 000) = 6014.9 − 0.6077508 = 6014.2922492 → down to the tick: 6014.29
    //    proceeds = 0.2997 × 6014.29 = 1802.482713 USDT; fee = 1.802482713 → 1.80248271 (8 decimals)
    const sell = okValue(await port.createOrder({ clientOrderId: 'hand-4', symbol: 'BTC/USDT', side: 'sell', type: 'market', amountBase: 0.2997 }));
    expect(sell).toMatchObject({ status: 'FILLED', averagePriceQuote: 6014.29, fees: [{ asset: 'USDT', amount: 1.80248271 }] });
    //    USDT: 7606.18421964 + 1802.482713 − 1.80248271 = 9406.86444993; BTC 0
    balances = okValue(await port.fetchBalances());
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 9406.86444993, used: 0, total: 9406.86444993 });
    expect(balances.get('BTC')!.total).toBe(0);

    // The trade list, in order, with the times the model stamps (arrival time for takers, bar close for bar fills).
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    expect(trades.map((trade) => [trade.clientOrderId, trade.side, trade.priceQuote, trade.amountBase, trade.fee?.asset, trade.fee?.amount, trade.atMs])).toEqual([
      ['hand-1', 'buy', 7392.92, 0.5, 'BTC', 0.0005, at('2020-03-12T08:00:00Z')],
      ['hand-2', 'buy', 7300, 0.3, 'BTC', 0.0003, at('2020-03-12T11:00:00Z')],
      ['hand-3', 'sell', 6999.28, 0.4995, 'USDT', 3.49614036, at('2020-03-12T11:00:00Z')],
      ['hand-4', 'sell', 6014.29, 0.2997, 'USDT', 1.80248271, at('2020-03-12T11:00:00Z')],
    ]);
    // Result of the morning: 10 000 → 9406.86444993 USDT, a loss of 593.13555007 USDT, all of it accounted for by fills and fees.
    expect(10_000 - balances.get('USDT')!.total).toBeCloseTo(593.13555007, 8);
    expect(port.nowMs()).toBe(at('2020-03-12T11:00:00Z'));
  });
});
