import { describe, expect, it } from 'vitest';
import { openJournal } from '../../../core/journal/index.ts';
import { createTradingStateMachine, type SizedOrder } from '../../../core/risk/index.ts';
import { killSwitch } from '../../../core/runtime/frame/killSwitch.ts';
import { BTC_USDT, ETH_USDT, NOW_MS, account, limits, marketView, position } from './riskFixtures.ts';
import { killsFiftyOrdersThroughTransientFaults, neverClaimsSuccessWithoutAnEmptyListing, reportsExactUnconfirmedOrdersAndKeepsTrying, type KillVenue } from './support/killScenario.ts';
import { ScriptedExchange } from '../../support/scriptedExchange.ts';
import { SimulatedClock } from '../../support/simulatedClock.ts';

function scriptedVenue(): { venue: KillVenue; exchange: ScriptedExchange; clock: SimulatedClock } {
  const clock = new SimulatedClock(NOW_MS);
  const exchange = new ScriptedExchange({ supportsNativeStops: false, clock, latencyMs: 5 });
  const venue: KillVenue = {
    port: exchange,
    time: clock,
    placeOpenOrders: (count) => Promise.resolve(exchange.placeOpenOrders(count).map((order) => order.clientOrderId)),
    openClientOrderIds: () => Promise.resolve(exchange.openOrders().map((order) => order.clientOrderId)),
    failCancels: (ids, kind, times) => {
      exchange.failCancels(ids, kind, times);
      return Promise.resolve();
    },
    failListings: (times) => {
      exchange.failListings(times);
      return Promise.resolve();
    },
    setRateLimit: (limit) => {
      exchange.setRateLimit(limit);
      return Promise.resolve();
    },
    healAll: () => {
      exchange.healAll();
      return Promise.resolve();
    },
  };
  return { venue, exchange, clock };
}

