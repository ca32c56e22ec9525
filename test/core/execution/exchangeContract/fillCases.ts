import { expect, it } from 'vitest';
import { REJECTION_CODES, type ExchangeTrade, type OrderRequest } from '../../../../core/execution/index.ts';
import { HOUR_MS, referenceCandleAt, type MakeHarness } from './harness.ts';
import { CRASH_HOUR, harnessFor, limitBuy, marketOrder } from './orderLifecycleCases.ts';
import { expectRejected, okValue, sum } from './outcomes.ts';

const BEFORE_CRASH = '2020-03-12T09:00:00Z';
/** The close of the 09:00 bar and the open of the crash hour. */
const PRICE_AT_CRASH_OPEN = 7354.21;

const stopSell = (clientOrderId: string, amountBase: number, stopPriceQuote: number, limitPriceQuote: number): OrderRequest => ({
  clientOrderId,
  symbol: 'BTC/USDT',
  side: 'sell',
  type: 'stop_limit',
  amountBase,
  stopPriceQuote,
  limitPriceQuote,
});

const costOf = (trades: readonly ExchangeTrade[]): number => sum(trades.map((trade) => trade.priceQuote * trade.amountBase));
const feesIn = (trades: readonly ExchangeTrade[], asset: string): number => sum(trades.map((trade) => (trade.fee?.asset === asset ? trade.fee.amount : 0)));

