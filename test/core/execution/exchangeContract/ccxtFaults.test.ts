import { Writable } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCcxtExchange, REJECTION_CODES, type OrderRequest } from '../../../../core/execution/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { binanceClientFor, type Fault, type FakeExchangeOptions } from '../../../fake-exchange/index.ts';
import { startCcxtHarness, type CcxtHarness } from './ccxtHarness.ts';
import { CRASH_HOUR, limitBuy, marketOrder } from './orderLifecycleCases.ts';
import { okValue } from './outcomes.ts';

const ORDER_PATH = '/api/v3/order';

async function start(fakeOptions: FakeExchangeOptions = {}, timeoutMs = 2000): Promise<CcxtHarness> {
  const harness = await startCcxtHarness({ startAt: CRASH_HOUR, balances: { USDT: 10_000, BTC: 1 } }, fakeOptions, timeoutMs);
  onTestFinished(() => harness.close());
  return harness;
}

const onOrders = (fault: Fault, method = 'POST'): FakeExchangeOptions => ({ faults: [{ method, path: ORDER_PATH, times: 1, fault }] });

describe('CcxtExchange when the exchange misbehaves', () => {
  it('answers unknown when the answer to an accepted order is lost, and the order is then found by its client id', async () => {
    const { port, fake } = await start(onOrders({ kind: 'timeoutAfterAccept' }), 300);
    const outcome = await port.createOrder(limitBuy('lost-answer-1', 0.01, 5000));
    expect(outcome).toMatchObject({ kind: 'unknown' });
    expect(fake.inspect.orderByClientOrderId('lost-answer-1')?.status).toBe('NEW');
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'lost-answer-1' }))).toMatchObject({ clientOrderId: 'lost-answer-1', status: 'OPEN' });
  });

  it('answers unknown when the connection drops after a market order executed, and the fill is then found', async () => {
    const { port } = await start(onOrders({ kind: 'timeoutAfterAccept', connection: 'reset' }));
    expect(await port.createOrder(marketOrder('reset-after-1', 'buy', 0.01))).toMatchObject({ kind: 'unknown' });
    const found = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'reset-after-1' }));
    expect(found).toMatchObject({ status: 'FILLED', filledBase: 0.01, fees: [{ asset: 'BTC', amount: 0.00001 }] });
  });

  it('answers unknown when the request times out before the exchange saw it, and a lookup then proves there is no order', async () => {
    const { port, fake } = await start(onOrders({ kind: 'timeoutBeforeAccept' }), 300);
    expect(await port.createOrder(limitBuy('never-arrived', 0.01, 5000))).toMatchObject({ kind: 'unknown' });
    expect(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'never-arrived' })).toMatchObject({ kind: 'not_found' });
    expect(fake.inspect.orders()).toEqual([]);
  });

  it.each<[string, Fault]>([
    ['a 502 gateway page after the order was accepted', { kind: 'serverError', status: 502, afterAccept: true }],
    ['a 500 with Binance’s -1000 body after the order was accepted', { kind: 'serverError', status: 500, afterAccept: true }],
    ['a 504 after the order was accepted', { kind: 'serverError', status: 504, afterAccept: true }],
    ['a 503 "server busy" before processing', { kind: 'serverError', status: 503 }],
  ])('answers unknown to an order request that got %s', async (_name, fault) => {
    const { port } = await start(onOrders(fault));
    expect(await port.createOrder(limitBuy('five-hundred', 0.01, 5000))).toMatchObject({ kind: 'unknown' });
  });

  it('answers unknown, not unavailable, to a cancel that got a 5xx: the cancel may have happened', async () => {
    const { port, fake } = await start();
    const placed = okValue(await port.createOrder(limitBuy('cancel-5xx', 0.01, 5000)));
    fake.faults.add({ method: 'DELETE', path: ORDER_PATH, times: 1, fault: { kind: 'serverError', status: 502, afterAccept: true } });
    expect(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId })).toMatchObject({ kind: 'unknown' });
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId })).status).toBe('CANCELED');
  });

  it('answers unavailable to a read that got a 5xx, since nothing changed', async () => {
    const { port } = await start({ faults: [{ path: '/api/v3/account', fault: { kind: 'serverError', status: 502 } }, { method: 'GET', path: ORDER_PATH, fault: { kind: 'serverError', status: 500 } }] });
    expect(await port.fetchBalances()).toMatchObject({ kind: 'unavailable' });
    expect(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'anything' })).toMatchObject({ kind: 'unavailable' });
  });

  it('answers rate_limited with the Retry-After the exchange sent on a 429, for orders and reads', async () => {
    const { port } = await start({ faults: [{ path: ORDER_PATH, times: 1, fault: { kind: 'rateLimited', retryAfterS: 7 } }, { path: '/api/v3/account', times: 1, fault: { kind: 'rateLimited', retryAfterS: 12 } }] });
    expect(await port.createOrder(limitBuy('slow-down', 0.01, 5000))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(await port.fetchBalances()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 });
  });

  it('answers rate_limited to a 418 IP ban with its Retry-After', async () => {
    const { port } = await start({ faults: [{ path: '/api/v3/account', fault: { kind: 'ipBanned', retryAfterS: 120 } }] });
    const outcome = await port.fetchBalances();
    expect(outcome).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
    if (outcome.kind === 'rate_limited') expect(outcome.detail).toContain('418');
  });

  it('answers rate_limited when the real request-weight limit is exceeded', async () => {
    const { port } = await start({ weightLimitPerMinute: 60 });
    const outcomes = [];
    for (let request = 0; request < 5; request += 1) outcomes.push(await port.fetchBalances());
    const limited = outcomes.find((outcome) => outcome.kind === 'rate_limited');
    expect(limited).toBeDefined();
    if (limited?.kind === 'rate_limited') {
      expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
      expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });

  it('answers auth_failed to a wrong secret and to an unknown key', async () => {
    const { fake } = await start();
    for (const overrides of [{ secret: 'FAKE-SECRET-WRONG' }, { apiKey: 'FAKE-KEY-UNKNOWN' }]) {
      const client = binanceClientFor(fake, { ...overrides, enableRateLimit: false, timeout: 2000 });
      const created = createCcxtExchange({ exchange: client, unsafeAllowRateLimiterOffInTests: true });
      if (!created.ok) expect.fail(created.error.detail);
      expect(await created.value.fetchBalances()).toMatchObject({ kind: 'auth_failed' });
      expect(await created.value.createOrder(limitBuy('bad-key', 0.01, 5000))).toMatchObject({ kind: 'auth_failed' });
    }
    expect(fake.inspect.orders()).toEqual([]);
  });

  it('answers auth_failed, not rate_limited, when a key that worked loses its trading permission (ccxt raises DDoSProtection for that -2015)', async () => {
    const { port, fake } = await start();
    okValue(await port.fetchBalances());
    fake.account.setPermissions({ enableSpotAndMarginTrading: false });
    const outcome = await port.createOrder(limitBuy('no-permission', 0.01, 5000));
    expect(outcome).toMatchObject({ kind: 'auth_failed' });
    if (outcome.kind === 'auth_failed') expect(outcome.detail).toContain('DDoSProtection');
  });

  it('answers unavailable during maintenance, and places nothing', async () => {
    const { port, fake } = await start({ faults: [{ fault: { kind: 'maintenance' }, path: /^\/api\/v3\/(order|account)$/ }] });
    expect(await port.createOrder(limitBuy('maintenance', 0.01, 5000))).toMatchObject({ kind: 'unavailable' });
    expect(await port.fetchBalances()).toMatchObject({ kind: 'unavailable' });
    expect(fake.inspect.orders()).toEqual([]);
  });

  it('answers unavailable when the computer clock is outside the exchange’s receive window', async () => {
    const { port } = await start({ faults: [{ path: ORDER_PATH, fault: { kind: 'clockSkew', offsetMs: 120_000 } }] });
    expect(await port.createOrder(limitBuy('skewed', 0.01, 5000))).toMatchObject({ kind: 'unavailable' });
  });

  it('answers not_found when the exchange claims an existing order is unknown, on query and on cancel', async () => {
    const { port, fake } = await start();
    const placed = okValue(await port.createOrder(limitBuy('claimed-unknown', 0.01, 5000)));
    fake.faults.add({ method: 'GET', path: ORDER_PATH, times: 1, fault: { kind: 'unknownOrder' } });
    fake.faults.add({ method: 'DELETE', path: ORDER_PATH, times: 1, fault: { kind: 'unknownOrder' } });
    const ref = { symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId };
    expect(await port.fetchOrder(ref)).toMatchObject({ kind: 'not_found' });
    expect(await port.cancelOrder(ref)).toMatchObject({ kind: 'not_found' });
    expect(okValue(await port.fetchOrder(ref)).status).toBe('OPEN');
  });

  it('recognises "Duplicate order sent." (ccxt: a plain InvalidOrder) as a duplicate client order id', async () => {
    const { port } = await start(onOrders({ kind: 'duplicateClientOrderId' }));
    const outcome = await port.createOrder(limitBuy('dup-by-fault', 0.01, 5000));
    expect(outcome).toMatchObject({ kind: 'rejected', exchangeCode: REJECTION_CODES.duplicateClientOrderId });
    if (outcome.kind === 'rejected') expect(outcome.reason).toContain('Duplicate order sent.');
  });

  it('reports a market order that only partly executed as EXPIRED with what did fill', async () => {
    const { port } = await start(onOrders({ kind: 'partialFill', fraction: 0.5 }));
    expect(okValue(await port.createOrder(marketOrder('half-market', 'buy', 0.1)))).toMatchObject({ status: 'EXPIRED', filledBase: 0.05, fees: [{ asset: 'BTC', amount: 0.00005 }] });
  });

  it('reports a limit order that partly executed on arrival as PARTIALLY_FILLED', async () => {
    const { port } = await start(onOrders({ kind: 'partialFill', fraction: 0.3 }));
    expect(okValue(await port.createOrder(limitBuy('partial-limit', 0.1, 7500)))).toMatchObject({ status: 'PARTIALLY_FILLED', filledBase: 0.03 });
  });

  it('reads the fees of a filled order from its trades, because Binance’s order query carries no fills', async () => {
    const { port, fake, advanceMarket } = await start();
    const placed = okValue(await port.createOrder(limitBuy('fees-later', 0.01, 7000)));
    await advanceMarket(3_600_000);
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    expect(order.fees).toEqual([{ asset: 'BTC', amount: 0.00001 }]);
    expect(fake.inspect.requests().at(-1)).toMatchObject({ path: '/api/v3/myTrades', params: { orderId: placed.exchangeOrderId } });
  });

  it('cancels with both ids when it has both, so it can never cancel another order', async () => {
    const { port, fake } = await start();
    const mine = okValue(await port.createOrder(limitBuy('mine', 0.01, 5000)));
    const ref = { symbol: 'BTC/USDT', exchangeOrderId: mine.exchangeOrderId, clientOrderId: 'someone-else' };
    expect(await port.cancelOrder(ref)).toMatchObject({ kind: 'not_found' });
    expect(fake.inspect.requests().at(-1)?.params).toMatchObject({ orderId: mine.exchangeOrderId, origClientOrderId: 'someone-else' });
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: mine.exchangeOrderId })).status).toBe('OPEN');
  });
});

