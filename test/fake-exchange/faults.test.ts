import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { binanceClientFor } from './ccxtClient.ts';
import type { Fault } from './faults.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

const CRASH_HOUR = '2020-03-12T10:00:00Z';
const ORDER_PATH = '/api/v3/order';

describe('faults, as ccxt experiences them', () => {
  it('adds latency, which a short client timeout turns into RequestTimeout', async () => {
    const { client, fake } = await exchangeForTest({ faults: [{ path: '/api/v3/time', fault: { kind: 'latency', ms: 150 } }] });
    const startedMs = Date.now();
    await client.fetchTime();
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(140);
    const impatient = binanceClientFor(fake, { enableRateLimit: false, timeout: 60 });
    expect(await rejectionOf(impatient.fetchTime())).toBeInstanceOf(ccxt.RequestTimeout);
  });

  it('times out after accepting an order: the order is on the exchange and ccxt finds it by client id', async () => {
    const { client, fake } = await exchangeForTest(
      { startAt: CRASH_HOUR, faults: [{ method: 'POST', path: ORDER_PATH, times: 1, fault: { kind: 'timeoutAfterAccept' } }] },
      { timeout: 300 },
    );
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'lost-response-1' }));
    expect(error).toBeInstanceOf(ccxt.RequestTimeout);
    const onExchange = fake.inspect.orderByClientOrderId('lost-response-1');
    expect(onExchange?.status).toBe('NEW');
    const found = await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'lost-response-1' });
    expect(found.id).toBe(String(onExchange!.orderId));
    expect(found.status).toBe('open');
    expect(fake.inspect.requests().find((entry) => entry.path === ORDER_PATH && entry.method === 'POST')).toMatchObject({ status: 0, faults: ['timeoutAfterAccept'] });
  });

  it('resets the connection after accepting an order: ccxt raises NetworkError, and the order exists', async () => {
    const { client } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, times: 1, fault: { kind: 'timeoutAfterAccept', connection: 'reset' } }],
    });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'reset-1' }));
    expect(error).toBeInstanceOf(ccxt.NetworkError);
    expect(error).not.toBeInstanceOf(ccxt.RequestTimeout);
    expect((await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'reset-1' })).status).toBe('closed');
  });

  it('times out without accepting: no order exists and a lookup by client id says so', async () => {
    const { client, fake } = await exchangeForTest(
      { startAt: CRASH_HOUR, faults: [{ method: 'POST', path: ORDER_PATH, times: 1, fault: { kind: 'timeoutBeforeAccept' } }] },
      { timeout: 300 },
    );
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'never-placed' }));
    expect(error).toBeInstanceOf(ccxt.RequestTimeout);
    expect(fake.inspect.orders()).toEqual([]);
    expect(await rejectionOf(client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'never-placed' }))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(fake.inspect.balances().USDT).toEqual({ free: 10_000, locked: 0 });
  });

  it('resets the connection without accepting: NetworkError, no order', async () => {
    const { client, fake } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, fault: { kind: 'timeoutBeforeAccept', connection: 'reset' } }],
    });
    expect(await rejectionOf(client.createOrder('BTC/USDT', 'market', 'buy', 0.01))).toBeInstanceOf(ccxt.NetworkError);
    expect(fake.inspect.orders()).toEqual([]);
  });

  const serverErrors: Array<[string, Fault, abstract new (...args: never[]) => Error]> = [
    ['500 with Binance’s -1000 body', { kind: 'serverError', status: 500 }, ccxt.OperationFailed],
    ['502 gateway page', { kind: 'serverError', status: 502 }, ccxt.ExchangeNotAvailable],
    ['503 with Binance’s -1008 "server busy" body', { kind: 'serverError', status: 503 }, ccxt.OperationFailed],
    ['503 plain "Service Unavailable."', { kind: 'serverError', status: 503, body: 'text' }, ccxt.ExchangeNotAvailable],
    ['504 gateway page', { kind: 'serverError', status: 504 }, ccxt.RequestTimeout],
    ['504 with Binance’s -1007 body', { kind: 'serverError', status: 504, body: 'binanceJson' }, ccxt.RequestTimeout],
    ['500 gateway page', { kind: 'serverError', status: 500, body: 'html' }, ccxt.ExchangeNotAvailable],
    ['503 maintenance', { kind: 'maintenance' }, ccxt.OnMaintenance],
  ];
  it.each(serverErrors)('maps a %s to the ccxt class a real Binance answer gets', async (_name, fault, expectedClass) => {
    const { client } = await exchangeForTest({ faults: [{ path: '/api/v3/account', fault }] });
    const error = await rejectionOf(client.fetchBalance());
    expect(error).toBeInstanceOf(expectedClass);
  });

  it('without the production error table, ccxt maps the spot-only -1008 to a bare ExchangeError', async () => {
    const { fake } = await exchangeForTest({ faults: [{ path: '/api/v3/account', fault: { kind: 'serverError', status: 503 } }] });
    const plain = binanceClientFor(fake, { enableRateLimit: false, productionErrorMapping: false });
    const error = await rejectionOf(plain.fetchBalance());
    expect(error.constructor).toBe(ccxt.ExchangeError);
  });

  it('can fail with a 5xx after accepting an order, leaving the order in place', async () => {
    const { client, fake } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, fault: { kind: 'serverError', status: 502, afterAccept: true } }],
    });
    expect(await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'unknown-status' }))).toBeInstanceOf(
      ccxt.ExchangeNotAvailable,
    );
    expect(fake.inspect.orderByClientOrderId('unknown-status')?.status).toBe('NEW');
  });

  it('storms with 429 for a set number of requests, then recovers', async () => {
    const { client, fake } = await exchangeForTest({ faults: [{ path: '/api/v3/time', times: 3, fault: { kind: 'rateLimited', retryAfterS: 7 } }] });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const error = await rejectionOf(client.fetchTime());
      expect(error).toBeInstanceOf(ccxt.DDoSProtection);
      expect(error.message).toContain('429');
    }
    await expect(client.fetchTime()).resolves.toBeGreaterThan(0);
    expect(fake.faults.firedCount(1)).toBe(3);
  });

  it('answers 418 for a simulated IP ban', async () => {
    const { client } = await exchangeForTest({ faults: [{ fault: { kind: 'ipBanned', retryAfterS: 30 } }] });
    const error = await rejectionOf(client.fetchTime());
    expect(error).toBeInstanceOf(ccxt.DDoSProtection);
    expect(error.message).toContain('418');
  });

  it('fills a market order only partly: the rest expires, as Binance does with market orders', async () => {
    const { client, fake } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, fault: { kind: 'partialFill', fraction: 0.5 } }],
    });
    const order = await client.createOrder('BTC/USDT', 'market', 'buy', 0.1);
    expect(order.status).toBe('expired');
    expect(order.filled).toBe(0.05);
    expect(order.remaining).toBe(0.05);
    expect(fake.inspect.balances().BTC!.free).toBeCloseTo(0.05 * 0.999, 8);
  });

  it('fills a crossing limit order only partly: the rest rests on the book', async () => {
    const { client } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, fault: { kind: 'partialFill', fraction: 0.3 } }],
    });
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 7500);
    expect(order.status).toBe('open');
    expect(order.filled).toBe(0.03);
    expect((await client.fetchOpenOrders('BTC/USDT'))[0]!.remaining).toBe(0.07);
  });

  it('rejects a new order as a duplicate client id on demand, creating nothing', async () => {
    const { client, fake } = await exchangeForTest({
      startAt: CRASH_HOUR,
      faults: [{ method: 'POST', path: ORDER_PATH, times: 1, fault: { kind: 'duplicateClientOrderId' } }],
    });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000, { clientOrderId: 'retry-1' }));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(error.message).toContain('Duplicate order sent.');
    expect(fake.inspect.orders()).toEqual([]);
  });

  it('claims an existing order is unknown, on query (-2013) and on cancel (-2011), and leaves it open', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR });
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000);
    fake.faults.add({ path: ORDER_PATH, method: 'GET', times: 1, fault: { kind: 'unknownOrder' } });
    fake.faults.add({ path: ORDER_PATH, method: 'DELETE', times: 1, fault: { kind: 'unknownOrder' } });
    expect(await rejectionOf(client.fetchOrder(order.id!, 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(fake.inspect.requests().at(-1)?.code).toBe(-2013);
    expect(await rejectionOf(client.cancelOrder(order.id!, 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(fake.inspect.requests().at(-1)?.code).toBe(-2011);
    expect((await client.fetchOrder(order.id!, 'BTC/USDT')).status).toBe('open');
  });

  it('skews the server clock for matching requests only', async () => {
    const { client } = await exchangeForTest({ faults: [{ path: '/api/v3/account', fault: { kind: 'clockSkew', offsetMs: 30_000 } }] });
    expect(await rejectionOf(client.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
    await expect(client.sapiGetAccountApiRestrictions()).resolves.toBeDefined();
  });

  it('skips the first matching requests and fires only the set number of times', async () => {
    const { client } = await exchangeForTest({ faults: [{ path: '/api/v3/time', skip: 2, times: 1, fault: { kind: 'serverError', status: 502 } }] });
    const outcomes: string[] = [];
    for (let request = 0; request < 5; request += 1) {
      outcomes.push(await client.fetchTime().then(() => 'ok', () => 'failed'));
    }
    expect(outcomes).toEqual(['ok', 'ok', 'failed', 'ok', 'ok']);
  });

  it('matches rules by method as well as path', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, faults: [{ method: 'GET', path: ORDER_PATH, fault: { kind: 'serverError', status: 502 } }] });
    const order = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000);
    expect(await rejectionOf(client.fetchOrder(order.id!, 'BTC/USDT'))).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    await expect(client.cancelOrder(order.id!, 'BTC/USDT')).resolves.toMatchObject({ status: 'canceled' });
  });

  it('draws probabilistic faults from the seed: the same seed fails the same requests', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const { client } = await exchangeForTest({ seed, faults: [{ path: /^\/api\/v3\/time$/, probability: 0.5, fault: { kind: 'serverError', status: 502 } }] });
      let outcomes = '';
      for (let request = 0; request < 40; request += 1) outcomes += await client.fetchTime().then(() => '.', () => 'x');
      return outcomes;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    expect(first).toContain('x');
    expect(first).toContain('.');
    expect(await pattern(8)).not.toBe(first);
  });
});
