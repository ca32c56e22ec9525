import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  channelStatus, type AlertChannel, type AlertDraft, type AlertSeverity, type ChannelId, type ChannelStatus, type ChannelStatusCode,
  type DesktopNotifier, type DesktopNoticeText, type OutgoingDelivery, type SendOutcome, type TimerPort,
} from '../../../../core/alerts/index.ts';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';

const folders: string[] = [];
const journals: Journal[] = [];

/** A real journal file in a fresh folder, closed and removed after the test. */
export function tempJournal(): { journal: Journal; path: string } {
  const folder = mkdtempSync(join(tmpdir(), 'ballast-alerts-'));
  folders.push(folder);
  const path = join(folder, 'journal.sqlite');
  const journal = openJournal(path);
  journals.push(journal);
  return { journal, path };
}

export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ballast-alerts-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A clock the test moves by hand. */
export class ManualClock {
  nowMs: number;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  readonly now = (): number => this.nowMs;

  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** Timers that never fire by themselves; the test looks at what was scheduled and calls pump. */
export class ManualTimers implements TimerPort {
  readonly scheduled = new Map<number, { run: () => void; delayMs: number }>();
  #next = 1;

  setTimeout(run: () => void, delayMs: number): unknown {
    const handle = this.#next++;
    this.scheduled.set(handle, { run, delayMs });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.scheduled.delete(handle as number);
  }
}

/** The desktop port as the Electron side would implement it, kept in memory. */
export class InMemoryDesktopNotifier implements DesktopNotifier {
  readonly shown: DesktopNoticeText[] = [];
  available = true;

  show(notice: DesktopNoticeText): Promise<boolean> {
    if (this.available) this.shown.push(notice);
    return Promise.resolve(this.available);
  }
}

/** A channel double: records deliveries; fails with a given code while `failing` is set. */
export class RecordingChannel implements AlertChannel {
  readonly id: ChannelId;
  readonly deliveries: OutgoingDelivery[] = [];
  readonly attempts: OutgoingDelivery[] = [];
  failing: { code: ChannelStatusCode; retryAfterMs?: number; maybeDelivered?: boolean } | null = null;
  /** When set, `send` waits for this promise (a hung service). */
  hang: Promise<void> | null = null;

  constructor(id: ChannelId) {
    this.id = id;
  }

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    this.attempts.push(delivery);
    if (this.hang !== null) await this.hang;
    if (this.failing !== null) {
      return { kind: 'failed', status: channelStatus(this.failing.code), retryAfterMs: this.failing.retryAfterMs ?? null, maybeDelivered: this.failing.maybeDelivered ?? false };
    }
    this.deliveries.push(delivery);
    return { kind: 'delivered', providerRef: `ref-${this.deliveries.length}` };
  }

  sendTest(): Promise<ChannelStatus> {
    return Promise.resolve(this.failing === null ? channelStatus('CHANNEL_OK') : channelStatus(this.failing.code));
  }

  /** Codes of every alert delivered, digests expanded, in delivery order. */
  deliveredCodes(): string[] {
    return this.deliveries.flatMap((delivery) => delivery.alerts.map((alert) => alert.code));
  }
}

export function draft(overrides: Partial<AlertDraft> & { occurrenceKey: string }, severity: AlertSeverity = 'warning'): AlertDraft {
  return {
    code: 'ORDER_REJECTED',
    severity,
    params: { symbol: 'BTC/USDT', side: 'buy', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'Filter failure: NOTIONAL' },
    groupKey: 'rejected:MIN_NOTIONAL',
    atMs: 1_700_000_000_000,
    ...overrides,
  };
}

