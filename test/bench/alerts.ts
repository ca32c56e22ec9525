// `alert_record_to_delivered_ms` and `weekly_review_ms` of BENCH.md. Run alone with
// `node test/bench/alerts.ts`.
//
// - alert_record_to_delivered_ms: p99 from `raise` (the alert committed to the outbox on disk,
//   synchronous = FULL) until both the local SMTP server (STARTTLS, login, DATA) and the fake
//   Telegram have it. One alert at a time, critical (no grouping), no per-chat pacing: the figure
//   excludes deliberate throttling, as the key says.
// - weekly_review_ms: the review and its HTML page over a year of fills.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AlertDispatcher, channelPolicySchema, EmailChannel, Outbox, TelegramBotApi, TelegramChannel, weeklyReview, weeklyReviewHtml,
  type ReviewOrder, type WeeklyReviewInput,
} from '../../core/alerts/index.ts';
import { openJournal } from '../../core/journal/index.ts';
import { makeSecret } from '../../core/keys/index.ts';
import { startSmtpTestServer } from '../core/alerts/support/smtpTestServer.ts';
import { seededRandom } from '../fake-exchange/index.ts';
import { startFakeTelegram } from '../fake-telegram/index.ts';
import { measureRounds, median, progress, round1 } from './stats.ts';

const ALERTS_PER_ROUND = 30;
const TOKEN = '424242424:FAKE-BENCH-TOKEN-abcdefghijklmnopqrstu';
const PASSWORD = 'FAKE-BENCH-SMTP-PASSWORD';
const CHAT = 1_234;

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

export async function benchAlertDelivery(): Promise<{ alert_record_to_delivered_ms: number }> {
  progress(`alert recorded → delivered to local SMTP and fake Telegram (${String(ALERTS_PER_ROUND)} alerts per round)`);
  const telegram = await startFakeTelegram({ token: TOKEN, chats: [CHAT] });
  const smtp = await startSmtpTestServer({ username: 'alerts@example.test', password: PASSWORD });
  const folder = mkdtempSync(join(tmpdir(), 'ballast-bench-alerts-'));
  const journal = openJournal(join(folder, 'journal.sqlite'));
  const reader = { timeZone: 'UTC' };
  const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: Date.now });
  const policy = channelPolicySchema.parse({ groupWindowMs: 0 });
  dispatcher.setChannel({ channel: new TelegramChannel({ api: new TelegramBotApi({ token: makeSecret(TOKEN), baseUrl: telegram.url, minSendIntervalMs: 0 }), chatId: String(CHAT), reader }), policy });
  dispatcher.setChannel({
    channel: new EmailChannel({
      settings: { host: '127.0.0.1', port: smtp.port, username: 'alerts@example.test', from: 'ballast@example.test', to: 'pat@example.test' },
      password: makeSecret(PASSWORD),
      reader,
      extraCaPem: [smtp.certificate.certPem],
    }),
    policy,
  });
  let sequence = 0;
  try {
    const [p99] = await measureRounds(async () => {
      const samples: number[] = [];
      for (let index = 0; index < ALERTS_PER_ROUND; index += 1) {
        sequence += 1;
        const messagesBefore = telegram.messages.length;
        const mailsBefore = smtp.mails.length;
        const startedAt = performance.now();
        dispatcher.raise([{
          code: 'TRADING_STATE_KILLED', severity: 'critical', occurrenceKey: `bench-${String(sequence)}`, groupKey: 'trading-state', atMs: Date.now(),
          params: { previousState: 'ACTIVE', causeCode: 'DAILY_LOSS_LIMIT', causeMessage: 'The daily loss limit was reached.' },
        }]);
        await until(() => telegram.messages.length > messagesBefore && smtp.mails.length > mailsBefore);
        samples.push(performance.now() - startedAt);
      }
      return samples;
    }, [99], 3);
    return { alert_record_to_delivered_ms: round1(p99 ?? Number.NaN) };
  } finally {
    await dispatcher.stop();
    journal.close();
    await telegram.close();
    await smtp.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2024, 0, 1);

