import { describe, expect, it } from 'vitest';
import { clientOrderIdFor, type OrderRequest } from '../../../core/execution/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

class Crash extends Error {}

/** Leaves a PENDING_SUBMIT row behind, as a process killed between "journaled" and "sent" would. */
function crashingBeforeSend(): { beforeSend: (request: OrderRequest) => void } {
  return {
    beforeSend: () => {
      throw new Crash('killed before send');
    },
  };
}

describe('start-up reconciliation', () => {
  it('refuses to trade, and says why, when the exchange cannot be reached', async () => {
    const s = setup();
    s.exchange.always('loadMarkets', 'unavailable');
    const readiness = await s.manager.start();
    expect(readiness).toMatchObject({ state: 'REFUSED', code: 'EXCHANGE_UNREACHABLE' });
    expect(readiness.state === 'REFUSED' && readiness.message).toMatch(/not trading/);
    const result = await s.manager.submit(sizedOrder());
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_READY' } });
    expect(s.exchange.callsOf('createOrder')).toHaveLength(0);
  });

  it('refuses when the open orders or balances cannot be read', async () => {
    const a = setup();
    a.exchange.always('fetchOpenOrders', 'unavailable');
    expect(await a.manager.start()).toMatchObject({ state: 'REFUSED', code: 'EXCHANGE_UNREACHABLE' });
    const b = setup();
    b.exchange.always('fetchBalances', { kind: 'rejected', reason: 'unparseable balance answer' });
    expect(await b.manager.start()).toMatchObject({ state: 'REFUSED', code: 'BALANCES_UNREADABLE' });
  });

  it('adopts the exchange record of an order journaled before a crash that did reach the exchange', async () => {
    const s = setup({ hooks: crashingBeforeSend() });
    await s.manager.start();
    const order = sizedOrder();
    await expect(s.manager.submit(order)).rejects.toThrow(Crash);
    expect(s.manager.order(clientOrderIdFor(order))?.status).toBe('PENDING_SUBMIT');
    // The request left after all (the process died after writing it).
    s.exchange.placeDirectly({ clientOrderId: clientOrderIdFor(order), symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 49_000 }, 0.5);
    const restarted = s.restart();
    const readiness = await restarted.start();
    expect(readiness.state).toBe('READY');
    const row = restarted.order(clientOrderIdFor(order))!;
    expect(row).toMatchObject({ status: 'PARTIALLY_FILLED', filledBase: 0.005, confirmedByExchange: true });
    expect(restarted.positions()[0]?.amountBase).toBeCloseTo(0.005 * 0.999, 12);
    expect(readiness.state === 'READY' && readiness.report.discrepancies.map((d) => d.kind)).toContain('ORDER_STATUS');
  });

  it('closes locally, without resending, an order journaled before a crash that never reached the exchange', async () => {
    const s = setup({ hooks: crashingBeforeSend() });
    await s.manager.start();
    const order = sizedOrder();
    await expect(s.manager.submit(order)).rejects.toThrow(Crash);
    const restarted = s.restart();
    expect((await restarted.start()).state).toBe('READY');
    expect(restarted.order(clientOrderIdFor(order))).toMatchObject({ status: 'EXPIRED', confirmedByExchange: false });
    expect(s.exchange.callsOf('createOrder')).toHaveLength(0);
    // A later exchange record still wins over that local conclusion.
    s.exchange.placeDirectly({ clientOrderId: clientOrderIdFor(order), symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 49_000 });
    await restarted.sync();
    expect(restarted.order(clientOrderIdFor(order))?.status).toBe('OPEN');
  });

  it('refuses to trade when an order from before the restart cannot be looked up', async () => {
    const s = setup({ hooks: crashingBeforeSend() });
    await s.manager.start();
    await expect(s.manager.submit(sizedOrder())).rejects.toThrow(Crash);
    s.exchange.always('fetchOrder', 'unavailable');
    const restarted = s.restart();
    expect(await restarted.start()).toMatchObject({ state: 'REFUSED', code: 'ORDER_STATUS_UNKNOWN' });
  });

  it('updates an order that filled while Ballast was stopped, with its trades, and reports balance changes from outside', async () => {
    const s = setup();
    await s.manager.start();
    const result = await s.manager.submit(sizedOrder());
    if (!result.ok) throw new Error(result.error.reason);
    s.exchange.fill(result.value.exchangeOrderId!, 0.01);
    const restarted = s.restart();
    const readiness = await restarted.start();
    expect(restarted.order(result.value.clientOrderId)).toMatchObject({ status: 'FILLED', filledBase: 0.01 });
    expect(restarted.balanceDeltas().get('BTC')).toBeCloseTo(s.exchange.balance('BTC'), 12);
    // Fills fully explain the balance change since the first snapshot: no balance discrepancy.
    expect(readiness.state === 'READY' && readiness.report.discrepancies.filter((d) => d.kind === 'BALANCE')).toEqual([]);
    expect(verifyJournal(s.path).ok).toBe(true);
  });

  it('adopts an open Ballast order that has no journal row, and leaves orders placed by hand alone', async () => {
    const s = setup();
    s.exchange.placeDirectly({ clientOrderId: clientOrderIdFor({ intentId: 'lost-row' }), symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 40_000 });
    s.exchange.placeDirectly({ clientOrderId: 'web_manual_123', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 40_000 });
    const readiness = await s.manager.start();
    expect(readiness.state === 'READY' && readiness.report).toMatchObject({ foreignOpenOrders: 1 });
    expect(readiness.state === 'READY' && readiness.report.discrepancies.map((d) => d.kind)).toEqual(['ORDER_NOT_IN_JOURNAL']);
    expect(s.manager.orders()).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('is idempotent and confirms through the exchange record', async () => {
    const s = setup();
    await s.manager.start();
    const result = await s.manager.submit(sizedOrder());
    if (!result.ok) throw new Error(result.error.reason);
    const first = await s.manager.cancel(result.value.clientOrderId);
    const second = await s.manager.cancel(result.value.clientOrderId);
    expect(first).toMatchObject({ confirmed: true, order: { status: 'CANCELED' } });
    expect(second).toMatchObject({ confirmed: true, order: { status: 'CANCELED' } });
    expect(s.exchange.callsOf('cancelOrder')).toHaveLength(1);
  });

  it('reads the order after "unknown order" on cancel: an order that just filled is confirmed closed as FILLED', async () => {
    const s = setup();
    await s.manager.start();
    const result = await s.manager.submit(sizedOrder());
    if (!result.ok) throw new Error(result.error.reason);
    s.exchange.fill(result.value.exchangeOrderId!, 0.01);
    const cancelled = await s.manager.cancel(result.value.clientOrderId);
    expect(cancelled).toMatchObject({ confirmed: true, order: { status: 'FILLED' } });
    expect(s.manager.positions()[0]?.amountBase).toBeCloseTo(0.00999, 12);
  });

  it('cancelAll returns only when the exchange lists no open order for the scope, or names those it could not confirm', async () => {
    const s = setup();
    await s.manager.start();
    await s.manager.submit(sizedOrder());
    await s.manager.submit(sizedOrder());
    s.exchange.placeDirectly({ clientOrderId: 'web_manual_1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 40_000 });
    const all = await s.manager.cancelAll('BTC/USDT');
    expect(all).toMatchObject({ confirmed: true, unconfirmed: [] });
    expect(all.cancelled).toHaveLength(2);
    expect(s.exchange.allOrders().every((order) => order.status === 'CANCELED')).toBe(true);

    await s.manager.submit(sizedOrder());
    s.exchange.always('cancelOrder', 'unavailable');
    const failing = await s.manager.cancelAll();
    expect(failing.confirmed).toBe(false);
    expect(failing.unconfirmed.length).toBeGreaterThan(0);
  });
});
