import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AlertDispatcher, channelPolicySchema, DesktopChannel, EmailChannel, JournalUpdateCursor, journalChatRecorder, Outbox, TelegramBotApi, TelegramChannel,
  TelegramInbox, tradingStateAlerts, orderRejectedAlert, type ChannelStatus,
} from '../../../core/alerts/index.ts';
import { makeSecret, watchNewSecrets } from '../../../core/keys/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fake-telegram/index.ts';
import { InMemoryDesktopNotifier, ManualTimers, tempJournal } from './support/alertFixtures.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtpTestServer.ts';

const NEEDLE = 'CANARY';
const TOKEN = '987654321:FAKE-CANARY-TOKEN-Q7w8e9r0t1y2u3i4o5p6';
const WRONG_TOKEN = '987654321:FAKE-CANARY-WRONG-TOKEN-z9x8c7v6b5n4';
const PASSWORD = 'FAKE-CANARY-PASSWORD-a1b2c3d4';
const WRONG_PASSWORD = 'FAKE-CANARY-WRONG-PASSWORD-e5f6';
const CHAT = 4_242;

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Every row of every table in the journal file, and the file's bytes on disk (main file and WAL). */
function everythingStored(path: string, journal: ReturnType<typeof tempJournal>['journal']): string {
  const tables = journal.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((row) => String(row.name));
  const rows = tables.map((table) => JSON.stringify(journal.db.prepare(`SELECT * FROM "${table}"`).all()));
  const files = readdirSync(dirname(path)).map((name) => readFileSync(join(dirname(path), name)).toString('latin1'));
  return [...rows, ...files].join('\n');
}

describe('canary: a bot token and an SMTP password never leave their channel', () => {
  it('appear in no delivered message, status, error detail, log line or stored row, on success and on failure', async () => {
    const { journal, path } = tempJournal();
    cleanups.push(watchNewSecrets((value) => { journal.registerSecretValue(value); }));
    const token = makeSecret(TOKEN);
    const password = makeSecret(PASSWORD);
    const telegram: FakeTelegram = await startFakeTelegram({ token: TOKEN, chats: [CHAT] });
    cleanups.push(() => telegram.close());
    const smtp: SmtpTestServer = await startSmtpTestServer({ username: 'alerts@example.test', password: PASSWORD });
    cleanups.push(() => smtp.close());
    const logLines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write(chunk: Buffer, _encoding, done) { logLines.push(chunk.toString('utf8')); done(); } }) });

    const reader = { timeZone: 'UTC' };
    const api = new TelegramBotApi({ token, baseUrl: telegram.url, minSendIntervalMs: 0 });
    const smtpSettings = { host: '127.0.0.1', port: smtp.port, username: 'alerts@example.test', from: 'ballast@example.test', to: 'pat@example.test' };
    const desktop = new InMemoryDesktopNotifier();
    const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: Date.now, timers: new ManualTimers(), random: () => 0, logger });
    cleanups.push(() => dispatcher.stop());
    const open = channelPolicySchema.parse({ groupWindowMs: 0 });
    dispatcher.setChannel({ channel: new TelegramChannel({ api, chatId: String(CHAT), reader }), policy: open });
    dispatcher.setChannel({ channel: new EmailChannel({ settings: smtpSettings, password, reader, extraCaPem: [smtp.certificate.certPem] }), policy: open });
    dispatcher.setChannel({ channel: new DesktopChannel(desktop, reader), policy: open });

    // An exchange error and a state cause that quote the secrets (the worst case: a careless upstream message).
    telegram.fault('sendMessage', { kind: 'status', status: 500, description: `Internal error for bot${TOKEN}` });
    dispatcher.raise([
      orderRejectedAlert({ clientOrderId: 'c-1', symbol: 'BTC/USDT', side: 'buy', reasonCode: 'AUTH', exchangeMessage: `Invalid API-key ${TOKEN} password=${PASSWORD}`, atMs: Date.now() }),
      ...tradingStateAlerts(
        { state: 'ACTIVE', sinceMs: 1, cause: { code: 'STARTED', message: 'Started.' } },
        { state: 'KILLED', sinceMs: Date.now(), cause: { code: 'KEY_CAN_WITHDRAW', message: `Key ${TOKEN} with ${PASSWORD} can withdraw.` } },
      ),
    ]);
    await dispatcher.kickAll();
    // The 500 made Telegram's first send fail; retry until everything is delivered.
    for (let round = 0; round < 5 && telegram.messages.length < 2; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await dispatcher.kickAll();
    }
    await smtp.waitForMails(2);
    expect(telegram.messagesTo(CHAT)).toHaveLength(2);
    expect(desktop.shown).toHaveLength(2);

    // Failure paths: a wrong token, a refused password, a chat message quoting the token.
    const statuses: ChannelStatus[] = [
      await new TelegramChannel({ api: new TelegramBotApi({ token: makeSecret(WRONG_TOKEN), baseUrl: telegram.url }), chatId: String(CHAT), reader }).sendTest(1),
      await new EmailChannel({ settings: smtpSettings, password: makeSecret(WRONG_PASSWORD), reader, extraCaPem: [smtp.certificate.certPem] }).sendTest(1),
      await new TelegramChannel({ api: new TelegramBotApi({ token, baseUrl: 'http://127.0.0.1:1' }), chatId: String(CHAT), reader }).sendTest(1),
      ...dispatcher.statuses().map((view) => view.status),
    ];
    expect(statuses.map((status) => status.code)).toEqual(expect.arrayContaining(['TELEGRAM_TOKEN_REJECTED', 'SMTP_LOGIN_REFUSED', 'TELEGRAM_UNREACHABLE']));
    telegram.userSends(31_337, `here is your token ${TOKEN}`);
    await new TelegramInbox({ api, cursor: new JournalUpdateCursor(journal), recorder: journalChatRecorder(journal), reader, nowMs: Date.now, verifiedChatId: String(CHAT) }).pollOnce(0);

    const outputs = {
      telegram: JSON.stringify(telegram.messages),
      email: smtp.mails.map((mail) => mail.raw).join('\n'),
      desktop: JSON.stringify(desktop.shown),
      statuses: JSON.stringify(statuses),
      logs: logLines.join(''),
      stored: everythingStored(path, journal),
    };
    for (const [where, text] of Object.entries(outputs)) expect(text.includes(NEEDLE), `${where} contains the canary`).toBe(false);
    // The words around the secrets still arrive: masking removed the secret, not the message.
    expect(outputs.telegram).toContain('Invalid API-key [redacted]');
    expect(outputs.logs).toContain('TELEGRAM_SERVER_ERROR');
  }, 30_000);
});
