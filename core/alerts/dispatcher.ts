import type { Logger } from '../log/index.ts';
import type { AlertDraft } from './alert.ts';
import { failed, type AlertChannel, type SendOutcome } from './channels/alertChannel.ts';
import { CHANNEL_NOT_TRIED, CHANNEL_OK, channelStatus, type ChannelId, type ChannelStatus } from './channels/channelStatus.ts';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './outbox/backoff.ts';
import { digestDueAtMs, routeDelivery, type ChannelPolicy } from './outbox/deliveryPolicy.ts';
import type { DeliveryRow } from './outbox/deliveryRows.ts';
import type { Outbox, RecordOptions, RecordResult } from './outbox/outbox.ts';
import { realTimers, type TimerPort } from './timers.ts';

export interface ChannelSetup {
  readonly channel: AlertChannel;
  readonly policy: ChannelPolicy;
}

export interface ChannelStatusView {
  readonly channel: ChannelId;
  readonly status: ChannelStatus;
  readonly sinceMs: number;
  /** Alerts waiting on this channel (queued, retrying, folded for a digest). */
  readonly waiting: number;
}

export interface AlertDispatcherOptions {
  readonly outbox: Outbox;
  readonly nowMs: () => number;
  /** Jitter source for back-off; seeded in tests. */
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  readonly timers?: TimerPort;
  /** A send that takes longer counts as "may have been delivered" and is retried. */
  readonly sendTimeoutMs?: number;
  readonly logger?: Logger;
}

/** Timers are re-armed at least this often, so a laptop waking from sleep does not wait out a stale delay. */
const MAX_WAKE_DELAY_MS = 60_000;
const JOURNAL_TROUBLE_RETRY_MS = 5_000;

/**
 * Moves alerts from the outbox to the channels. Each channel drains on its own: one message at a
 * time, critical first, throttled by its policy, retried with back-off; a channel that fails or
 * hangs never holds up another, and its alerts stay queued until it works again.
 */
export class AlertDispatcher {
  readonly #options: AlertDispatcherOptions;
  readonly #timers: TimerPort;
  readonly #channels = new Map<ChannelId, ChannelSetup>();
  readonly #statuses = new Map<ChannelId, { status: ChannelStatus; sinceMs: number }>();
  readonly #draining = new Map<ChannelId, Promise<void>>();
  readonly #kickedWhileDraining = new Map<ChannelId, Promise<void>>();
  readonly #wakeups = new Map<ChannelId, unknown>();
  readonly #listeners = new Set<(view: ChannelStatusView) => void>();
  #stopped = false;

