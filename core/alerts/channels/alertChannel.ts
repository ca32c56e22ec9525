import { alertIdFor, type RecordedAlert } from '../alert.ts';
import type { ChannelId, ChannelStatus } from './channelStatus.ts';

/** One delivery the dispatcher hands a channel: a single alert, or a digest of folded ones. */
export interface OutgoingDelivery {
  readonly deliveryId: number;
  readonly channel: ChannelId;
  readonly kind: 'alert' | 'digest';
  /**
   * The same in every attempt and every life of the process: the email Message-ID is made from
   * it, so a repeat after a crash is recognisable as the same message.
   */
  readonly dedupKey: string;
  /** One alert, or a digest's members oldest first. */
  readonly alerts: readonly RecordedAlert[];
  /** An earlier attempt may have arrived (a crash or lost answer mid-send): the message says so. */
  readonly maybeRepeat: boolean;
  /** A full HTML document to send by email instead of the plain rendering (the weekly review). */
  readonly documentHtml: string | null;
}

export type SendOutcome =
  | { readonly kind: 'delivered'; readonly providerRef: string | null }
  | {
      readonly kind: 'failed';
      readonly status: ChannelStatus;
      /** The service asked for a pause (Telegram's `retry_after`): never retry sooner. */
      readonly retryAfterMs: number | null;
      /** The request may have reached the service before it failed (timeout, lost answer, 5xx). */
      readonly maybeDelivered: boolean;
    };

/**
 * The one port every alert channel implements: desktop (an Electron adapter), Telegram, email.
 * `send` never throws for delivery problems; it reports them as a status with a plain-words code.
 * `sendTest` sends the test message and returns the status the screen shows.
 */
export interface AlertChannel {
  readonly id: ChannelId;
  send(delivery: OutgoingDelivery): Promise<SendOutcome>;
  sendTest(atMs: number): Promise<ChannelStatus>;
  /** Lets go of open connections (a replaced channel, shutdown); the next send may open them again. */
  close?(): void;
}

export function failed(status: ChannelStatus, options: { retryAfterMs?: number | null; maybeDelivered?: boolean } = {}): SendOutcome {
  return { kind: 'failed', status, retryAfterMs: options.retryAfterMs ?? null, maybeDelivered: options.maybeDelivered ?? false };
}

/** The "Send a test" message for a channel, shaped like any other delivery so it renders the same way. */
export function testDelivery(channel: ChannelId, atMs: number): OutgoingDelivery {
  const occurrenceKey = `channel-test:${channel}:${atMs}`;
  const id = alertIdFor(occurrenceKey);
  return {
    deliveryId: 0,
    channel,
    kind: 'alert',
    dedupKey: `${id}.${channel}`,
    alerts: [{ id, code: 'CHANNEL_TEST', severity: 'info', params: {}, occurrenceKey, groupKey: 'channel-test', atMs, recordedAtMs: atMs }],
    maybeRepeat: false,
    documentHtml: null,
  };
}
