import { describe, expect, it } from 'vitest';
import { OrderManager, type Order } from '../../../core/execution/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { seededRandom, startFakeExchange } from '../../fake-exchange/index.ts';
import { balanceProblems, CHAOS_BALANCES, CHAOS_START_AT, ccxtPortFor, chaosFaultRules, chaosIntent, envInteger, journalVersusExchange } from './chaosSupport.ts';
import { openTestJournal, tempJournalPath } from './executionFixtures.ts';

const SEED = envInteger('BALLAST_CHAOS_SEED', 20_250_301);
const INTENTS = envInteger('BALLAST_CHAOS_INTENTS', 2_000);
const WORKERS = 6;
/** Resting orders kept per run before the oldest is cancelled (the fake caps 200 open per symbol). */
const MAX_RESTING = 40;
const REQUIRED_FAULTS = ['timeoutAfterAccept', 'timeoutBeforeAccept', 'serverError', 'rateLimited', 'partialFill', 'duplicateClientOrderId', 'unknownOrder'] as const;

function recordedFills(journalDb: { prepare: (sql: string) => { all: () => Record<string, unknown>[] } }): Map<string, number> {
  return new Map(journalDb.prepare('SELECT client_order_id, SUM(amount_base) AS filled FROM execution_fills GROUP BY client_order_id').all().map((row) => [String(row.client_order_id), Number(row.filled)]));
}

describe('chaos: real ccxt against the fake exchange with faults of every kind', () => {
  it(`${INTENTS} intents leave no intent with two exchange orders, a journal equal to the exchange, fills that explain the balances, and an unbroken audit chain`, async () => {
    const startedAtMs = Date.now();
    const fake = await startFakeExchange({ startAt: CHAOS_START_AT, seed: SEED, account: { balances: CHAOS_BALANCES }, weightLimitPerMinute: 100_000_000 });
    const path = tempJournalPath();
    const journal = openTestJournal(path);
    try {
      const manager = new OrderManager({
        exchange: ccxtPortFor(fake, { timeoutMs: 400, rateLimitMs: 1 }),
        journal,
        readRetry: { attempts: 8, baseDelayMs: 10, maxDelayMs: 200 },
        requeryDelayMs: 20,
      });
      expect((await manager.start()).state).toBe('READY');
      const rules = chaosFaultRules();
      const ruleIds = rules.map((rule) => fake.faults.add(rule));

      const random = seededRandom(SEED);
      const priceOf = (symbolId: string): number => fake.inspect.priceOf(symbolId) ?? Number.NaN;
      const resting: string[] = [];
      const statuses = new Map<string, number>();
      let next = 0;
      const worker = async (): Promise<void> => {
        for (;;) {
          const index = next++;
          if (index >= INTENTS) return;
          // Market time moves on as the run goes, so resting limits fill (often partly) along the replayed path.
          if (index % 20 === 0) fake.clock.advance(10 * 60_000);
          const { order, referencePriceQuote } = chaosIntent(random, `chaos:${SEED}:${index}`, priceOf);
          if (index % 250 === 249) await manager.sync();
          const result = await manager.submit(order, { referencePriceQuote });
          const status = result.ok ? result.value.status : `refused ${result.error.code}`;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (result.ok && (result.value.status === 'OPEN' || result.value.status === 'PARTIALLY_FILLED')) resting.push(result.value.clientOrderId);
          while (resting.length > MAX_RESTING) {
            const oldest = resting.shift();
            if (oldest !== undefined) await manager.cancel(oldest);
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, () => worker()));

      const fired = rules.map((rule, index) => ({ fault: rule.fault.kind, path: `${rule.method ?? ''} ${String(rule.path)}`, fired: fake.faults.firedCount(ruleIds[index]!) }));
      const requestsUnderFaults = fake.inspect.requests().length;
      const faultsFired = fired.reduce((sum, rule) => sum + rule.fired, 0);
      fake.faults.clear();
      await manager.sync();
      const cancelled = await manager.cancelAll();
      expect(cancelled.unconfirmed).toEqual([]);
      expect(cancelled.confirmed).toBe(true);
      await manager.sync();

      const orders: Order[] = manager.orders();
      const fills = recordedFills(journal.db);
      expect(journalVersusExchange(orders, (id) => fills.get(id) ?? 0, fake.inspect.orders())).toEqual([]);
      expect(orders.filter((order) => order.status === 'UNKNOWN' || order.status === 'PENDING_SUBMIT' || order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED')).toEqual([]);
      expect(balanceProblems(manager.balanceDeltas(), CHAOS_BALANCES, fake.inspect.balances())).toEqual([]);
      const verification = verifyJournal(path);
      expect(verification.ok).toBe(true);
      // Every kind of fault the issue names really happened.
      const kindsFired = new Set(fired.filter((rule) => rule.fired > 0).map((rule) => rule.fault));
      expect(REQUIRED_FAULTS.filter((kind) => !kindsFired.has(kind))).toEqual([]);
      expect(faultsFired / requestsUnderFaults).toBeGreaterThan(0.1);

      if (process.env.BALLAST_CHAOS_DEBUG !== undefined) {
        for (const event of journal.query({ kinds: ['order'], text: 'corrected_from_exchange', limit: 20 }).events) process.stderr.write(`${event.payloadJson}\n`);
      }
      process.stderr.write(`chaos: faults fired ${JSON.stringify(fired.map((rule) => `${rule.path} ${rule.fault}: ${rule.fired}`))}\n`);
      const audit = (event: string): number => journal.count({ kinds: ['order'], text: `"event":"${event}"` });
      process.stderr.write(
        `chaos: seed ${SEED}, ${INTENTS} intents, ${orders.length} orders journaled, statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `${requestsUnderFaults} requests, ${faultsFired} faults fired; ${audit('status_unknown')} unknown outcomes, ${audit('resubmit')} resubmits after proven absence, ` +
          `${audit('corrected_from_exchange')} corrections; ${fake.inspect.trades().length} trades; audit rows ${verification.ok ? verification.rows : 'broken'}; ${((Date.now() - startedAtMs) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await fake.close();
    }
  }, 240_000);
});
