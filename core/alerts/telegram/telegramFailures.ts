import type { z } from 'zod';
import { channelStatus, type ChannelStatus } from '../channels/channelStatus.ts';
import type { apiEnvelopeSchema } from './telegramSchemas.ts';

export interface TelegramFailure {
  readonly status: ChannelStatus;
  /** Telegram's `retry_after`, in milliseconds, on a 429. */
  readonly retryAfterMs: number | null;
  /**
   * Whether the request may have been carried out although it failed. A 4xx answer from Telegram
   * means it was not; a 5xx, an unreadable answer, a timeout or a connection dropped mid-request
   * leave it unknown.
   */
  readonly maybeDelivered: boolean;
}

/** No 429 without a pause: Telegram always sends `retry_after`, but if it did not, wait this long. */
const DEFAULT_RETRY_AFTER_MS = 30_000;
/** Errors raised before a request could leave this computer: nothing reached Telegram. */
const NOT_SENT_CAUSES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

type Envelope = z.infer<typeof apiEnvelopeSchema>;

export function telegramFailureOf(method: string, httpStatus: number, envelope: Envelope | null, scrub: (text: string) => string): TelegramFailure {
  const errorCode = envelope?.error_code ?? httpStatus;
  const description = (envelope?.description ?? '').slice(0, 300);
  const detail = scrub(`${method}: HTTP ${httpStatus}${description === '' ? '' : `: ${description}`}`);
  if (envelope === null || envelope.ok) {
    // Not Telegram's answer shape, or a result Ballast could not read: it may have been acted on.
    return { status: channelStatus(httpStatus >= 500 ? 'TELEGRAM_SERVER_ERROR' : 'TELEGRAM_BAD_RESPONSE', detail), retryAfterMs: null, maybeDelivered: true };
  }
  if (errorCode === 401 || errorCode === 404) return { status: channelStatus('TELEGRAM_TOKEN_REJECTED', detail), retryAfterMs: null, maybeDelivered: false };
  if (errorCode === 403) return { status: channelStatus('TELEGRAM_BOT_BLOCKED', detail), retryAfterMs: null, maybeDelivered: false };
  if (errorCode === 429) {
    const retryAfterSeconds = envelope.parameters?.retry_after;
    const retryAfterMs = retryAfterSeconds === undefined ? DEFAULT_RETRY_AFTER_MS : Math.ceil(retryAfterSeconds * 1_000);
    return { status: channelStatus('TELEGRAM_RATE_LIMITED', detail, { retryAfterSeconds: Math.ceil(retryAfterMs / 1_000) }), retryAfterMs, maybeDelivered: false };
  }
  if (errorCode === 400 && /chat not found/i.test(description)) return { status: channelStatus('TELEGRAM_CHAT_NOT_FOUND', detail), retryAfterMs: null, maybeDelivered: false };
  if (errorCode >= 500) return { status: channelStatus('TELEGRAM_SERVER_ERROR', detail), retryAfterMs: null, maybeDelivered: true };
  return { status: channelStatus('TELEGRAM_MESSAGE_REFUSED', detail), retryAfterMs: null, maybeDelivered: false };
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function telegramNetworkFailure(method: string, error: unknown, scrub: (text: string) => string): TelegramFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const code = causeCode(error);
  const detail = scrub(`${method}: ${name}${code === null ? '' : ` (${code})`}`);
  if (name === 'TimeoutError' || name === 'AbortError') return { status: channelStatus('CHANNEL_TIMED_OUT', detail), retryAfterMs: null, maybeDelivered: true };
  return { status: channelStatus('TELEGRAM_UNREACHABLE', detail), retryAfterMs: null, maybeDelivered: code === null || !NOT_SENT_CAUSES.has(code) };
}
