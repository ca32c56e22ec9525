import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExchangePort } from '../../../core/execution/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { createPaperExchange, type PaperExchange } from '../../../core/paper/index.ts';
import { referenceCandles, referenceMarkets } from '../execution/exchangeContract/harness.ts';
import { okValue } from '../execution/exchangeContract/outcomes.ts';
import { startPaperHarness } from '../execution/exchangeContract/paperHarness.ts';

const HOUR_MS = 3_600_000;
const START = '2020-03-12T08:00:00Z';

function tempJournalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-paper-'));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'journal.db');
}

/** Everything a person or the OrderManager can read back from the account. */
async function snapshot(port: ExchangePort) {
  const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
  const orderIds = [...new Set(trades.map((trade) => trade.exchangeOrderId)), ...okValue(await port.fetchOpenOrders()).map((order) => order.exchangeOrderId)];
  const orders = [];
  for (const id of orderIds.sort()) orders.push(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: id })));
  return {
    balances: [...okValue(await port.fetchBalances()).values()],
    openOrders: okValue(await port.fetchOpenOrders()),
    orders,
    trades,
  };
}

/** A morning of trading that leaves a fill, a partial fill, a resting limit and an untriggered stop. */
async function tradeTheMorning(port: PaperExchange): Promise<void> {
  okValue(await port.createOrder({ clientOrderId: 'r-market', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 1 }));
  okValue(await port.createOrder({ clientOrderId: 'r-big-limit', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 8, limitPriceQuote: 7000 }));
  okValue(await port.createOrder({ clientOrderId: 'r-low-limit', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.5, limitPriceQuote: 5800 }));
  okValue(await port.createOrder({ clientOrderId: 'r-stop', symbol: 'BTC/USDT', side: 'sell', type: 'stop_limit', amountBase: 0.9, stopPriceQuote: 5000, limitPriceQuote: 4900 }));
  okValue(port.advanceTo(Date.parse(START) + 3 * HOUR_MS));
}

const options = async (journal: ReturnType<typeof openJournal>, balances: Record<string, number>, startAt: string) => ({
  journal,
  markets: referenceMarkets(),
  initialBalances: balances,
  feed: { kind: 'replay' as const, timeframe: '1h' as const, startAtMs: Date.parse(startAt), candles: await referenceCandles() },
  fillModel: { volumeShare: 0.0002 },
});

