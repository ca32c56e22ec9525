import { approvedForTest } from '../support/approvedOrder.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderManager, type ExchangePort } from '../../core/execution/index.ts';
import { DatabaseSync } from 'node:sqlite';
import { openJournal } from '../../core/journal/index.ts';
import { interceptedPort } from '../support/interceptedPort.ts';
import { ScriptedExchange } from '../support/scriptedExchange.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const INTENTS_PER_ROUND = 300;

/**
 * The in-process exchange: it answers at once and never fills a limit order by itself, so every
 * order rests; its own time is measured so that only Ballast's work is timed.
 */
function instantExchange(onCall: (ns: bigint) => void): ExchangePort {
  return interceptedPort(new ScriptedExchange(), (_call, send) => {
    const start = process.hrtime.bigint();
    const pending = send();
    onCall(process.hrtime.bigint() - start);
    return pending;
  });
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
    return { order_overhead_p50_us: round1(p50 ?? Number.NaN), order_overhead_p99_us: round1(p99 ?? Number.NaN), fsync_commit_p99_us: round1(floorP99) };
  } finally {
    journal.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
