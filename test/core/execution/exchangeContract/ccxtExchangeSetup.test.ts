import ccxt from 'ccxt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCcxtExchange, REJECTION_CODES } from '../../../../core/execution/index.ts';
import { binanceClientFor, startFakeExchange } from '../../../fake-exchange/index.ts';
import { CRASH_HOUR, limitBuy } from './orderLifecycleCases.ts';
import { okValue } from './outcomes.ts';

async function fakeExchange() {
  const fake = await startFakeExchange({ startAt: CRASH_HOUR });
  onTestFinished(() => fake.close());
  return fake;
}

describe('CcxtExchange setup', () => {
  it('refuses to run with ccxt’s rate limiter off unless a test says so explicitly', async () => {
    const fake = await fakeExchange();
    const refused = createCcxtExchange({ exchange: binanceClientFor(fake, { enableRateLimit: false }) });
    expect(refused).toMatchObject({ ok: false, error: { detail: expect.stringContaining('enableRateLimit is false') as unknown } });
    if (!refused.ok) expect(refused.error.reason).toContain('rate limiter');
    expect(createCcxtExchange({ exchange: binanceClientFor(fake, { enableRateLimit: false }), unsafeAllowRateLimiterOffInTests: true }).ok).toBe(true);
  });

  it('trades through ccxt with its rate limiter on', async () => {
    const fake = await fakeExchange();
    const client = binanceClientFor(fake, { timeout: 5000 });
    expect(client.enableRateLimit).toBe(true);
    const created = createCcxtExchange({ exchange: client });
    if (!created.ok) expect.fail(created.error.detail);
    const placed = okValue(await created.value.createOrder(limitBuy('limiter-on', 0.01, 5000)));
    expect(okValue(await created.value.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'limiter-on' })).exchangeOrderId).toBe(placed.exchangeOrderId);
    expect(client.enableRateLimit).toBe(true);
  });

  it('sends the client order id as Binance’s newClientOrderId, and a stop as STOP_LOSS_LIMIT with stopPrice', async () => {
    const fake = await startFakeExchange({ startAt: CRASH_HOUR, account: { balances: { USDT: 10_000, BTC: 1 } } });
    onTestFinished(() => fake.close());
    const created = createCcxtExchange({ exchange: binanceClientFor(fake, { enableRateLimit: false }), unsafeAllowRateLimiterOffInTests: true });
    if (!created.ok) expect.fail(created.error.detail);
    const port = created.value;
    expect(port.supportsNativeStops).toBe(true);
    okValue(await port.createOrder(limitBuy('ballast-abc-1', 0.01, 5000)));
    expect(fake.inspect.requests().at(-1)?.params).toMatchObject({ newClientOrderId: 'ballast-abc-1', type: 'LIMIT', quantity: '0.01', price: '5000' });
    okValue(await port.createOrder({ clientOrderId: 'ballast-stop-1', symbol: 'BTC/USDT', side: 'sell', type: 'stop_limit', amountBase: 0.5, limitPriceQuote: 6900, stopPriceQuote: 7000 }));
    expect(fake.inspect.requests().at(-1)?.params).toMatchObject({ newClientOrderId: 'ballast-stop-1', type: 'STOP_LOSS_LIMIT', stopPrice: '7000', price: '6900' });
  });

  it('absorbs float noise from the caller’s arithmetic but refuses amounts ccxt would silently truncate', async () => {
    const fake = await fakeExchange();
    const created = createCcxtExchange({ exchange: binanceClientFor(fake, { enableRateLimit: false }), unsafeAllowRateLimiterOffInTests: true });
    if (!created.ok) expect.fail(created.error.detail);
    const noisy = okValue(await created.value.createOrder(limitBuy('noise', 0.1 + 0.2, 5000)));
    expect(noisy.amountBase).toBe(0.3);
    expect(fake.inspect.requests().at(-1)?.params).toMatchObject({ quantity: '0.3' });
    const before = fake.inspect.counters().byPath['POST /api/v3/order'];
    expect(await created.value.createOrder(limitBuy('truncated', 0.0100001, 5000))).toMatchObject({ kind: 'rejected', exchangeCode: REJECTION_CODES.lotSize });
    expect(fake.inspect.counters().byPath['POST /api/v3/order']).toBe(before);
  });

  it('does not offer native stops on an exchange whose stop semantics Ballast has not verified', () => {
    const created = createCcxtExchange({ exchange: new ccxt.kraken({ enableRateLimit: true }) });
    if (!created.ok) expect.fail(created.error.detail);
    expect(created.value.supportsNativeStops).toBe(false);
  });

  it('fails closed on an order answer it cannot read: unknown, because the order may exist', async () => {
    const fake = await fakeExchange();
    const client = binanceClientFor(fake, { enableRateLimit: false });
    const created = createCcxtExchange({ exchange: client, unsafeAllowRateLimiterOffInTests: true });
    if (!created.ok) expect.fail(created.error.detail);
    okValue(await created.value.loadMarkets());
    // The exchange answered, but with an order status no version of Ballast knows.
    client.createOrder = () => Promise.resolve({ id: '1', clientOrderId: 'odd', symbol: 'BTC/USDT', side: 'buy', type: 'limit', status: 'PENDING_NEW', amount: 0.01, filled: 0, info: {} } as never);
    expect(await created.value.createOrder(limitBuy('odd', 0.01, 5000))).toMatchObject({ kind: 'unknown', detail: expect.stringContaining('status') as unknown });
    client.fetchOrder = () => Promise.resolve({ id: '1', symbol: 'BTC/USDT' } as never);
    expect(await created.value.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'odd' })).toMatchObject({ kind: 'unavailable' });
    client.fetchBalance = () => Promise.resolve({ free: { USDT: 1 }, used: { USDT: null }, total: { USDT: 1 } } as never);
    expect(await created.value.fetchBalances()).toMatchObject({ kind: 'unavailable', detail: expect.stringContaining('USDT') as unknown });
  });
});