describe('CcxtExchange keeps secrets out of everything it returns or logs', () => {
  it('never puts the API key or secret in an outcome or a log line, whatever goes wrong', async () => {
    const { fake } = await start({ faults: [{ path: ORDER_PATH, method: 'POST', fault: { kind: 'serverError', status: 500 } }] });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const client = binanceClientFor(fake, { enableRateLimit: false, timeout: 2000 });
    const created = createCcxtExchange({ exchange: client, unsafeAllowRateLimiterOffInTests: true, logger: createLogger({ destination, level: 'debug' }) });
    if (!created.ok) expect.fail(created.error.detail);
    const port = created.value;
    const request: OrderRequest = limitBuy('secret-check', 0.01, 5000);
    const outcomes: unknown[] = [
      await port.createOrder(request),
      await port.createOrder({ ...request, clientOrderId: 'x'.repeat(40) }),
      await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'nope' }),
    ];
    const wrongSecret = createCcxtExchange({ exchange: binanceClientFor(fake, { secret: 'FAKE-SECRET-CANARY-0123456789', enableRateLimit: false }), unsafeAllowRateLimiterOffInTests: true });
    if (!wrongSecret.ok) expect.fail(wrongSecret.error.detail);
    outcomes.push(await wrongSecret.value.fetchBalances());
    const everything = JSON.stringify(outcomes) + lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(fake.credentials.apiKey);
    expect(everything).not.toContain(fake.credentials.secret);
    expect(everything).not.toContain('FAKE-SECRET-CANARY-0123456789');
    expect(everything).not.toMatch(/signature=[0-9a-f]{16}/);
  });
});
