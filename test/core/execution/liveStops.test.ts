import { afterEach, describe, expect, it } from 'vitest';
import { BTC, entryOrder, exitOrder, openOnExchange, startLiveVenue, type LiveVenue, type LiveVenueOptions } from './liveVenue.ts';

const venues: LiveVenue[] = [];
afterEach(async () => {
  for (const venue of venues.splice(0)) await venue.close();
});

async function ready(options: LiveVenueOptions = {}): Promise<LiveVenue> {
  const venue = await startLiveVenue(options);
  venues.push(venue);
  const checked = await venue.live.check('startup');
  expect(checked.verdict).toBe('trade');
  return venue;
}

const TEN_MINUTES_MS = 10 * 60_000;

describe('a protective stop on the exchange for every position', () => {
  it('places a stop for the FILLED amount right after an entry fills, and counts it only once the exchange lists it under Ballast’s client id', async () => {
    const v = await ready();
    const { order, stopPriceQuote } = entryOrder(v, 0.01, 0.03);
    const { result, protection } = await v.live.submit(order);
    expect(result.ok && result.value.status).toBe('FILLED');
    // 0.01 bought − 0.00001 BTC fee (0.1 % taken in the asset received) = 0.00999.
    expect(protection).toMatchObject({ symbol: BTC, status: 'protected', positionBase: 0.00999, stopBase: 0.00999, stopPriceQuote, requiresSafeMode: false });
    expect(protection?.confirmedAtMs).not.toBeNull();
    const stops = openOnExchange(v);
    expect(stops).toEqual([{ clientOrderId: protection?.stopClientOrderId, type: 'STOP_LOSS_LIMIT', side: 'SELL', amountBase: 0.00999, filledBase: 0, stopPriceQuote }]);
    // Confirmed = read back: the last request for it was the open-order listing.
    const requests = v.fake.inspect.requests().map((request) => `${request.method} ${request.path}`);
    expect(requests.slice(-2)).toEqual(['POST /api/v3/order', 'GET /api/v3/openOrders']);
  });

  it('follows partial fills: a stop for what filled at once, resized when the rest of the entry fills', async () => {
    const v = await ready();
    v.fake.faults.add({ method: 'POST', path: '/api/v3/order', times: 1, params: { type: 'LIMIT', side: 'BUY' }, fault: { kind: 'partialFill', fraction: 0.4 } });
    const { order } = entryOrder(v, 0.01, 0.03);
    const first = await v.live.submit(order);
    expect(first.result.ok && first.result.value).toMatchObject({ status: 'PARTIALLY_FILLED', filledBase: 0.004 });
    // 0.004 − 0.000004 fee = 0.003996 → 0.00399 on the 0.00001 lot grid.
    expect(first.protection).toMatchObject({ status: 'protected', stopBase: 0.00399 });
    v.fake.clock.advance(TEN_MINUTES_MS);
    const bar = await v.live.onBar();
    expect(v.fake.inspect.orderByClientOrderId(first.result.ok ? first.result.value.clientOrderId : '')?.status).toBe('FILLED');
    expect(bar.protection).toMatchObject([{ status: 'protected', stopBase: 0.00999 }]);
    const stops = v.fake.inspect.orders().filter((o) => o.type === 'STOP_LOSS_LIMIT');
    expect(stops.map((stop) => [stop.status, stop.origAmountBase])).toEqual([['CANCELED', 0.00399], ['NEW', 0.00999]]);
  });

  it('a stop holds the coins: a sale sent past it is refused, an exit through live.exit cancels it first, sells, and sweeps', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const blocked = await v.manager.submit(exitOrder(v, 0.00999));
    expect(blocked.ok && blocked.value.status).toBe('REJECTED');
    expect(blocked.ok && blocked.value.statusReason).toContain('enough free balance');
    const exit = await v.live.exit(exitOrder(v, 0.00999));
    expect(exit.notice).toMatchObject({ code: 'EXITED', params: { amountBase: 0.00999 } });
    expect(exit.protection).toMatchObject({ status: 'flat', requiresSafeMode: false });
    expect(openOnExchange(v)).toEqual([]);
    expect(v.fake.inspect.balances().BTC).toEqual({ free: 0, locked: 0 });
  });

  it('restores the stop when the exit fails after the stop was cancelled', async () => {
    const v = await ready();
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const before = openOnExchange(v)[0]!;
    v.fake.faults.add({ method: 'POST', path: '/api/v3/order', times: 1, params: { type: 'LIMIT', side: 'SELL' }, fault: { kind: 'binanceError', code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' } });
    const exit = await v.live.exit(exitOrder(v, 0.00999));
    expect(exit.notice.code).toBe('EXIT_NOT_FILLED');
    expect(exit.protection).toMatchObject({ status: 'protected', stopBase: 0.00999, requiresSafeMode: false });
    const after = openOnExchange(v);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ type: 'STOP_LOSS_LIMIT', amountBase: 0.00999, stopPriceQuote: before.stopPriceQuote });
    expect(after[0]!.clientOrderId).not.toBe(before.clientOrderId);
    expect(v.fake.inspect.orderByClientOrderId(before.clientOrderId)?.status).toBe('CANCELED');
  });

  it('sells at once inside the band when the price is already below the stop (checked before sending)', async () => {
    const v = await ready();
    const { order } = entryOrder(v, 0.01, -0.01);
    const { protection } = await v.live.submit(order);
    expect(protection).toMatchObject({ status: 'exited', requiresSafeMode: false, notices: [{ code: 'STOP_ALREADY_PASSED_EXITED' }] });
    expect(v.fake.inspect.orders().filter((o) => o.type === 'STOP_LOSS_LIMIT')).toEqual([]);
    expect(v.live.positionBase(BTC)).toBe(0);
  });

  it('sells at once inside the band when the exchange refuses the stop as "would trigger immediately" (ccxt OrderImmediatelyFillable)', async () => {
    const v = await ready();
    const { order, stopPriceQuote } = entryOrder(v, 0.01, -0.005);
    // The bot still sees the price above the stop until the stop is sent; the exchange's price is already below it.
    const stopSent = (): boolean => v.fake.inspect.requests().some((request) => request.params.type === 'STOP_LOSS_LIMIT');
    v.setMark((_symbol, replayed) => (!stopSent() && replayed !== undefined ? stopPriceQuote * 1.01 : replayed));
    const { protection } = await v.live.submit(order);
    const refused = v.fake.inspect.requests().find((request) => request.params.type === 'STOP_LOSS_LIMIT');
    expect(refused).toMatchObject({ status: 400, code: -2010 });
    expect(protection).toMatchObject({ status: 'exited', requiresSafeMode: false, notices: [{ code: 'STOP_ALREADY_PASSED_EXITED' }] });
    expect(v.live.positionBase(BTC)).toBe(0);
    expect(openOnExchange(v)).toEqual([]);
  });

  it('retries a refused stop once, then sells inside the band and asks for safe mode', async () => {
    const v = await ready();
    v.fake.faults.add({ method: 'POST', path: '/api/v3/order', times: 2, params: { type: 'STOP_LOSS_LIMIT' }, fault: { kind: 'binanceError', code: -1013, msg: 'Filter failure: PRICE_FILTER' } });
    const { protection } = await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    expect(protection?.notices.map((notice) => notice.code)).toEqual(['STOP_REFUSED', 'STOP_REFUSED', 'STOP_FAILED_EXITED']);
    expect(protection).toMatchObject({ status: 'exited', requiresSafeMode: true });
    expect(v.fake.inspect.requests().filter((request) => request.params.type === 'STOP_LOSS_LIMIT')).toHaveLength(2);
    expect(v.live.positionBase(BTC)).toBe(0);
  });

  it('reports the position unprotected (safe mode) when neither the stop nor the sale works', async () => {
    const v = await ready();
    v.fake.faults.add({ method: 'POST', path: '/api/v3/order', params: { side: 'SELL' }, fault: { kind: 'binanceError', code: -2010, msg: 'Account has insufficient balance for requested action.' } });
    const { protection } = await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    expect(protection).toMatchObject({ status: 'unprotected', requiresSafeMode: true });
    expect(protection?.notices.at(-1)).toMatchObject({ code: 'POSITION_UNPROTECTED', params: { amountBase: 0.00999 } });
  });

  it('sells a position big enough to sell but too small for a stop at its lower price (no position stays unprotected)', async () => {
    const v = await ready();
    // 0.0008 BTC at ≈ 7,378 ≈ 5.90 USDT; held 0.00079 (after the fee, on the grid) sells for ≈ 5.80 ≥ the 5 USDT minimum,
    // but a stop 20 % lower would be worth 0.00079 × 5,902 × 0.995 ≈ 4.64 < 5: the exchange would refuse it.
    const { protection } = await v.live.submit(entryOrder(v, 0.0008, 0.2).order);
    expect(protection).toMatchObject({ status: 'exited', requiresSafeMode: false, notices: [{ code: 'POSITION_TOO_SMALL_FOR_STOP_SOLD', params: { amountBase: 0.00079 } }] });
    expect(v.fake.inspect.requests().filter((request) => request.params.type === 'STOP_LOSS_LIMIT')).toEqual([]);
    expect(v.live.positionBase(BTC)).toBeLessThan(0.00001);
  });

  it('sweeps a leftover stop once Ballast’s position is closed some other way', async () => {
    // The person holds 1 BTC of their own, so the exchange accepts a sale past the stop.
    const v = await ready({ fake: { account: { balances: { USDT: 10_000, BTC: 1 } } } });
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const sold = await v.manager.submit(exitOrder(v, 0.00999));
    expect(sold.ok && sold.value.status).toBe('FILLED');
    expect(openOnExchange(v)).toHaveLength(1);
    const bar = await v.live.onBar();
    expect(bar.protection).toMatchObject([{ status: 'flat', notices: [{ code: 'STOP_SWEPT' }] }]);
    expect(openOnExchange(v)).toEqual([]);
    // The person's own coin is untouched: 1 + 0.00999 bought − 0.00999 sold.
    expect(v.fake.inspect.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  it('never sells the person’s own coins: an exit asking for more is cut to Ballast’s position', async () => {
    const v = await ready({ fake: { account: { balances: { USDT: 10_000, BTC: 1 } } } });
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const exit = await v.live.exit(exitOrder(v, 1.5));
    expect(exit.notice).toMatchObject({ code: 'EXITED', params: { amountBase: 0.00999 } });
    expect(v.fake.inspect.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  it('puts the stop back when the person cancels it on the exchange’s website', async () => {
    const v = await ready();
    const { protection } = await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    v.fake.anotherApp.cancelOrder(protection!.stopClientOrderId!);
    const bar = await v.live.onBar();
    expect(bar.protection).toMatchObject([{ status: 'protected', stopBase: 0.00999 }]);
    expect(openOnExchange(v)).toHaveLength(1);
    expect(openOnExchange(v)[0]!.clientOrderId).not.toBe(protection!.stopClientOrderId);
  });
});