describe('a paper account survives restarts', () => {
  it('has the same balances, open orders, orders and fills after the database is closed and reopened', async () => {
    const path = tempJournalPath();
    const firstJournal = openJournal(path);
    const first = createPaperExchange(await options(firstJournal, { USDT: 100_000 }, START));
    if (!first.ok) expect.fail(first.error.detail);
    await tradeTheMorning(first.value);
    const before = await snapshot(first.value);
    // The morning left every kind of state behind, so the comparison below means something.
    expect(before.trades.length).toBeGreaterThanOrEqual(2);
    expect(before.openOrders.map((order) => [order.clientOrderId, order.status])).toEqual([
      ['r-big-limit', 'PARTIALLY_FILLED'],
      ['r-low-limit', 'OPEN'],
      ['r-stop', 'OPEN'],
    ]);
    expect(before.balances.some((balance) => balance.used > 0)).toBe(true);
    const nowBefore = first.value.nowMs();
    firstJournal.close();

    // Reopened with other starting balances and another start time: the stored account wins.
    const secondJournal = openJournal(path);
    onTestFinished(() => { secondJournal.close(); });
    const second = createPaperExchange(await options(secondJournal, { USDT: 1 }, '2019-01-01T00:00:00Z'));
    if (!second.ok) expect.fail(second.error.detail);
    expect(await snapshot(second.value)).toEqual(before);
    expect(second.value.nowMs()).toBe(nowBefore);
  });

  it('goes on after a restart exactly as it would have without one, matching no bar twice', async () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    const interrupted = createPaperExchange(await options(journal, { USDT: 100_000 }, START));
    if (!interrupted.ok) expect.fail(interrupted.error.detail);
    await tradeTheMorning(interrupted.value);
    journal.close();
    const reopenedJournal = openJournal(path);
    onTestFinished(() => { reopenedJournal.close(); });
    const reopened = createPaperExchange(await options(reopenedJournal, { USDT: 100_000 }, START));
    if (!reopened.ok) expect.fail(reopened.error.detail);
    okValue(reopened.value.advanceTo(Date.parse(START) + 8 * HOUR_MS));

    const uninterrupted = await startPaperHarness({ startAt: START, balances: { USDT: 100_000 }, volumeShare: 0.0002 });
    onTestFinished(() => uninterrupted.close());
    await tradeTheMorning(uninterrupted.port);
    okValue(uninterrupted.port.advanceTo(Date.parse(START) + 8 * HOUR_MS));

    const after = await snapshot(reopened.value);
    expect(after).toEqual(await snapshot(uninterrupted.port));
    // The afternoon changed things (the big limit kept filling), so equality is not trivially true.
    expect(after.trades.length).toBeGreaterThan(3);
  });

  it('bars replayed inside one journal batch leave the clock of the last one in the file', async () => {
    const path = tempJournalPath();
    const start = Date.parse('2020-03-12T09:00:00Z');
    const bars = (await referenceCandles())['BTC/USDT']!.filter((bar) => bar.openTimeMs >= start).slice(0, 6);
    const streamed = (journal: ReturnType<typeof openJournal>) =>
      createPaperExchange({ journal, markets: referenceMarkets(), initialBalances: { USDT: 10_000 }, feed: { kind: 'replay', timeframe: '1h', startAtMs: start } });
    const journal = openJournal(path);
    const first = streamed(journal);
    if (!first.ok) expect.fail(first.error.detail);
    // Quiet bars (no order, no fill) in one batch: their clock is written once, as it commits.
    journal.batch(() => {
      for (const bar of bars.slice(0, 5)) expect(okValue(first.value.onCandle('BTC/USDT', bar))).toBe(true);
    });
    const nowAfterBatch = first.value.nowMs();
    expect(nowAfterBatch).toBe(bars[4]!.openTimeMs + HOUR_MS);
    journal.close();

    const again = openJournal(path);
    onTestFinished(() => { again.close(); });
    const second = streamed(again);
    if (!second.ok) expect.fail(second.error.detail);
    expect(second.value.nowMs()).toBe(nowAfterBatch);
    // The last bar of the batch was matched already; the next one is new.
    expect(okValue(second.value.onCandle('BTC/USDT', bars[4]!))).toBe(false);
    expect(okValue(second.value.onCandle('BTC/USDT', bars[5]!))).toBe(true);
  });

  it('ignores a pushed bar it has already matched before the restart', async () => {
    const path = tempJournalPath();
    const bars = (await referenceCandles())['BTC/USDT']!.filter((bar) => bar.openTimeMs >= Date.parse('2020-03-12T09:00:00Z')).slice(0, 3);
    const streamed = (journal: ReturnType<typeof openJournal>) =>
      createPaperExchange({ journal, markets: referenceMarkets(), initialBalances: { USDT: 10_000 }, feed: { kind: 'replay', timeframe: '1h', startAtMs: Date.parse('2020-03-12T09:00:00Z') } });
    const journal = openJournal(path);
    const first = streamed(journal);
    if (!first.ok) expect.fail(first.error.detail);
    expect(okValue(first.value.onCandle('BTC/USDT', bars[0]!))).toBe(true);
    okValue(await first.value.createOrder({ clientOrderId: 's-1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 7000 }));
    expect(okValue(first.value.onCandle('BTC/USDT', bars[1]!))).toBe(true);
    journal.close();

    const again = openJournal(path);
    onTestFinished(() => { again.close(); });
    const second = streamed(again);
    if (!second.ok) expect.fail(second.error.detail);
    expect(okValue(second.value.onCandle('BTC/USDT', bars[0]!))).toBe(false);
    expect(okValue(second.value.onCandle('BTC/USDT', bars[1]!))).toBe(false);
    expect(okValue(await second.value.fetchMyTrades('BTC/USDT'))).toHaveLength(1);
    expect(okValue(second.value.onCandle('BTC/USDT', bars[2]!))).toBe(true);
    expect(okValue(await second.value.fetchMyTrades('BTC/USDT'))).toHaveLength(1);
  });
});