  constructor(options: AlertDispatcherOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  /** Adds or replaces a channel (new settings, a new token): waiting alerts are tried on it at once. */
  setChannel(setup: ChannelSetup): void {
    const previous = this.#channels.get(setup.channel.id);
    if (previous !== undefined && previous.channel !== setup.channel) previous.channel.close?.();
    this.#channels.set(setup.channel.id, setup);
    void this.kick(setup.channel.id);
  }

  /** The person removed the channel: nothing more is sent there, and what waited for it is dropped. */
  removeChannel(id: ChannelId): void {
    this.#channels.get(id)?.channel.close?.();
    this.#channels.delete(id);
    this.#clearWakeup(id);
    this.#statuses.delete(id);
    this.#options.outbox.dropChannel(id, this.#now());
  }

  /** Requeues sends a crash interrupted, then starts every channel. Returns how many were requeued. */
  start(): number {
    this.#stopped = false;
    const requeued = this.#options.outbox.recoverInterrupted(this.#now());
    for (const id of this.#channels.keys()) void this.kick(id);
    return requeued;
  }

  /**
   * Records the alerts durably for every channel set up now (by its minimum severity) and starts
   * sending. Returns once they are recorded; delivery goes on in the background.
   */
  raise(drafts: readonly AlertDraft[], options: RecordOptions = {}): RecordResult[] {
    const subscriptions = [...this.#channels.values()].map((setup) => ({ channel: setup.channel.id, minSeverity: setup.policy.minSeverity }));
    const atMs = this.#now();
    const results = drafts.map((draft) => this.#options.outbox.record(draft, subscriptions, atMs, options));
    // Sending starts once the caller's own synchronous work is done: raised inside another
    // layer's journal transaction, the alert is committed with it before anything leaves.
    if (results.some((result) => result.created)) {
      queueMicrotask(() => {
        for (const id of this.#channels.keys()) void this.kick(id);
      });
    }
    return results;
  }

  /** Sends what is due on one channel now; resolves when nothing more is due. */
  kick(id: ChannelId): Promise<void> {
    const running = this.#draining.get(id);
    if (running !== undefined) {
      // The running drain may already have looked at the outbox: look again once it ends.
      let again = this.#kickedWhileDraining.get(id);
      if (again === undefined) {
        again = running.then(() => {
          this.#kickedWhileDraining.delete(id);
          return this.kick(id);
        });
        this.#kickedWhileDraining.set(id, again);
      }
      return again;
    }
    const drain = this.#drain(id).finally(() => this.#draining.delete(id));
    this.#draining.set(id, drain);
    return drain;
  }

  async kickAll(): Promise<void> {
    await Promise.all([...this.#channels.keys()].map((id) => this.kick(id)));
  }

  /** "Send a test": the test message goes straight to the channel; the answer is also its status. */
  async sendTest(id: ChannelId): Promise<ChannelStatus> {
    const setup = this.#channels.get(id);
    if (setup === undefined) throw new RangeError(`No ${id} channel is set up.`);
    const status = await setup.channel.sendTest(this.#now());
    this.#setStatus(id, status);
    return status;
  }

  statuses(): ChannelStatusView[] {
    return [...this.#channels.keys()].map((id) => this.#view(id));
  }

  onStatusChange(listener: (view: ChannelStatusView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops scheduling; sends in flight finish (their outcome is recorded). */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const id of [...this.#wakeups.keys()]) this.#clearWakeup(id);
    await Promise.all([...this.#draining.values()]);
    for (const setup of this.#channels.values()) setup.channel.close?.();
  }

  async #drain(id: ChannelId): Promise<void> {
    for (;;) {
      const setup = this.#channels.get(id);
      if (setup === undefined || this.#stopped) return;
      let next: DeliveryRow | { wakeAtMs: number | null };
      try {
        next = this.#planNext(id, setup.policy, this.#now());
        if ('id' in next) await this.#attempt(setup, next);
      } catch (error) {
        // The journal could not be written (disk full, file locked): nothing was sent; try again soon.
        this.#options.logger?.error({ channel: id, error: error instanceof Error ? error.name : 'unknown' }, 'alert outbox unavailable');
        this.#scheduleWakeup(id, this.#now() + JOURNAL_TROUBLE_RETRY_MS);
        return;
      }
      if (!('id' in next)) {
        if (next.wakeAtMs !== null) this.#scheduleWakeup(id, next.wakeAtMs);
        return;
      }
    }
  }

  /** Applies throttling to what is due and returns the next delivery to send, or when to look again. */
  #planNext(id: ChannelId, policy: ChannelPolicy, nowMs: number): DeliveryRow | { wakeAtMs: number | null } {
    const outbox = this.#options.outbox;
    for (const row of outbox.dueQueued(id, nowMs)) {
      const decision = routeDelivery(
        {
          severity: row.severity,
          kind: row.kind,
          routedIndividually: row.route === 'individual',
          lastIndividualOfGroupAtMs: row.route === null ? outbox.lastIndividualAtMs(id, row.groupKey) : null,
        },
        policy,
        nowMs,
      );
      if (decision.kind === 'send') return row;
      if (decision.kind === 'fold') outbox.fold(row.id, nowMs, decision.reason);
      else outbox.hold(row.id, decision.untilMs);
    }
    const oldestFolded = outbox.oldestFoldedAtMs(id);
    let digestAtMs: number | null = null;
    if (oldestFolded !== null) {
      digestAtMs = digestDueAtMs(oldestFolded, policy, nowMs);
      if (digestAtMs <= nowMs) {
        const digest = outbox.createDigest(id, nowMs);
        if (digest !== null) return digest;
      }
    }
    const queuedAtMs = outbox.nextQueuedAtMs(id);
    const candidates = [queuedAtMs, digestAtMs].filter((at): at is number => at !== null);
    return { wakeAtMs: candidates.length === 0 ? null : Math.min(...candidates) };
  }

  async #attempt(setup: ChannelSetup, row: DeliveryRow): Promise<void> {
    const outbox = this.#options.outbox;
    const outgoing = outbox.outgoing(row);
    outbox.markSending(row.id, this.#now());
    const outcome = await this.#sendWithTimeout(setup.channel, outgoing);
    const atMs = this.#now();
    if (outcome.kind === 'delivered') {
      outbox.markSent(row.id, atMs, outcome.providerRef);
      this.#setStatus(setup.channel.id, CHANNEL_OK);
      return;
    }
    const delayMs = Math.max(backoffDelayMs(row.attempts + 1, this.#options.random ?? Math.random, this.#options.backoff ?? DEFAULT_BACKOFF), outcome.retryAfterMs ?? 0);
    outbox.markFailed(row.id, atMs, { nextAttemptAtMs: atMs + delayMs, errorCode: outcome.status.code, maybeDelivered: outcome.maybeDelivered });
    this.#options.logger?.warn({ channel: setup.channel.id, code: outcome.status.code, deliveryId: row.id, retryInMs: delayMs }, 'alert delivery failed');
    this.#setStatus(setup.channel.id, outcome.status);
  }

  async #sendWithTimeout(channel: AlertChannel, outgoing: Parameters<AlertChannel['send']>[0]): Promise<SendOutcome> {
    const timeoutMs = this.#options.sendTimeoutMs ?? 30_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => {
        resolve(failed(channelStatus('CHANNEL_TIMED_OUT', `no answer within ${timeoutMs} ms`), { maybeDelivered: true }));
      }, timeoutMs);
    });
    try {
      return await Promise.race([channel.send(outgoing), timeout]);
    } catch (error) {
      // A channel must report problems as outcomes; a throw is a defect, and the send may have happened.
      return failed(channelStatus('CHANNEL_FAILED', error instanceof Error ? error.name : 'unknown'), { maybeDelivered: true });
    } finally {
      clearTimeout(timer);
    }
  }

  #scheduleWakeup(id: ChannelId, atMs: number): void {
    this.#clearWakeup(id);
    if (this.#stopped) return;
    const delayMs = Math.min(Math.max(0, atMs - this.#now()), MAX_WAKE_DELAY_MS);
    this.#wakeups.set(id, this.#timers.setTimeout(() => {
      this.#wakeups.delete(id);
      void this.kick(id);
    }, delayMs));
  }

  #clearWakeup(id: ChannelId): void {
    const handle = this.#wakeups.get(id);
    if (handle !== undefined) this.#timers.clearTimeout(handle);
    this.#wakeups.delete(id);
  }

  #setStatus(id: ChannelId, status: ChannelStatus): void {
    const previous = this.#statuses.get(id);
    if (previous?.status.code === status.code) return;
    this.#statuses.set(id, { status, sinceMs: this.#now() });
    const view = this.#view(id);
    for (const listener of this.#listeners) listener(view);
  }

  #view(id: ChannelId): ChannelStatusView {
    const entry = this.#statuses.get(id);
    return { channel: id, status: entry?.status ?? CHANNEL_NOT_TRIED, sinceMs: entry?.sinceMs ?? 0, waiting: this.#options.outbox.waitingCount(id) };
  }

  #now(): number {
    return Math.max(0, Math.floor(this.#options.nowMs()));
  }
}
