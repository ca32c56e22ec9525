import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PositionBook, type Fill, type Order } from '../../../core/execution/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { seededRandom, startFakeExchange, type FakeExchange } from '../../fake-exchange/index.ts';
import { balanceProblems, CHAOS_BALANCES, CHAOS_START_AT, CHAOS_SYMBOLS, envInteger, journalVersusExchange } from './chaosSupport.ts';
import { tempJournalPath } from './executionFixtures.ts';

const SEED = envInteger('BALLAST_CRASH_SEED', 4_242);
const KILLS = envInteger('BALLAST_CRASH_KILLS', 52);
const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const MODES = ['after_journal', 'in_flight_accepted', 'after_response', 'in_flight_lost', 'random', 'random_during_start'] as const;
type Mode = (typeof MODES)[number] | 'none';

interface Life {
  readonly mode: Mode;
  readonly crashOn: number;
  readonly upto: number;
  readonly randomKillMs: number;
}

interface LifeResult {
  readonly killed: boolean;
  readonly progressed: number;
  readonly problems: readonly string[];
}

/** The journal as the parent sees it on disk: order rows and fills, read through a read-only connection. */
function readJournal(path: string): { orders: Order[]; fills: Fill[] } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const orders = db.prepare('SELECT client_order_id, status, filled_base, exchange_order_id, confirmed_by_exchange FROM execution_orders').all().map(
      (row) =>
        ({
          clientOrderId: String(row.client_order_id),
          status: String(row.status),
          filledBase: Number(row.filled_base),
          exchangeOrderId: row.exchange_order_id === null ? null : String(row.exchange_order_id),
          confirmedByExchange: row.confirmed_by_exchange === 1,
        }) as unknown as Order,
    );
    const fills = db.prepare('SELECT * FROM execution_fills ORDER BY seq').all().map(
      (row): Fill => ({
        symbol: String(row.symbol),
        tradeId: String(row.trade_id),
        clientOrderId: String(row.client_order_id),
        exchangeOrderId: String(row.exchange_order_id),
        side: row.side === 'sell' ? 'sell' : 'buy',
        priceQuote: Number(row.price_quote),
        amountBase: Number(row.amount_base),
        fee: typeof row.fee_asset === 'string' ? { asset: row.fee_asset, amount: Number(row.fee_amount) } : null,
        atMs: Number(row.at_ms),
      }),
    );
    return { orders, fills };
  } finally {
    db.close();
  }
}

/** Zero discrepancies: every journal order equals the exchange's, one order per intent, fills explain the balances, chain intact. */
function discrepancies(fake: FakeExchange, path: string): string[] {
  const { orders, fills } = readJournal(path);
  const filled = new Map<string, number>();
  for (const fill of fills) filled.set(fill.clientOrderId, (filled.get(fill.clientOrderId) ?? 0) + fill.amountBase);
  const problems = journalVersusExchange(orders, (id) => filled.get(id) ?? 0, fake.inspect.orders());
  problems.push(...balanceProblems(new PositionBook(fills).balanceDeltas(), CHAOS_BALANCES, fake.inspect.balances()));
  const chain = verifyJournal(path);
  if (!chain.ok) problems.push(`audit chain: ${chain.reason} at ${chain.firstBrokenSeq ?? '?'}`);
  return problems;
}

