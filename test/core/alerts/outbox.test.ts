import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import {
  AlertDispatcher, backoffDelayMs, channelPolicySchema, Heartbeat, HeartbeatStore, Outbox, OutboxError, unexpectedStopAlert, type OutgoingDelivery, type SendOutcome,
} from '../../../core/alerts/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { seededRandom } from '../../fake-exchange/index.ts';
import { draft, ManualClock, ManualTimers, RecordingChannel, tempJournal } from './support/alertFixtures.ts';

const T0 = Date.UTC(2024, 4, 1, 10, 0);
const open = channelPolicySchema.parse({ groupWindowMs: 3_600_000 });

/** The delivery rows as another process would read them from the file. */
function rowsOnDisk(path: string): { status: string; channel: string; maybe: number; attempts: number; next: number }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT status, channel, maybe_delivered AS maybe, attempts, next_attempt_at_ms AS next FROM alerts_deliveries ORDER BY id').all().map((row) => ({
      status: String(row.status), channel: String(row.channel), maybe: Number(row.maybe), attempts: Number(row.attempts), next: Number(row.next),
    }));
  } finally {
    db.close();
  }
}

describe('the outbox records before it sends', () => {
  it('has the alert and a queued delivery per channel on disk before any channel is called', async () => {
    const { journal, path } = tempJournal();
    const clock = new ManualClock(T0);
    const seenAtSend: string[][] = [];
    // At the moment of the call, the row must already say "sending" in the file.
    class SpyingChannel extends RecordingChannel {
      override send(delivery: OutgoingDelivery): Promise<SendOutcome> {
        seenAtSend.push(rowsOnDisk(path).map((row) => row.status));
        return super.send(delivery);
      }
    }
    const spying = new SpyingChannel('email');
    const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: clock.now, timers: new ManualTimers() });
    dispatcher.setChannel({ channel: spying, policy: open });
    await dispatcher.kickAll();
    dispatcher.raise([draft({ occurrenceKey: 'a-1' })]);
    expect(rowsOnDisk(path).map((row) => row.channel)).toEqual(['email']);
    await dispatcher.kickAll();
    expect(seenAtSend).toEqual([['sending']]);
    expect(rowsOnDisk(path).map((row) => row.status)).toEqual(['sent']);
    expect(journal.query({ kinds: ['alert'] }).events.length).toBeGreaterThanOrEqual(3);
  });

  it('sends nothing for an alert raised inside another layer\'s transaction that rolls back', async () => {
    const { journal } = tempJournal();
    const email = new RecordingChannel('email');
    const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: () => T0, timers: new ManualTimers() });
    dispatcher.setChannel({ channel: email, policy: open });
    await dispatcher.kickAll();
    expect(() =>
      journal.transaction(() => {
        dispatcher.raise([draft({ occurrenceKey: 'rolled-back' }, 'critical')]);
        throw new Error('the state change failed');
      }),
    ).toThrow('the state change failed');
    await dispatcher.kickAll();
    expect(email.attempts).toEqual([]);
    expect(journal.db.prepare('SELECT COUNT(*) AS n FROM alerts_outbox').get()?.n).toBe(0);
  });

  it('records an occurrence once however often its rule fires', () => {
    const { journal } = tempJournal();
    const outbox = new Outbox(journal);
    const subscriptions = [{ channel: 'email' as const, minSeverity: 'info' as const }];
    const first = outbox.record(draft({ occurrenceKey: 'daily-loss-near:2024-05-01' }), subscriptions, T0);
    const again = outbox.record(draft({ occurrenceKey: 'daily-loss-near:2024-05-01', params: { lossQuote: 999 } }), subscriptions, T0 + 60_000);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.alert).toEqual(first.alert);
    expect(journal.db.prepare('SELECT COUNT(*) AS n FROM alerts_deliveries').get()?.n).toBe(1);
  });

  it('gives each channel only the severities it asked for', () => {
    const { journal } = tempJournal();
    const outbox = new Outbox(journal);
    const subscriptions = [{ channel: 'desktop' as const, minSeverity: 'info' as const }, { channel: 'email' as const, minSeverity: 'critical' as const }];
    outbox.record(draft({ occurrenceKey: 'w' }, 'warning'), subscriptions, T0);
    outbox.record(draft({ occurrenceKey: 'c' }, 'critical'), subscriptions, T0);
    const rows = journal.db.prepare('SELECT a.severity, d.channel FROM alerts_deliveries d JOIN alerts_outbox a ON a.id = d.alert_id ORDER BY d.id').all();
    expect(rows.map((row) => `${String(row.severity)}→${String(row.channel)}`)).toEqual(['warning→desktop', 'critical→desktop', 'critical→email']);
  });

  it('refuses an alert that does not parse instead of storing half of it', () => {
    const { journal } = tempJournal();
    const outbox = new Outbox(journal);
    expect(() => outbox.record({ ...draft({ occurrenceKey: 'bad' }), code: 'NOT_A_CODE' as never }, [], T0)).toThrow(OutboxError);
    expect(() => outbox.record({ ...draft({ occurrenceKey: 'bad' }), params: { nested: { no: 1 } as never } }, [], T0)).toThrow(OutboxError);
    expect(journal.db.prepare('SELECT COUNT(*) AS n FROM alerts_outbox').get()?.n).toBe(0);
  });
});

