import { describe, expect, it } from 'vitest';
import { floorToStep, isBallastClientOrderId, type LiveCheckOutcome } from '../../../core/execution/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { seededRandom } from '../../fake-exchange/index.ts';
import { balanceProblems, chaosFaultRules, envInteger, journalVersusExchange } from './chaosSupport.ts';
import { BTC, entryOrder, exitOrder, startLiveVenue, type LiveVenue } from './liveVenue.ts';

const SEED = envInteger('BALLAST_LIVE_CHAOS_SEED', 20_260_401);
const BARS = envInteger('BALLAST_LIVE_CHAOS_BARS', 500);
const HOUR_MS = 3_600_000;
const STEP = 0.00001;
/** Binance's smallest BTC/USDT order value: a position worth less cannot carry a stop (nor be sold). */
const MIN_ORDER_QUOTE = 5;
/** The person's own coins on the same account: Ballast must never sell them. */
const BALANCES = { USDT: 100_000, BTC: 1 };

/** Live trading's calls get every fault the fake has; stops get their own refusals and lost answers on top. */
function liveFaultRules(): ReturnType<typeof chaosFaultRules> {
  return [
    ...chaosFaultRules(),
    { method: 'POST', path: '/api/v3/order', params: { type: 'STOP_LOSS_LIMIT' }, probability: 0.04, fault: { kind: 'binanceError', code: -1013, msg: 'Filter failure: PRICE_FILTER' } },
    { method: 'POST', path: '/api/v3/order', params: { type: 'STOP_LOSS_LIMIT' }, probability: 0.03, fault: { kind: 'timeoutAfterAccept', connection: 'reset' } },
    { method: 'DELETE', path: '/api/v3/order', probability: 0.02, fault: { kind: 'serverError', status: 503, body: 'text' } },
  ];
}

/** Checks again until the exchange can be read (a check that cannot read anything means no trading, not a result). */
async function checkUntilRead(v: LiveVenue, reason: 'startup' | 'wake' | 'reconnect'): Promise<LiveCheckOutcome> {
  let outcome = await v.live.check(reason);
  for (let attempt = 1; attempt < 10 && outcome.verdict === 'no_trading'; attempt += 1) outcome = await v.live.check(reason);
  return outcome;
}

/**
 * What the exchange itself holds for Ballast's position: the unfilled part of Ballast's open sells
 * (its stop, or an exit whose answer was lost) and how many of them are stops.
 */
function coverOnExchange(v: LiveVenue): { coveredBase: number; stops: number } {
  let coveredBase = 0;
  let stops = 0;
  for (const order of v.fake.inspect.openOrders('BTCUSDT')) {
    if (!isBallastClientOrderId(order.clientOrderId) || order.side !== 'SELL') continue;
    coveredBase += order.origAmountBase - order.executedAmountBase;
    if (order.type === 'STOP_LOSS_LIMIT') stops += 1;
  }
  return { coveredBase, stops };
}

