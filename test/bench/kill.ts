// `kill_50_orders_ms` of BENCH.md: Kill with 50 open orders on the fake Binance, through real ccxt
// with its rate limiter on, until the exchange itself lists zero open orders. Run alone with
// `node test/bench/kill.ts`.
import { pathToFileURL } from 'node:url';
import { openJournal } from '../../core/journal/index.ts';
import { createTradingStateMachine } from '../../core/risk/index.ts';
import { killSwitch } from '../../core/runtime/frame/killSwitch.ts';
import { KILL_SYMBOL, startCcxtKillVenue } from '../core/risk/support/ccxtKillVenue.ts';
import { median, progress } from './stats.ts';

const ROUNDS = 5;
const OPEN_ORDERS = 50;

/** One kill on a fresh exchange: the time from pressing Kill to the exchange's own empty listing. */
async function oneKill(): Promise<number> {
  const venue = await startCcxtKillVenue();
  const journal = openJournal(':memory:');
  try {
    await venue.placeOpenOrders(OPEN_ORDERS);
    // A warm port (markets loaded, connection open), as in a running app.
    const warm = await venue.port.fetchOpenOrders(KILL_SYMBOL);
    if (warm.kind !== 'ok' || warm.value.length !== OPEN_ORDERS) throw new Error(`expected ${String(OPEN_ORDERS)} open orders before the kill, got ${warm.kind}`);
    const machine = createTradingStateMachine({ nowMs: Date.now, journal });
    const started = performance.now();
    const run = await killSwitch({ exchange: venue.port, stateMachine: machine, journal, symbols: [KILL_SYMBOL], timeoutMs: 30_000 });
    const elapsedMs = performance.now() - started;
    run.retry?.stop();
    const left = await venue.openClientOrderIds();
    if (!run.report.zeroOpenOrdersConfirmed || left.length > 0) throw new Error(`the kill did not reach zero open orders (${String(left.length)} left): ${run.report.summary}`);
    return elapsedMs;
  } finally {
    journal.close();
    await venue.close();
  }
}

export async function benchKill50(): Promise<{ kill_50_orders_ms: number }> {
  progress(`kill ${String(OPEN_ORDERS)} open orders through ccxt against the fake exchange (${String(ROUNDS)} rounds)`);
  await oneKill();
  const timings: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) timings.push(await oneKill());
  return { kill_50_orders_ms: Math.round(median(timings)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchKill50())}\n`);
}
