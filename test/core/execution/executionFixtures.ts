import { approvedForTest } from '../../support/approvedOrder.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { OrderManager, type OrderManagerOptions } from '../../../core/execution/index.ts';
import { openJournal, type Journal } from '../../../core/journal/index.ts';
import type { SizedOrder, SizedOrderFields } from '../../../core/risk/index.ts';
import { ScriptedExchange } from '../../support/scriptedExchange.ts';
import { SimulatedClock } from '../../support/simulatedClock.ts';

const folders: string[] = [];
const journals: Journal[] = [];

export function tempJournalPath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ballast-execution-'));
  folders.push(folder);
  return join(folder, 'journal.sqlite');
}

afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export function openTestJournal(path: string): Journal {
  const journal = openJournal(path);
  journals.push(journal);
  return journal;
}

export interface Setup {
  readonly clock: SimulatedClock;
  readonly exchange: ScriptedExchange;
  readonly journal: Journal;
  readonly path: string;
  readonly manager: OrderManager;
  /** A second manager on the same journal file, as after a restart. */
  restart(): OrderManager;
}

export function setup(options: Partial<OrderManagerOptions> & { supportsNativeStops?: boolean } = {}): Setup {
  const clock = new SimulatedClock();
  const exchange = new ScriptedExchange({ supportsNativeStops: options.supportsNativeStops ?? true, clock });
  const path = tempJournalPath();
  const journal = openTestJournal(path);
  const build = (on: Journal): OrderManager =>
    new OrderManager({ exchange, journal: on, clock, requeryDelayMs: 300, readRetry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 }, ...options });
  const manager = build(journal);
  return {
    clock,
    exchange,
    journal,
    path,
    manager,
    restart: () => {
      journal.close();
      return build(openTestJournal(path));
    },
  };
}

let intentCounter = 0;

export function sizedOrder(overrides: Partial<SizedOrderFields> = {}): SizedOrder {
  intentCounter += 1;
  return approvedForTest({
    intentId: `strategy:test:${intentCounter}`,
    origin: 'strategy',
    purpose: 'entry',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amountBase: 0.01,
    limitPriceQuote: 49_000,
    reduceOnly: false,
    atMs: 1_700_000_000_000,
    ...overrides,
  });
}
