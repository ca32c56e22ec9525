/** Channels Ballast can deliver alerts through. */
export const CHANNEL_IDS = ['desktop', 'telegram', 'email'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

/**
 * How a channel is doing, as a code the screen turns into words (messages.ts). "Send a test"
 * returns the same codes as the channel status after a real delivery.
 */
export const CHANNEL_STATUS_CODES = [
  'CHANNEL_OK',
  'CHANNEL_NOT_TRIED',
  'CHANNEL_TIMED_OUT',
  'CHANNEL_FAILED',
  'DESKTOP_UNAVAILABLE',
  'TELEGRAM_TOKEN_REJECTED',
  'TELEGRAM_CHAT_NOT_FOUND',
  'TELEGRAM_BOT_BLOCKED',
  'TELEGRAM_RATE_LIMITED',
  'TELEGRAM_SERVER_ERROR',
  'TELEGRAM_UNREACHABLE',
  'TELEGRAM_BAD_RESPONSE',
  'TELEGRAM_MESSAGE_REFUSED',
  'SMTP_LOGIN_REFUSED',
  'SMTP_UNREACHABLE',
  'SMTP_TLS_UNAVAILABLE',
  'SMTP_ADDRESS_REFUSED',
  'SMTP_MESSAGE_REFUSED',
  'SMTP_SERVER_ERROR',
] as const;
export type ChannelStatusCode = (typeof CHANNEL_STATUS_CODES)[number];

export interface ChannelStatus {
  readonly code: ChannelStatusCode;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  /** Technical detail for the "details" fold of the screen; never holds a token or password. */
  readonly detail: string;
}

export const CHANNEL_OK: ChannelStatus = Object.freeze({ code: 'CHANNEL_OK', params: {}, detail: '' });

export const CHANNEL_NOT_TRIED: ChannelStatus = Object.freeze({ code: 'CHANNEL_NOT_TRIED', params: {}, detail: '' });

export function channelStatus(code: ChannelStatusCode, detail = '', params: ChannelStatus['params'] = {}): ChannelStatus {
  return { code, params, detail };
}
