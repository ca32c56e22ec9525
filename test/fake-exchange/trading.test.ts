import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, referenceCandleAt } from './referenceCandles.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

/** 2020-03-12 10:00 UTC: BTC/USDT opens at 7354.21 and falls to 5550 within the hour. */
const CRASH_HOUR = '2020-03-12T10:00:00Z';
const crash = referenceCandleAt(CRASH_HOUR);

describe('trading through ccxt', () => {
  it('starts with the configured balances', async () => {
    const { client } = await exchangeForTest({ account: { balances: { USDT: 2500, BTC: 0.5 } } });
    const balance = await client.fetchBalance();
    expect(balance.USDT).toEqual({ free: 2500, used: 0, total: 2500 });
    expect(balance.BTC).toEqual({ free: 0.5, used: 0, total: 0.5 });
  });

  it('fills a market buy by walking the book, and charges the taker fee in the asset bought', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { USDT: 100_000 } } });
    const book = await client.fetchOrderBook('BTC/USDT', 20);
    const order = await client.createOrder('BTC/USDT', 'market', 'buy', 10);

    let left = 10;
    let expectedCost = 0;
    let levelsTaken = 0;
    for (const [price, amount] of book.asks) {
      if (left <= 0) break;
      const taken = Math.min(amount!, left);
      expectedCost += taken * price!;
      left = Math.round((left - taken) * 1e8) / 1e8;
      levelsTaken += 1;
    }
    expect(levelsTaken).toBeGreaterThan(1);
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(10);
    expect(order.cost).toBeCloseTo(expectedCost, 6);
    expect(order.average!).toBeGreaterThan(book.asks[0]![0]!);
    expect(order.trades).toHaveLength(levelsTaken);
    expect(order.fee).toEqual({ currency: 'BTC', cost: 0.01 });

    const balance = await client.fetchBalance();
    expect(balance.BTC!.free).toBeCloseTo(9.99, 8);
    expect(balance.USDT!.free).toBeCloseTo(100_000 - expectedCost, 6);
    expect(fake.inspect.trades()).toHaveLength(levelsTaken);
  });

  it('fills a market buy sized in quote currency without spending more than asked', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const order = await client.createMarketBuyOrderWithCost('BTC/USDT', 100);
    expect(order.status).toBe('closed');
    expect(order.cost!).toBeLessThanOrEqual(100);
    expect(order.cost!).toBeGreaterThan(99.9);
    expect(Math.round(order.filled! * 1e5)).toBeCloseTo(order.filled! * 1e5, 6);
  });

  it('charges the fee of a market sell in the quote currency', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const order = await client.createOrder('BTC/USDT', 'market', 'sell', 0.5);
    expect(order.fee!.currency).toBe('USDT');
    expect(order.fee!.cost).toBeCloseTo(order.cost! * 0.001, 6);
    const balance = await client.fetchBalance();
    expect(balance.BTC!.free).toBeCloseTo(0.5, 8);
    expect(balance.USDT!.free).toBeCloseTo(order.cost! * 0.999, 6);
  });

  it('rests a limit order, locks its cost, finds it by id and by client id, and releases it on cancel', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const placed = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'ballast-intent-1' });
    expect(placed.status).toBe('open');
    expect(placed.clientOrderId).toBe('ballast-intent-1');
    expect((await client.fetchBalance()).USDT).toEqual({ free: 9950, used: 50, total: 10_000 });

    const byId = await client.fetchOrder(placed.id!, 'BTC/USDT');
    const byClientId = await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'ballast-intent-1' });
    const byBinanceParam = await client.fetchOrder('', 'BTC/USDT', { origClientOrderId: 'ballast-intent-1' });
    expect(byId.id).toBe(placed.id);
    expect(byClientId.id).toBe(placed.id);
    expect(byBinanceParam.id).toBe(placed.id);
    expect(byClientId.price).toBe(5000);
    expect((await client.fetchOpenOrders('BTC/USDT')).map((order) => order.id)).toEqual([placed.id]);

    const canceled = await client.cancelOrder(placed.id!, 'BTC/USDT');
    expect(canceled.status).toBe('canceled');
    expect(await client.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect((await client.fetchBalance()).USDT).toEqual({ free: 10_000, used: 0, total: 10_000 });
    expect((await client.fetchOrders('BTC/USDT')).map((order) => order.status)).toEqual(['canceled']);
  });

  it('gives an order without a client id one with ccxt’s broker prefix', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000);
    expect(order.clientOrderId).toMatch(/^x-TKT5PX2F/);
  });

  it('fills a resting limit buy at its price when the replayed price trades through it', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const limitPrice = 7000;
    expect(crash.low).toBeLessThan(limitPrice);
    const placed = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, limitPrice);
    expect(placed.status).toBe('open');

    fake.clock.advance(HOUR_MS);
    const order = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(order.status).toBe('closed');
    expect(order.average).toBe(limitPrice);
    const [trade] = await client.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: placed.id!, price: limitPrice, amount: 0.01, takerOrMaker: 'maker', fee: { currency: 'BTC', cost: 0.00001 } });
    expect(trade!.timestamp).toBeLessThanOrEqual(fake.clock.nowMs());
    const balance = await client.fetchBalance();
    expect(balance.USDT).toEqual({ free: 9930, used: 0, total: 9930 });
    expect(balance.BTC!.free).toBeCloseTo(0.00999, 8);
  });

  it('leaves a resting limit sell untouched while the price stays below it', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const placed = await client.createOrder('BTC/USDT', 'limit', 'sell', 0.5, 8000);
    fake.clock.advance(3 * HOUR_MS);
    const order = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(order.status).toBe('open');
    expect(order.filled).toBe(0);
    expect((await client.fetchBalance()).BTC).toEqual({ free: 0.5, used: 0.5, total: 1 });
  });

  it('fills a large resting order only by its share of each candle’s volume', async () => {
    const volumeShare = 0.0001;
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, volumeShare, account: { balances: { USDT: 100_000 } } });
    const placed = await client.createOrder('BTC/USDT', 'limit', 'buy', 5, 7000);

    fake.clock.advance(HOUR_MS);
    const afterOneHour = await client.fetchOrder(placed.id!, 'BTC/USDT');
    const firstShare = Math.floor(volumeShare * crash.volume * 1e5) / 1e5;
    expect(afterOneHour.status).toBe('open');
    expect(afterOneHour.filled).toBeCloseTo(firstShare, 8);
    expect((await client.fetchOpenOrders('BTC/USDT'))[0]!.filled).toBeCloseTo(firstShare, 8);

    fake.clock.advance(HOUR_MS);
    const afterTwoHours = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(afterTwoHours.status).toBe('closed');
    expect(afterTwoHours.filled).toBe(5);
    expect(await client.fetchMyTrades('BTC/USDT')).toHaveLength(2);
  });

  it('executes a limit order that crosses the book at once, at the better book price', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const book = await client.fetchOrderBook('BTC/USDT', 5);
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 7500);
    expect(order.status).toBe('closed');
    expect(order.average).toBe(book.asks[0]![0]);
    expect((await client.fetchBalance()).USDT!.used).toBe(0);
  });

  it('refuses a post-only order that would take liquidity', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 7500, { postOnly: true }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    const resting = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 7000, { postOnly: true });
    expect(resting.status).toBe('open');
    expect(resting.postOnly).toBe(true);
  });

  it('refuses a client id already used by an open order, and accepts it again once that order is closed', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const first = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'same-id' });
    const duplicate = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5100, { clientOrderId: 'same-id' }));
    // ccxt has no entry for "Duplicate order sent.", so it falls back to -2010's class.
    expect(duplicate).toBeInstanceOf(ccxt.InvalidOrder);
    expect(duplicate).not.toBeInstanceOf(ccxt.DuplicateOrderId);
    expect(duplicate.message).toContain('Duplicate order sent.');
    expect(fake.inspect.orders()).toHaveLength(1);

    await client.cancelOrder(first.id!, 'BTC/USDT');
    const again = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5100, { clientOrderId: 'same-id' });
    expect(again.id).not.toBe(first.id);
    expect((await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'same-id' })).id).toBe(again.id);
  });

  it('lists trades since a time and up to a limit', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { USDT: 50_000 } } });
    await client.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    fake.clock.advance(HOUR_MS);
    await client.createOrder('BTC/USDT', 'market', 'buy', 0.02);
    await client.createOrder('BTC/USDT', 'market', 'buy', 0.03);
    const since = Date.parse(CRASH_HOUR) + HOUR_MS;
    expect((await client.fetchMyTrades('BTC/USDT', since)).map((trade) => trade.amount)).toEqual([0.02, 0.03]);
    expect((await client.fetchMyTrades('BTC/USDT', undefined, 1)).map((trade) => trade.amount)).toEqual([0.03]);
  });

  it('charges the configured fee rates', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, fees: { taker: 0.002 }, account: { balances: { USDT: 20_000 } } });
    const order = await client.createOrder('BTC/USDT', 'market', 'buy', 1);
    expect(order.fee).toEqual({ currency: 'BTC', cost: 0.002 });
  });

  it('trades ETH/USDT on its own replayed price and filters', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const order = await client.createOrder('ETH/USDT', 'market', 'buy', 0.5);
    const ethPrice = fake.inspect.priceOf('ETHUSDT')!;
    expect(ethPrice).toBeLessThan(1000);
    expect(order.average! / ethPrice).toBeCloseTo(1, 3);
    expect(order.fee).toEqual({ currency: 'ETH', cost: 0.0005 });
    const error = await rejectionOf(client.privatePostOrder({ symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.00015' }));
    expect(error.message).toContain('Filter failure: LOT_SIZE');
  });

  it('counts requests, accepted and rejected orders for inspection', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { newClientOrderId: 'counted-1' });
    await client.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 5, 5000));
    const counters = fake.inspect.counters();
    expect(counters).toMatchObject({ ordersAccepted: 2, ordersRejected: 1 });
    expect(counters.byPath['POST /api/v3/order']).toBe(3);
    expect(fake.inspect.orders().map((order) => [order.clientOrderId, order.status])).toEqual([
      ['counted-1', 'NEW'],
      [expect.stringMatching(/^x-TKT5PX2F/), 'FILLED'],
    ]);
    expect(fake.inspect.openOrders().map((order) => order.clientOrderId)).toEqual(['counted-1']);
    expect(fake.inspect.orders()[1]!.fills).toHaveLength(1);
  });
});
