import { describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../../core/execution/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

async function ready(s: ReturnType<typeof setup>): Promise<void> {
  const readiness = await s.manager.start();
  expect(readiness.state).toBe('READY');
}

describe('an order whose answer was lost', () => {
  it('is found by its client id after a timeout that followed acceptance, and never sent again', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    const order = sizedOrder();
    const result = await s.manager.submit(order);
    expect(result.ok && result.value.status).toBe('OPEN');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.exchange.ordersWithClientId(clientOrderIdFor(order))).toHaveLength(1);
    // The very next call after the lost answer is a lookup by client id.
    const afterCreate = s.exchange.calls[s.exchange.calls.findIndex((call) => call.call === 'createOrder') + 1];
    expect(afterCreate).toMatchObject({ call: 'fetchOrder', clientOrderId: clientOrderIdFor(order) });
  });

  it('is sent again with the SAME client id only after lookup, second lookup, open orders and trades all show it absent', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_before_accept');
    const order = sizedOrder();
    const callsBefore = s.exchange.calls.length;
    const result = await s.manager.submit(order);
    expect(result.ok && result.value.status).toBe('OPEN');
    const sequence = s.exchange.calls.slice(callsBefore).map((call) => call.call);
    expect(sequence).toEqual(['createOrder', 'fetchOrder', 'fetchOrder', 'fetchOpenOrders', 'fetchMyTrades', 'createOrder']);
    const creates = s.exchange.callsOf('createOrder').map((call) => call.clientOrderId);
    expect(creates).toEqual([clientOrderIdFor(order), clientOrderIdFor(order)]);
    expect(result.ok && result.value.submitAttempts).toBe(2);
    expect(s.exchange.allOrders()).toHaveLength(1);
  });

  it('treats a single "not found" as not final: the second lookup finds the order and nothing is resent', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    s.exchange.script('fetchOrder', 'not_found');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('OPEN');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.exchange.callsOf('fetchOrder')).toHaveLength(2);
  });

  it('finds the order in the open orders when both lookups say "not found"', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    s.exchange.script('fetchOrder', 'not_found', 'not_found');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('OPEN');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.exchange.allOrders()).toHaveLength(1);
  });

  it('finds a filled order through its trades when lookups fail and it is no longer open', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    // Two lookups by client id miss; the trade's order is then looked up by its exchange id.
    s.exchange.script('fetchOrder', 'not_found', 'not_found');
    const order = sizedOrder({ type: 'market', limitPriceQuote: undefined });
    const result = await s.manager.submit(order, { referencePriceQuote: 50_000 });
    expect(result.ok && result.value.status).toBe('FILLED');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.manager.positions()[0]?.amountBase).toBeCloseTo(0.01 * 0.999, 12);
  });

  it('never reads a failed lookup as "no order": the status stays UNKNOWN and nothing is resent', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    s.exchange.always('fetchOrder', 'unavailable');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('UNKNOWN');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.manager.health().errors).toBeGreaterThan(0);
  });

  it('treats a failed open-orders read in the absence proof as "unknown", not "absent"', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_before_accept');
    s.exchange.always('fetchOpenOrders', 'unavailable');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('UNKNOWN');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
  });

  it('resolves an UNKNOWN order on the next sync once the exchange answers again, without a second order', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'lost_after_accept');
    s.exchange.always('fetchOrder', 'unavailable');
    const first = await s.manager.submit(sizedOrder());
    expect(first.ok && first.value.status).toBe('UNKNOWN');
    s.exchange.clearScripts();
    await s.manager.sync();
    expect(first.ok && s.manager.order(first.value.clientOrderId)?.status).toBe('OPEN');
    expect(s.exchange.allOrders()).toHaveLength(1);
  });

  it('looks the order up after "duplicate order" and adopts it rather than sending another', async () => {
    const s = setup();
    await ready(s);
    const order = sizedOrder();
    s.exchange.placeDirectly({ clientOrderId: clientOrderIdFor(order), symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 49_000 });
    const result = await s.manager.submit(order);
    expect(result.ok && result.value.status).toBe('OPEN');
    expect(s.exchange.allOrders()).toHaveLength(1);
  });

  it('closes an order as REJECTED when "duplicate" was reported but no such order exists, without resending', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', 'duplicate');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('REJECTED');
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.exchange.allOrders()).toHaveLength(0);
  });

  it('gives up after the configured number of proven-absent attempts', async () => {
    const s = setup({ maxSubmitAttempts: 2 });
    await ready(s);
    s.exchange.script('createOrder', 'lost_before_accept', 'lost_before_accept');
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('REJECTED');
    expect(result.ok && result.value.confirmedByExchange).toBe(false);
    expect(s.exchange.callsOf('createOrder')).toHaveLength(2);
  });

  it('sends one order for one intent however often it is submitted, even concurrently', async () => {
    const s = setup();
    await ready(s);
    const order = sizedOrder();
    const results = await Promise.all([s.manager.submit(order), s.manager.submit(order), s.manager.submit(order)]);
    expect(results.every((result) => result.ok)).toBe(true);
    await s.manager.submit(order);
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
  });

  it('refuses an intent id reused for a different order', async () => {
    const s = setup();
    await ready(s);
    const order = sizedOrder();
    await s.manager.submit(order);
    const reused = await s.manager.submit({ ...order, side: 'sell' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'INTENT_REUSED' } });
  });

  it('takes a plain exchange rejection as final and does not retry it', async () => {
    const s = setup();
    await ready(s);
    s.exchange.script('createOrder', { kind: 'rejected', reason: 'Account has insufficient balance' });
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value).toMatchObject({ status: 'REJECTED', statusReason: 'Account has insufficient balance' });
    expect(s.exchange.callsOf('createOrder')).toHaveLength(1);
    expect(s.exchange.callsOf('fetchOrder')).toHaveLength(0);
  });
});
