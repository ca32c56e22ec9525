import { deliveryText, desktopNoticeText, type DesktopNoticeText } from '../renderAlert.ts';
import type { ReaderContext } from '../template.ts';
import { failed, testDelivery, type AlertChannel, type OutgoingDelivery, type SendOutcome } from './alertChannel.ts';
import { CHANNEL_OK, channelStatus, type ChannelStatus } from './channelStatus.ts';

/**
 * The port the Electron side implements with its `Notification` (and its own focus rules and
 * masking). Resolves true when the notice was handed to the system, false when the system has
 * no notifications.
 */
export interface DesktopNotifier {
  show(notice: DesktopNoticeText): Promise<boolean>;
}

export class DesktopChannel implements AlertChannel {
  readonly id = 'desktop' as const;
  readonly #notifier: DesktopNotifier;
  readonly #reader: ReaderContext;

  constructor(notifier: DesktopNotifier, reader: ReaderContext) {
    this.#notifier = notifier;
    this.#reader = reader;
  }

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const severity = delivery.kind === 'digest' ? 'digest' : (delivery.alerts[0]?.severity ?? 'info');
    const shown = await this.#notifier.show(desktopNoticeText(deliveryText(delivery, this.#reader), severity));
    return shown ? { kind: 'delivered', providerRef: null } : failed(channelStatus('DESKTOP_UNAVAILABLE'));
  }

  async sendTest(atMs: number): Promise<ChannelStatus> {
    const outcome = await this.send(testDelivery('desktop', atMs));
    return outcome.kind === 'delivered' ? CHANNEL_OK : outcome.status;
  }
}