describe('after a crash mid-send', () => {
  it('queues the send again and says it may be a repeat', async () => {
    const { journal, path } = tempJournal();
    const outbox = new Outbox(journal);
    const [{ alert }] = [outbox.record(draft({ occurrenceKey: 'crash-1' }, 'critical'), [{ channel: 'telegram', minSeverity: 'info' }], T0)];
    const row = outbox.dueQueued('telegram', T0)[0];
    if (row === undefined) throw new Error('no row');
    outbox.markSending(row.id, T0);
    // The process dies here. The next life:
    const clock = new ManualClock(T0 + 5_000);
    const telegram = new RecordingChannel('telegram');
    const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: clock.now, timers: new ManualTimers() });
    dispatcher.setChannel({ channel: telegram, policy: open });
    expect(dispatcher.start()).toBe(1);
    await dispatcher.kickAll();
    expect(telegram.deliveries).toHaveLength(1);
    expect(telegram.deliveries[0]).toMatchObject({ maybeRepeat: true, dedupKey: `${alert.id}.telegram` });
    expect(rowsOnDisk(path)[0]).toMatchObject({ status: 'sent', maybe: 1, attempts: 2 });
  });
});

describe('retries', () => {
  it('backs off exponentially with jitter: half to all of 2 s, 4 s, 8 s… up to 5 minutes', () => {
    const fixed = (value: number) => () => value;
    // ceiling 2,000 → 1,000 + 0 × 1,000
    expect(backoffDelayMs(1, fixed(0))).toBe(1_000);
    // ceiling 4,000 → 2,000 + 0.5 × 2,000
    expect(backoffDelayMs(2, fixed(0.5))).toBe(3_000);
    // ceiling 8,000 → 4,000 + 1 × 4,000
    expect(backoffDelayMs(3, fixed(1))).toBe(8_000);
    // ceiling min(300,000, 2,000 × 2^19) = 300,000 → 150,000 + 0.25 × 150,000
    expect(backoffDelayMs(20, fixed(0.25))).toBe(187_500);
  });

  it('retries a failing channel on the same schedule for the same seed, never sooner than retry_after', async () => {
    async function schedule(seed: number, retryAfterMs?: number): Promise<number[]> {
      const { journal } = tempJournal();
      const clock = new ManualClock(T0);
      const channel = new RecordingChannel('telegram');
      channel.failing = { code: 'TELEGRAM_SERVER_ERROR', retryAfterMs };
      const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: clock.now, timers: new ManualTimers(), random: seededRandom(seed) });
      dispatcher.setChannel({ channel, policy: open });
      dispatcher.raise([draft({ occurrenceKey: 'r' }, 'critical')]);
      const waits: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await dispatcher.kickAll();
        const next = Number(journal.db.prepare('SELECT next_attempt_at_ms AS n FROM alerts_deliveries').get()?.n);
        waits.push(next - clock.nowMs);
        clock.nowMs = next;
      }
      return waits;
    }
    const first = await schedule(7);
    expect(await schedule(7)).toEqual(first);
    expect(await schedule(8)).not.toEqual(first);
    first.forEach((waitMs, index) => {
      const ceiling = Math.min(300_000, 2_000 * 2 ** index);
      expect(waitMs).toBeGreaterThanOrEqual(ceiling / 2);
      expect(waitMs).toBeLessThanOrEqual(ceiling);
    });
    expect(Math.min(...(await schedule(7, 45_000)))).toBeGreaterThanOrEqual(45_000);
  });
});

describe('the heartbeat', () => {
  it('reports the previous run as stopped unexpectedly only when it left no clean-stop mark', () => {
    const { journal, path } = tempJournal();
    const clock = new ManualClock(T0);
    const timers = new ManualTimers();
    const first = new Heartbeat({ store: new HeartbeatStore(journal), nowMs: clock.now, runId: 'run-1', intervalMs: 30_000, timers });
    expect(first.start()).toBeNull();
    clock.advance(30_000);
    [...timers.scheduled.values()][0]?.run();
    first.stopCleanly();
    const second = new Heartbeat({ store: new HeartbeatStore(journal), nowMs: clock.now, runId: 'run-2', timers });
    expect(unexpectedStopAlert(second.start(), clock.nowMs)).toBeNull();
    clock.advance(45_000);
    [...timers.scheduled.values()].at(-1)?.run();
    // run-2 ends without stopCleanly (a crash); the file is what the next start reads.
    journal.close();
    const reopened = openJournal(path);
    try {
      clock.advance(600_000);
      const previous = new Heartbeat({ store: new HeartbeatStore(reopened), nowMs: clock.now, runId: 'run-3', timers }).start();
      expect(previous).toEqual({ runId: 'run-2', startedAtMs: T0 + 30_000, lastBeatAtMs: T0 + 75_000, cleanStopAtMs: null });
      // Down from the last beat (T0 + 75 s) to now (T0 + 675 s): 10 minutes.
      expect(unexpectedStopAlert(previous, clock.nowMs)?.params.minutesDown).toBe(10);
    } finally {
      reopened.close();
    }
  });
});
