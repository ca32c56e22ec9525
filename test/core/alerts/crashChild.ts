/**
 * One life of the alert crash test: opens the journal, starts the heartbeat (raising "Ballast
 * stopped unexpectedly" if the last life left no clean-stop mark), records the first
 * ALERT_CRASH_UPTO alerts of a fixed plan (recording again what earlier lives recorded), and
 * delivers everything to the parent's fake Telegram, SMTP server and a desktop notifier that
 * writes to stdout. With ALERT_CRASH_AT it SIGKILLs itself at the N-th send of this life:
 * `before_send` (row durably `sending`, channel not called) or `after_send` (the channel took
 * the message, `sent` not yet recorded). Otherwise the parent may kill it at any moment; a life
 * that is not killed drains everything, stops cleanly and exits.
 * Run by crash.test.ts as `node crashChild.ts`; every setting comes from the environment.
 */
import {
  AlertDispatcher, channelPolicySchema, DesktopChannel, EmailChannel, Heartbeat, HeartbeatStore, Outbox, TelegramBotApi, TelegramChannel,
  unexpectedStopAlert, type AlertChannel, type AlertDraft, type OutgoingDelivery, type SendOutcome,
} from '../../../core/alerts/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { makeSecret } from '../../../core/keys/index.ts';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`alert crash child needs ${name}`);
  return value;
}

const say = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const crashAt = process.env.ALERT_CRASH_AT ?? 'none';
const crashOn = Number(process.env.ALERT_CRASH_ON ?? '0');
const upto = Number(env('ALERT_CRASH_UPTO'));
let sends = 0;

/** Wraps a channel with the self-kill points of this life. */
function withCrashPoints(inner: AlertChannel): AlertChannel {
  return {
    id: inner.id,
    sendTest: (atMs) => inner.sendTest(atMs),
    close: () => inner.close?.(),
    async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
      sends += 1;
      const mine = sends;
      if (crashAt === 'before_send' && mine === crashOn) die();
      const outcome = await inner.send(delivery);
      if (crashAt === 'after_send' && mine === crashOn && outcome.kind === 'delivered') die();
      return outcome;
    },
  };
}

/** The plan: alert i is the same in every life, so recording it again is a no-op. */
function planned(index: number): AlertDraft {
  return {
    code: 'ORDER_REJECTED',
    severity: index % 3 === 0 ? 'critical' : 'warning',
    params: { symbol: 'BTC/USDT', side: 'buy', reasonCode: `R${index}`, exchangeMessage: `plan ${index}` },
    occurrenceKey: `crash-plan-${index}`,
    groupKey: `crash-plan-${index}`,
    atMs: 1_700_000_000_000 + index,
  };
}

const journal = openJournal(env('ALERT_CRASH_JOURNAL'));
const reader = { timeZone: 'UTC' };
const dispatcher = new AlertDispatcher({
  outbox: new Outbox(journal),
  nowMs: Date.now,
  backoff: { firstDelayMs: 40, maxDelayMs: 200 },
  sendTimeoutMs: 5_000,
});
// No grouping and no pacing: this test is about crashes; throttling and pacing have their own tests.
const policy = channelPolicySchema.parse({ groupWindowMs: 0 });
const telegramApi = new TelegramBotApi({ token: makeSecret(env('ALERT_CRASH_TOKEN')), baseUrl: env('ALERT_CRASH_TELEGRAM'), minSendIntervalMs: 0 });
dispatcher.setChannel({ channel: withCrashPoints(new TelegramChannel({ api: telegramApi, chatId: env('ALERT_CRASH_CHAT'), reader })), policy });
dispatcher.setChannel({
  channel: withCrashPoints(new EmailChannel({
    settings: { host: '127.0.0.1', port: Number(env('ALERT_CRASH_SMTP_PORT')), username: 'alerts@example.test', from: 'ballast@example.test', to: 'pat@example.test' },
    password: makeSecret(env('ALERT_CRASH_SMTP_PASSWORD')),
    reader,
    extraCaPem: [env('ALERT_CRASH_CA')],
  })),
  policy,
});
dispatcher.setChannel({
  channel: withCrashPoints(new DesktopChannel({
    show: (notice) => {
      // A pipe write is synchronous on Linux: once written, the parent has it, as a person would have seen it.
      say({ type: 'desktop', reference: notice.reference, body: notice.body });
      return Promise.resolve(true);
    },
  }, reader)),
  policy,
});

const heartbeat = new Heartbeat({ store: new HeartbeatStore(journal), nowMs: Date.now, runId: env('ALERT_CRASH_RUN_ID'), intervalMs: 50 });
const previous = heartbeat.start();
dispatcher.start();
const stopped = unexpectedStopAlert(previous, Date.now());
say({ type: 'ready', unexpectedStop: stopped !== null });
if (stopped !== null) dispatcher.raise([stopped]);
for (let index = 0; index < upto; index += 1) dispatcher.raise([planned(index)]);

for (;;) {
  await dispatcher.kickAll();
  if (dispatcher.statuses().every((view) => view.waiting === 0)) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
say({ type: 'idle' });
await dispatcher.stop();
heartbeat.stopCleanly();
journal.close();
