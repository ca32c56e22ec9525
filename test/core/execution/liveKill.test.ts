import { afterEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../../core/execution/index.ts';
import { BTC, entryOrder, openOnExchange, startLiveVenue, type LiveVenue, type LiveVenueOptions } from './liveVenue.ts';

const venues: LiveVenue[] = [];
afterEach(async () => {
  for (const venue of venues.splice(0)) await venue.close();
});

async function ready(options: LiveVenueOptions = {}): Promise<LiveVenue> {
  const venue = await startLiveVenue({ readRetryAttempts: 2, ...options });
  venues.push(venue);
  expect((await venue.live.check('startup')).verdict).toBe('trade');
  return venue;
}

describe('Kill in live trading', () => {
  it('cancels an order of Ballast’s the journal does not know, keeps the stop, and never touches another app’s order', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const lost = clientOrderIdFor({ intentId: 'placed before the journal was restored' });
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 7_000, clientOrderId: lost });
    const outside = v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 6_900 });
    const report = await v.live.kill('keep_stops');
    expect(report.done).toBe(true);
    expect(report.cancelledClientOrderIds).toContain(lost);
    expect(report.remaining.map((order) => [order.owner, order.type])).toEqual([
      ['protective_stop', 'stop_limit'],
      ['external', 'limit'],
    ]);
    expect(report.notices.map((notice) => notice.code)).toEqual(['KILL_STOPS_KEPT', 'KILL_EXTERNAL_ORDERS_LEFT']);
    expect(v.fake.inspect.orderByClientOrderId(lost)?.status).toBe('CANCELED');
    expect(v.fake.inspect.orderByClientOrderId(outside.clientOrderId)?.status).toBe('NEW');
  });

  it('cancels the stops too when the key can withdraw (cancel everything), sells nothing, and places no stop again', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    await v.live.submit(entryOrder(v, 0.01, 0.1, { limitPriceQuote: 6_000 }).order);
    const outside = v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 6_900 });
    const report = await v.live.kill('cancel_everything');
    expect(report).toMatchObject({ done: true, positions: [{ symbol: BTC, amountBase: 0.00999, protection: 'unprotected' }] });
    expect(report.notices[0]).toEqual({ code: 'KILL_ALL_CANCELLED', params: { positions: 1 } });
    expect(report.remaining.map((order) => order.clientOrderId)).toEqual([outside.clientOrderId]);
    expect(await v.live.onBar()).toMatchObject({ ready: true, protection: [] });
    expect(openOnExchange(v).map((order) => order.clientOrderId)).toEqual([outside.clientOrderId]);
    expect(v.fake.inspect.balances().BTC).toEqual({ free: 0.00999, locked: 0 });
  });

  it('names an order whose cancel the exchange never confirms, and does not claim to be done', async () => {
    const v = await ready();
    const { order } = entryOrder(v, 0.01, 0.1, { limitPriceQuote: 6_000 });
    await v.live.submit(order);
    const stuck = clientOrderIdFor(order);
    v.fake.faults.add({ path: '/api/v3/order', method: 'DELETE', fault: { kind: 'serverError', status: 503, body: 'text' } });
    const report = await v.live.kill('keep_stops');
    expect(report).toMatchObject({ done: false, listingRead: true });
    expect(report.notices).toContainEqual(expect.objectContaining({ code: 'KILL_ORDER_NOT_CANCELLED', params: expect.objectContaining({ clientOrderId: stuck }) as unknown }));
    expect(report.remaining).toContainEqual(expect.objectContaining({ clientOrderId: stuck, owner: 'ballast' }));
  });

  it('claims nothing when the exchange’s listing cannot be read after the cancels', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.1, { limitPriceQuote: 6_000 }).order);
    v.fake.faults.add({ path: '/api/v3/openOrders', method: 'GET', fault: { kind: 'serverError', status: 503, body: 'text' } });
    const report = await v.live.kill('keep_stops');
    expect(report).toMatchObject({ done: false, listingRead: false, remaining: [] });
    expect(report.notices.map((notice) => notice.code)).toContain('KILL_LISTING_UNREADABLE');
  });

  it('puts the stop back when selling everything fails, and says the position was not sold', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    v.fake.faults.add({ method: 'POST', path: '/api/v3/order', params: { type: 'LIMIT', side: 'SELL' }, fault: { kind: 'binanceError', code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' } });
    const report = await v.live.kill('sell_everything');
    expect(report.done).toBe(false);
    expect(report.notices).toContainEqual(expect.objectContaining({ code: 'KILL_POSITION_NOT_SOLD', params: expect.objectContaining({ symbol: BTC, amountBase: 0.00999, protection: 'protected' }) as unknown }));
    expect(openOnExchange(v)).toEqual([expect.objectContaining({ type: 'STOP_LOSS_LIMIT', amountBase: 0.00999 })]);
    expect(report.remaining.map((order) => order.owner)).toEqual(['protective_stop']);
  });
});
