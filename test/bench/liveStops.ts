import { approvedForTest } from '../support/approvedOrder.ts';
// `live_fill_to_stop_confirmed_ms` of BENCH.md: an entry's fill seen (the create answer with a fill)
// → its protective stop confirmed resting (the exchange's open-order listing that shows it), through
// real ccxt with its rate limiter ON (Binance's own pacing), against the fake Binance, no injected
// latency. Run alone with `node test/bench/liveStops.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCcxtExchange, isBallastClientOrderId, OrderManager, type ExchangePort, type LiveExecution } from '../../core/execution/index.ts';
import { openJournal } from '../../core/journal/index.ts';
import type { SizedOrder } from '../../core/risk/index.ts';
import { binanceClientFor, startFakeExchange } from '../fake-exchange/index.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const SAMPLES_PER_ROUND = 12;
const ROUNDS = 3;
const SYMBOL = 'BTC/USDT';

/** The port as production builds it, with a stopwatch on the two moments that bound the figure. */
function timedPort(port: ExchangePort, marks: { fillSeenAt: number | null; confirmedAt: number | null }): ExchangePort {
  return {
    ...port,
    async createOrder(request) {
      const outcome = await port.createOrder(request);
      if (request.type !== 'stop_limit' && request.side === 'buy' && outcome.kind === 'ok' && outcome.value.filledBase > 0) marks.fillSeenAt = performance.now();
      return outcome;
    },
    async fetchOpenOrders(symbol) {
      const outcome = await port.fetchOpenOrders(symbol);
      if (outcome.kind === 'ok' && marks.fillSeenAt !== null && outcome.value.some((order) => order.type === 'stop_limit' && isBallastClientOrderId(order.clientOrderId))) {
        marks.confirmedAt ??= performance.now();
      }
      return outcome;
    },
  };
}

export async function benchLiveStops(): Promise<{ live_fill_to_stop_confirmed_ms: number; live_fill_to_stop_confirmed_ms_p50: number; live_fill_to_stop_confirmed_ms_p99: number }> {
  progress(`live: entry fill → stop confirmed, ${String(SAMPLES_PER_ROUND)} entries × ${String(ROUNDS)} rounds, ccxt rate limiter on`);
  const fake = await startFakeExchange({ startAt: '2021-03-01T00:00:00Z', account: { balances: { USDT: 1_000_000 } }, weightLimitPerMinute: 100_000_000 });
  const folder = mkdtempSync(join(tmpdir(), 'ballast-bench-live-'));
  const journal = openJournal(join(folder, 'journal.sqlite'));
  try {
    const created = createCcxtExchange({ exchange: binanceClientFor(fake, { timeout: 10_000 }) });
    if (!created.ok) throw new Error(created.error.detail);
    const marks: { fillSeenAt: number | null; confirmedAt: number | null } = { fillSeenAt: null, confirmedAt: null };
    const manager = new OrderManager({ exchange: timedPort(created.value, marks), journal });
    const price = (): number => fake.inspect.priceOf('BTCUSDT') ?? Number.NaN;
    const live: LiveExecution = manager.live({ priceBandBps: 100, markPriceQuote: price, symbols: [SYMBOL] });
    const checked = await live.check('startup');
    if (checked.verdict !== 'trade') throw new Error(`the live check said ${checked.verdict}`);
    let intent = 0;
    const order = (side: 'buy' | 'sell', amountBase: number): SizedOrder => {
      intent += 1;
      const now = price();
      return approvedForTest({
        intentId: `bench:live:${String(intent)}`, origin: 'strategy', purpose: side === 'buy' ? 'entry' : 'exit', symbol: SYMBOL, side, type: 'limit', amountBase,
        limitPriceQuote: Math.round(now * (side === 'buy' ? 1.002 : 0.998) * 100) / 100, reduceOnly: side === 'sell', atMs: Date.now(),
      });
    };
    const round = async (): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES_PER_ROUND; i += 1) {
        Object.assign(marks, { fillSeenAt: null, confirmedAt: null });
        const { protection } = await live.submit(order('buy', 0.002), { protectiveStopPriceQuote: Math.round(price() * 0.97 * 100) / 100 });
        if (protection?.status !== 'protected' || marks.fillSeenAt === null || marks.confirmedAt === null) throw new Error(`no confirmed stop: ${JSON.stringify(protection)}`);
        samples.push(marks.confirmedAt - marks.fillSeenAt);
        const exit = await live.exit(order('sell', 1));
        if (exit.notice.code !== 'EXITED') throw new Error(`the exit between samples did not sell: ${exit.notice.code}`);
      }
      return samples;
    };
    const [p50, p99] = await measureRounds(round, [50, 99], ROUNDS);
    return { live_fill_to_stop_confirmed_ms: round1(p99 ?? Number.NaN), live_fill_to_stop_confirmed_ms_p50: round1(p50 ?? Number.NaN), live_fill_to_stop_confirmed_ms_p99: round1(p99 ?? Number.NaN) };
  } finally {
    journal.close();
    rmSync(folder, { recursive: true, force: true });
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchLiveStops())}\n`);
}