async function runLife(fake: FakeExchange, path: string, life: Life): Promise<LifeResult> {
  const prices = Object.fromEntries(CHAOS_SYMBOLS.map((market) => [market.id, fake.inspect.priceOf(market.id)]));
  const held = life.mode === 'in_flight_accepted' ? 'timeoutAfterAccept' : life.mode === 'in_flight_lost' ? 'timeoutBeforeAccept' : undefined;
  const ruleId = held === undefined ? undefined : fake.faults.add({ method: 'POST', path: '/api/v3/order', skip: life.crashOn - 1, times: 1, fault: { kind: held, connection: 'hold', holdMs: 5_000 } });
  const child = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      BALLAST_FAKE_URL: fake.url,
      BALLAST_FAKE_KEY: fake.credentials.apiKey,
      BALLAST_FAKE_SECRET: fake.credentials.secret,
      BALLAST_JOURNAL: path,
      BALLAST_CRASH_SEED: String(SEED),
      BALLAST_CRASH_UPTO: String(life.upto),
      BALLAST_CRASH_PRICES: JSON.stringify(prices),
      BALLAST_CRASH_AT: life.mode === 'in_flight_accepted' || life.mode === 'in_flight_lost' ? 'in_flight' : life.mode === 'random' || life.mode === 'random_during_start' ? 'none' : life.mode,
      BALLAST_CRASH_ON: String(life.crashOn),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Killed anywhere from loading to reconciling to trading.
  if (life.mode === 'random_during_start') setTimeout(() => child.kill('SIGKILL'), life.randomKillMs);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  let problems: string[] = [];
  let progressed = 0;
  const spawnedAtMs = Date.now();
  let reconciledAtMs = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as { type: string; readiness?: { state: string } };
    if (message.type === 'reconciled') {
      reconciledAtMs = Date.now();
      problems = message.readiness?.state === 'READY' ? discrepancies(fake, path) : [`not ready after restart: ${line}`];
      child.stdin.write('go\n');
      if (life.mode === 'random') setTimeout(() => child.kill('SIGKILL'), life.randomKillMs);
    } else if (message.type === 'progress') {
      progressed += 1;
    }
  }
  const { code, signal } = await exited;
  if (process.env.BALLAST_CRASH_DEBUG !== undefined) process.stderr.write(`life ${life.mode}: reconciled after ${reconciledAtMs - spawnedAtMs} ms, ended after ${Date.now() - spawnedAtMs} ms, ${signal ?? code}\n`);
  if (ruleId !== undefined) fake.faults.remove(ruleId);
  if (signal === null && code !== 0) throw new Error(`crash child failed with exit code ${code}: ${stderr.slice(-2_000)}`);
  return { killed: signal === 'SIGKILL', progressed, problems };
}

describe('crash recovery: a child process running the order flow is SIGKILLed again and again', () => {
  it(`reconciles to zero discrepancies after each of ${KILLS} kills, including between "journaled" and "sent" and between "sent" and "response"`, async () => {
    const startedAtMs = Date.now();
    const fake = await startFakeExchange({ startAt: CHAOS_START_AT, seed: SEED, account: { balances: CHAOS_BALANCES }, weightLimitPerMinute: 100_000_000 });
    const path = tempJournalPath();
    const random = seededRandom(SEED);
    const killsByMode = new Map<Mode, number>();
    try {
      let upto = 0;
      let kills = 0;
      for (let lifeIndex = 0; kills < KILLS; lifeIndex += 1) {
        if (lifeIndex > KILLS * 2) throw new Error(`only ${kills} kills after ${lifeIndex} lives`);
        const mode = MODES[lifeIndex % MODES.length]!;
        upto += mode === 'random' ? 10 : 3;
        const killMs = mode === 'random' ? 20 + Math.floor(random() * 400) : 300 + Math.floor(random() * 1_800);
        const result = await runLife(fake, path, { mode, crashOn: 1 + Math.floor(random() * 3), upto, randomKillMs: killMs });
        expect(result.problems, `after restart ${lifeIndex} (previous life: ${lifeIndex === 0 ? 'none' : MODES[(lifeIndex - 1) % MODES.length]})`).toEqual([]);
        if (result.killed) {
          kills += 1;
          killsByMode.set(mode, (killsByMode.get(mode) ?? 0) + 1);
        }
        // Time passes while Ballast is down: resting orders fill, partly or fully, unseen.
        fake.clock.advance(15 * 60_000);
      }
      const last = await runLife(fake, path, { mode: 'none', crashOn: 0, upto, randomKillMs: 0 });
      expect(last.problems).toEqual([]);
      expect(last.killed).toBe(false);
      // The run that was not killed must also leave nothing to reconcile.
      const afterAll = await runLife(fake, path, { mode: 'none', crashOn: 0, upto, randomKillMs: 0 });
      expect(afterAll.problems).toEqual([]);

      const { orders } = readJournal(path);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      for (const mode of ['after_journal', 'in_flight_accepted', 'after_response', 'in_flight_lost'] as const) expect(killsByMode.get(mode) ?? 0).toBeGreaterThan(0);
      process.stderr.write(
        `crash: seed ${SEED}, ${kills} kills ${JSON.stringify(Object.fromEntries(killsByMode))}, ${orders.length} orders journaled, ` +
          `${fake.inspect.orders().length} exchange orders, ${fake.inspect.trades().length} trades, ${((Date.now() - startedAtMs) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await fake.close();
    }
  }, 900_000);
});
