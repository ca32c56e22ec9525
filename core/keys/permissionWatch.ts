import type { PermissionReport } from './permissions/permissionReport.ts';
import type { PermissionReader } from './liveGate.ts';

/** Injected timing, so tests (and a simulated clock) drive the checks. Returns a cancel function. */
export interface WatchScheduler {
  every(intervalMs: number, tick: () => void): () => void;
}

export const realWatchScheduler: WatchScheduler = {
  every(intervalMs, tick) {
    const handle = setInterval(tick, intervalMs);
    handle.unref();
    return () => { clearInterval(handle); };
  },
};

export interface PermissionWatchOptions {
  readonly read: PermissionReader;
  readonly intervalMs: number;
  readonly scheduler?: WatchScheduler;
  /** Withdrawals appeared on a live key: the runtime moves the bot to KILLED and alerts. */
  readonly onWithdrawEnabled: (report: PermissionReport) => void;
  /** The permissions could not be confirmed: treated as unsafe by the runtime. */
  readonly onUnknown: (reason: string, report?: PermissionReport) => void;
  /** Every completed check, for the journal and the screen. */
  readonly onChecked?: (report: PermissionReport) => void;
  /** A callback above threw; without this the error is re-thrown from the tick. */
  readonly onError?: (error: unknown) => void;
}

export type WatchOutcome = 'withdraw-off' | 'withdraw-enabled' | 'unknown' | 'skipped';

/**
 * Re-reads a live key's permissions every `intervalMs`. A withdraw permission appearing, or an
 * answer that cannot be confirmed, is reported at once; a check still running when the next
 * tick comes is not doubled up.
 */
export class PermissionWatch {
  readonly #options: PermissionWatchOptions;
  #cancel: (() => void) | undefined;
  #running = false;

  constructor(options: PermissionWatchOptions) {
    this.#options = options;
  }

  get isRunning(): boolean {
    return this.#cancel !== undefined;
  }

  start(): void {
    if (this.#cancel) return;
    const scheduler = this.#options.scheduler ?? realWatchScheduler;
    this.#cancel = scheduler.every(this.#options.intervalMs, () => {
      this.checkNow().catch((error: unknown) => {
        if (this.#options.onError) this.#options.onError(error);
        else throw error;
      });
    });
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  async checkNow(): Promise<WatchOutcome> {
    if (this.#running) return 'skipped';
    this.#running = true;
    let report: PermissionReport;
    try {
      report = await this.#options.read();
    } catch {
      this.#options.onUnknown('Ballast could not re-read the key\'s permissions from the exchange.');
      return 'unknown';
    } finally {
      this.#running = false;
    }
    this.#options.onChecked?.(report);
    if (report.canWithdraw === true) {
      this.#options.onWithdrawEnabled(report);
      return 'withdraw-enabled';
    }
    if (report.canWithdraw === 'unknown') {
      this.#options.onUnknown('The exchange did not confirm that this key still cannot withdraw funds.', report);
      return 'unknown';
    }
    return 'withdraw-off';
  }
}
