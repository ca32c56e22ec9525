import { randomUUID } from 'node:crypto';
import type { AlertSeverity, EventHub, LiveStatusView, TradingMode } from '../../contract/index.ts';
import type { Logger } from '../../log/index.ts';
import { PermissionWatch, type PermissionReader, type PermissionReport, type WatchScheduler } from '../../keys/index.ts';
import { releaseKeyPermissionTrigger, reportKeyPermissions, type TradingStateMachine } from '../../risk/index.ts';

export const DEFAULT_PERMISSION_WATCH_INTERVAL_MS = 60_000;

export interface LivePermissionWatchOptions {
  readonly tradingState: TradingStateMachine;
  readonly events: EventHub;
  readonly nowMs: () => number;
  readonly log: Logger;
  readonly watchIntervalMs?: number;
  readonly scheduler?: WatchScheduler;
  /** Keeps each re-read on the key's record, so the key list shows the latest answer. */
  readonly recordReport: (keyId: string, report: PermissionReport) => Promise<unknown>;
  readonly newAlertId?: () => string;
}

interface Running {
  readonly keyId: string;
  readonly startedAtMs: number;
  readonly watch: PermissionWatch;
  lastCheckAtMs?: number;
  lastCheck?: 'withdraw-off' | 'withdraw-enabled' | 'unknown';
  /** The last check found futures or margin switched on (new entries paused). */
  futuresOrMargin?: boolean;
}

/**
 * Paper or live, and while live, the watch on the live key's permissions. Every read goes through
 * risk's one key-permission policy (`reportKeyPermissions`); this class adds what only the app
 * knows:
 * - withdrawals appear on the key: risk moves the bot to KILLED (the bot then cancels its open
 *   orders), a critical alert is raised and live trading ends, so re-arming brings the bot back
 *   in paper mode; going live again means passing the whole checklist with a key that cannot
 *   withdraw.
 * - the permissions cannot be confirmed (error, timeout, missing field): risk pauses new trades
 *   (stops stay) and a warning alert is raised. Live mode stays, so when the exchange confirms
 *   the key again the pause's cause clears and the person can look and press Resume; Ballast
 *   never resumes by itself.
 */
export class LivePermissionWatch {
  readonly #options: LivePermissionWatchOptions;
  readonly #watchIntervalMs: number;
  #running: Running | undefined;
  /** Moves on every stop (and every start): a start decided before it must not go live after it. */
  #generation = 0;
  /** The last write of a check to the key's record; events wait for it, so the screen reloads fresh data. */
  #recording: Promise<unknown> = Promise.resolve();

  constructor(options: LivePermissionWatchOptions) {
    this.#options = options;
    this.#watchIntervalMs = options.watchIntervalMs ?? DEFAULT_PERMISSION_WATCH_INTERVAL_MS;
  }

  mode(): TradingMode {
    return this.#running === undefined ? 'paper' : 'live';
  }

  /** Taken before a start's awaits and passed back to `start`, which refuses if Stop was pressed in between. */
  generation(): number {
    return this.#generation;
  }

  liveKeyId(): string | undefined {
    return this.#running?.keyId;
  }

