import { describe, expect, it, onTestFinished } from 'vitest';
import type { OrderRequest } from '../../../core/execution/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { createPaperExchange, PENDING_MARKET_BUY_LOCK_MARGIN, type PaperExchange, type PaperExchangeOptions } from '../../../core/paper/index.ts';
import { referenceCandleAt, referenceCandles, referenceMarkets } from '../execution/exchangeContract/harness.ts';
import { okValue } from '../execution/exchangeContract/outcomes.ts';
import { startPaperHarness } from '../execution/exchangeContract/paperHarness.ts';

const HOUR_MS = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

async function paper(startAt: string, overrides: Partial<PaperExchangeOptions> = {}, balances: Record<string, number> = { USDT: 100_000 }): Promise<PaperExchange> {
  const harness = await startPaperHarness({ startAt, balances }, overrides);
  onTestFinished(() => harness.close());
  return harness.port;
}

/** Twenty alternating orders across a volatile day, with hourly steps in between. */
async function scriptedDay(port: PaperExchange): Promise<void> {
  for (let hour = 0; hour < 20; hour += 1) {
    const request: OrderRequest =
      hour % 3 === 0
        ? { clientOrderId: `det-${hour}`, symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.05 }
        : hour % 3 === 1
          ? { clientOrderId: `det-${hour}`, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.04, limitPriceQuote: 5900 }
          : { clientOrderId: `det-${hour}`, symbol: 'BTC/USDT', side: 'sell', type: 'market', amountBase: 0.02 };
    okValue(await port.createOrder(request));
    okValue(port.advanceTo(port.nowMs() + HOUR_MS));
  }
}

