import { randomBytes } from 'node:crypto';
import { alertMessages } from '../messages.ts';
import { backoffDelayMs } from '../outbox/backoff.ts';
import type { UpdateCursor } from '../outbox/telegramCursor.ts';
import { fillTemplate, type ReaderContext } from '../template.ts';
import { matchesLinkCode, newLinkCode, parseChatCommand, type LinkCode } from './chatCommands.ts';
import type { ChatEventOutcome, ChatEventRecorder } from './chatEvents.ts';
import type { TelegramBotApi } from './telegramBotApi.ts';
import type { TelegramFailure } from './telegramFailures.ts';
import { updateIdSchema, updateSchema, type TelegramCallbackQuery, type TelegramMessage } from './telegramSchemas.ts';

/** What the app reports for /status. */
export interface ChatStatusView {
  readonly state: 'ACTIVE' | 'SAFE_MODE' | 'PAUSED' | 'KILLED';
  readonly mode: 'paper' | 'live';
  readonly openPositions: number;
  readonly todayPnlQuote: number;
  readonly quoteAsset: string;
}

export type ChatActionResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * What a chat may make the app do. Its shape is the safety rule: it has no resume, re-arm,
 * loosen or go-live, so no message, however worded, can raise risk.
 */
export interface ChatControlPort {
  status(): Promise<ChatStatusView>;
  pause(): Promise<ChatActionResult>;
  kill(): Promise<ChatActionResult>;
}

export interface TelegramInboxOptions {
  readonly api: TelegramBotApi;
  readonly cursor: UpdateCursor;
  readonly recorder: ChatEventRecorder;
  readonly reader: ReaderContext;
  readonly nowMs: () => number;
  /** The chat linked earlier (from settings), or null until the person links one. */
  readonly verifiedChatId: string | null;
  /** Without it, commands are answered with "not available" and only alerts are sent. */
  readonly control?: ChatControlPort;
  /** Called once when a chat proves the code; the app stores the id in its settings. */
  readonly onLinked?: (chat: { chatId: string; name: string }) => void;
  /** Commands older than this (sent while Ballast was off) are recorded and not acted on. */
  readonly staleAfterMs?: number;
  readonly killConfirmMs?: number;
}

const KILL_PREFIX = 'kill-confirm:';
const MAX_WRONG_CODES = 5;

/**
 * Reads what people send the bot (getUpdates) and answers only the verified chat. Until a chat is
 * linked, the one message that counts is the one-time code, from a private chat. Anything from
 * any other chat is ignored without an answer and recorded.
 */
export class TelegramInbox {
  readonly #options: TelegramInboxOptions;
  #verifiedChatId: string | null;
  #linkCode: LinkCode | null = null;
  #wrongCodes = 0;
  readonly #pendingKills = new Map<string, number>();
  #running: { controller: AbortController; done: Promise<void> } | null = null;

  constructor(options: TelegramInboxOptions) {
    this.#options = options;
    this.#verifiedChatId = options.verifiedChatId;
  }

  get verifiedChatId(): string | null {
    return this.#verifiedChatId;
  }

  /** Starts linking: the person sends this code to the bot within ten minutes. */
  beginLink(): LinkCode {
    this.#linkCode = newLinkCode(this.#options.nowMs());
    this.#wrongCodes = 0;
    return this.#linkCode;
  }