  status(): LiveStatusView {
    const running = this.#running;
    const view: LiveStatusView = { mode: this.mode(), watchIntervalMs: this.#watchIntervalMs };
    if (running === undefined) return view;
    view.keyId = running.keyId;
    view.startedAtMs = running.startedAtMs;
    if (running.lastCheckAtMs !== undefined) view.lastCheckAtMs = running.lastCheckAtMs;
    if (running.lastCheck !== undefined) view.lastCheck = running.lastCheck;
    return view;
  }

  /** Called only after the live gate allowed it; `checkedReport` is the gate's fresh read. */
  start(keyId: string, read: PermissionReader, checkedReport: PermissionReport | undefined): LiveStatusView {
    this.#generation++;
    this.#end();
    const watch = new PermissionWatch({
      read,
      intervalMs: this.#watchIntervalMs,
      ...(this.#options.scheduler === undefined ? {} : { scheduler: this.#options.scheduler }),
      onChecked: (report) => {
        this.#record(keyId, report);
        this.#checked(this.#current(watch), report);
      },
      onWithdrawEnabled: (report) => { this.#withdrawEnabled(this.#current(watch), report); },
      onUnknown: (reason) => { this.#unknown(this.#current(watch), reason); },
      onError: (error: unknown) => { this.#options.log.error({ err: error }, 'live permission watch failed'); },
    });
    const running: Running = { keyId, startedAtMs: this.#options.nowMs(), watch };
    if (checkedReport !== undefined) {
      running.lastCheckAtMs = checkedReport.checkedAtMs;
      running.lastCheck = 'withdraw-off';
    }
    this.#running = running;
    watch.start();
    this.#options.log.info({ keyId, watchIntervalMs: this.#watchIntervalMs }, 'live trading started');
    return this.#changed();
  }

  stop(): LiveStatusView {
    this.#generation++;
    if (this.#running !== undefined) this.#options.log.info({ keyId: this.#running.keyId }, 'live trading stopped by the person');
    this.#end();
    releaseKeyPermissionTrigger(this.#options.tradingState, this.#options.nowMs());
    return this.#changed();
  }

  /**
   * A check of the live key made elsewhere (the person pressed "Check again") gets the same
   * reactions as the watch's own checks.
   */
  observe(keyId: string, report: PermissionReport): void {
    const running = this.#running?.keyId === keyId ? this.#running : undefined;
    this.#checked(running, report);
    if (report.canWithdraw === true) this.#withdrawEnabled(running, report);
    else if (report.canWithdraw === 'unknown') this.#unknown(running, 'The exchange did not confirm that this key still cannot withdraw funds.');
  }

  dispose(): void {
    this.#end();
  }

  #end(): void {
    this.#running?.watch.stop();
    this.#running = undefined;
  }

  /** Callbacks of a watch that was stopped in the meantime are ignored. */
  #current(watch: PermissionWatch): Running | undefined {
    return this.#running?.watch === watch ? this.#running : undefined;
  }

  #record(keyId: string, report: PermissionReport): void {
    this.#recording = this.#options.recordReport(keyId, report).catch((error: unknown) => {
      this.#options.log.error({ err: error, keyId }, 'could not record the live key check');
    });
  }

  #checked(running: Running | undefined, report: PermissionReport): void {
    if (running === undefined || report.canWithdraw !== false) return;
    const wasUnknown = running.lastCheck === 'unknown';
    const wasFuturesOrMargin = running.futuresOrMargin === true;
    const futuresOrMargin = report.futuresEnabled === true || report.marginEnabled === true;
    running.lastCheckAtMs = report.checkedAtMs;
    running.lastCheck = 'withdraw-off';
    running.futuresOrMargin = futuresOrMargin;
    reportKeyPermissions(this.#options.tradingState, { atMs: report.checkedAtMs, canWithdraw: false, futuresOrMarginEnabled: futuresOrMargin });
    if (futuresOrMargin) {
      if (!wasFuturesOrMargin) {
        this.#options.log.warn({ keyId: running.keyId, endpoint: report.endpoint }, 'live key can trade futures or margin: new entries paused');
        this.#alert('warning', 'Live key can now trade futures or margin',
          'The exchange reports that futures or margin trading was switched on for the key Ballast trades with. Ballast trades spot only, so it paused new trades; stops stay in place. ' +
            'Switch futures and margin off for this key on the exchange, check the key again, then press Resume.');
      }
    } else if (wasUnknown || wasFuturesOrMargin) {
      this.#alert('info', 'Live key confirmed again',
        'The exchange confirms again that your live key cannot withdraw funds. Trading stays paused until you press Resume.');
    }
    this.#changed();
  }

  #withdrawEnabled(running: Running | undefined, report: PermissionReport): void {
    if (running === undefined) return;
    this.#options.log.error({ keyId: running.keyId, endpoint: report.endpoint }, 'live key can withdraw: killing the bot');
    running.lastCheckAtMs = report.checkedAtMs;
    running.lastCheck = 'withdraw-enabled';
    this.#end();
    reportKeyPermissions(this.#options.tradingState, { atMs: report.checkedAtMs, canWithdraw: true, detail: report.endpoint });
    // Live trading ended: the kill stays latched, and re-arming brings the bot back in paper mode.
    releaseKeyPermissionTrigger(this.#options.tradingState, this.#options.nowMs());
    this.#alert('critical', 'Live key can withdraw funds: bot killed',
      'The exchange reports that the key Ballast trades with can now withdraw funds. Someone may have changed it. ' +
        'Ballast killed the bot, cancelled its open orders and went back to paper mode. Delete this key on the exchange now and create a new one without withdrawals.');
    this.#changed();
  }

  #unknown(running: Running | undefined, reason: string): void {
    if (running === undefined) return;
    const firstInARow = running.lastCheck !== 'unknown';
    running.lastCheckAtMs = this.#options.nowMs();
    running.lastCheck = 'unknown';
    reportKeyPermissions(this.#options.tradingState, { atMs: running.lastCheckAtMs, canWithdraw: 'unknown', detail: reason });
    if (firstInARow) {
      this.#alert('warning', 'Live key could not be checked',
        `${reason} Ballast paused new trades until the exchange confirms the key again. Check your connection and the key on the exchange.`);
    }
    this.#changed();
  }

  #alert(severity: AlertSeverity, title: string, message: string): void {
    const id = (this.#options.newAlertId ?? randomUUID)();
    this.#options.events.emit('alertRaised', { id, atMs: Math.max(0, Math.floor(this.#options.nowMs())), severity, title, message });
  }

  #changed(): LiveStatusView {
    const status = this.status();
    void this.#recording.then(() => { this.#options.events.emit('liveStatusChanged', status); });
    return status;
  }
}
