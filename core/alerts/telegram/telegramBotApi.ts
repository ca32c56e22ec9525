import type { z } from 'zod';
import { SecretRedactor } from '../../log/index.ts';
import { revealSecret, type Secret } from '../../keys/index.ts';
import { channelStatus, type ChannelStatus } from '../channels/channelStatus.ts';
import { apiEnvelopeSchema, botSchema, sentMessageSchema, trueSchema, updatesSchema, type TelegramBot } from './telegramSchemas.ts';
import { telegramFailureOf, telegramNetworkFailure, type TelegramFailure } from './telegramFailures.ts';

export type TelegramResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: TelegramFailure };

export interface TelegramBotApiOptions {
  /** The bot token from @BotFather; revealed only to build each request's URL. */
  readonly token: Secret;
  /** https://api.telegram.org by default; plain http only to this computer (tests, a local proxy). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly requestTimeoutMs?: number;
  /** Telegram allows about one message per second per chat; stay under it. */
  readonly minSendIntervalMs?: number;
}

export interface InlineButton {
  readonly text: string;
  readonly callbackData: string;
}

const DEFAULT_BASE_URL = 'https://api.telegram.org';
const DEFAULT_MIN_SEND_INTERVAL_MS = 1_050;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function checkedBaseUrl(raw: string): string {
  const url = new URL(raw);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new RangeError('The Telegram address must use https: the bot token travels in it.');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * A small Telegram Bot API client over `fetch`. The token is part of every request's URL path,
 * so it is revealed only to build that URL and scrubbed from every error and detail this class
 * returns. Failures come back as channel statuses with plain-words codes, never as throws.
 */
export class TelegramBotApi {
  readonly #options: TelegramBotApiOptions;
  readonly #baseUrl: string;
  readonly #redactor = new SecretRedactor();
  readonly #chatQueues = new Map<string, Promise<unknown>>();
  readonly #nextSendAtMs = new Map<string, number>();
  /** After a 429 the whole bot waits: Telegram's flood limits are per bot as well as per chat. */
  #blockedUntilMs = 0;

  constructor(options: TelegramBotApiOptions) {
    this.#options = options;
    this.#baseUrl = checkedBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const token = revealSecret(options.token);
    if (token.length > 0) this.#redactor.registerSecretValue(token);
  }

  /** Any text about a request, with the token and anything token-shaped (`123456:AA…`, whoever's) removed. */
  scrub(text: string): string {
    return this.#redactor.redactText(text);
  }

  getMe(): Promise<TelegramResult<TelegramBot>> {
    return this.#call('getMe', {}, botSchema);
  }

  /** Paced per chat (one at a time, at most about one a second) and after any 429 pause. */
  sendMessage(chatId: string, text: string, options: { html?: boolean; buttons?: readonly InlineButton[] } = {}): Promise<TelegramResult<{ message_id: number }>> {
    const body: Record<string, unknown> = { chat_id: chatId, text, link_preview_options: { is_disabled: true } };
    if (options.html === true) body.parse_mode = 'HTML';
    if (options.buttons !== undefined) body.reply_markup = { inline_keyboard: [options.buttons.map((button) => ({ text: button.text, callback_data: button.callbackData }))] };
    return this.#paced(chatId, () => this.#call('sendMessage', body, sentMessageSchema));
  }

  /** Long poll: waits up to `timeoutSeconds` on Telegram's side for new updates. */
  getUpdates(offset: number | null, timeoutSeconds: number, signal?: AbortSignal): Promise<TelegramResult<unknown[]>> {
    const body: Record<string, unknown> = { timeout: timeoutSeconds, allowed_updates: ['message', 'callback_query'] };
    if (offset !== null) body.offset = offset;
    return this.#call('getUpdates', body, updatesSchema, (this.#options.requestTimeoutMs ?? 15_000) + timeoutSeconds * 1_000, signal);
  }

  answerCallbackQuery(callbackQueryId: string, text: string): Promise<TelegramResult<true>> {
    return this.#call('answerCallbackQuery', { callback_query_id: callbackQueryId, text }, trueSchema);
  }

  async #paced<T>(chatId: string, send: () => Promise<T>): Promise<T> {
    const previous = this.#chatQueues.get(chatId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const waitMs = Math.max(this.#nextSendAtMs.get(chatId) ?? 0, this.#blockedUntilMs) - Date.now();
      if (waitMs > 0) await sleep(waitMs);
      try {
        return await send();
      } finally {
        this.#nextSendAtMs.set(chatId, Date.now() + (this.#options.minSendIntervalMs ?? DEFAULT_MIN_SEND_INTERVAL_MS));
      }
    });
    this.#chatQueues.set(chatId, run.catch(() => undefined));
    return run;
  }

  async #call<T>(method: string, body: Record<string, unknown>, schema: z.ZodType<T>, timeoutMs?: number, signal?: AbortSignal): Promise<TelegramResult<T>> {
    const timeout = AbortSignal.timeout(timeoutMs ?? this.#options.requestTimeoutMs ?? 15_000);
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(`${this.#baseUrl}/bot${revealSecret(this.#options.token)}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
        redirect: 'error',
      });
    } catch (error) {
      return { ok: false, failure: telegramNetworkFailure(method, error, (text) => this.scrub(text)) };
    }
    let envelope: z.infer<typeof apiEnvelopeSchema> | null;
    try {
      const parsed = apiEnvelopeSchema.safeParse(await response.json());
      envelope = parsed.success ? parsed.data : null;
    } catch {
      envelope = null;
    }
    if (envelope?.ok === true) {
      const result = schema.safeParse(envelope.result);
      if (result.success) return { ok: true, value: result.data };
    }
    const failure = telegramFailureOf(method, response.status, envelope, (text) => this.scrub(text));
    if (failure.retryAfterMs !== null) this.#blockedUntilMs = Math.max(this.#blockedUntilMs, Date.now() + failure.retryAfterMs);
    return { ok: false, failure };
  }
}

export function statusOf(result: TelegramResult<unknown>): ChannelStatus {
  return result.ok ? channelStatus('CHANNEL_OK') : result.failure.status;
}
