import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { binanceClientFor } from './ccxtClient.ts';
import { HOUR_MS } from './referenceCandles.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

/** 09:00 stays above 7340; 10:00 is the crash down to 5550. */
const BEFORE_CRASH = '2020-03-12T09:00:00Z';

describe('the account used from somewhere else', () => {
  it('lists an order another app placed, with its own client id, and locks its balance, without a request of the client', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH });
    const before = fake.inspect.requests().length;
    const placed = fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 6000 });
    expect(placed.clientOrderId).toMatch(/^web_[0-9a-f]{24}$/);
    expect(fake.inspect.requests()).toHaveLength(before);
    const open = await client.fetchOpenOrders('BTC/USDT');
    expect(open.map((order) => order.clientOrderId)).toEqual([placed.clientOrderId]);
    // 0.01 × 6000 = 60 USDT locked by the other app's order.
    expect(fake.inspect.balances().USDT).toEqual({ free: 9_940, locked: 60 });
  });

  it('applies the exchange rules to the other app too, and lets it cancel the client’s orders', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH });
    expect(() => fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'SELL', type: 'LIMIT', amountBase: 0.01, priceQuote: 9000 })).toThrow('insufficient balance');
    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 6000, { clientOrderId: 'mine-1' });
    expect(fake.anotherApp.cancelOrder('mine-1').status).toBe('CANCELED');
    expect((await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'mine-1' })).status).toBe('canceled');
  });
});

describe('testnet mode', () => {
  it('serves trading but not the key permission endpoint: a client aimed at it gets a 404 that ccxt raises as ExchangeNotAvailable', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH, testnet: true });
    expect(fake.testnet).toBe(true);
    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 6000);
    const error = await rejectionOf(client.sapiGetAccountApiRestrictions());
    // ccxt's HTTP-status table maps 404 to ExchangeNotAvailable, the class it also uses for outages.
    expect(error).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(error.message).toContain('404');
    expect(fake.inspect.requests().at(-1)).toMatchObject({ path: '/sapi/v1/account/apiRestrictions', status: 404 });
  });

  it('in ccxt’s sandbox mode the permission call fails with NotSupported before any request leaves', async () => {
    const { fake } = await exchangeForTest({ startAt: BEFORE_CRASH, testnet: true });
    const sandbox = binanceClientFor(fake, { enableRateLimit: false, timeout: 2000 });
    sandbox.setSandboxMode(true);
    // Sandbox mode swaps urls.api for ccxt's testnet table (testnet.binance.vision); aim that at the fake too.
    const testUrls = (sandbox.urls as { test: Record<string, unknown> }).test;
    sandbox.urls.api = Object.fromEntries(Object.entries(testUrls).map(([name, url]) => [name, String(url).replace(/^https:\/\/[a-z0-9.-]+/, fake.url)]));
    expect(Object.keys(sandbox.urls.api)).not.toContain('sapi');
    const placed = await sandbox.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 6000);
    expect(placed.status).toBe('open');
    const requestsBefore = fake.inspect.requests().length;
    const error = await rejectionOf(sandbox.sapiGetAccountApiRestrictions());
    expect(error).toBeInstanceOf(ccxt.NotSupported);
    expect(error.message).toBe('binance does not have a testnet/sandbox URL for sapi endpoints');
    expect(fake.inspect.requests()).toHaveLength(requestsBefore);
  });
});

describe('sleep and a lost network', () => {
  it('moves the market on while the client sleeps: a resting stop triggers, and the next request works on a new connection', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH, account: { balances: { BTC: 1 } } });
    await client.createOrder('BTC/USDT', 'limit', 'sell', 1, 6900, { triggerPrice: 7000, clientOrderId: 'stop-while-away' });
    await fake.sleep(3 * HOUR_MS);
    expect(fake.clock.nowMs()).toBe(Date.parse(BEFORE_CRASH) + 3 * HOUR_MS);
    const order = await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'stop-while-away' });
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(1);
  });

  it('resets every connection while disconnected (ccxt NetworkError, nothing processed), and serves again after reconnect', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH });
    await client.loadMarkets();
    await fake.disconnect();
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 6000, { clientOrderId: 'offline-1' }));
    expect(error).toBeInstanceOf(ccxt.NetworkError);
    expect(fake.inspect.orders()).toEqual([]);
    expect(fake.inspect.requests().at(-1)).toMatchObject({ status: 0, faults: ['offline'] });
    fake.reconnect();
    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 6000, { clientOrderId: 'online-1' });
    expect(fake.inspect.orders().map((order) => order.clientOrderId)).toEqual(['online-1']);
  });

  it('records a ccxt trap: once the first loadMarkets failed, every later call fails with that error until markets are reloaded', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH });
    await fake.disconnect();
    expect(await rejectionOf(client.loadMarkets())).toBeInstanceOf(ccxt.NetworkError);
    fake.reconnect();
    const requestsBefore = fake.inspect.requests().length;
    // ccxt keeps the failed loading promise: nothing is even sent.
    expect(await rejectionOf(client.fetchOpenOrders('BTC/USDT'))).toBeInstanceOf(ccxt.NetworkError);
    expect(fake.inspect.requests()).toHaveLength(requestsBefore);
    await client.loadMarkets(true);
    expect(await client.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });
});

describe('rules that matter for protective stops', () => {
  it('refuses a sixth open stop order on one symbol (MAX_NUM_ALGO_ORDERS), as Binance does', async () => {
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH, account: { balances: { BTC: 1 } } });
    for (let i = 0; i < 5; i += 1) await client.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 6900, { triggerPrice: 7000 });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 6900, { triggerPrice: 7000 }));
    expect(error.message).toContain('Filter failure: MAX_NUM_ALGO_ORDERS');
    // Plain limit orders do not count against it.
    await client.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 9000);
    expect(fake.inspect.openOrders()).toHaveLength(6);
  });

  it('answers any Binance error on demand (binanceError fault), unprocessed', async () => {
    const { client, fake } = await exchangeForTest({
      startAt: BEFORE_CRASH,
      account: { balances: { BTC: 1 } },
      faults: [{ method: 'POST', path: '/api/v3/order', times: 1, fault: { kind: 'binanceError', code: -2010, msg: 'Account has insufficient balance for requested action.' } }],
    });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'sell', 0.5, 6900, { triggerPrice: 7000 }));
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(fake.inspect.orders()).toEqual([]);
  });
});
