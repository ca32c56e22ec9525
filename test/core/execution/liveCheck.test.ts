import { afterEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor, type OrderRequest } from '../../../core/execution/index.ts';
import { journalVersusExchange } from './chaosSupport.ts';
import { BTC, entryOrder, exitOrder, openOnExchange, startLiveVenue, type LiveVenue, type LiveVenueOptions } from './liveVenue.ts';

const venues: LiveVenue[] = [];
afterEach(async () => {
  for (const venue of venues.splice(0)) await venue.close();
});

async function venueWith(options: LiveVenueOptions = {}): Promise<LiveVenue> {
  const venue = await startLiveVenue(options);
  venues.push(venue);
  return venue;
}

const HOUR_MS = 3_600_000;
class Crash extends Error {}

/** The journal and the exchange agree order by order, and no intent ever had two exchange orders. */
function agree(v: LiveVenue): string[] {
  const recorded = (clientOrderId: string): number => v.manager.fills().filter((fill) => fill.clientOrderId === clientOrderId).reduce((sum, fill) => sum + fill.amountBase, 0);
  return journalVersusExchange(v.manager.orders(), recorded, v.fake.inspect.orders().filter((order) => order.clientOrderId.startsWith('bl-')));
}

describe('the live check before the first order, after a restart, a wake-up or a lost connection', () => {
  it('after the process is killed mid-order, finds the order on the exchange, protects its fill, and sends nothing twice', async () => {
    let crashNext = false;
    const v = await venueWith({
      hooks: {
        afterResponse: (request: OrderRequest) => {
          if (crashNext && request.type === 'limit') throw new Crash('killed after the answer came back');
        },
      },
    });
    expect((await v.live.check('startup')).verdict).toBe('trade');
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    crashNext = true;
    const second = entryOrder(v, 0.02, 0.03).order;
    await expect(v.live.submit(second)).rejects.toThrow(Crash);
    expect(v.manager.order(clientOrderIdFor(second))?.status).toBe('PENDING_SUBMIT');

    v.restart();
    crashNext = false;
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('trade');
    if (checked.verdict !== 'trade') return;
    expect(checked.findings.map((finding) => finding.code)).toEqual(expect.arrayContaining(['ORDER_CHANGED_WHILE_AWAY', 'STOP_REPLACED']));
    // 0.00999 + 0.01998 (0.02 less its 0.1 % fee) = 0.02997, under one stop, confirmed.
    expect(checked.protection).toMatchObject([{ status: 'protected', positionBase: 0.02997, stopBase: 0.02997 }]);
    expect(openOnExchange(v)).toHaveLength(1);
    // The same intent again after the restart: the order it already is, not a second one.
    const again = await v.live.submit(second);
    expect(again.result.ok && again.result.value.status).toBe('FILLED');
    expect(agree(v)).toEqual([]);
    expect(v.fake.inspect.orders().filter((order) => order.clientOrderId === clientOrderIdFor(second))).toHaveLength(1);
  });

  it('lists orders another app placed as external, in plain numbers, and never touches them', async () => {
    const v = await venueWith({ fake: { account: { balances: { USDT: 10_000, BTC: 1 } } } });
    const outside = v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'SELL', type: 'LIMIT', amountBase: 0.5, priceQuote: 9_000 });
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('trade');
    if (checked.verdict !== 'trade') return;
    expect(checked.findings).toEqual([
      { code: 'EXTERNAL_ORDER', explained: true, params: { symbol: BTC, asset: 'BTC', clientOrderId: outside.clientOrderId, side: 'sell', type: 'limit', amountBase: 0.5, limitPriceQuote: 9_000 } },
    ]);
    await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    const kept = await v.live.kill('keep_stops');
    const sold = await v.live.kill('sell_everything');
    for (const report of [kept, sold]) expect(report.remaining.filter((order) => order.owner === 'external').map((order) => order.clientOrderId)).toEqual([outside.clientOrderId]);
    expect(sold.done).toBe(true);
    expect(v.fake.inspect.orderByClientOrderId(outside.clientOrderId)).toMatchObject({ status: 'NEW', executedAmountBase: 0 });
    expect(v.fake.inspect.requests().filter((request) => request.method === 'DELETE' && request.params.origClientOrderId === outside.clientOrderId)).toEqual([]);
    // The person's 1 BTC is theirs: the 0.5 their order locks and the rest stay; Ballast sold only its own.
    expect(v.fake.inspect.balances().BTC).toEqual({ free: 0.5, locked: 0.5 });
  });

  it('after a sleep in which the stop filled, refuses orders until the check is done, then finds the position closed', async () => {
    const v = await venueWith();
    expect((await v.live.check('startup')).verdict).toBe('trade');
    const { protection } = await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    // The computer sleeps through the 2020-03-12 crash: the market falls 25 % and the stop sells.
    await v.fake.sleep(3 * HOUR_MS);
    const checking = v.live.check('wake');
    const during = await v.manager.submit(entryOrder(v, 0.01, 0.03).order);
    expect(during).toMatchObject({ ok: false, error: { code: 'NOT_READY' } });
    const checked = await checking;
    expect(checked.verdict).toBe('trade');
    if (checked.verdict !== 'trade') return;
    expect(checked.findings).toContainEqual(expect.objectContaining({ code: 'ORDER_CHANGED_WHILE_AWAY', params: expect.objectContaining({ clientOrderId: protection?.stopClientOrderId }) as unknown }));
    expect(v.manager.order(protection!.stopClientOrderId!)?.status).toBe('FILLED');
    expect(v.live.positionBase(BTC)).toBe(0);
    expect(openOnExchange(v)).toEqual([]);
    expect(agree(v)).toEqual([]);
  });

  it('means no trading at all while the exchange cannot be reached, and trades again once a check succeeds', async () => {
    const v = await venueWith({ readRetryAttempts: 2 });
    // The network is already gone at the very first start (ccxt's first market load fails).
    await v.fake.disconnect();
    const offline = await v.live.check('startup');
    expect(offline).toMatchObject({ verdict: 'no_trading', notice: { code: 'EXCHANGE_UNREACHABLE' } });
    expect(await v.manager.submit(entryOrder(v, 0.01, 0.03).order)).toMatchObject({ ok: false, error: { code: 'NOT_READY' } });
    // No trading at all: the bar's pass and a sale send nothing either.
    const sent = v.fake.inspect.requests().length;
    expect(await v.live.onBar()).toEqual({ ready: false, sync: null, protection: [], requiresSafeMode: false });
    expect((await v.live.exit(exitOrder(v, 0.01))).notice).toEqual({ code: 'EXIT_NOT_READY', params: { symbol: BTC } });
    expect(v.fake.inspect.requests()).toHaveLength(sent);
    v.fake.reconnect();
    expect((await v.live.check('reconnect')).verdict).toBe('trade');
    expect((await v.live.submit(entryOrder(v, 0.01, 0.03).order)).result.ok).toBe(true);
  });

  it('never takes an order for cancelled because the exchange could not be read: no trading, the order stays open', async () => {
    const v = await venueWith({ readRetryAttempts: 2 });
    expect((await v.live.check('startup')).verdict).toBe('trade');
    const resting = entryOrder(v, 0.01, 0.1, { limitPriceQuote: 6_000 }).order;
    await v.live.submit(resting);
    v.restart();
    v.fake.faults.add({ method: 'GET', path: '/api/v3/openOrders', fault: { kind: 'serverError', status: 503, body: 'text' } });
    const checked = await v.live.check('startup');
    expect(checked).toMatchObject({ verdict: 'no_trading', notice: { code: 'EXCHANGE_UNREACHABLE' } });
    expect(v.manager.order(clientOrderIdFor(resting))?.status).toBe('OPEN');
    expect(v.fake.inspect.orderByClientOrderId(clientOrderIdFor(resting))?.status).toBe('NEW');
  });

  it('enters safe mode, saying why, when an order of Ballast’s is on the exchange but not in its journal', async () => {
    const v = await venueWith();
    const lost = clientOrderIdFor({ intentId: 'an order the journal lost' });
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 6_000, clientOrderId: lost });
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('safe_mode');
    if (checked.verdict !== 'safe_mode') return;
    expect(checked.explanation).toEqual([{ code: 'BALLAST_ORDER_NOT_IN_JOURNAL', explained: false, params: { clientOrderId: lost, journalHad: 'no row', exchangeHas: 'OPEN' } }]);
    // Adopted from the exchange's record, so Kill and the next checks see it.
    expect(v.manager.order(lost)).toMatchObject({ status: 'OPEN', origin: 'manual' });
  });

  it('takes back a lost entry and its resting stop together: the stop keeps protecting, untouched, and safe mode says why', async () => {
    const v = await venueWith();
    const entry = clientOrderIdFor({ intentId: 'a lost entry' });
    const stop = clientOrderIdFor({ intentId: 'its lost stop' });
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'MARKET', amountBase: 0.01, clientOrderId: entry });
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', amountBase: 0.00999, priceQuote: 6_965, stopPriceQuote: 7_000, clientOrderId: stop });
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('safe_mode');
    if (checked.verdict !== 'safe_mode') return;
    expect(checked.explanation.map((finding) => finding.code)).toEqual(['BALLAST_ORDER_NOT_IN_JOURNAL', 'BALLAST_TRADE_NOT_IN_JOURNAL']);
    expect(v.manager.order(stop)).toMatchObject({ purpose: 'protective_stop', status: 'OPEN' });
    expect(checked.protection).toMatchObject([{ status: 'protected', stopClientOrderId: stop, stopBase: 0.00999, stopPriceQuote: 7_000 }]);
    expect(openOnExchange(v).map((order) => order.clientOrderId)).toEqual([stop]);
  });

  it('enters safe mode when the coins of Ballast’s position are gone from the account', async () => {
    const v = await venueWith();
    expect((await v.live.check('startup')).verdict).toBe('trade');
    const { protection } = await v.live.submit(entryOrder(v, 0.01, 0.03).order);
    // Someone cancels the stop on the website and sells the coins by hand.
    v.fake.anotherApp.cancelOrder(protection!.stopClientOrderId!);
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'SELL', type: 'MARKET', amountBase: 0.00999 });
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('safe_mode');
    if (checked.verdict !== 'safe_mode') return;
    expect(checked.explanation.map((finding) => finding.code)).toEqual(['POSITION_EXCEEDS_BALANCE', 'POSITION_NOT_PROTECTED']);
    expect(checked.explanation[0]?.params).toEqual({ symbol: BTC, asset: 'BTC', positionBase: 0.00999, balanceBase: 0 });
    expect(checked.findings.map((finding) => finding.code)).toContain('EXTERNAL_TRADE');
  });

  it('adopts, with its fills, an order of Ballast’s that traded while the journal had no row for it, and enters safe mode', async () => {
    const v = await venueWith();
    const lost = clientOrderIdFor({ intentId: 'a filled order the journal lost' });
    v.fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'MARKET', amountBase: 0.01, clientOrderId: lost });
    const checked = await v.live.check('startup');
    expect(checked.verdict).toBe('safe_mode');
    if (checked.verdict !== 'safe_mode') return;
    expect(checked.explanation.map((finding) => finding.code)).toEqual(['BALLAST_TRADE_NOT_IN_JOURNAL', 'POSITION_NOT_PROTECTED']);
    expect(v.manager.order(lost)).toMatchObject({ status: 'FILLED', filledBase: 0.01 });
    // It came without a stop price: Ballast cannot choose one for the person, so it says so.
    expect(checked.protection).toMatchObject([{ status: 'unprotected', notices: [{ code: 'NO_STOP_PRICE' }] }]);
  });
});