  /**
   * Polls until `stop()`. After a failure it waits with back-off (a rejected token is retried
   * rarely) and reports the failure, so the screen can show the channel's status.
   */
  start(onFailure?: (failure: TelegramFailure) => void, random: () => number = Math.random): void {
    if (this.#running !== null) return;
    const controller = new AbortController();
    const isAborted = (): boolean => controller.signal.aborted;
    const loop = async (): Promise<void> => {
      let failures = 0;
      while (!controller.signal.aborted) {
        const { failure } = await this.pollOnce(25, controller.signal);
        if (failure === null) {
          failures = 0;
          continue;
        }
        if (isAborted()) return;
        failures += 1;
        onFailure?.(failure);
        const waitMs = Math.max(failure.retryAfterMs ?? 0, backoffDelayMs(failure.status.code === 'TELEGRAM_TOKEN_REJECTED' ? 30 : failures, random));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          controller.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
        });
      }
    };
    this.#running = { controller, done: loop() };
  }

  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (running === null) return;
    running.controller.abort();
    await running.done;
  }

  /** One long poll: reads the updates after the saved cursor and handles each, saving the cursor after each. */
  async pollOnce(timeoutSeconds = 25, signal?: AbortSignal): Promise<{ handled: number; failure: TelegramFailure | null }> {
    const result = await this.#options.api.getUpdates(this.#options.cursor.load(), timeoutSeconds, signal);
    if (!result.ok) return { handled: 0, failure: result.failure };
    let handled = 0;
    for (const raw of result.value) {
      const id = updateIdSchema.safeParse(raw);
      if (!id.success) continue;
      await this.#handle(raw);
      // After handling: a crash in between repeats a /pause or /kill (harmless), never loses one.
      this.#options.cursor.save(id.data.update_id + 1);
      handled += 1;
    }
    return { handled, failure: null };
  }

  async #handle(raw: unknown): Promise<void> {
    const update = updateSchema.safeParse(raw);
    if (!update.success) {
      this.#record(null, 'ignored-unreadable', '');
      return;
    }
    if (update.data.callback_query !== undefined) return this.#handleButton(update.data.callback_query);
    const message = update.data.message;
    if (message?.text === undefined) {
      this.#record(message === undefined ? null : String(message.chat.id), 'ignored-unreadable', '');
      return;
    }
    return this.#handleMessage(message, message.text);
  }

  async #handleMessage(message: TelegramMessage, text: string): Promise<void> {
    const chatId = String(message.chat.id);
    const nowMs = this.#options.nowMs();
    if (message.from?.is_bot === true) {
      this.#record(chatId, 'ignored-from-bot', text);
      return;
    }
    if (message.chat.type !== 'private') {
      this.#record(chatId, 'ignored-group-chat', text);
      return;
    }
    if (this.#linkCode !== null && (chatId !== this.#verifiedChatId || matchesLinkCode(text, this.#linkCode, nowMs))) return this.#tryLink(message, chatId, text, nowMs);
    if (chatId !== this.#verifiedChatId) {
      this.#record(chatId, 'ignored-unverified-chat', text);
      return;
    }
    if (nowMs - message.date * 1_000 > (this.#options.staleAfterMs ?? 300_000)) {
      this.#record(chatId, 'ignored-stale', text);
      return;
    }
    const command = parseChatCommand(text);
    const chat = alertMessages.chat;
    const control = this.#options.control;
    if (command.kind === 'not-available' || control === undefined) {
      this.#record(chatId, 'not-available', text);
      return this.#reply(chatId, chat.notAvailable);
    }
    if (command.kind === 'status') {
      this.#record(chatId, 'status', text);
      const view = await control.status();
      return this.#reply(chatId, fillTemplate(chat.status, { ...view, state: alertMessages.state[view.state] }, this.#options.reader));
    }
    if (command.kind === 'pause') {
      this.#record(chatId, 'pause', text);
      const result = await control.pause();
      return this.#reply(chatId, result.ok ? chat.paused : fillTemplate(chat.actionFailed, { reason: result.reason }, this.#options.reader));
    }
    this.#record(chatId, 'kill-requested', text);
    const nonce = randomBytes(12).toString('hex');
    const confirmMs = this.#options.killConfirmMs ?? 60_000;
    this.#pendingKills.set(nonce, nowMs + confirmMs);
    await this.#options.api.sendMessage(chatId, fillTemplate(chat.killConfirmQuestion, { seconds: Math.round(confirmMs / 1_000) }, this.#options.reader), {
      buttons: [{ text: chat.killConfirmButton, callbackData: `${KILL_PREFIX}${nonce}` }],
    });
  }

  async #tryLink(message: TelegramMessage, chatId: string, text: string, nowMs: number): Promise<void> {
    const code = this.#linkCode;
    if (code === null) return;
    if (!matchesLinkCode(text, code, nowMs)) {
      this.#wrongCodes += 1;
      // Guessing is pointless (31^8 codes), but a flood of tries ends the attempt all the same.
      if (this.#wrongCodes >= MAX_WRONG_CODES || nowMs >= code.expiresAtMs) this.#linkCode = null;
      this.#record(chatId, 'link-code-wrong', '');
      return;
    }
    this.#linkCode = null;
    this.#verifiedChatId = chatId;
    // The code itself is not recorded: it is a one-time secret.
    this.#record(chatId, 'linked', '');
    this.#options.onLinked?.({ chatId, name: message.chat.username ?? message.chat.first_name ?? chatId });
    await this.#reply(chatId, alertMessages.chat.linked);
  }

  async #handleButton(query: TelegramCallbackQuery): Promise<void> {
    const chatId = String(query.message?.chat.id ?? query.from.id);
    const data = query.data ?? '';
    if (chatId !== this.#verifiedChatId || query.from.is_bot) {
      this.#record(chatId, 'ignored-unverified-chat', data);
      return;
    }
    const nonce = data.startsWith(KILL_PREFIX) ? data.slice(KILL_PREFIX.length) : '';
    const expiresAtMs = this.#pendingKills.get(nonce);
    this.#pendingKills.delete(nonce);
    const chat = alertMessages.chat;
    if (expiresAtMs === undefined || this.#options.nowMs() > expiresAtMs || this.#options.control === undefined) {
      this.#record(chatId, 'kill-confirm-expired', data);
      await this.#options.api.answerCallbackQuery(query.id, chat.killConfirmExpired);
      return this.#reply(chatId, chat.killConfirmExpired);
    }
    this.#record(chatId, 'kill-confirmed', data);
    const result = await this.#options.control.kill();
    const reply = result.ok ? chat.killed : fillTemplate(chat.actionFailed, { reason: result.reason }, this.#options.reader);
    await this.#options.api.answerCallbackQuery(query.id, reply.slice(0, 190));
    return this.#reply(chatId, reply);
  }

  async #reply(chatId: string, text: string): Promise<void> {
    await this.#options.api.sendMessage(chatId, this.#options.api.scrub(text));
  }

  #record(chatId: string | null, outcome: ChatEventOutcome, text: string): void {
    const atMs = this.#options.nowMs();
    // A valid link code is a one-time secret until used: never written down, wherever it was sent.
    const shown = this.#linkCode !== null && matchesLinkCode(text, this.#linkCode, atMs) ? '[link code]' : this.#options.api.scrub(text).slice(0, 200);
    this.#options.recorder.record({ atMs, chatId, outcome, text: shown });
  }
}