/** A busy year: an order every 20 minutes (26,280), each filled in one to three parts, with refusals, errors, positions and drift checks. */
export function yearOfActivity(): WeeklyReviewInput {
  const random = seededRandom(17);
  const orders: ReviewOrder[] = [];
  for (let atMs = YEAR_START; atMs < YEAR_START + 365 * DAY; atMs += 20 * 60_000) {
    const decision = 40_000 + 5_000 * Math.sin(atMs / (30 * DAY));
    const mid = decision * (1 + (random() - 0.5) * 0.001);
    const parts = 1 + Math.floor(random() * 3);
    const side = random() < 0.5 ? 'buy' : 'sell';
    const fills = Array.from({ length: parts }, () => ({ priceQuote: mid * (1 + (side === 'buy' ? 1 : -1) * random() * 0.0008), amountBase: 0.001 + random() * 0.01, feeQuote: 0.02 }));
    orders.push({
      clientOrderId: `o-${String(atMs)}`, strategy: random() < 0.7 ? 'trend' : 'meanrev', mode: random() < 0.8 ? 'live' : 'paper', symbol: 'BTC/USDT', side,
      decisionPriceQuote: decision, arrival: { midQuote: mid, bidQuote: mid * 0.99995, askQuote: mid * 1.00005 }, fills, sentAtMs: atMs,
    });
  }
  const hours = Array.from({ length: 365 * 24 }, (_, index) => YEAR_START + index * 3_600_000);
  return {
    fromMs: YEAR_START, toMs: YEAR_START + 365 * DAY, quoteAsset: 'USDT', orders,
    rejections: hours.filter((_, index) => index % 7 === 0).map((atMs, index) => ({ atMs, symbol: 'BTC/USDT', reasonCode: ['MIN_NOTIONAL', 'INSUFFICIENT_BALANCE', 'PRICE_FILTER'][index % 3] ?? 'X', exchangeMessage: `refused ${String(index)}` })),
    errors: hours.filter((_, index) => index % 5 === 0).map((atMs, index) => ({ atMs, code: index % 2 === 0 ? 'TIMEOUT' : 'RATE_LIMIT' })),
    positions: orders.filter((_, index) => index % 2 === 0).map((order) => ({ symbol: order.symbol, openedAtMs: order.sentAtMs, stopConfirmedAtMs: order.sentAtMs + 2_000, closedAtMs: order.sentAtMs + 3_600_000, barMs: 3_600_000 })),
    strategyResults: [{ strategy: 'trend', mode: 'live', returnFraction: 0.04 }, { strategy: 'trend', mode: 'paper', returnFraction: 0.05 }],
    driftChecks: hours.map((atMs, index) => ({ atMs, level: index % 50 === 0 ? 'moderate' : 'none', worstFeature: 'rsi_14' })),
    keys: [{ label: 'main', exchange: 'Binance', createdAtMs: YEAR_START + 300 * DAY, rotationPeriodDays: 90 }],
  };
}

export function benchWeeklyReview(): Promise<{ weekly_review_ms: number }> {
  const input = yearOfActivity();
  const fills = input.orders.reduce((sum, order) => sum + order.fills.length, 0);
  progress(`weekly review over a year: ${String(input.orders.length)} orders, ${String(fills)} fills`);
  const once = (): number => {
    const startedAt = performance.now();
    const html = weeklyReviewHtml(weeklyReview(input), { timeZone: 'Europe/Berlin' });
    if (html.length < 1_000) throw new Error('the review page came out empty');
    return performance.now() - startedAt;
  };
  once();
  return Promise.resolve({ weekly_review_ms: round1(median(Array.from({ length: 5 }, once))) });
}

export async function benchAlerts(): Promise<{ alert_record_to_delivered_ms: number; weekly_review_ms: number }> {
  return { ...(await benchAlertDelivery()), ...(await benchWeeklyReview()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchAlerts())}\n`);
}
