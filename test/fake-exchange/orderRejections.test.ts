import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

const CRASH_HOUR = '2020-03-12T10:00:00Z';

/** The last Binance error code the fake answered, read from its request log. */
function lastCode(fake: Awaited<ReturnType<typeof exchangeForTest>>['fake']): number | undefined {
  return fake.inspect.requests().at(-1)?.code;
}

describe('order rejections, with Binance’s codes and the ccxt classes they become', () => {
  it('refuses a quantity off the LOT_SIZE step with -1013, which ccxt raises as InvalidOrder', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    // ccxt would round the amount itself, so the raw endpoint carries the off-step quantity.
    const params = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.000015', price: '5000' };
    const error = await rejectionOf(client.privatePostOrder(params));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Filter failure: LOT_SIZE');
    expect(lastCode(fake)).toBe(-1013);
  });

  it('refuses a quantity above LOT_SIZE maxQty', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { USDT: 1e9 } } });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 9001, 5000));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Filter failure: LOT_SIZE');
  });

  it('refuses a price off the tick size with PRICE_FILTER (InvalidOrder)', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const params = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '5000.005' };
    const error = await rejectionOf(client.privatePostOrder(params));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Filter failure: PRICE_FILTER');
    expect(lastCode(fake)).toBe(-1013);
  });

  it('refuses an order below the minimum notional with -1013 NOTIONAL, which ccxt raises only as BadRequest', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.0001, 5000));
    expect(error.message).toContain('Filter failure: NOTIONAL');
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(error).not.toBeInstanceOf(ccxt.InvalidOrder);
    expect(lastCode(fake)).toBe(-1013);
  });

  it('applies the minimum notional to market orders at the replayed price', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'market', 'buy', 0.0005));
    expect(error.message).toContain('Filter failure: NOTIONAL');
  });

  it('refuses a market order above MARKET_LOT_SIZE maxQty', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { USDT: 1e9 } } });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'market', 'buy', 200));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Filter failure: MARKET_LOT_SIZE');
  });

  it('refuses a limit price far outside the band around the price (PERCENT_PRICE_BY_SIDE)', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { USDT: 1e6 } } });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50_000));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Filter failure: PERCENT_PRICE_BY_SIDE');
  });

  it('refuses an order the balance cannot pay with -2010, which ccxt raises as InsufficientFunds', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const buy = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 2, 7000));
    expect(buy).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(lastCode(fake)).toBe(-2010);
    const sell = await rejectionOf(client.createOrder('BTC/USDT', 'market', 'sell', 0.01));
    expect(sell).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(fake.inspect.orders()).toEqual([]);
    expect(fake.inspect.balances().USDT).toEqual({ free: 10_000, locked: 0 });
  });

  it('counts funds locked by open orders as unavailable', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    await client.createOrder('BTC/USDT', 'limit', 'buy', 1, 6000);
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 1, 5000));
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('answers a query for an unknown order with -2013 and a cancel with -2011, both OrderNotFound', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const query = await rejectionOf(client.fetchOrder('424242', 'BTC/USDT'));
    expect(query).toBeInstanceOf(ccxt.OrderNotFound);
    expect(query.message).toContain('Order does not exist.');
    expect(lastCode(fake)).toBe(-2013);
    const cancel = await rejectionOf(client.cancelOrder('424242', 'BTC/USDT'));
    expect(cancel).toBeInstanceOf(ccxt.OrderNotFound);
    expect(cancel.message).toContain('Unknown order sent.');
    expect(lastCode(fake)).toBe(-2011);
  });

  it('refuses to cancel an order that has already filled', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const order = await client.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    const error = await rejectionOf(client.cancelOrder(order.id!, 'BTC/USDT'));
    expect(error).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('refuses a quantity with more than 8 decimals as a bad request', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const params = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.000000001', price: '5000' };
    const error = await rejectionOf(client.privatePostOrder(params));
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(lastCode(fake)).toBe(-1111);
  });

  it('refuses a limit order without timeInForce as a missing mandatory parameter', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const error = await rejectionOf(client.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '5000' }));
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(lastCode(fake)).toBe(-1102);
  });
});
