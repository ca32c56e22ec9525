/**
 * One life of the crash test: reconciles, waits for the parent's "go", then runs the seeded order
 * flow against the parent's fake exchange until it is killed or runs out of intents. With
 * BALLAST_CRASH_AT it SIGKILLs itself at an exact point of the N-th create request of this life:
 * `after_journal` (row durable, request not sent), `in_flight` (request sent, answer not back),
 * `after_response` (answer back, nothing journaled about it).
 * Run by crash.test.ts as `node crashChild.ts`; every setting comes from the environment.
 */
import { createInterface } from 'node:readline';
import { OrderManager } from '../../../core/execution/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { seededRandom } from '../../fake-exchange/index.ts';
import { interceptedPort } from '../../support/interceptedPort.ts';
import { ccxtPortFor, chaosIntent } from './chaosSupport.ts';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`crash child needs ${name}`);
  return value;
}

const crashAt = process.env.BALLAST_CRASH_AT ?? 'none';
const crashOn = Number(process.env.BALLAST_CRASH_ON ?? '0');
const upto = Number(env('BALLAST_CRASH_UPTO'));
const seed = Number(env('BALLAST_CRASH_SEED'));
const prices: Record<string, number> = JSON.parse(env('BALLAST_CRASH_PRICES')) as Record<string, number>;

const say = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

let creates = 0;
const inner = ccxtPortFor({ url: env('BALLAST_FAKE_URL'), credentials: { apiKey: env('BALLAST_FAKE_KEY'), secret: env('BALLAST_FAKE_SECRET') } }, { timeoutMs: 400, rateLimitMs: 1 });
const port = interceptedPort(inner, (call, send) => {
  if (call !== 'createOrder') return send();
  creates += 1;
  const pending = send();
  // The parent holds this request at the exchange (accepted or dropped): die while it waits.
  if (crashAt === 'in_flight' && creates === crashOn) setTimeout(die, 60);
  return pending;
});

const journal = openJournal(env('BALLAST_JOURNAL'));
const manager = new OrderManager({
  exchange: port,
  journal,
  readRetry: { attempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
  requeryDelayMs: 20,
  hooks: {
    beforeSend: () => {
      if (crashAt === 'after_journal' && creates + 1 === crashOn) die();
    },
    afterResponse: () => {
      if (crashAt === 'after_response' && creates === crashOn) die();
    },
  },
});

const readiness = await manager.start();
say({ type: 'reconciled', readiness });
if (readiness.state !== 'READY') process.exit(3);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;

const random = seededRandom(seed);
for (let index = 0; index < upto; index += 1) {
  const { order, referencePriceQuote } = chaosIntent(random, `crash:${seed}:${index}`, (id) => prices[id] ?? Number.NaN);
  const cancelIt = random() < 0.5;
  const result = await manager.submit(order, { referencePriceQuote });
  if (result.ok && cancelIt && (result.value.status === 'OPEN' || result.value.status === 'PARTIALLY_FILLED')) await manager.cancel(result.value.clientOrderId);
  say({ type: 'progress', index, status: result.ok ? result.value.status : result.error.code });
}
await manager.sync();
say({ type: 'done' });
journal.close();
process.exit(0);