export function fillCases(makeHarness: MakeHarness): void {
  const start = harnessFor(makeHarness);

  it('fills a market buy at once near the price, charging the taker fee in the asset bought', async () => {
    const { port } = await start();
    const order = okValue(await port.createOrder(marketOrder('contract-market-buy', 'buy', 0.1)));
    expect(order).toMatchObject({ status: 'FILLED', filledBase: 0.1, type: 'market', limitPriceQuote: null, fees: [{ asset: 'BTC', amount: 0.0001 }] });
    expect(order.averagePriceQuote!).toBeGreaterThanOrEqual(PRICE_AT_CRASH_OPEN);
    expect(order.averagePriceQuote!).toBeLessThan(PRICE_AT_CRASH_OPEN * 1.005);
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    expect(trades.every((trade) => trade.exchangeOrderId === order.exchangeOrderId && trade.side === 'buy')).toBe(true);
    expect(sum(trades.map((trade) => trade.amountBase))).toBeCloseTo(0.1, 10);
    expect(feesIn(trades, 'BTC')).toBeCloseTo(0.0001, 10);
    expect(costOf(trades)).toBeCloseTo(order.averagePriceQuote! * 0.1, 6);
    const balances = okValue(await port.fetchBalances());
    expect(balances.get('BTC')).toMatchObject({ free: 0.0999, used: 0 });
    expect(balances.get('USDT')!.free).toBeCloseTo(10_000 - costOf(trades), 6);
    expect(balances.get('USDT')!.used).toBe(0);
  });

  it('fills a market sell, charging the fee in the quote currency', async () => {
    const { port } = await start({ balances: { BTC: 1 } });
    const order = okValue(await port.createOrder(marketOrder('contract-market-sell', 'sell', 0.5)));
    expect(order.status).toBe('FILLED');
    expect(order.averagePriceQuote!).toBeLessThanOrEqual(PRICE_AT_CRASH_OPEN);
    expect(order.averagePriceQuote!).toBeGreaterThan(PRICE_AT_CRASH_OPEN * 0.995);
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    const proceeds = costOf(trades);
    expect(order.fees).toHaveLength(1);
    expect(order.fees[0]!.asset).toBe('USDT');
    expect(order.fees[0]!.amount).toBeCloseTo(proceeds * 0.001, 6);
    const balances = okValue(await port.fetchBalances());
    expect(balances.get('BTC')).toMatchObject({ free: 0.5, used: 0 });
    expect(balances.get('USDT')!.free).toBeCloseTo(proceeds * 0.999, 6);
  });

  it('fills a resting limit buy at its limit, as a maker, when the price trades through it', async () => {
    const crash = await referenceCandleAt('BTC/USDT', CRASH_HOUR);
    expect(crash.low).toBeLessThan(7000);
    const { port, advanceMarket } = await start();
    const placed = okValue(await port.createOrder(limitBuy('contract-maker', 0.01, 7000)));
    expect(placed.status).toBe('OPEN');
    await advanceMarket(HOUR_MS);
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    expect(order).toMatchObject({ status: 'FILLED', filledBase: 0.01, averagePriceQuote: 7000, fees: [{ asset: 'BTC', amount: 0.00001 }] });
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ exchangeOrderId: placed.exchangeOrderId, priceQuote: 7000, amountBase: 0.01, fee: { asset: 'BTC', amount: 0.00001 } });
    expect(trades[0]!.atMs).toBeGreaterThan(Date.parse(CRASH_HOUR));
    expect(trades[0]!.atMs).toBeLessThanOrEqual(Date.parse(CRASH_HOUR) + HOUR_MS);
    const balances = okValue(await port.fetchBalances());
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 9930, used: 0, total: 9930 });
    expect(balances.get('BTC')!.free).toBeCloseTo(0.00999, 10);
  });

  it('leaves a resting limit sell untouched while the price stays below it', async () => {
    const { port, advanceMarket } = await start({ balances: { BTC: 1 } });
    const placed = okValue(await port.createOrder({ ...limitBuy('contract-sell-high', 0.5, 8000), side: 'sell' }));
    await advanceMarket(3 * HOUR_MS);
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }))).toMatchObject({ status: 'OPEN', filledBase: 0 });
    expect(okValue(await port.fetchBalances()).get('BTC')).toMatchObject({ free: 0.5, used: 0.5 });
  });

  it('shows a partial fill while an order rests (filled so far, its trades, the rest still locked) and keeps it after a cancel', async () => {
    const { port, advanceMarket } = await start({ volumeShare: 0.0001, balances: { USDT: 100_000 } });
    const placed = okValue(await port.createOrder(limitBuy('contract-partial', 5, 7000)));
    await advanceMarket(HOUR_MS);
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-partial' }));
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(order.filledBase).toBeGreaterThan(0);
    expect(order.filledBase).toBeLessThan(5);
    expect(okValue(await port.fetchOpenOrders('BTC/USDT'))[0]).toMatchObject({ exchangeOrderId: placed.exchangeOrderId, filledBase: order.filledBase });
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    expect(sum(trades.map((trade) => trade.amountBase))).toBeCloseTo(order.filledBase, 10);
    expect(feesIn(trades, 'BTC')).toBeCloseTo(order.filledBase * 0.001, 8);
    const during = okValue(await port.fetchBalances());
    expect(during.get('USDT')!.used).toBeCloseTo((5 - order.filledBase) * 7000, 6);
    expect(during.get('BTC')!.free).toBeCloseTo(order.filledBase * 0.999, 8);

    const canceled = okValue(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    expect(canceled).toMatchObject({ status: 'CANCELED', filledBase: order.filledBase });
    const after = okValue(await port.fetchBalances());
    expect(after.get('USDT')!.used).toBe(0);
    expect(after.get('USDT')!.free).toBeCloseTo(100_000 - order.filledBase * 7000, 6);
  });

  it('moves balances by exactly the fills minus the fees', async () => {
    const { port, advanceMarket } = await start({ balances: { USDT: 10_000, BTC: 0.2 } });
    okValue(await port.createOrder(marketOrder('contract-flow-1', 'buy', 0.2)));
    okValue(await port.createOrder(limitBuy('contract-flow-2', 0.03, 6500)));
    await advanceMarket(HOUR_MS);
    okValue(await port.createOrder(marketOrder('contract-flow-3', 'sell', 0.15)));
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    const buys = trades.filter((trade) => trade.side === 'buy');
    const sells = trades.filter((trade) => trade.side === 'sell');
    expect(buys.length).toBeGreaterThanOrEqual(2);
    expect(sells.length).toBeGreaterThanOrEqual(1);
    const balances = okValue(await port.fetchBalances());
    const expectedBtc = 0.2 + sum(buys.map((trade) => trade.amountBase)) - feesIn(buys, 'BTC') - sum(sells.map((trade) => trade.amountBase));
    const expectedUsdt = 10_000 - costOf(buys) + costOf(sells) - feesIn(sells, 'USDT');
    expect(balances.get('BTC')!.total).toBeCloseTo(expectedBtc, 8);
    expect(balances.get('USDT')!.total).toBeCloseTo(expectedUsdt, 6);
    expect(balances.get('BTC')!.used + balances.get('USDT')!.used).toBe(0);
  });

  it('lists only the trades made since a given time', async () => {
    const { port, advanceMarket } = await start({ balances: { USDT: 50_000 } });
    okValue(await port.createOrder(marketOrder('contract-since-1', 'buy', 0.01)));
    await advanceMarket(HOUR_MS);
    const later = okValue(await port.createOrder(marketOrder('contract-since-2', 'buy', 0.02)));
    const since = okValue(await port.fetchMyTrades('BTC/USDT', Date.parse(CRASH_HOUR) + HOUR_MS));
    expect(since.map((trade) => trade.exchangeOrderId)).toEqual(since.map(() => later.exchangeOrderId));
    expect(sum(since.map((trade) => trade.amountBase))).toBeCloseTo(0.02, 10);
    expect(okValue(await port.fetchMyTrades('BTC/USDT')).length).toBeGreaterThan(since.length);
  });

  it('holds a stop-limit sell untriggered above the market, then sells between its limit and stop once the price falls through it', async () => {
    const { port, advanceMarket } = await start({ startAt: BEFORE_CRASH, balances: { BTC: 1 } });
    expect(port.supportsNativeStops).toBe(true);
    const placed = okValue(await port.createOrder(stopSell('contract-stop', 1, 7000, 6900)));
    expect(placed).toMatchObject({ status: 'OPEN', type: 'stop_limit', stopPriceQuote: 7000, limitPriceQuote: 6900, filledBase: 0 });
    expect(okValue(await port.fetchBalances()).get('BTC')).toMatchObject({ free: 0, used: 1 });

    await advanceMarket(HOUR_MS);
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-stop' }))).toMatchObject({ status: 'OPEN', filledBase: 0 });

    await advanceMarket(HOUR_MS);
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    expect(order.status).toBe('FILLED');
    expect(order.averagePriceQuote!).toBeGreaterThanOrEqual(6900);
    expect(order.averagePriceQuote!).toBeLessThanOrEqual(7000);
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    const balances = okValue(await port.fetchBalances());
    expect(balances.get('BTC')!.total).toBe(0);
    expect(balances.get('USDT')!.free).toBeCloseTo(costOf(trades) - feesIn(trades, 'USDT'), 6);
    expect(feesIn(trades, 'USDT')).toBeCloseTo(costOf(trades) * 0.001, 6);
  });

  it('refuses a stop-limit order whose stop the price has already reached', async () => {
    const { port } = await start({ balances: { BTC: 1 } });
    expectRejected(await port.createOrder(stopSell('contract-stop-late', 0.5, 7500, 7400)), REJECTION_CODES.stopWouldTriggerImmediately);
    expect(okValue(await port.fetchBalances()).get('BTC')).toMatchObject({ free: 1, used: 0 });
    expect(okValue(await port.fetchOpenOrders())).toEqual([]);
  });
}
