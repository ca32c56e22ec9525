import { failed, testDelivery, type AlertChannel, type OutgoingDelivery, type SendOutcome } from '../channels/alertChannel.ts';
import { CHANNEL_OK, type ChannelStatus } from '../channels/channelStatus.ts';
import { deliveryText, telegramHtml } from '../renderAlert.ts';
import type { ReaderContext } from '../template.ts';
import type { TelegramBotApi } from './telegramBotApi.ts';

export interface TelegramChannelOptions {
  readonly api: TelegramBotApi;
  /** The chat proven by the one-time code (see TelegramInbox); alerts go nowhere else. */
  readonly chatId: string;
  readonly reader: ReaderContext;
}

/**
 * Alerts to the person's verified Telegram chat. Delivery is at least once: Telegram has no
 * idempotency key and no way to ask whether a message arrived, so a send whose answer was lost
 * (or a crash between Telegram accepting it and Ballast recording that) is sent again, saying it
 * may be a repeat and carrying the same "Ref" as the first.
 */
export class TelegramChannel implements AlertChannel {
  readonly id = 'telegram' as const;
  readonly #options: TelegramChannelOptions;

  constructor(options: TelegramChannelOptions) {
    this.#options = options;
  }

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const text = this.#options.api.scrub(telegramHtml(deliveryText(delivery, this.#options.reader)));
    const result = await this.#options.api.sendMessage(this.#options.chatId, text, { html: true });
    if (result.ok) return { kind: 'delivered', providerRef: String(result.value.message_id) };
    return failed(result.failure.status, { retryAfterMs: result.failure.retryAfterMs, maybeDelivered: result.failure.maybeDelivered });
  }

  /** Checks the token (getMe), then sends the test message to the chat; the answer is the channel's status. */
  async sendTest(atMs: number): Promise<ChannelStatus> {
    const me = await this.#options.api.getMe();
    if (!me.ok) return me.failure.status;
    const outcome = await this.send(testDelivery('telegram', atMs));
    return outcome.kind === 'delivered' ? CHANNEL_OK : outcome.status;
  }
}
