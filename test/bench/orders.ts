import { approvedForTest } from '../support/approvedOrder.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderManager, type ExchangeOrder, type ExchangeOutcome, type ExchangePort, type OrderRequest } from '../../core/execution/index.ts';
import { DatabaseSync } from 'node:sqlite';
import { openJournal } from '../../core/journal/index.ts';
import type { MarketInfo } from '../../core/market/index.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const INTENTS_PER_ROUND = 300;

const BTC_USDT: MarketInfo = {
  exchange: 'bench',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  active: true,
  precision: { amountStepBase: 0.00001, amountDecimals: 5, priceTickQuote: 0.01, priceDecimals: 2 },
  limits: { minAmountBase: 0.00001, maxAmountBase: 9000, minNotionalQuote: 5 },
  fees: { makerRate: 0.001, takerRate: 0.001 },
};

/** An exchange that answers at once and accepts every order as resting, so only Ballast's own work is timed. */
function instantExchange(onCall: (ns: bigint) => void): ExchangePort {
  let nextId = 1;
  const timed = <T>(answer: () => ExchangeOutcome<T>): Promise<ExchangeOutcome<T>> => {
    const start = process.hrtime.bigint();
    const outcome = answer();
    onCall(process.hrtime.bigint() - start);
    return Promise.resolve(outcome);
  };
  const accepted = (request: OrderRequest): ExchangeOrder => ({
    exchangeOrderId: String(nextId++), clientOrderId: request.clientOrderId, symbol: request.symbol, side: request.side, type: request.type, status: 'OPEN',
    amountBase: request.amountBase, filledBase: 0, averagePriceQuote: null, limitPriceQuote: request.limitPriceQuote ?? null, stopPriceQuote: null, fees: [], createdAtMs: 0, updatedAtMs: 0,
  });
  return {
    id: 'bench',
    supportsNativeStops: true,
    loadMarkets: () => timed(() => ({ kind: 'ok', value: new Map([[BTC_USDT.symbol, BTC_USDT]]) })),
    fetchBalances: () => timed(() => ({ kind: 'ok', value: new Map([['USDT', { asset: 'USDT', free: 1e9, used: 0, total: 1e9 }]]) })),
    createOrder: (request) => timed(() => ({ kind: 'ok', value: accepted(request) })),
    cancelOrder: () => timed(() => ({ kind: 'not_found', detail: 'bench' })),
    fetchOrder: () => timed(() => ({ kind: 'not_found', detail: 'bench' })),
    fetchOpenOrders: () => timed(() => ({ kind: 'ok', value: [] })),
    fetchMyTrades: () => timed(() => ({ kind: 'ok', value: [] })),
  };
}

/**
 * The floor under the order figures: one fsync'd SQLite commit (WAL, synchronous = FULL) of a
 * row the size of an order row, in the same folder. Every order needs at least one such commit
 * (the PENDING_SUBMIT row must be on disk before the request leaves), so on a disk whose own
 * commit p99 is above the goal, the order p99 cannot meet it either.
 */
async function durableCommitFloor(folder: string): Promise<[number, number]> {
  const db = new DatabaseSync(join(folder, 'floor.sqlite'));
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
    const body = 'x'.repeat(400);
    const [p50, p99] = await measureRounds(() => {
      const samples: number[] = [];
      for (let i = 0; i < INTENTS_PER_ROUND; i += 1) {
        const start = process.hrtime.bigint();
        insert.run(body);
        samples.push(Number(process.hrtime.bigint() - start) / 1_000);
      }
      return samples;
    }, [50, 99]);
    return [round1(p50 ?? Number.NaN), round1(p99 ?? Number.NaN)];
  } finally {
    db.close();
  }
}

/**
 * OrderManager overhead per intent: precision checks, the durable PENDING_SUBMIT row (fsync'd),
 * the answer and its transition (fsync'd), audit events. The exchange call itself is excluded
 * (a zero-latency in-process port, its own time subtracted). Journal on a real file in the temp folder.
 */
export async function benchOrderOverhead(): Promise<Record<string, number>> {
  progress('order overhead (OrderManager per intent, durable journal)');
  const folder = mkdtempSync(join(tmpdir(), 'ballast-bench-orders-'));
  const journal = openJournal(join(folder, 'journal.sqlite'));
  try {
    let exchangeNs = 0n;
    const manager = new OrderManager({ exchange: instantExchange((ns) => { exchangeNs += ns; }), journal });
    const readiness = await manager.start();
    if (readiness.state !== 'READY') throw new Error(`bench manager not ready: ${readiness.state}`);
    let intent = 0;
    const [p50, p99] = await measureRounds(async () => {
      const samples: number[] = [];
      for (let i = 0; i < INTENTS_PER_ROUND; i += 1) {
        intent += 1;
        exchangeNs = 0n;
        const start = process.hrtime.bigint();
        const result = await manager.submit(approvedForTest({
          intentId: `bench:${intent}`, origin: 'strategy', purpose: 'entry', symbol: 'BTC/USDT', side: 'buy', type: 'limit',
          amountBase: 0.0012345 + (intent % 7) * 0.0001, limitPriceQuote: 50_000.123, reduceOnly: false, atMs: 0,
        }));
        const elapsedNs = process.hrtime.bigint() - start - exchangeNs;
        if (!result.ok || result.value.status !== 'OPEN') throw new Error(`bench order not placed: ${JSON.stringify(result)}`);
        samples.push(Number(elapsedNs) / 1_000);
      }
      return samples;
    }, [50, 99]);
    const [floorP50, floorP99] = await durableCommitFloor(folder);
    progress(`order overhead context: one fsync'd commit on this disk alone takes p50 ${floorP50} µs, p99 ${floorP99} µs`);
    return { order_overhead_p50_us: round1(p50 ?? Number.NaN), order_overhead_p99_us: round1(p99 ?? Number.NaN) };
  } finally {
    journal.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
