import { describe, expect, it } from 'vitest';
import { InMemoryOrderStore, OrderManager } from '../../../core/execution/index.ts';
import type { SizedOrder } from '../../../core/risk/index.ts';
import { approvedForTest } from '../../support/approvedOrder.ts';
import { openTestJournal, tempJournalPath } from './executionFixtures.ts';
import { ScriptedExchange } from '../../support/scriptedExchange.ts';
import { SimulatedClock } from '../../support/simulatedClock.ts';

const order = (intentId: string, overrides: Partial<SizedOrder> = {}): SizedOrder => approvedForTest({
  intentId, origin: 'strategy', purpose: 'entry', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 49_000, reduceOnly: false, atMs: 1_700_000_000_000, ...overrides,
});

/**
 * The same order flow — a partial fill completed later, a lost answer found again, a cancel,
 * protective stops (resting on the exchange, or watched by Ballast), an exit — through one
 * OrderManager; returns everything the manager can be asked afterwards.
 */
async function orderFlow(manager: OrderManager, exchange: ScriptedExchange, clock: SimulatedClock): Promise<unknown> {
  expect((await manager.start()).state).toBe('READY');
  exchange.script('createOrder', { kind: 'partial', fraction: 0.3 });
  const partial = await manager.submit(order('flow:1', { stopPriceQuote: 47_000 }), { protectiveStopPriceQuote: 47_000 });
  if (!partial.ok) throw new Error(partial.error.reason);
  await clock.sleep(60_000);
  exchange.fill(partial.value.exchangeOrderId ?? '', 0.007, 48_990);
  await manager.sync();
  exchange.script('createOrder', 'lost_after_accept');
  await manager.submit(order('flow:2', { type: 'market', limitPriceQuote: undefined, amountBase: 0.002 }), { referencePriceQuote: 49_500 });
  const resting = await manager.submit(order('flow:3', { limitPriceQuote: 40_000 }));
  if (resting.ok) await manager.cancel(resting.value.clientOrderId);
  const triggered = await manager.onPrice('BTC/USDT', 46_900);
  await clock.sleep(60_000);
  for (const open of manager.openOrders().filter((candidate) => candidate.purpose === 'protective_stop')) await manager.cancel(open.clientOrderId);
  const held = manager.positions()[0]?.amountBase ?? 0;
  if (held > 0.0001) await manager.submit(order('flow:4', { purpose: 'exit', side: 'sell', type: 'market', limitPriceQuote: undefined, amountBase: Math.floor(held * 1e5) / 1e5, reduceOnly: true }), { referencePriceQuote: 50_000 });
  await manager.sync();
  return {
    orders: manager.orders(),
    fills: manager.fills(),
    open: manager.openOrders(),
    positions: manager.positions(),
    deltas: [...manager.balanceDeltas()],
    warnings: manager.protectionWarnings(),
    clientStops: manager.clientSideStops(),
    triggered: triggered.map((result) => (result.ok ? result.value.clientOrderId : result.error.code)),
    readiness: manager.readiness().state,
  };
}

async function bothStores(supportsNativeStops: boolean): Promise<{ journal: unknown; memory: unknown; store: InMemoryOrderStore }> {
  const journalClock = new SimulatedClock();
  const journalExchange = new ScriptedExchange({ supportsNativeStops, clock: journalClock });
  const journal = await orderFlow(new OrderManager({ exchange: journalExchange, journal: openTestJournal(tempJournalPath()), clock: journalClock, requeryDelayMs: 300 }), journalExchange, journalClock);

  const memoryClock = new SimulatedClock();
  const memoryExchange = new ScriptedExchange({ supportsNativeStops, clock: memoryClock });
  const store = new InMemoryOrderStore();
  const memory = await orderFlow(new OrderManager({ exchange: memoryExchange, orderStore: store, clock: memoryClock, requeryDelayMs: 300 }), memoryExchange, memoryClock);
  return { journal, memory, store };
}

describe('the in-memory order store', () => {
  it('gives the OrderManager the same answers as the journal, step for step, with stops resting on the exchange', async () => {
    const { journal, memory, store } = await bothStores(true);
    expect(memory).toEqual(journal);
    const summary = store.summary();
    expect(summary.orders).toBeGreaterThanOrEqual(5);
    expect(summary.fills).toBe((memory as { fills: unknown[] }).fills.length);
    expect(summary.orderEvents.journaled).toBe(summary.orders);
  });

  it('does the same with stops Ballast watches itself', async () => {
    const { journal, memory } = await bothStores(false);
    expect(memory).toEqual(journal);
    expect((memory as { triggered: string[] }).triggered).toHaveLength(1);
  });

  it('refuses a second order for one intent, as the journal\'s unique key does', () => {
    const store = new InMemoryOrderStore();
    const row = {
      clientOrderId: 'bl-a', intentId: 'i', origin: 'strategy', purpose: 'entry', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 1, limitPriceQuote: null, stopPriceQuote: null, reduceOnly: false,
      status: 'PENDING_SUBMIT', exchangeOrderId: null, filledBase: 0, averagePriceQuote: null, fees: [], parentClientOrderId: null, protectiveStopPriceQuote: null, submitAttempts: 1, statusReason: null,
      confirmedByExchange: false, exchangeCreatedAtMs: null, createdAtMs: 1, updatedAtMs: 1,
    } as const;
    store.insert(row, {});
    expect(() => store.insert({ ...row, clientOrderId: 'bl-b' }, {})).toThrow(/UNIQUE/);
    expect(() => store.insert(row, {})).toThrow(/UNIQUE/);
  });

  it('cannot be given alongside a journal', () => {
    const exchange = new ScriptedExchange();
    expect(() => new OrderManager({ exchange, journal: openTestJournal(tempJournalPath()), orderStore: new InMemoryOrderStore() })).toThrow(/exactly one/);
    expect(() => new OrderManager({ exchange })).toThrow(/exactly one/);
  });
});
