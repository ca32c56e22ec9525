import { afterEach, describe, expect, it } from 'vitest';
import {
  alertMessages, JournalUpdateCursor, journalChatRecorder, matchesLinkCode, parseChatCommand, TelegramBotApi, TelegramInbox,
  type ChatControlPort, type ChatEventOutcome,
} from '../../../core/alerts/index.ts';
import type { Journal } from '../../../core/journal/index.ts';
import { makeSecret } from '../../../core/keys/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../fake-telegram/index.ts';
import { tempJournal } from './support/alertFixtures.ts';

const TOKEN = '123456789:FAKE-CANARY-TOKEN-abcdefghijklmnopqrstuv';
const PERSON = 7_001;
const STRANGER = 7_666;

let telegram: FakeTelegram | undefined;
afterEach(async () => {
  await telegram?.close();
  telegram = undefined;
});

/**
 * The app's side of chat commands, recording every property the inbox touches: the safety
 * argument is that nothing but status, pause and kill can ever be reached.
 */
function recordingControl() {
  const calls: string[] = [];
  const touched = new Set<PropertyKey>();
  const target: ChatControlPort = {
    status: () => {
      calls.push('status');
      return Promise.resolve({ state: 'ACTIVE', mode: 'live', openPositions: 2, todayPnlQuote: -12.5, quoteAsset: 'USDT' });
    },
    pause: () => {
      calls.push('pause');
      return Promise.resolve({ ok: true });
    },
    kill: () => {
      calls.push('kill');
      return Promise.resolve({ ok: true });
    },
  };
  const control = new Proxy(target, {
    get(object, property, receiver) {
      touched.add(property);
      return Reflect.get(object, property, receiver) as unknown;
    },
  });
  return { control, calls, touched };
}

function chatOutcomes(journal: Journal): { outcome: ChatEventOutcome; chatId: string | null; text: string }[] {
  return journal
    .query({ kinds: ['person_action'] })
    .events.map((event) => JSON.parse(event.payloadJson) as { outcome: ChatEventOutcome; chatId: string | null; text: string })
    .reverse();
}

async function setUp(options: { verifiedChatId?: string | null; journal?: Journal } = {}) {
  telegram ??= await startFakeTelegram({ token: TOKEN, chats: [PERSON, STRANGER] });
  const journal = options.journal ?? tempJournal().journal;
  const { control, calls, touched } = recordingControl();
  const linked: string[] = [];
  const inbox = new TelegramInbox({
    api: new TelegramBotApi({ token: makeSecret(TOKEN), baseUrl: telegram.url, minSendIntervalMs: 0 }),
    cursor: new JournalUpdateCursor(journal),
    recorder: journalChatRecorder(journal),
    reader: { timeZone: 'UTC' },
    nowMs: Date.now,
    verifiedChatId: options.verifiedChatId === undefined ? String(PERSON) : options.verifiedChatId,
    control,
    onLinked: (chat) => linked.push(chat.chatId),
    killConfirmMs: 60_000,
  });
  return { telegram, journal, inbox, calls, touched, linked };
}

describe('linking a chat with the one-time code', () => {
  it('links only the private chat that sends the code, and records the rest', async () => {
    const { telegram: server, journal, inbox, linked } = await setUp({ verifiedChatId: null });
    const code = inbox.beginLink();
    server.userSends(STRANGER, 'hello bot');
    server.userSends(PERSON + 1, code.code, { chatType: 'group' });
    server.userSends(PERSON, `/start ${code.code.toLowerCase()}`);
    await inbox.pollOnce(0);
    expect(inbox.verifiedChatId).toBe(String(PERSON));
    expect(linked).toEqual([String(PERSON)]);
    expect(chatOutcomes(journal).map((event) => event.outcome)).toEqual(['link-code-wrong', 'ignored-group-chat', 'linked']);
    // The code is a one-time secret: never written down once used.
    const recordedText = JSON.stringify(chatOutcomes(journal)).toUpperCase();
    expect(recordedText).not.toContain(code.code);
    expect(recordedText).not.toContain(code.code.replace('-', ''));
    expect(server.messagesTo(PERSON).map((message) => message.text)).toEqual([alertMessages.chat.linked]);
    expect(server.messagesTo(STRANGER)).toEqual([]);
  });

  it('accepts the code only as shown, only before it expires', () => {
    const code = { code: 'K7PQ-9XMB', expiresAtMs: 1_000 };
    expect(matchesLinkCode('k7pq 9xmb', code, 999)).toBe(true);
    expect(matchesLinkCode('K7PQ9XMB', code, 1_000)).toBe(false);
    expect(matchesLinkCode('K7PQ9XM', code, 0)).toBe(false);
    expect(matchesLinkCode('K7PQ9XMBB', code, 0)).toBe(false);
  });
});