describe('live chaos: real ccxt against the fake Binance with faults of every kind, bar after bar', () => {
  it(`${BARS} bars leave no duplicate order, no position without a confirmed stop for more than one bar, and a journal equal to the exchange`, async () => {
    const startedAtMs = Date.now();
    const v = await startLiveVenue({ fake: { startAt: '2020-03-05T00:00:00Z', seed: SEED, account: { balances: BALANCES }, weightLimitPerMinute: 100_000_000 }, timeoutMs: 400, readRetryAttempts: 8 });
    try {
      expect((await checkUntilRead(v, 'startup')).verdict).toBe('trade');
      const random = seededRandom(SEED);
      const ruleIds = liveFaultRules().map((rule) => v.fake.faults.add(rule));
      const tally = { entries: 0, exits: 0, restarts: 0, sleeps: 0, safeModes: 0, exitedByProtection: 0, worstUnconfirmedBars: 0 };
      let unconfirmedBars = 0;
      const resting: { clientOrderId: string; bar: number }[] = [];

      for (let bar = 0; bar < BARS; bar += 1) {
        const roll = random();
        if (roll < 0.01) {
          // The computer sleeps for a few hours; the market moves on.
          tally.sleeps += 1;
          await v.fake.sleep(Math.ceil(random() * 6) * HOUR_MS);
          await checkUntilRead(v, 'wake');
        } else {
          v.fake.clock.advance(HOUR_MS);
        }
        if (roll > 0.985) {
          // The process is killed between bars and started again on the same journal.
          tally.restarts += 1;
          v.restart();
          await checkUntilRead(v, 'startup');
        }
        const result = await v.live.onBar();
        if (result.requiresSafeMode) tally.safeModes += 1;
        if (result.protection.some((report) => report.status === 'exited')) tally.exitedByProtection += 1;

        // The invariant, read from the exchange itself and from the confirmation.
        const price = v.markPriceQuote(BTC) ?? 0;
        const sellable = floorToStep(v.live.positionBase(BTC), STEP);
        const cover = coverOnExchange(v);
        expect(cover.stops).toBeLessThanOrEqual(1);
        // Anything a sale inside the band could sell must be protected (or sold, if too small for a stop).
        const needsStop = sellable * price * 0.995 >= MIN_ORDER_QUOTE;
        const report = v.live.protection(BTC);
        const confirmed = report !== undefined && (report.status === 'protected' || report.status === 'held_by_exit') && cover.coveredBase + 1e-9 >= sellable;
        unconfirmedBars = needsStop && !confirmed ? unconfirmedBars + 1 : 0;
        tally.worstUnconfirmedBars = Math.max(tally.worstUnconfirmedBars, unconfirmedBars);
        expect(unconfirmedBars, `bar ${bar}: ${JSON.stringify(report)}`).toBeLessThanOrEqual(1);

        // A seeded strategy: enter from flat, sometimes add, sometimes exit; stale resting entries are cancelled.
        const decide = random();
        if (sellable === 0 && decide < 0.2) {
          const quote = 20 + random() * 180;
          const rests = random() < 0.4;
          const { order } = entryOrder(v, Number((quote / price).toFixed(5)), 0.02 + random() * 0.03, rests ? { limitPriceQuote: Math.round(price * 0.997 * 100) / 100 } : {});
          const { result: submitted } = await v.live.submit(order);
          tally.entries += 1;
          if (submitted.ok && (submitted.value.status === 'OPEN' || submitted.value.status === 'PARTIALLY_FILLED')) resting.push({ clientOrderId: submitted.value.clientOrderId, bar });
        } else if (sellable > 0 && decide < 0.1) {
          await v.live.exit(exitOrder(v, random() < 0.5 ? sellable : floorToStep(sellable / 2, STEP)));
          tally.exits += 1;
        }
        while (resting.length > 0 && resting[0]!.bar < bar - 3) await v.manager.cancel(resting.shift()!.clientOrderId);
      }

      const fired = ruleIds.reduce((sum, id) => sum + v.fake.faults.firedCount(id), 0);
      v.fake.faults.clear();
      expect((await checkUntilRead(v, 'startup')).verdict).not.toBe('no_trading');
      const killed = await v.live.kill('sell_everything');
      expect(killed).toMatchObject({ done: true, listingRead: true });
      await v.live.onBar();

      const recorded = (id: string): number => v.manager.fills().filter((fill) => fill.clientOrderId === id).reduce((sum, fill) => sum + fill.amountBase, 0);
      expect(journalVersusExchange(v.manager.orders(), recorded, v.fake.inspect.orders())).toEqual([]);
      expect(balanceProblems(v.manager.balanceDeltas(), BALANCES, v.fake.inspect.balances())).toEqual([]);
      expect(v.fake.inspect.openOrders()).toEqual([]);
      // What is left of Ballast's position is too small for any order (fee residue, a crumb of a partial fill); the person's coin is untouched.
      expect(floorToStep(v.live.positionBase(BTC), STEP) * (v.markPriceQuote(BTC) ?? 0) * 0.995).toBeLessThan(MIN_ORDER_QUOTE);
      expect(v.fake.inspect.balances().BTC!.free).toBeGreaterThanOrEqual(1);
      expect(verifyJournal(v.path).ok).toBe(true);
      expect(tally.entries).toBeGreaterThan(BARS / 40);
      expect(fired).toBeGreaterThan(0);
      process.stderr.write(`live chaos: seed ${SEED}, ${BARS} bars, ${JSON.stringify(tally)}, ${v.manager.orders().length} orders, ${fired} faults fired, ${((Date.now() - startedAtMs) / 1000).toFixed(1)} s\n`);
    } finally {
      await v.close();
    }
  }, 600_000);
});