describe('paper replay', () => {
  it('is deterministic given a seed: the same replay and orders give identical fills, another seed other arrival times', async () => {
    const jittered = { latencyMs: 0, latencyJitterMs: 1, seed: 7 };
    const runs = [];
    for (const seed of [7, 7, 8]) {
      const port = await paper('2020-03-12T08:00:00Z', { ...jittered, seed });
      await scriptedDay(port);
      runs.push(okValue(await port.fetchMyTrades('BTC/USDT')));
    }
    expect(runs[0]!.length).toBeGreaterThan(10);
    expect(runs[1]).toEqual(runs[0]);
    // With 0–1 ms of jitter an order either meets the last close or waits for the next bar's open.
    expect(runs[2]).not.toEqual(runs[0]);
  });

  it('makes an order with latency arrive at the first bar that opens after it, at that open', async () => {
    const port = await paper('2020-03-12T08:00:00Z', { latencyMs: 250 });
    const placed = okValue(await port.createOrder({ clientOrderId: 'slow-market', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.5 }));
    // Still on its way: accepted, nothing filled, the price unknown, so a margin is locked on top.
    expect(placed).toMatchObject({ status: 'OPEN', filledBase: 0 });
    const lockedQuote = okValue(await port.fetchBalances()).get('USDT')!.used;
    expect(lockedQuote).toBeCloseTo(0.5 * 7392.13 * (1 + PENDING_MARKET_BUY_LOCK_MARGIN), 6);

    okValue(port.advanceTo(at('2020-03-12T09:00:00Z')));
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'slow-market' })).status).toBe('OPEN');
    // The 08:00 bar opened before the order arrived (08:00:00.250); it meets the 09:00 bar at its open.
    okValue(port.advanceTo(at('2020-03-12T10:00:00Z')));
    const nine = await referenceCandleAt('BTC/USDT', '2020-03-12T09:00:00Z');
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'slow-market' }));
    expect(order.status).toBe('FILLED');
    const costBps = 1 + (1000 * 0.5) / nine.volumeBase;
    expect(order.averagePriceQuote).toBeCloseTo(Math.ceil(nine.open * (1 + costBps / 10_000) * 100) / 100, 8);
    const [trade] = okValue(await port.fetchMyTrades('BTC/USDT'));
    expect(trade!.atMs).toBe(at('2020-03-12T09:00:00Z'));
    // What the margin did not need is given back.
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ used: 0 });
    expect(okValue(await port.fetchBalances()).get('USDT')!.free).toBeCloseTo(100_000 - trade!.priceQuote * 0.5, 6);
  });

  it('cancels an order that is still on its way before it ever reaches the market', async () => {
    const port = await paper('2020-03-12T08:00:00Z', { latencyMs: 250 });
    const placed = okValue(await port.createOrder({ clientOrderId: 'slow-cancel', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.5 }));
    expect(okValue(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId })).status).toBe('CANCELED');
    okValue(port.advanceTo(at('2020-03-12T12:00:00Z')));
    expect(okValue(await port.fetchMyTrades('BTC/USDT'))).toEqual([]);
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 100_000, used: 0 });
  });

  it('answers unavailable while the replayed exchange was down (zero-volume bars), and fills nothing during the outage', async () => {
    // 2018-02-08 01:00 → 02-09 09:00: Binance was down; the file keeps those flat zero-volume rows.
    expect((await referenceCandleAt('BTC/USDT', '2018-02-08T02:00:00Z')).volumeBase).toBe(0);
    // 'touch' lets a buy at exactly the flat outage price count as reached: only the missing volume stops it.
    const port = await paper('2018-02-08T01:00:00Z', { fillModel: { limitFill: 'touch' } });
    const resting = okValue(await port.createOrder({ clientOrderId: 'outage-limit', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 7784.02 }));
    expect(resting.status).toBe('OPEN');
    okValue(port.advanceTo(at('2018-02-08T03:00:00Z')));
    expect(await port.createOrder({ clientOrderId: 'outage-market', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.01 })).toMatchObject({
      kind: 'unavailable',
      detail: expect.stringContaining('zero volume') as unknown,
    });
    okValue(port.advanceTo(at('2018-02-09T09:00:00Z')));
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: resting.exchangeOrderId })).filledBase).toBe(0);
  });

  it('matches bars pushed one by one exactly as the same bars given whole', async () => {
    const startAt = '2020-03-12T08:00:00Z';
    const series = (await referenceCandles())['BTC/USDT']!.filter((bar) => bar.openTimeMs >= at('2020-03-12T07:00:00Z') && bar.openTimeMs < at('2020-03-13T06:00:00Z'));
    const journal = openJournal(':memory:');
    onTestFinished(() => { journal.close(); });
    const created = createPaperExchange({ journal, markets: referenceMarkets(), initialBalances: { USDT: 100_000 }, feed: { kind: 'replay', timeframe: '1h', startAtMs: at(startAt) } });
    if (!created.ok) expect.fail(created.error.detail);
    const pushed = created.value;
    expect(okValue(pushed.onCandle('BTC/USDT', series[0]!))).toBe(true);
    const whole = await paper(startAt);
    let next = 1;
    const pushUntil = (toMs: number): void => {
      while (next < series.length && series[next]!.openTimeMs + HOUR_MS <= toMs) okValue(pushed.onCandle('BTC/USDT', series[next++]!));
    };
    for (const port of [whole, pushed]) {
      okValue(await port.createOrder({ clientOrderId: 'p-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.2 }));
      okValue(await port.createOrder({ clientOrderId: 'p-2', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.3, limitPriceQuote: 6000 }));
    }
    okValue(whole.advanceTo(at('2020-03-13T06:00:00Z')));
    pushUntil(at('2020-03-13T06:00:00Z'));
    expect(okValue(await pushed.fetchMyTrades('BTC/USDT'))).toEqual(okValue(await whole.fetchMyTrades('BTC/USDT')));
    expect(okValue(await pushed.fetchMyTrades('BTC/USDT'))).toHaveLength(2);
    expect(pushed.nowMs()).toBe(whole.nowMs());
  });

  it('refuses to move replay time backwards, and refuses an impossible bar', async () => {
    const port = await paper('2020-03-12T08:00:00Z');
    okValue(port.advanceTo(at('2020-03-12T10:00:00Z')));
    expect(port.advanceTo(at('2020-03-12T09:00:00Z'))).toMatchObject({ kind: 'rejected', exchangeCode: 'TIME_MOVES_FORWARD' });
    const bad = { openTimeMs: at('2020-03-13T00:00:00Z'), open: 100, high: 90, low: 80, close: 85, volumeBase: 1 };
    expect(port.onCandle('BTC/USDT', bad)).toMatchObject({ kind: 'rejected', exchangeCode: 'INVALID_BAR' });
  });

  it('stops answering, and says why, once it cannot save the account', async () => {
    const harness = await startPaperHarness({ startAt: '2020-03-12T08:00:00Z', balances: { USDT: 10_000 } });
    harness.journal.close();
    expect(await harness.port.createOrder({ clientOrderId: 'no-disk', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.01 })).toMatchObject({
      kind: 'unavailable',
      detail: expect.stringContaining('could not be saved') as unknown,
    });
    expect(await harness.port.fetchBalances()).toMatchObject({ kind: 'unavailable' });
    expect(harness.port.advanceTo(at('2020-03-12T09:00:00Z'))).toMatchObject({ kind: 'unavailable' });
  });

  it('keeps separate accounts in one file apart', async () => {
    const journal = openJournal(':memory:');
    onTestFinished(() => { journal.close(); });
    const make = async (accountId: string, usdt: number) => {
      const created = createPaperExchange({
        journal,
        accountId,
        markets: referenceMarkets(),
        initialBalances: { USDT: usdt },
        feed: { kind: 'replay', timeframe: '1h', startAtMs: at('2020-03-12T08:00:00Z'), candles: await referenceCandles() },
      });
      if (!created.ok) expect.fail(created.error.detail);
      return created.value;
    };
    const alice = await make('alice', 1000);
    const bob = await make('bob', 2000);
    okValue(await alice.createOrder({ clientOrderId: 'same-id', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 5000 }));
    okValue(await bob.createOrder({ clientOrderId: 'same-id', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.02, limitPriceQuote: 5000 }));
    expect(okValue(await alice.fetchBalances()).get('USDT')).toMatchObject({ free: 950, used: 50 });
    expect(okValue(await bob.fetchBalances()).get('USDT')).toMatchObject({ free: 1900, used: 100 });
  });
});
