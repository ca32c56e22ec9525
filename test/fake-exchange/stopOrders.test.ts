import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, referenceCandleAt } from './referenceCandles.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

/** 09:00 stays above 7340; 10:00 is the crash (7354.21 → 7367.03 → 5550 → 6014.9); 11:00 rises to 6466. */
const BEFORE_CRASH = '2020-03-12T09:00:00Z';
const CRASH_HOUR = '2020-03-12T10:00:00Z';
const REBOUND_HOUR = '2020-03-12T11:00:00Z';

/** Binance's own order fields, which ccxt keeps in `info`. */
function rawOrder(order: { info: unknown }): Record<string, unknown> {
  return order.info as Record<string, unknown>;
}

describe('STOP_LOSS_LIMIT orders through ccxt (triggerPrice on a spot limit order)', () => {
  it('rests untriggered while the price stays above a sell stop, then triggers and takes the book down to its limit', async () => {
    expect(referenceCandleAt(BEFORE_CRASH).low).toBeGreaterThan(7000);
    expect(referenceCandleAt(CRASH_HOUR).low).toBeLessThan(7000);
    const { client, fake } = await exchangeForTest({ startAt: BEFORE_CRASH, account: { balances: { BTC: 1 } } });

    const placed = await client.createOrder('BTC/USDT', 'limit', 'sell', 1, 6900, { triggerPrice: 7000, clientOrderId: 'protect-1' });
    expect(placed.status).toBe('open');
    expect(placed.triggerPrice).toBe(7000);
    expect(fake.inspect.requests().at(-1)?.params).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: '7000', price: '6900', timeInForce: 'GTC' });
    expect((await client.fetchBalance()).BTC).toEqual({ free: 0, used: 1, total: 1 });

    fake.clock.advance(HOUR_MS);
    const waiting = await client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'protect-1' });
    expect(waiting.status).toBe('open');
    expect(waiting.filled).toBe(0);
    expect(rawOrder(waiting)).toMatchObject({ type: 'STOP_LOSS_LIMIT', isWorking: false, stopPrice: '7000.00000000' });

    fake.clock.advance(HOUR_MS);
    const triggered = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(triggered.status).toBe('closed');
    expect(triggered.filled).toBe(1);
    expect(triggered.average!).toBeGreaterThanOrEqual(6900);
    expect(triggered.average!).toBeLessThanOrEqual(7000);
    expect(rawOrder(triggered).isWorking).toBe(true);
    const [trade] = await client.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: placed.id!, takerOrMaker: 'taker', amount: 1 });
    expect(trade!.fee).toEqual({ currency: 'USDT', cost: Math.round(trade!.cost! * 0.001 * 1e8) / 1e8 });
    // Triggered during the crash hour, on the way from its high down to its low.
    expect(trade!.timestamp).toBeGreaterThan(Date.parse(CRASH_HOUR) + HOUR_MS / 3);
    expect(trade!.timestamp).toBeLessThan(Date.parse(CRASH_HOUR) + (2 * HOUR_MS) / 3);
    const balance = await client.fetchBalance();
    expect(balance.BTC).toEqual({ free: 0, used: 0, total: 0 });
    expect(balance.USDT!.free).toBeCloseTo(trade!.cost! - trade!.fee!.cost!, 6);
  });

  it('becomes a resting limit order once triggered when its limit is above the book', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const placed = await client.createOrder('BTC/USDT', 'limit', 'sell', 0.5, 7100, { triggerPrice: 7000 });
    fake.clock.advance(2 * HOUR_MS);
    const order = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(order.status).toBe('open');
    expect(order.filled).toBe(0);
    expect(rawOrder(order).isWorking).toBe(true);
    expect((await client.fetchOpenOrders('BTC/USDT')).map((open) => open.id)).toEqual([placed.id]);
    await client.cancelOrder(placed.id!, 'BTC/USDT');
    expect((await client.fetchBalance()).BTC).toEqual({ free: 1, used: 0, total: 1 });
  });

  it('triggers a buy stop when the price rises to it, and charges the fee in the asset bought', async () => {
    const rebound = referenceCandleAt(REBOUND_HOUR);
    expect(rebound.open).toBeLessThan(6300);
    expect(rebound.high).toBeGreaterThan(6300);
    const { client, fake } = await exchangeForTest({ startAt: REBOUND_HOUR });
    const placed = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 6400, { triggerPrice: 6300 });
    expect(fake.inspect.balances().USDT).toEqual({ free: 9360, locked: 640 });
    fake.clock.advance(HOUR_MS);
    const order = await client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(order.status).toBe('closed');
    expect(order.average!).toBeGreaterThanOrEqual(6300);
    expect(order.average!).toBeLessThanOrEqual(6400);
    const [trade] = await client.fetchMyTrades('BTC/USDT');
    expect(trade!.fee).toEqual({ currency: 'BTC', cost: 0.0001 });
    // The unspent part of the locked 640 USDT (the limit was above the fill) is released.
    expect(fake.inspect.balances().USDT!.locked).toBe(0);
    expect(fake.inspect.balances().USDT!.free).toBeCloseTo(10_000 - trade!.cost!, 6);
  });

  it('refuses a stop that the current price has already reached (OrderImmediatelyFillable)', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const error = await rejectionOf(client.createOrder('BTC/USDT', 'limit', 'sell', 0.5, 7400, { triggerPrice: 7500 }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    expect(error.message).toContain('Stop price would trigger immediately.');
    expect(fake.inspect.orders()).toEqual([]);
    expect(fake.inspect.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  it('holds the stop price to the tick size (PRICE_FILTER)', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const params = { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '6900', stopPrice: '7000.005' };
    const error = await rejectionOf(client.privatePostOrder(params));
    expect(error.message).toContain('Filter failure: PRICE_FILTER');
  });

  it('refuses a stop-limit order without a stop price, and a stop price on a plain limit order', async () => {
    const { client, fake } = await exchangeForTest({ startAt: CRASH_HOUR, account: { balances: { BTC: 1 } } });
    const missing = { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '6900' };
    expect((await rejectionOf(client.privatePostOrder(missing))).message).toContain("Mandatory parameter 'stopPrice'");
    const extra = { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '8000', stopPrice: '7000' };
    expect((await rejectionOf(client.privatePostOrder(extra))).message).toContain("Parameter 'stopPrice' sent when not required.");
    expect(fake.inspect.orders()).toEqual([]);
  });
});