describe('commands from the verified chat', () => {
  it('answers /status and pauses on /pause', async () => {
    const { telegram: server, inbox, calls } = await setUp();
    server.userSends(PERSON, '/status');
    server.userSends(PERSON, '/pause@ballast_test_bot');
    await inbox.pollOnce(0);
    expect(calls).toEqual(['status', 'pause']);
    const replies = server.messagesTo(PERSON).map((message) => message.text);
    expect(replies[0]).toBe('Ballast is active (live). Open positions: 2. Today: -12.5 USDT.');
    expect(replies[1]).toBe(alertMessages.chat.paused);
  });

  it('kills only after the confirm button is pressed, once, in time, from the verified chat', async () => {
    const { telegram: server, inbox, calls, journal } = await setUp();
    server.userSends(PERSON, '/kill');
    await inbox.pollOnce(0);
    expect(calls).toEqual([]);
    const question = server.messagesTo(PERSON)[0];
    const button = (question?.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0]?.[0];
    expect(button?.text).toBe(alertMessages.chat.killConfirmButton);
    server.userPresses(STRANGER, button?.callback_data ?? '');
    server.userPresses(PERSON, 'kill-confirm:guessed-nonce');
    await inbox.pollOnce(0);
    expect(calls).toEqual([]);
    server.userPresses(PERSON, button?.callback_data ?? '');
    server.userPresses(PERSON, button?.callback_data ?? '');
    await inbox.pollOnce(0);
    expect(calls).toEqual(['kill']);
    expect(chatOutcomes(journal).map((event) => event.outcome)).toEqual([
      'kill-requested', 'ignored-unverified-chat', 'kill-confirm-expired', 'kill-confirmed', 'kill-confirm-expired',
    ]);
    expect(server.callbackAnswers.map((answer) => answer.text)).toContain(alertMessages.chat.killed);
  });

  it('never raises risk: resume, re-arm, loosen and go-live texts do nothing but say where to do it', async () => {
    const { telegram: server, inbox, calls, touched } = await setUp();
    const attempts = [
      '/resume', '/rearm', 'RE-ARM', '/rearm RE-ARM', '/live', '/golive', '/go_live', '/loosen', '/limits daily_loss 50%', '/unpause',
      '/start', 'resume', '/resume@ballast_test_bot', '/leave_safe_mode', '/set maxExposure 100', '/confirm', '/yes',
    ];
    for (const text of attempts) server.userSends(PERSON, text);
    server.userPresses(PERSON, 'resume');
    server.userPresses(PERSON, 'rearm:RE-ARM');
    await inbox.pollOnce(0);
    expect(calls).toEqual([]);
    // The inbox never even looked at anything on the app's side.
    expect([...touched]).toEqual([]);
    const replies = server.messagesTo(PERSON).map((message) => message.text);
    expect(replies.filter((text) => text === alertMessages.chat.notAvailable)).toHaveLength(attempts.length);
    for (const text of attempts) expect(parseChatCommand(text).kind).toBe('not-available');
  });

  it('acts on nothing sent while Ballast was off for long', async () => {
    const { telegram: server, inbox, calls, journal } = await setUp();
    server.userSends(PERSON, '/pause', { date: Math.floor(Date.now() / 1000) - 3_600 });
    await inbox.pollOnce(0);
    expect(calls).toEqual([]);
    expect(chatOutcomes(journal).map((event) => event.outcome)).toEqual(['ignored-stale']);
  });
});

describe('commands from anywhere else', () => {
  it('are ignored without an answer and recorded', async () => {
    const { telegram: server, inbox, calls, journal } = await setUp();
    server.userSends(STRANGER, '/kill');
    server.userSends(STRANGER, '/pause');
    server.userSends(PERSON, '/status', { fromIsBot: true });
    await inbox.pollOnce(0);
    expect(calls).toEqual([]);
    expect(server.messagesTo(STRANGER)).toEqual([]);
    expect(chatOutcomes(journal)).toEqual([
      { outcome: 'ignored-unverified-chat', chatId: String(STRANGER), text: '/kill' },
      { outcome: 'ignored-unverified-chat', chatId: String(STRANGER), text: '/pause' },
      { outcome: 'ignored-from-bot', chatId: String(PERSON), text: '/status' },
    ]);
  });

  it('are not read twice after a restart', async () => {
    const first = await setUp();
    first.telegram.userSends(PERSON, '/pause');
    await first.inbox.pollOnce(0);
    const second = await setUp({ journal: first.journal });
    await second.inbox.pollOnce(0);
    expect(first.calls).toEqual(['pause']);
    expect(second.calls).toEqual([]);
  });
});