describe('the kill switch against an in-process exchange', () => {
  it('cancels 50 open orders through rate limits and failed or lost cancel answers, and reports success only at zero', async () => {
    const { venue, exchange, clock } = scriptedVenue();
    const run = await killsFiftyOrdersThroughTransientFaults(venue);
    expect(exchange.answersOf('rate_limited')).toBeGreaterThan(0);
    // Bounded: the whole kill took simulated seconds, not the full timeout many times over.
    expect(clock.nowMs() - NOW_MS).toBeLessThan(10_000);
    expect(run.report.cancelled.length).toBeGreaterThanOrEqual(40);
  });

  it('names exactly the orders it could not cancel, keeps trying, and finishes once the exchange lets it', async () => {
    await reportsExactUnconfirmedOrdersAndKeepsTrying(scriptedVenue().venue);
  });

  it('never reports success while the exchange cannot list open orders', async () => {
    await neverClaimsSuccessWithoutAnEmptyListing(scriptedVenue().venue);
  });

  it('moves to KILLED before the first request reaches the exchange', async () => {
    const { exchange, clock } = scriptedVenue();
    exchange.placeOpenOrders(3);
    const machine = createTradingStateMachine({ nowMs: clock.nowMs });
    const statesSeenByExchange: string[] = [];
    const original = exchange.fetchOpenOrders.bind(exchange);
    exchange.fetchOpenOrders = (symbol) => {
      statesSeenByExchange.push(machine.snapshot().state);
      return original(symbol);
    };
    await killSwitch({ exchange, stateMachine: machine, nowMs: clock.nowMs, sleep: clock.sleep });
    expect(statesSeenByExchange[0]).toBe('KILLED');
  });

  it('keeps cancelling when the journal cannot save the stop, and says so', async () => {
    const { exchange, clock } = scriptedVenue();
    exchange.placeOpenOrders(4);
    const journal = openJournal(':memory:');
    const machine = createTradingStateMachine({ nowMs: clock.nowMs, journal });
    journal.close();
    const run = await killSwitch({ exchange, stateMachine: machine, journal, nowMs: clock.nowMs, sleep: clock.sleep });
    expect(machine.snapshot().state).toBe('KILLED');
    expect(run.report.stateProblem).toMatch(/could not be saved/);
    expect(run.report.zeroOpenOrdersConfirmed).toBe(true);
    expect(exchange.openOrders()).toEqual([]);
    expect(run.report.problems.length).toBeGreaterThan(1);
  });

  it('treats an adapter that throws as an unknown answer and looks again', async () => {
    const { exchange, clock } = scriptedVenue();
    exchange.placeOpenOrders(2);
    let throws = 2;
    const original = exchange.cancelOrder.bind(exchange);
    exchange.cancelOrder = (ref) => {
      if (throws-- > 0) return Promise.reject(new Error('socket hang up'));
      return original(ref);
    };
    const run = await killSwitch({ exchange, stateMachine: createTradingStateMachine({ nowMs: clock.nowMs }), nowMs: clock.nowMs, sleep: clock.sleep });
    expect(run.report.success).toBe(true);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('lists per market when asked, and only an empty list in every market is zero', async () => {
    const { exchange, clock } = scriptedVenue();
    exchange.placeOpenOrders(6, ['BTC/USDT', 'ETH/USDT']);
    const run = await killSwitch({ exchange, stateMachine: createTradingStateMachine({ nowMs: clock.nowMs }), symbols: ['BTC/USDT', 'ETH/USDT'], nowMs: clock.nowMs, sleep: clock.sleep });
    expect(run.report.success).toBe(true);
    expect(run.report.cancelled.map((order) => order.symbol).sort()).toEqual(['BTC/USDT', 'BTC/USDT', 'BTC/USDT', 'ETH/USDT', 'ETH/USDT', 'ETH/USDT']);
  });

  it('flattens with limit sells inside the price band, sized from the filled position, and reports dust it could not sell', async () => {
    const { exchange, clock } = scriptedVenue();
    exchange.placeOpenOrders(2);
    const submitted: SizedOrder[] = [];
    const views = new Map([
      ['BTC/USDT', marketView(BTC_USDT, 50_000, { atMs: NOW_MS })],
      ['ETH/USDT', marketView(ETH_USDT, 2_000, { atMs: NOW_MS })],
    ]);
    const run = await killSwitch({
      exchange,
      stateMachine: createTradingStateMachine({ nowMs: clock.nowMs }),
      nowMs: () => NOW_MS,
      sleep: clock.sleep,
      flatten: {
        account: () => account({ positions: [position('BTC/USDT', 0.0123456, 50_000), position('ETH/USDT', 0.0001, 2_000)] }),
        marketView: (symbol) => views.get(symbol) ?? null,
        limits: limits(),
        submit: (order) => {
          submitted.push(order);
          return Promise.resolve({ kind: 'submitted', clientOrderId: `flatten-${order.symbol}` });
        },
      },
    });
    expect(submitted).toHaveLength(1);
    const [order] = submitted;
    expect(order).toMatchObject({ symbol: 'BTC/USDT', side: 'sell', type: 'limit', purpose: 'flatten', origin: 'kill', reduceOnly: true, amountBase: 0.01234 });
    const mid = 50_000;
    expect(order?.limitPriceQuote).toBeGreaterThanOrEqual(mid * (1 - limits().priceBandBps / 10_000));
    expect(order?.limitPriceQuote).toBeLessThan(mid);
    expect(run.report.flatten?.skipped.map((skip) => [skip.symbol, skip.reasons.map((reason) => reason.code)])).toEqual([['ETH/USDT', ['BELOW_MIN_NOTIONAL']]]);
    expect(run.report.success).toBe(true);
  });

  it('does not call the kill a success when a flatten order could not be sent', async () => {
    const { exchange, clock } = scriptedVenue();
    const run = await killSwitch({
      exchange,
      stateMachine: createTradingStateMachine({ nowMs: clock.nowMs }),
      nowMs: () => NOW_MS,
      sleep: clock.sleep,
      flatten: {
        account: () => account({ positions: [position('BTC/USDT', 0.5, 50_000)] }),
        marketView: () => marketView(BTC_USDT, 50_000),
        limits: limits(),
        submit: () => Promise.resolve({ kind: 'failed', detail: 'insufficient balance' }),
      },
    });
    expect(run.report.zeroOpenOrdersConfirmed).toBe(true);
    expect(run.report.success).toBe(false);
    expect(run.report.flatten?.orders[0]).toMatchObject({ outcome: 'failed', detail: 'insufficient balance' });
  });
});
