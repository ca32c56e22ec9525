import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AlertDispatcher, alertMessages, channelPolicySchema, Outbox, TelegramBotApi, TelegramChannel, type OutgoingDelivery,
} from '../../../core/alerts/index.ts';
import { makeSecret } from '../../../core/keys/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fake-telegram/index.ts';
import { ManualClock, ManualTimers, tempJournal } from './support/alertFixtures.ts';
import { alertOfEveryCode, recorded } from './support/sampleAlerts.ts';

const TOKEN = '123456789:FAKE-CANARY-TOKEN-abcdefghijklmnopqrstuv';
const CHAT = 5_550_001;
const reader = { timeZone: 'UTC' };

let telegram: FakeTelegram | undefined;
afterEach(async () => {
  await telegram?.close();
  telegram = undefined;
});

async function fake(): Promise<FakeTelegram> {
  telegram = await startFakeTelegram({ token: TOKEN, chats: [CHAT] });
  return telegram;
}

/** A port nothing listens on: connecting is refused before any request leaves. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  return port;
}

function delivery(code = 'ORDER_REJECTED', maybeRepeat = false): OutgoingDelivery {
  const sample = alertOfEveryCode().find((candidate) => candidate.code === code);
  if (sample === undefined) throw new Error(`no sample for ${code}`);
  const alert = recorded(sample);
  return { deliveryId: 1, channel: 'telegram', kind: 'alert', dedupKey: `${alert.id}.telegram`, alerts: [alert], maybeRepeat, documentHtml: null };
}

function channel(server: FakeTelegram, options: { token?: string; chatId?: number; minSendIntervalMs?: number } = {}) {
  const api = new TelegramBotApi({ token: makeSecret(options.token ?? TOKEN), baseUrl: server.url, minSendIntervalMs: options.minSendIntervalMs ?? 0, requestTimeoutMs: 2_000 });
  return { api, channel: new TelegramChannel({ api, chatId: String(options.chatId ?? CHAT), reader }) };
}

describe('Telegram channel against the fake Bot API', () => {
  it('delivers an alert to the verified chat as HTML Telegram can parse, with the exchange\'s words escaped', async () => {
    const server = await fake();
    const outcome = await channel(server).channel.send(delivery());
    expect(outcome).toEqual({ kind: 'delivered', providerRef: '1' });
    const [message] = server.messagesTo(CHAT);
    expect(message?.parseMode).toBe('HTML');
    expect(message?.text).toContain('NOTIONAL &lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('says in plain-words codes what is wrong: a wrong token, an unknown chat, a blocked bot, an unreachable server', async () => {
    const server = await fake();
    expect(await channel(server, { token: '123456789:FAKE-WRONG-TOKEN-zzzzzzzzzzzzzzzzzzzzz' }).channel.sendTest(0)).toMatchObject({ code: 'TELEGRAM_TOKEN_REJECTED' });
    expect(await channel(server, { chatId: 999 }).channel.sendTest(0)).toMatchObject({ code: 'TELEGRAM_CHAT_NOT_FOUND' });
    server.blockChat(CHAT);
    expect(await channel(server).channel.sendTest(0)).toMatchObject({ code: 'TELEGRAM_BOT_BLOCKED' });
    const api = new TelegramBotApi({ token: makeSecret(TOKEN), baseUrl: `http://127.0.0.1:${await closedPort()}`, requestTimeoutMs: 2_000 });
    const outcome = await new TelegramChannel({ api, chatId: String(CHAT), reader }).send(delivery());
    expect(outcome).toMatchObject({ kind: 'failed', status: { code: 'TELEGRAM_UNREACHABLE' }, maybeDelivered: false });
    expect(alertMessages.channelStatus.TELEGRAM_TOKEN_REJECTED).toContain('@BotFather');
  });

  it('sends the test message and reports the channel as working', async () => {
    const server = await fake();
    expect(await channel(server).channel.sendTest(Date.UTC(2024, 4, 1))).toMatchObject({ code: 'CHANNEL_OK' });
    expect(server.messagesTo(CHAT)[0]?.text).toContain('Test message from Ballast');
  });

  it('honours retry_after on 429: the failed send says when, and nothing is sent to Telegram before then', async () => {
    const server = await fake();
    const { channel: telegramChannel } = channel(server);
    server.fault('sendMessage', { kind: 'status', status: 429, retryAfterSeconds: 1 });
    const limited = await telegramChannel.send(delivery());
    expect(limited).toMatchObject({ kind: 'failed', status: { code: 'TELEGRAM_RATE_LIMITED', params: { retryAfterSeconds: 1 } }, retryAfterMs: 1_000, maybeDelivered: false });
    const refusedAtMs = server.requests.at(-1)?.atMs ?? 0;
    expect(await telegramChannel.send(delivery())).toMatchObject({ kind: 'delivered' });
    // The client waited out retry_after itself (a little timer slack allowed).
    expect((server.messages[0]?.atMs ?? 0) - refusedAtMs).toBeGreaterThanOrEqual(990);
  });

  it('stays under about one message per second per chat', async () => {
    const server = await fake();
    const api = new TelegramBotApi({ token: makeSecret(TOKEN), baseUrl: server.url });
    await Promise.all([api.sendMessage(String(CHAT), 'one'), api.sendMessage(String(CHAT), 'two'), api.sendMessage(String(CHAT), 'three')]);
    const times = server.messagesTo(CHAT).map((message) => message.atMs);
    expect(times).toHaveLength(3);
    for (let index = 1; index < times.length; index += 1) expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
  }, 10_000);

  it('refuses to send the token anywhere but https (or this computer)', () => {
    expect(() => new TelegramBotApi({ token: makeSecret(TOKEN), baseUrl: 'http://api.telegram.org' })).toThrow(/https/);
  });
});

describe('Telegram delivery through the outbox', () => {
  it('retries a 5xx and a lost answer; every alert arrives, a resend says it may be a repeat and carries the same Ref', async () => {
    const server = await fake();
    const { journal } = tempJournal();
    const clock = new ManualClock(Date.UTC(2024, 4, 1, 12));
    const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: clock.now, timers: new ManualTimers(), random: () => 0 });
    dispatcher.setChannel({ channel: channel(server).channel, policy: channelPolicySchema.parse({}) });
    server.fault('sendMessage', { kind: 'status', status: 502 });
    server.fault('sendMessage', { kind: 'accept-then-drop' });
    const [result] = dispatcher.raise([{ ...delivery('TRADING_STATE_KILLED').alerts[0]!, occurrenceKey: 'kill-1' }]);
    await dispatcher.kickAll();
    expect(server.messages).toHaveLength(0);
    // Back-off with random 0: half of 2 s, then half of 4 s.
    clock.advance(1_000);
    await dispatcher.kickAll();
    expect(server.messages).toHaveLength(1);
    clock.advance(2_000);
    await dispatcher.kickAll();
    const texts = server.messagesTo(CHAT).map((message) => message.text);
    expect(texts).toHaveLength(2);
    const reference = /Ref ([0-9A-F]{4}-[0-9A-F]{4})/.exec(texts[0] ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(texts[1]).toContain(`Ref ${reference ?? ''}`);
    expect(texts[1]).toContain('You may have received this already');
    expect(texts[0]).toContain('You may have received this already');
    expect(result?.created).toBe(true);
    expect(journal.db.prepare('SELECT status, attempts FROM alerts_deliveries').get()).toEqual({ status: 'sent', attempts: 3 });
  });
});
