import { approvedForTest } from '../support/approvedOrder.ts';
// `live_start_reconcile_ms` of BENCH.md: the live check before the first order (reconciliation of
// orders, fills since the last run, balances, external orders and protective-stop coverage) on a
// journal holding 500 orders of history, through real ccxt with its rate limiter ON, against the
// fake Binance. Run alone with `node test/bench/liveReconcile.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCcxtExchange, OrderManager, type ExchangePort } from '../../core/execution/index.ts';
import { openJournal } from '../../core/journal/index.ts';
import type { SizedOrder } from '../../core/risk/index.ts';
import { binanceClientFor, startFakeExchange, type FakeExchange } from '../fake-exchange/index.ts';
import { median, progress } from './stats.ts';

const HISTORY_ORDERS = 500;
const ROUNDS = 5;
const SYMBOL = 'BTC/USDT';

function port(fake: FakeExchange, limiter: boolean): ExchangePort {
  const created = createCcxtExchange({ exchange: binanceClientFor(fake, { timeout: 10_000, enableRateLimit: limiter }), unsafeAllowRateLimiterOffInTests: !limiter });
  if (!created.ok) throw new Error(created.error.detail);
  return created.value;
}

/**
 * 500 orders through the live layer (its rate limiter off, so setting the scene is quick): round
 * trips that filled, entries that rested and were cancelled, 20 resting buys still open, an order
 * of another app, and one position left under a confirmed stop.
 */
async function writeHistory(fake: FakeExchange, path: string): Promise<void> {
  const journal = openJournal(path);
  try {
    const manager = new OrderManager({ exchange: port(fake, false), journal });
    const price = (): number => fake.inspect.priceOf('BTCUSDT') ?? Number.NaN;
    const live = manager.live({ priceBandBps: 100, markPriceQuote: price, symbols: [SYMBOL] });
    if ((await live.check('startup')).verdict !== 'trade') throw new Error('the setup check refused');
    let placed = 0;
    const order = (side: 'buy' | 'sell', amountBase: number, limitFactor: number): SizedOrder => {
      placed += 1;
      return approvedForTest({
        intentId: `bench:history:${String(placed)}`, origin: 'strategy', purpose: side === 'buy' ? 'entry' : 'exit', symbol: SYMBOL, side, type: 'limit', amountBase,
        limitPriceQuote: Math.round(price() * limitFactor * 100) / 100, reduceOnly: side === 'sell', atMs: Date.now(),
      });
    };
    const stop = (): number => Math.round(price() * 0.97 * 100) / 100;
    while (manager.orders().length < HISTORY_ORDERS - 22) {
      // A round trip: entry, its stop, the exit (which lifts the stop): three orders.
      await live.submit(order('buy', 0.002, 1.002), { protectiveStopPriceQuote: stop() });
      await live.exit(order('sell', 1, 0.998));
      const resting = await live.submit(order('buy', 0.001, 0.99));
      if (resting.result.ok) await manager.cancel(resting.result.value.clientOrderId);
      fake.clock.advance(60_000);
    }
    for (let i = 0; i < 20; i += 1) await live.submit(order('buy', 0.001, 0.99 - i * 0.0005));
    await live.submit(order('buy', 0.002, 1.002), { protectiveStopPriceQuote: stop() });
    fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: Math.round(price() * 0.95 * 100) / 100 });
    progress(`live reconcile: history of ${String(manager.orders().length)} orders written`);
  } finally {
    journal.close();
  }
}

export async function benchLiveReconcile(): Promise<{ live_start_reconcile_ms: number }> {
  progress(`live reconcile: the live check at start with ${String(HISTORY_ORDERS)} orders of history, ccxt rate limiter on (${String(ROUNDS)} rounds)`);
  const fake = await startFakeExchange({ startAt: '2021-03-01T00:00:00Z', account: { balances: { USDT: 1_000_000 } }, weightLimitPerMinute: 100_000_000 });
  const folder = mkdtempSync(join(tmpdir(), 'ballast-bench-reconcile-'));
  const path = join(folder, 'journal.sqlite');
  try {
    await writeHistory(fake, path);
    const timings: number[] = [];
    for (let round = 0; round <= ROUNDS; round += 1) {
      // A fresh start each time: a new process's journal, OrderManager and ccxt instance (markets not loaded yet).
      const journal = openJournal(path);
      try {
        const live = new OrderManager({ exchange: port(fake, true), journal }).live({ priceBandBps: 100, markPriceQuote: () => fake.inspect.priceOf('BTCUSDT'), symbols: [SYMBOL] });
        const started = performance.now();
        const requestsBefore = fake.inspect.requests().length;
        const outcome = await live.check('startup');
        const elapsedMs = performance.now() - started;
        if (process.env.BALLAST_BENCH_DEBUG !== undefined) {
          for (const request of fake.inspect.requests().slice(requestsBefore)) progress(`${String(Math.round(request.atMs - performance.timeOrigin - started))} ms ${request.method} ${request.path} ${request.params.symbol ?? ''}`);
        }
        if (outcome.verdict !== 'trade') throw new Error(`the live check said ${outcome.verdict}`);
        if (round > 0) timings.push(elapsedMs);
      } finally {
        journal.close();
      }
    }
    return { live_start_reconcile_ms: Math.round(median(timings)) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchLiveReconcile())}\n`);
}
