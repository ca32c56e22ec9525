import type { Journal } from '../../journal/index.ts';
import type { HeartbeatRecord } from '../rules/unexpectedStopRule.ts';
import { realTimers, type TimerPort } from '../timers.ts';
import { ALERTS_MIGRATIONS } from './outboxSchema.ts';

/**
 * The running process's heartbeat in the journal file: written at start, every `beat`, and
 * marked at a clean shutdown. The next start reads the previous run's row: no clean-stop mark
 * means the run ended unexpectedly (see `unexpectedStopAlert`).
 */
export class HeartbeatStore {
  readonly #journal: Journal;

  constructor(journal: Journal) {
    journal.registerMigrations('alerts', ALERTS_MIGRATIONS);
    this.#journal = journal;
  }

  /** The previous run's heartbeat, or null on the very first start. */
  previous(): HeartbeatRecord | null {
    const row = this.#journal.db.prepare('SELECT run_id, started_at_ms, beat_at_ms, clean_stop_at_ms FROM alerts_heartbeat WHERE slot = 1').get();
    if (row === undefined) return null;
    return {
      runId: String(row.run_id),
      startedAtMs: Number(row.started_at_ms),
      lastBeatAtMs: Number(row.beat_at_ms),
      cleanStopAtMs: row.clean_stop_at_ms === null ? null : Number(row.clean_stop_at_ms),
    };
  }

  /** Starts this run's heartbeat and returns the previous run's record (read before it is replaced). */
  begin(runId: string, atMs: number): HeartbeatRecord | null {
    return this.#journal.transaction(() => {
      const previous = this.previous();
      this.#journal.db
        .prepare('INSERT OR REPLACE INTO alerts_heartbeat (slot, run_id, started_at_ms, beat_at_ms, clean_stop_at_ms) VALUES (1, ?, ?, ?, NULL)')
        .run(runId, atMs, atMs);
      this.#journal.append({ atMs, kind: 'system', subject: 'heartbeat', payload: { event: 'run_started', runId, previousRunId: previous?.runId ?? null, previousStoppedCleanly: previous === null ? null : previous.cleanStopAtMs !== null } });
      return previous;
    });
  }

  beat(atMs: number): void {
    this.#journal.db.prepare('UPDATE alerts_heartbeat SET beat_at_ms = MAX(beat_at_ms, ?) WHERE slot = 1').run(atMs);
  }

  stopCleanly(atMs: number): void {
    this.#journal.transaction(() => {
      this.#journal.db.prepare('UPDATE alerts_heartbeat SET beat_at_ms = MAX(beat_at_ms, ?), clean_stop_at_ms = ? WHERE slot = 1').run(atMs, atMs);
      this.#journal.append({ atMs, kind: 'system', subject: 'heartbeat', payload: { event: 'run_stopped_cleanly' } });
    });
  }
}

export interface HeartbeatOptions {
  readonly store: HeartbeatStore;
  readonly nowMs: () => number;
  readonly runId: string;
  /** How often the row is refreshed; it bounds how precisely "last seen" is known. */
  readonly intervalMs?: number;
  readonly timers?: TimerPort;
}

/** Writes this run's heartbeat periodically and its clean-stop mark at shutdown. */
export class Heartbeat {
  readonly #options: HeartbeatOptions;
  readonly #timers: TimerPort;
  #handle: unknown = null;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  /** Starts beating and returns the previous run's heartbeat for `unexpectedStopAlert`. */
  start(): HeartbeatRecord | null {
    const previous = this.#options.store.begin(this.#options.runId, this.#options.nowMs());
    this.#schedule();
    return previous;
  }

  /** The clean-shutdown mark: without it, the next start reports an unexpected stop. */
  stopCleanly(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
    this.#options.store.stopCleanly(this.#options.nowMs());
  }

  #schedule(): void {
    this.#handle = this.#timers.setTimeout(() => {
      this.#options.store.beat(this.#options.nowMs());
      this.#schedule();
    }, this.#options.intervalMs ?? 30_000);
  }
}
